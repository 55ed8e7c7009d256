using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>
/// The employer tables read back into the package (PackageLoader) and exported (docs/employeurs.md): imported rows and rows
/// recorded in Jalon alike; export → import → export gives the same files, on both databases.
/// </summary>
public sealed class EmployeurExportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static JourneyPackage Generated() => JourneyGenerator.Generate(new GeneratorOptions { Structures = 2, Jeunes = 1_200, Seed = 11, Annee = 2016 });

    private string Dir(string name) => Path.Combine(_root, name);

    private static JourneyPackage Read(string dir)
    {
        var read = PackageReader.Read(dir);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.Package!;
    }

    private static void AssertSameFiles(string expected, string actual, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            Assert.True(File.Exists(Path.Combine(actual, file)), file);
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), file);
        }
    }

    [DatabaseTheory, BothProviders]
    public void The_employer_files_are_exported_back_and_export_import_export_gives_the_same_bytes(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        var data = package.Employeurs;
        Assert.True(data.Entreprises.Count > 50 && data.Echanges.Count > 50 && data.Offres.Count > 50 && data.Immersions.Count > 5);
        Assert.Contains(data.MisesEnRelation, m => m.Issue == IssueMiseEnRelation.Embauche);
        Assert.Contains(data.MisesEnRelation, m => m.Issue is null);
        PackageWriter.Write(package, Dir("source"));
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, Read(Dir("source")));
            PackageImporter.Import(db, Read(Dir("source")));
            PackageWriter.Write(PackageLoader.Load(db), Dir("export1"));
        }
        // The generated files come back byte for byte (the generator numbers offers O000001… in their order, as the export does).
        AssertSameFiles(Dir("source"), Dir("export1"), PackageWriter.EmployeurFiles);
        AssertSameFiles(Dir("source"), Dir("export1"), PackageWriter.Files);

        // The export imported again (offers get new identifiers in the database) and exported: the same files.
        using (var db = database.CreateContext())
        {
            PackageImporter.Import(db, Read(Dir("export1")));
            Assert.Equal(data.Offres.Count, db.Offres.Count());
            Assert.Equal(data.MisesEnRelation.Count, db.MisesEnRelation.Count());
            PackageWriter.Write(PackageLoader.Load(db), Dir("export2"));
        }
        AssertSameFiles(Dir("export1"), Dir("export2"), PackageWriter.EmployeurFiles.Concat(PackageWriter.Files));
    }

    [DatabaseTheory, BothProviders]
    public void Rows_recorded_in_jalon_are_loaded_exported_to_a_valid_package_and_survive_a_round_trip(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        var code = package.Structures[0].Code;
        // A young person of the first structure, arrived in 2016, with no MER nor period in the package.
        var taken = package.Employeurs.MisesEnRelation.Select(m => m.Jeune).Concat(package.Employeurs.Immersions.Select(i => i.Jeune)).ToHashSet();
        var jeune = package.Jeunes.Select((x, i) => (x, i))
            .First(x => x.x.Structure == 0 && x.x.Commune is not null && x.x.PremierAccueil.Year == 2016 && !taken.Contains(x.i)).x;
        var (jeuneId, commune, d) = (jeune.Id, jeune.Commune!, jeune.PremierAccueil.AddDays(20));
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, package);
            var entreprise = EmployeurStore.AjouterEntreprise(db, code, "36252187900035", "Boulangerie saisie", "10.71C", TailleEntreprise.Moins10, commune, d,
                contactNom: "Mme Contact", contactTelephone: "0600000000");
            EmployeurStore.AjouterEchange(db, code, entreprise.Id, d, ModeEchange.Visite, ObjetEchange.OffreEmploi, null, "note interne à ne pas exporter");
            var offre = EmployeurStore.AjouterOffre(db, code, entreprise.Id, "Vendeur en boulangerie", "D1106", TypeContrat.Cdd, 6, 35, commune, d);
            var mer = EmployeurStore.MettreEnRelation(db, code, jeuneId, TypeMiseEnRelation.Emploi, d, offre.Id).Id;
            EmployeurStore.EnregistrerIssue(db, code, mer, IssueMiseEnRelation.Embauche, d.AddDays(5), d.AddDays(14));
            EmployeurStore.MettreEnRelation(db, code, jeuneId, TypeMiseEnRelation.Formation, d.AddDays(1), organisme: "Centre de formation saisi");
            EmployeurStore.MettreEnRelation(db, code, jeuneId, TypeMiseEnRelation.Emploi, d.AddDays(2), entrepriseId: entreprise.Id);
            var immersion = EmployeurStore.AjouterImmersion(db, code, jeuneId, TypeImmersion.Pmsmp, entreprise.Id, d.AddDays(3), d.AddDays(12), "M. Tuteur", "Découvrir le métier");
            EmployeurStore.EnregistrerBilan(db, code, immersion.Id, d.AddDays(13), "texte du jeune", "texte du tuteur", "texte du conseiller", SuiteImmersion.ProjetConfirme);
        }

        JourneyPackage loaded;
        using (var db = database.CreateContext()) loaded = PackageLoader.Load(db);
        var s = loaded.Structures.Select((x, i) => (x, i)).Single(x => x.x.Code == code).i;
        var j = Array.FindIndex(loaded.Jeunes, x => x.Structure == s && x.Id == jeuneId);
        var rows = loaded.Employeurs;
        Assert.Equal(package.Employeurs.Entreprises.Count + 1, rows.Entreprises.Count);
        Assert.Contains(new EntrepriseLigne(s, "36252187900035", "Boulangerie saisie", "10.71C", TailleEntreprise.Moins10, commune, d), rows.Entreprises);
        Assert.Contains(new EchangeEntrepriseLigne(s, "36252187900035", d, ModeEchange.Visite, ObjetEchange.OffreEmploi), rows.Echanges);
        // The structure's generated offers are O000001…On, the one recorded in Jalon comes next; filled by its MER's hire.
        var n = package.Employeurs.Offres.Count(o => o.Structure == 0);
        var offreCode = "O" + (n + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new OffreLigne(s, offreCode, "36252187900035", "Vendeur en boulangerie", "D1106", TypeContrat.Cdd, 6, 35, commune, 1, d, null,
            StatutOffre.Pourvue, d.AddDays(5), ModePourvoi.MiseEnRelation), rows.Offres.Single(o => o.Siret == "36252187900035"));
        Assert.Equal(
            [
                new MiseEnRelationLigne(j, d, TypeMiseEnRelation.Emploi, offreCode, null, null, IssueMiseEnRelation.Embauche, d.AddDays(5), null, d.AddDays(14)),
                new MiseEnRelationLigne(j, d.AddDays(1), TypeMiseEnRelation.Formation, null, null, "Centre de formation saisi", null, null, null, null),
                new MiseEnRelationLigne(j, d.AddDays(2), TypeMiseEnRelation.Emploi, null, "36252187900035", null, null, null, null, null),
            ],
            rows.MisesEnRelation.Where(m => m.Jeune == j).OrderBy(m => m.Date));
        Assert.Contains(new ImmersionLigne(j, TypeImmersion.Pmsmp, d.AddDays(3), d.AddDays(12), "36252187900035", d.AddDays(13), SuiteImmersion.ProjetConfirme),
            rows.Immersions);

        // Exported: a package the validator accepts, with nothing personal and no free text of the employer side.
        PackageWriter.Write(loaded, Dir("export1"));
        Read(Dir("export1"));
        var text = string.Concat(PackageWriter.EmployeurFiles.Select(f => File.ReadAllText(Path.Combine(Dir("export1"), f))));
        Assert.Contains("Boulangerie saisie", text, StringComparison.Ordinal);
        foreach (var secret in new[] { "Mme Contact", "0600000000", "note interne", "M. Tuteur", "Découvrir le métier", "texte du" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);

        // Imported back (the recorded MER are replaced by the package's, on the same proposals and hire) and exported: the same files.
        using (var db = database.CreateContext())
        {
            PackageImporter.Import(db, Read(Dir("export1")));
            Assert.Equal(rows.MisesEnRelation.Count, db.MisesEnRelation.Count());
            Assert.Equal(1, db.Situations.Count(x => x.StructureCode == code && x.JeuneId == jeuneId && x.Type == TypeSituation.Cdd && x.Debut == d.AddDays(14)));
            PackageWriter.Write(PackageLoader.Load(db), Dir("export2"));
        }
        AssertSameFiles(Dir("export1"), Dir("export2"), PackageWriter.EmployeurFiles.Concat(PackageWriter.Files));
    }

    [DatabaseTheory, BothProviders]
    public void One_structure_loaded_has_exactly_its_employer_rows_as_ForStructure_keeps_them(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, package);
        var all = PackageLoader.Load(db);
        for (var s = 0; s < all.Structures.Count; s++)
        {
            var one = PackageLoader.Load(db, all.Structures[s].Code);
            var subset = all.ForStructure(s);
            var (a, b) = (one.Employeurs, subset.Employeurs);
            Assert.True(a.Entreprises.Count > 0 && a.Offres.Count > 0 && a.MisesEnRelation.Count > 0 && a.Immersions.Count > 0);
            Assert.Equal(a.Entreprises, b.Entreprises);
            Assert.Equal(a.Echanges, b.Echanges);
            Assert.Equal(a.Offres, b.Offres);
            Assert.Equal(a.MisesEnRelation, b.MisesEnRelation);
            Assert.Equal(a.Immersions, b.Immersions);
            // The young people's indices are those of the subset: the same young person's identifier.
            Assert.All(b.MisesEnRelation, m => Assert.Equal(subset.Jeunes[m.Jeune].Id, one.Jeunes[m.Jeune].Id));
            var p = package.Structures.Select((x, i) => (x, i)).Single(x => x.x.Code == all.Structures[s].Code).i;
            Assert.Equal(package.Employeurs.MisesEnRelation.Count(m => package.Jeunes[m.Jeune].Structure == p), a.MisesEnRelation.Count);
            Assert.Equal(package.Employeurs.Offres.Count(o => o.Structure == p), a.Offres.Count);
        }
        // The generated package itself, cut by structure: the same rows as its structure's part.
        var second = package.ForStructure(1);
        Assert.Equal(package.Employeurs.Entreprises.Where(e => e.Structure == 1).Select(e => e with { Structure = 0 }), second.Employeurs.Entreprises);
        Assert.Equal(package.Employeurs.Offres.Where(o => o.Structure == 1).Select(o => o with { Structure = 0 }), second.Employeurs.Offres);
        Assert.Equal(package.Employeurs.Immersions.Where(i => package.Jeunes[i.Jeune].Structure == 1).Select(i => package.Jeunes[i.Jeune].Id),
            second.Employeurs.Immersions.Select(i => second.Jeunes[i.Jeune].Id));
    }
}
