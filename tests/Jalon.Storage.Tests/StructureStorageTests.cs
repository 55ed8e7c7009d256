using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Referentiels;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;
using Jalon.Storage.Structures;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The structure side in the database: import/export of the seed packages, the repository the screens use, zones.</summary>
public class StructureStorageTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static JourneyPackage Read(string dir)
    {
        var read = PackageReader.Read(dir);
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.Package!;
    }

    [DatabaseTheory, BothProviders]
    public void The_seed_packages_are_imported_and_exported_identically(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var root = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var db = database.CreateMigratedContext())
            {
                foreach (var fixture in new[] { "drome-des-collines", "moulins" })
                {
                    PackageWriter.Write(Read(Fixture(fixture)), Path.Combine(root, fixture));
                    PackageImporter.Import(db, Read(Path.Combine(root, fixture)));
                }
                PackageImporter.Import(db, Read(Path.Combine(root, "moulins"))); // idempotent
                foreach (var fixture in new[] { ("drome-des-collines", "DDCRV"), ("moulins", "MOULINS") })
                    PackageWriter.Write(PackageLoader.Load(db, fixture.Item2), Path.Combine(root, "export-" + fixture.Item1));
                Assert.Equal(126, db.TerritoireCommunes.Count(t => t.StructureCode == "MOULINS"));
                Assert.Equal(47, db.BrhLignes.Count(b => b.StructureCode == "DDCRV"));
            }
            foreach (var fixture in new[] { "drome-des-collines", "moulins" })
            {
                foreach (var file in PackageWriter.Files)
                    Assert.True(File.ReadAllText(Path.Combine(root, fixture, file)) == File.ReadAllText(Path.Combine(root, "export-" + fixture, file)), $"{fixture}/{file}");
            }
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [DatabaseTheory, BothProviders]
    public void A_package_without_structure_files_keeps_what_was_entered_in_jalon(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, Read(Fixture("drome-des-collines")));
        var repository = new StructureRepository(db);
        repository.EnregistrerBudgetAsync("DDCRV", 2010, [new BudgetLigne(0, 2010, Financeur.Etat, NatureBudget.Subvention, 500_000)], 1, "directeur").Wait();

        // The same structure, journeys only.
        var journeysOnly = new JourneyPackageBuilder();
        journeysOnly.AddStructure(new Structure("DDCRV", "Mission Locale Drôme des Collines-Royans-Vercors", "84", "26"));
        PackageImporter.Import(db, journeysOnly.Build());

        Assert.Equal(47, db.BrhLignes.Count(b => b.StructureCode == "DDCRV"));
        Assert.Equal(99, db.TerritoireCommunes.Count(b => b.StructureCode == "DDCRV"));
        Assert.Equal(500_000m, Assert.Single(db.BudgetLignes.Where(b => b.StructureCode == "DDCRV")).Montant);
    }

    [DatabaseTheory, BothProviders]
    public void The_dashboards_read_the_fte_of_the_brh_and_the_financing_of_the_budget_as_the_engine_does(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var moulins = Read(Fixture("moulins"));
        var builder = new JourneyPackageBuilder { StructureData = moulins.StructureData };
        builder.AddStructure(moulins.Structures[0]);
        builder.Moyens.Add(new Moyens(0, 2019, 2000, 1000, 30, 20, 1_600_000, 1_500_000, 853_591, 100_000));
        var package = builder.Build();
        PackageImporter.Import(db, package);
        new StructureRepository(db).EnregistrerBrhAsync("MOULINS", 2019, [new BrhLigne(0, 2019, "A2", 20, 8.5m, 28.5m), new BrhLigne(0, 2019, "A31", 17, 5, 22)], null, null).Wait();
        var catalogue = Catalogue.Load("cpo-2015");
        var request = new IndicatorRequest(Period.Year(2019));

        var stored = new IndicatorStore(db).Compute(catalogue, request).Current;
        var engine = IndicatorEngine.Compute(PackageLoader.Load(db), catalogue, request).Current;

        foreach (var (key, expected) in new[] { ("I9", 28.5), ("I9.1", 22), ("I10", 1_756_332), ("I10.1.a", 1_500_000), ("I10.1.b", 705_004), ("I10.1.c", 175_893) })
        {
            Assert.Equal(expected, stored.Get(Level.Structure, "MOULINS", key).Number);
            Assert.Equal(expected, engine.Get(Level.Structure, "MOULINS", key).Number);
        }
        var effectifs = new StructureRepository(db).MoyensEffectifsAsync("MOULINS", 2019).Result;
        Assert.Equal(["etp_total", "etp_accompagnement", "financement_total", "financement_etat", "financement_fse"], effectifs.Ecarts.Select(e => e.Colonne));
    }

    [DatabaseTheory, BothProviders]
    public void The_profile_is_kept_as_dated_versions_and_read_as_of_a_date(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        db.Structures.Add(new StructureEntity { Code = "DDCRV", Nom = "Mission Locale Drôme des Collines-Royans-Vercors", Region = "84" });
        db.SaveChanges();
        var repository = new StructureRepository(db);
        var v2010 = new ProfilStructure
        {
            RaisonSociale = "Mission Locale Drôme des Collines-Royans-Vercors", Adresse = "3, place du Champ de Mars", BoitePostale = "BP 197",
            CodePostal = "26100", Commune = "26281", Ville = "Romans-sur-Isère", CodeCedex = "26105",
            Telephones = [new("Ligne partenaires", "04 75 70 79 41"), new("Ligne jeunes", "04 75 70 79 40")],
            President = "Gérard WILLMANN", Directeur = "Pierre BRILLAUD",
            Colleges = [new("Collège des élus", NatureCollege.Deliberatif), new("Collège des administrations", NatureCollege.Consultatif)],
        };

        Assert.Empty(repository.EnregistrerProfilAsync("DDCRV", new DateOnly(2010, 1, 1), v2010, null, "directeur").Result);
        Assert.Empty(repository.EnregistrerProfilAsync("DDCRV", new DateOnly(2012, 9, 1), v2010 with { President = "Nouvelle présidente" }, null, "directeur").Result);
        var refus = repository.EnregistrerProfilAsync("DDCRV", new DateOnly(2013, 1, 1), v2010 with { Siret = "12345" }, null, "directeur").Result;

        Assert.Equal("Siret", Assert.Single(refus).Champ);
        Assert.Equal(2, repository.ProfilHistoriqueAsync("DDCRV").Result.Count);
        Assert.Null(repository.ProfilAsync("DDCRV", new DateOnly(2009, 12, 31)).Result);
        var asOf2011 = repository.ProfilAsync("DDCRV", new DateOnly(2011, 6, 30)).Result!;
        Assert.Equal("Gérard WILLMANN", asOf2011.Profil.President);
        Assert.Equal(["Ligne partenaires", "Ligne jeunes"], asOf2011.Profil.Telephones.Select(t => t.Libelle));
        Assert.Equal(NatureCollege.Consultatif, asOf2011.Profil.Colleges[1].Nature);
        Assert.Equal("26105 ROMANS-SUR-ISÈRE CEDEX", asOf2011.Profil.AdressePostale()[^1]);
        Assert.Equal("Nouvelle présidente", repository.ProfilAsync("DDCRV", new DateOnly(2013, 1, 1)).Result!.Profil.President);
        Assert.Equal(2, db.AuditLog.Count(a => a.Entity == "profil" && a.StructureCode == "DDCRV"));
    }

    [DatabaseTheory, BothProviders]
    public void The_repository_saves_a_brh_with_its_anomalies_a_territory_with_its_overlaps_and_counts_activity_per_site(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, Read(Fixture("drome-des-collines")));
        PackageImporter.Import(db, Read(Fixture("moulins")));
        var repository = new StructureRepository(db);

        // The BRH of seed 000 saved through the repository: its four inconsistencies, saved anyway.
        var brh = repository.BrhAsync("DDCRV", 2010).Result;
        var ecarts = repository.EnregistrerBrhAsync("DDCRV", 2010, brh, null, "directeur").Result;
        Assert.Equal(["B1", "A12", "A121", "A122"], ecarts.Select(e => e.Code));
        Assert.Equal(47, repository.BrhAsync("DDCRV", 2010).Result.Count);

        // Moulins takes a commune of the Drôme des Collines: both see the overlap.
        repository.EnregistrerTerritoireAsync("MOULINS",
            [.. repository.TerritoireAsync("MOULINS").Result, new TerritoireCommune(0, "26281", new DateOnly(2019, 1, 1), null)], null, "directeur").Wait();
        Assert.Equal([("26281", "MOULINS", new DateOnly(2019, 1, 1))], repository.ChevauchementsAsync("DDCRV").Result);
        Assert.Equal(127, repository.TerritoireCalculeAsync("MOULINS", new DateOnly(2019, 6, 1)).Result.Communes.Count);

        // The declared territory against the computed one.
        repository.EnregistrerDeclarationAsync("MOULINS", new TerritoireDeclare { Date = new DateOnly(2019, 1, 1), Communes = 127, Epcis = 4 }, null, "directeur").Wait();
        Assert.Equal(["4 intercommunalités déclarées, 5 selon les communes couvertes"],
            repository.EcartsTerritoireAsync("MOULINS", new DateOnly(2019, 6, 1)).Result.Select(e => e.Message));

        // Contacts recorded at sites.
        db.Jeunes.Add(new JeuneEntity { StructureCode = "DDCRV", JeuneId = "J1", Naissance = new DateOnly(2000, 1, 1), PremierAccueil = new DateOnly(2019, 3, 4) });
        db.Jeunes.Add(new JeuneEntity { StructureCode = "DDCRV", JeuneId = "J2", Naissance = new DateOnly(2000, 1, 1), PremierAccueil = new DateOnly(2018, 3, 4) });
        db.Contacts.AddRange(
            new ContactEntity { StructureCode = "DDCRV", JeuneId = "J1", Date = new DateOnly(2019, 3, 4), Mode = ModeContact.Entretien, SiteId = "ROMANS" },
            new ContactEntity { StructureCode = "DDCRV", JeuneId = "J1", Date = new DateOnly(2019, 4, 4), Mode = ModeContact.Telephone, SiteId = "ROMANS" },
            new ContactEntity { StructureCode = "DDCRV", JeuneId = "J2", Date = new DateOnly(2019, 4, 5), Mode = ModeContact.Entretien, SiteId = "TAIN-1" },
            new ContactEntity { StructureCode = "DDCRV", JeuneId = "J2", Date = new DateOnly(2019, 5, 5), Mode = ModeContact.Entretien });
        db.SaveChanges();
        Assert.Equal(
        [
            new ActiviteSite("ROMANS", 2, 1, 1, 1), new ActiviteSite("TAIN-1", 1, 1, 0, 1), new ActiviteSite(null, 1, 1, 0, 1),
        ], repository.ActiviteParSiteAsync("DDCRV", Period.Year(2019)).Result);
    }

    [DatabaseTheory, BothProviders]
    public void Zone_lists_are_imported_with_their_dates_and_answer_instead_of_the_sample(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var store = new ZoneStore(db);
        Assert.True(store.ReferenceAsync().Result.IsIn(ZoneType.Zrr, "26074", new DateOnly(2025, 1, 1))); // the sample

        store.ImportAsync(new ZoneList(ZoneType.Zrr, "FRR 2024", new DateOnly(2024, 7, 1), null, [new ZoneEntry("03103"), new ZoneEntry("03132")], "frr.csv")).Wait();
        store.ImportAsync(new ZoneList(ZoneType.Zrr, "FRR 2024", new DateOnly(2024, 7, 1), null, [new ZoneEntry("03103")], "frr.csv")).Wait(); // replaces

        var reference = store.ReferenceAsync().Result;
        Assert.True(reference.IsIn(ZoneType.Zrr, "03103", new DateOnly(2025, 1, 1)));
        Assert.False(reference.IsIn(ZoneType.Zrr, "03132", new DateOnly(2025, 1, 1)));
        Assert.False(reference.IsIn(ZoneType.Zrr, "26074", new DateOnly(2025, 1, 1))); // the sample no longer answers for ZRR
        Assert.False(reference.Covers(ZoneType.Zrr, new DateOnly(2024, 6, 30)));
        Assert.True(reference.Covers(ZoneType.Qpv, new DateOnly(2025, 1, 1))); // still the sample for QPV
        var liste = Assert.Single(store.ListesAsync().Result);
        Assert.Equal((ZoneType.Zrr, "FRR 2024", 1), (liste.Type, liste.Liste, liste.Communes));
    }
}
