using System.Data.Common;
using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Exchange;
using Jalon.Storage.Cej;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The CEJ files (activites.csv, allocations.csv) imported into CejActivites / CejAllocations and exported back (docs/cej.md).</summary>
public sealed class CejImportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static JourneyPackage Generated() =>
        Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 2, Jeunes = 400, Seed = 3, Annee = 2024 });

    private string Write(JourneyPackage package, string name)
    {
        var dir = Path.Combine(_root, name);
        PackageWriter.Write(package, dir);
        return dir;
    }

    private static JourneyPackage Read(string dir)
    {
        var read = PackageReader.Read(dir);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.Package!;
    }

    [DatabaseTheory, BothProviders]
    public void The_cej_files_are_stored_and_exported_back_byte_for_byte(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        Assert.True(package.Activites is { Count: > 100 } && package.Allocations is { Count: > 10 });
        Assert.Contains(package.Activites!.All.ToArray(), a => a.Session is not null);
        Assert.Contains(package.Allocations!.All.ToArray(), a => a.RetourAsp is not null);
        Assert.Contains(package.Allocations!.All.ToArray(), a => a.MontantDemande is null);
        var source = Write(package, "source");
        var export = Path.Combine(_root, "export");
        using (var db = database.CreateMigratedContext())
        {
            var first = PackageImporter.Import(db, Read(source));
            Assert.Equal(package.Activites.Count + package.Allocations.Count, first.Plan.Structures.Sum(s => s.CejAjoutees));
            Assert.Equal(package.Activites.Count, db.CejActivites.Count(a => a.Ref == CejExchange.RefPaquet));
            Assert.Equal(package.Allocations.Count, db.CejAllocations.Count(a => a.Ref == CejExchange.RefPaquet));
            Assert.Equal(package.Activites.All.ToArray().Count(a => a.Realisee), db.CejActivites.Count(a => a.Etat == EtatActivite.Realisee));

            // Importing the same files again changes nothing in the CEJ tables.
            var again = PackageImporter.Import(db, Read(source));
            Assert.All(again.Plan.Structures, s => Assert.Equal((0, 0), (s.CejAjoutees, s.CejSupprimees)));
            Assert.Equal(package.Activites.Count, db.CejActivites.Count());
            PackageWriter.Write(PackageLoader.Load(db), export);
        }
        foreach (var file in PackageWriter.Files.Concat(PackageWriter.CejFiles).Where(f => File.Exists(Path.Combine(source, f))))
            Assert.True(File.ReadAllBytes(Path.Combine(source, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(export, file))), file);
        Assert.True(File.Exists(Path.Combine(export, "activites.csv")) && File.Exists(Path.Combine(export, "allocations.csv")));
    }

    [DatabaseTheory, BothProviders]
    public void A_reimport_replaces_the_imported_rows_and_keeps_what_was_entered_in_jalon(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        var source = Write(package, "source");
        CejActiviteEntity saisie;
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, Read(source));
            var any = db.CejActivites.AsNoTracking().OrderBy(a => a.Id).First();
            saisie = new CejActiviteEntity
            {
                StructureCode = any.StructureCode, JeuneId = any.JeuneId, Date = any.Date, Categorie = CategorieActivite.Sante, Heures = 2.5m,
                Etat = EtatActivite.Realisee, Libelle = "Bilan de santé",
            };
            db.CejActivites.Add(saisie);
            db.SaveChanges();
        }

        // Export, then import the export: the activity entered in Jalon is recognised, not written twice.
        var export = Path.Combine(_root, "export");
        using (var db = database.CreateContext()) PackageWriter.Write(PackageLoader.Load(db), export);
        using (var db = database.CreateContext())
        {
            var result = PackageImporter.Import(db, Read(export));
            Assert.All(result.Plan.Structures, s => Assert.Equal((0, 0), (s.CejAjoutees, s.CejSupprimees)));
            Assert.Equal(package.Activites!.Count + 1, db.CejActivites.Count());
            Assert.Equal("Bilan de santé", db.CejActivites.Single(a => a.Ref == null).Libelle);
        }

        // A package with only the first 50 activities: the other imported ones go, the entered one stays.
        var lines = File.ReadAllLines(Path.Combine(source, "activites.csv"));
        File.WriteAllLines(Path.Combine(source, "activites.csv"), lines.Take(51));
        using (var db = database.CreateContext())
        {
            var result = PackageImporter.Import(db, Read(source));
            Assert.Equal(package.Activites.Count - 50, result.Plan.Structures.Sum(s => s.CejSupprimees));
            Assert.Equal(50, db.CejActivites.Count(a => a.Ref == CejExchange.RefPaquet));
            Assert.Equal(saisie.Id, db.CejActivites.Single(a => a.Ref == null).Id);
            Assert.Equal(package.Allocations!.Count, db.CejAllocations.Count());
        }
    }

    [DatabaseTheory, BothProviders]
    public void An_allowance_month_entered_in_jalon_is_never_replaced_by_an_import(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        var source = Write(package, "source");
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, Read(source));
            // The director's validated month, as the web writes it (Ref null), in place of the imported one.
            var month = db.CejAllocations.OrderBy(a => a.Id).First();
            db.CejAllocations.Remove(month);
            db.SaveChanges();
            db.CejAllocations.Add(new CejAllocationEntity
            {
                StructureCode = month.StructureCode, JeuneId = month.JeuneId, Mois = month.Mois, Situation = nameof(FoyerFiscal.NonImposable),
                MontantCentimes = 12_345, Statut = StatutAllocation.ValideDirection, ValideeConseillerPar = "conseiller1", ValideeConseillerLe = DateTime.UtcNow,
                ValideeDirecteurPar = "directeur", ValideeDirecteurLe = DateTime.UtcNow,
            });
            db.SaveChanges();
        }
        using (var db = database.CreateContext())
        {
            PackageImporter.Import(db, Read(source));
            Assert.Equal(package.Allocations!.Count, db.CejAllocations.Count());
            var kept = db.CejAllocations.Single(a => a.Ref == null);
            Assert.Equal((12_345L, StatutAllocation.ValideDirection), (kept.MontantCentimes, kept.Statut));
        }
    }

    [DatabaseTheory, BothProviders]
    public void Invalid_cej_files_are_refused_with_located_errors_and_a_failed_import_leaves_the_database_unchanged(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        var source = Write(package, "source");
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, Read(source));
        var before = Dump(database);

        var bad = Path.Combine(_root, "bad");
        PackageWriter.Write(package, bad);
        var activites = Path.Combine(bad, "activites.csv");
        var first = File.ReadLines(activites).Skip(1).First().Split(',');
        File.AppendAllText(activites, $"{first[0]},{first[1]},2024-05-06,BIDON,30,1,\n{first[0]},{first[1]},2024-05-07,SANTE,2.555,1,\n");
        var allocations = Path.Combine(bad, "allocations.csv");
        var alloc = File.ReadLines(allocations).Skip(1).First().Split(',');
        File.AppendAllText(allocations, $"{alloc[0]},{alloc[1]},2024-13,-5,,PAYE,\n");
        var nActivites = File.ReadAllLines(activites).Length;
        var nAllocations = File.ReadAllLines(allocations).Length;

        var read = PackageReader.Read(bad);
        Assert.Null(read.Package);
        var errors = read.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains($"activites.csv:{nActivites - 1}: categorie: ", string.Join("\n", errors), StringComparison.Ordinal);
        Assert.Contains(errors, e => e.StartsWith($"activites.csv:{nActivites - 1}: heures: 30 heures (attendu plus de 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"activites.csv:{nActivites}: heures: 2.555 heures : au plus deux décimales", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"allocations.csv:{nAllocations}: mois: mois invalide « 2024-13 »", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"allocations.csv:{nAllocations}: montant_du: montant dû négatif", StringComparison.Ordinal));

        // A valid package whose CEJ rows the database refuses (a trigger): the whole import is undone, events included.
        var other = Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 2, Jeunes = 400, Seed = 4, Annee = 2024 });
        using (var db = database.CreateContext())
        {
            db.Database.ExecuteSqlRaw(provider == DatabaseProvider.Sqlite
                ? """CREATE TRIGGER "refus" BEFORE INSERT ON "CejAllocations" BEGIN SELECT RAISE(ABORT, 'refusé'); END"""
                : """
                  CREATE FUNCTION refus() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refusé'; END $$;
                  CREATE TRIGGER "refus" BEFORE INSERT ON "CejAllocations" FOR EACH ROW EXECUTE FUNCTION refus();
                  """);
            Assert.ThrowsAny<DbException>(() => PackageImporter.Import(db, other));
        }
        Assert.Equal(before, Dump(database));
    }

    /// <summary>The import tables' rows (<see cref="ImportExportTests.Dump"/>) and the CEJ rows, as text, sorted.</summary>
    private static List<string> Dump(TestDatabase database)
    {
        var rows = ImportExportTests.Dump(database);
        using var db = database.CreateContext();
        rows.AddRange(db.CejActivites.AsNoTracking().AsEnumerable()
            .Select(a => $"A {a.Id} {a.StructureCode}/{a.JeuneId} {a.Date:O} {a.Categorie} {a.Heures} {a.Etat} {a.Session} {a.Ref}"));
        rows.AddRange(db.CejAllocations.AsNoTracking().AsEnumerable()
            .Select(a => $"M {a.Id} {a.StructureCode}/{a.JeuneId} {a.Mois:O} {a.MontantCentimes} {a.MontantDemandeCentimes} {a.Statut} {a.MotifRejet} {a.Ref}"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
