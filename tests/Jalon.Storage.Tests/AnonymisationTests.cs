using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Domain.Rgpd;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;
using Jalon.Storage.Rgpd;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The retention rule and erasure (docs/rgpd.md): identity gone, journey facts kept, indicators unchanged.</summary>
public class AnonymisationTests
{
    /// <summary>Generated journeys over 2015–2016, with identities, comments and diagnostic domains on them.</summary>
    private static JourneyPackage Generated() =>
        Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 3, Jeunes = 600, Seed = 21 });

    private static void ImportWithIdentities(JalonDbContext db, JourneyPackage package)
    {
        PackageImporter.Import(db, package);
        var n = 0;
        foreach (var j in db.Jeunes.ToList())
        {
            j.Nom = "Nom" + n;
            j.Prenom = "Prénom" + n;
            j.Email = $"jeune{n}@exemple.fr";
            j.Telephone = "06 00 00 00 " + (n++ % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var c in db.Contacts.Where(c => c.Diagnostic).ToList())
        {
            c.Commentaire = "Synthèse : santé fragile";
            c.DiagnosticDomaines.Add(new DiagnosticDomaineEntity { StructureCode = c.StructureCode, Domaine = DomaineDiagnostic.Sante, Appreciation = AppreciationDiagnostic.FreinImportant, Note = "Traitement en cours" });
        }
        db.SaveChanges();
    }

    /// <summary>Every figure of every catalogue, every level, for each year of the package and the two years around, with N−1.</summary>
    private static List<string> AllIndicators(JalonDbContext db)
    {
        var package = PackageLoader.Load(db);
        var rows = new List<string>();
        foreach (var id in Catalogue.Available)
        {
            var catalogue = Catalogue.Load(id);
            foreach (var year in new[] { 2014, 2015, 2016, 2017 })
            {
                var results = IndicatorEngine.Compute(package, catalogue, new IndicatorRequest(Period.Year(year)) { WithPreviousYear = true });
                foreach (var (label, period) in new[] { ("N", results.Current), ("N-1", results.Previous!) })
                {
                    foreach (var row in period.Rows())
                    {
                        var v = row.Value;
                        rows.Add($"{id} {year} {label} {row.Level.Level} {row.Level.Code} {row.Key} {v.Count} {v.Number:R} {v.Femmes} {v.InfraV} {v.Qpv} {v.Zrr} {v.Neet}");
                    }
                }
            }
        }
        Assert.True(rows.Count > 1000);
        return rows;
    }

    [DatabaseTheory, BothProviders]
    public void Anonymising_every_file_keeps_every_indicator_of_every_catalogue(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        ImportWithIdentities(db, Generated());
        var before = AllIndicators(db);
        var request = new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true };
        var stored = new IndicatorStore(db).Compute(Catalogue.Load("cpo-2015"), request);
        var jeunes = db.Jeunes.Count();

        var rapport = Anonymisation.AppliquerConservation(db, new DateOnly(2026, 11, 24), Conservation.AnneesParDefaut, simulation: false, "test");

        Assert.Equal(jeunes, rapport.Dossiers);
        Assert.Equal(before, AllIndicators(db));
        // The dashboards (stored tallies, recomputed since the structures' revisions moved) too.
        var after = new IndicatorStore(db).Compute(Catalogue.Load("cpo-2015"), request);
        Assert.Equal(stored.Current.Rows().Select(r => (r.Key, r.Level, r.Value)), after.Current.Rows().Select(r => (r.Key, r.Level, r.Value)));
        // Identity gone, journey facts kept.
        Assert.Equal(jeunes, db.Jeunes.Count(j => j.AnonymiseLe != null && j.JeuneId.StartsWith("ANO")));
        Assert.False(db.Jeunes.Any(j => j.Nom != null || j.Prenom != null || j.Email != null || j.Telephone != null || j.Commune != null || j.ConseillerId != null));
        Assert.True(db.Jeunes.AsEnumerable().All(j => j.Naissance.Day == 1));
        Assert.False(db.Contacts.Any(c => c.Commentaire != null || c.AuteurId != null || c.Ref != null));
        Assert.False(db.DiagnosticDomaines.Any());
        Assert.Equal(jeunes, db.JeunesEffaces.Count());
        Assert.Equal(jeunes, db.AuditLog.Count(a => a.Action == AuditAction.Suppression && a.Entity == "jeune" && a.Detail!.StartsWith("anonymisation (conservation)")));
    }

    /// <summary>
    /// A 2024 package (CEJ with activities and allowances, companies, offers, MER, periods in a company): every row of the
    /// file moves to the anonymised young person (an allowance used to block the anonymisation, the CEJ weeks and
    /// activities were deleted with the old identifier, the MER and periods kept it), the CEJ figures do not change, and the
    /// period's tutor, objective, review and convention id are gone.
    /// </summary>
    [DatabaseTheory, BothProviders]
    public void Anonymising_moves_the_cej_and_employer_rows_keeps_their_figures_and_clears_their_texts(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var package = Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 2, Jeunes = 600, Seed = 8, Annee = 2024 });
        Assert.True(package.Allocations?.Count > 0 && package.Activites?.Count > 0);
        Assert.True(package.Employeurs.MisesEnRelation.Count > 0 && package.Employeurs.Immersions.Count > 0);
        PackageImporter.Import(db, package);
        db.Database.ExecuteSqlRaw("""UPDATE "Immersions" SET "Tuteur" = 'Mme Tutrice', "Objectif" = 'Découvrir la cuisine', "BilanJeune" = 'Très bien', "BilanTuteur" = 'Ponctuel', "BilanConseiller" = 'À poursuivre', "ConventionId" = 'IF-' || CAST("Id" AS TEXT)""");
        string[] tables = ["CejActivites", "CejAllocations", "MisesEnRelation", "Immersions"];
        long Count(string sql) => db.Database.SqlQueryRaw<long>(sql).AsEnumerable().Single();
        var counts = tables.Select(t => Count($"""SELECT COUNT(*) AS "Value" FROM "{t}" """)).ToList();
        Assert.All(counts, c => Assert.True(c > 0));
        var cej = Catalogue.Load("cej");
        string Figures() => string.Join("\n", IndicatorEngine.Compute(PackageLoader.Load(db), cej, new IndicatorRequest(Period.Year(2024)) { WithPreviousYear = true })
            .Current.Rows().Select(r => $"{r.Level.Code} {r.Key} {r.Value.Count} {r.Value.Number:R}"));
        var before = Figures();
        var employeurs = PackageLoader.Load(db).Employeurs;

        var rapport = Anonymisation.AppliquerConservation(db, new DateOnly(2040, 1, 1), Conservation.AnneesParDefaut, simulation: false, "test");

        Assert.Equal(package.Jeunes.Length, rapport.Dossiers);
        Assert.Equal(before, Figures());
        Assert.Equal(counts, tables.Select(t => Count($"""SELECT COUNT(*) AS "Value" FROM "{t}" WHERE "JeuneId" LIKE 'ANO%'""")).ToList());
        var after = PackageLoader.Load(db).Employeurs;
        Assert.Equal(employeurs.MisesEnRelation.Count, after.MisesEnRelation.Count);
        Assert.Equal(employeurs.Immersions.Count, after.Immersions.Count);
        Assert.False(db.Immersions.Any(i => i.Tuteur != null || i.Objectif != null || i.BilanJeune != null || i.BilanTuteur != null || i.BilanConseiller != null || i.ConventionId != null));
    }

    [DatabaseTheory, BothProviders]
    public void Only_the_files_without_actualite_for_the_retention_are_anonymised_and_a_simulation_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Generated();
        using (var db = database.CreateMigratedContext()) ImportWithIdentities(db, package);
        // Today such that the files whose last actualité is before mid-2016 are due (two years).
        var today = new DateOnly(2018, 7, 1);
        var due = new HashSet<(string, string)>();
        for (var j = 0; j < package.Jeunes.Length; j++)
        {
            if (Conservation.EstEchu(package.Journey(j).DerniereActualite(today), today, 2))
                due.Add((package.Structures[package.Jeunes[j].Structure].Code, package.Jeunes[j].Id));
        }
        Assert.InRange(due.Count, 1, package.Jeunes.Length - 1);
        var rows = BackupTests.AllRows(database);

        var output = new StringWriter();
        Assert.Equal(0, RgpdCommand.Anonymiser(database.CreateContext, 2, simulation: true, today, output));

        Assert.Equal(rows, BackupTests.AllRows(database));
        var text = output.ToString();
        Assert.StartsWith("Simulation : rien n'a été modifié. Durée de conservation : 2 an(s) sans actualité (dernière actualité avant le 01/07/2016).", text, StringComparison.Ordinal);
        Assert.Contains($"Total : {due.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} dossier(s) à anonymiser", text, StringComparison.Ordinal);
        Assert.Contains("seraient effacés : nom, prénom, courriel, téléphone", text, StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(0, RgpdCommand.Anonymiser(database.CreateContext, 2, simulation: false, today, output));

        using var check = database.CreateContext();
        var remaining = check.Jeunes.Where(j => j.AnonymiseLe == null).Select(j => new { j.StructureCode, j.JeuneId, j.Nom }).ToList();
        Assert.Equal(package.Jeunes.Length - due.Count, remaining.Count);
        Assert.All(remaining, j => Assert.DoesNotContain((j.StructureCode, j.JeuneId), due));
        Assert.All(remaining, j => Assert.NotNull(j.Nom));
        // Run again: nothing more is due.
        Assert.Empty(Anonymisation.Echus(check, today, 2));
    }

    [DatabaseTheory, BothProviders]
    public void Erasure_on_request_anonymises_one_file_at_once_and_is_audited(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        ImportWithIdentities(db, Generated());
        var target = db.Jeunes.AsNoTracking().OrderBy(j => j.JeuneId).First();
        var others = db.Jeunes.Count(j => j.Nom != null) - 1;

        var nouvel = Anonymisation.Effacer(db, target.StructureCode, target.JeuneId, "courrier du 2 mars 2026", "directeur", 7);

        Assert.False(db.Jeunes.Any(j => j.StructureCode == target.StructureCode && j.JeuneId == target.JeuneId));
        var erased = db.Jeunes.Single(j => j.StructureCode == target.StructureCode && j.JeuneId == nouvel);
        Assert.Equal((null, null, target.Sexe, target.PremierAccueil, new DateOnly(target.Naissance.Year, target.Naissance.Month, 1)),
            (erased.Nom, erased.Email, erased.Sexe, erased.PremierAccueil, erased.Naissance));
        Assert.Equal(others, db.Jeunes.Count(j => j.Nom != null));
        var audit = db.AuditLog.Single(a => a.StructureCode == target.StructureCode && a.JeuneId == target.JeuneId && a.Action == AuditAction.Suppression);
        Assert.Equal(("directeur", 7, "effacement à la demande de la personne : courrier du 2 mars 2026"), (audit.UserLogin, audit.UserId, audit.Detail));
    }
}
