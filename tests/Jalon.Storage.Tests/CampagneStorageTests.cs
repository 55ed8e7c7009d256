using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Storage.Campagnes;
using Jalon.Storage.Exchange;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Structures;

namespace Jalon.Storage.Tests;

/// <summary>The CRA campaigns in the database: frozen versions, the difference with live data, concurrency, audit.</summary>
public class CampagneStorageTests
{
    private static readonly Acteur Etat = new("Agent DREETS", Role.AgentEtatRegional, null, "84");
    private static readonly Acteur Directeur = new("Directeur DDCRV", Role.Directeur, "DDCRV", "84");
    private static readonly DateOnly Today = new(2011, 1, 10);

    private static JourneyPackage Drome()
    {
        var read = PackageReader.Read(Path.Combine(AppContext.BaseDirectory, "drome-des-collines"));
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.Package!;
    }

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();

    /// <summary>Opens the February 2011 campaign of region 84 and has DDCRV submit it; returns the campaign id.</summary>
    private static Guid OpenAndSubmit(JalonDbContext db)
    {
        PackageImporter.Import(db, Drome());
        var repo = new CampagneRepository(db);
        var campagne = Campagne.Ouvrir(Etat, "84", 2011, TypeCampagne.Fevrier, new DateOnly(2011, 2, 28), Today, DateTimeOffset.UtcNow);
        Run(repo.EnregistrerAsync(campagne, 0, Etat.Nom, null, "etat.region"));
        var (soumission, version) = Run(repo.SoumissionAsync(campagne.Id, "DDCRV"));
        Assert.Empty(soumission.Enregistrer(Directeur, campagne, new Dictionary<string, string?> { ["commentaire"] = "Année de transition." }, DateTimeOffset.UtcNow));
        var contenu = Run(repo.ContenuActuelAsync(campagne, "DDCRV", Catalogue.Load(Catalogue.Defaut), soumission.Champs));
        var figee = soumission.Soumettre(Directeur, campagne, contenu, DateTimeOffset.UtcNow);
        Run(repo.EnregistrerAsync(campagne, soumission, version, figee, Directeur.Nom, null, "directeur"));
        return campagne.Id;
    }

    [DatabaseTheory, BothProviders]
    public void A_frozen_version_is_unchanged_by_a_later_edit_or_reimport_and_the_difference_with_live_data_is_shown(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        Guid id;
        string frozen;
        using (var db = database.CreateMigratedContext())
        {
            id = OpenAndSubmit(db);
            var (soumission, _) = Run(new CampagneRepository(db).SoumissionAsync(id, "DDCRV"));
            Assert.Equal(EtatSoumission.Soumise, soumission.Etat);
            var v1 = Assert.Single(Run(new CampagneRepository(db).VersionsAsync(soumission.Id)));
            Assert.Equal(1, v1.Numero);
            Assert.Equal(29m, v1.Contenu.Brh.Single(b => b.Code == "B1").Total);
            Assert.Equal("Année de transition.", v1.Contenu.Champs["commentaire"]);
            Assert.NotEmpty(v1.Contenu.Indicateurs);
            frozen = v1.Contenu.Serialiser();
        }
        using (var db = database.CreateContext())
        {
            // An edit of the BRH after the submission.
            var structures = new StructureRepository(db);
            var brh = Run(structures.BrhAsync("DDCRV", 2010)).Select(b => b.Code == "B1" ? b with { Femmes = 19, Total = 25 } : b).ToList();
            Run(structures.EnregistrerBrhAsync("DDCRV", 2010, brh, null, "directeur"));
        }
        using (var db = database.CreateContext())
        {
            var repo = new CampagneRepository(db);
            var campagne = Run(repo.CampagneAsync(id))!.Value.Campagne;
            var (soumission, _) = Run(repo.SoumissionAsync(id, "DDCRV"));
            var v1 = Assert.Single(Run(repo.VersionsAsync(soumission.Id)));
            Assert.Equal(frozen, v1.Contenu.Serialiser());
            var live = Run(repo.ContenuActuelAsync(campagne, "DDCRV", Catalogue.Load(Catalogue.Defaut), soumission.Champs));
            var differences = ControlesCampagne.Differences(v1.Contenu, live);
            Assert.Equal([("B1 femmes", "23", "19"), ("B1 total", "29", "25")], differences.Select(d => (d.Element, d.Soumis, d.Actuel)));
        }
        using (var db = database.CreateContext())
        {
            // A re-import of the package puts the BRH back; the frozen version still does not move.
            PackageImporter.Import(db, Drome());
            var repo = new CampagneRepository(db);
            var (soumission, _) = Run(repo.SoumissionAsync(id, "DDCRV"));
            Assert.Equal(frozen, Assert.Single(Run(repo.VersionsAsync(soumission.Id))).Contenu.Serialiser());
            Assert.Equal(1, db.CampagneVersions.Count());
            // Every row carries its structure code (the campaign: the region's), every move is audited.
            Assert.Equal("84", db.Campagnes.Single().StructureCode);
            Assert.All(db.CampagneSoumissions, s => Assert.Equal("DDCRV", s.StructureCode));
            Assert.Equal(["DDCRV", "DDCRV"], db.CampagneTransitions.Where(t => t.DeLaSoumission).Select(t => t.StructureCode).ToList());
            Assert.Equal(["Enregistrer", "Soumettre"], db.CampagneTransitions.Where(t => t.DeLaSoumission).OrderBy(t => t.Id).Select(t => t.Action.ToString()).ToList());
            var audit = db.AuditLog.Where(a => a.Entity == "campagne").OrderBy(a => a.Id).ToList();
            Assert.Equal(["84", "DDCRV", "DDCRV"], audit.Select(a => a.StructureCode));
            Assert.Contains("soumission (version 1)", audit[^1].Detail);
        }
    }

    [DatabaseTheory, BothProviders]
    public void A_stale_save_of_a_campaign_or_a_submission_is_refused_and_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        Guid id;
        using (var db = database.CreateMigratedContext()) id = OpenAndSubmit(db);

        // Two State agents on the same campaign: one closes it, the other's close is refused.
        Campagne mine, theirs;
        int version;
        using (var db = database.CreateContext()) (mine, version) = Run(new CampagneRepository(db).CampagneAsync(id))!.Value;
        using (var db = database.CreateContext()) theirs = Run(new CampagneRepository(db).CampagneAsync(id))!.Value.Campagne;
        theirs.Cloturer(Etat with { Nom = "Karim Haddad" }, DateTimeOffset.UtcNow);
        using (var db = database.CreateContext()) Run(new CampagneRepository(db).EnregistrerAsync(theirs, version, "Karim Haddad", null, "karim"));
        mine.Cloturer(Etat, DateTimeOffset.UtcNow);
        using (var db = database.CreateContext())
        {
            var conflict = Assert.Throws<ModificationConcurrenteException>(() => Run(new CampagneRepository(db).EnregistrerAsync(mine, version, "Hélène Robert", null, "helene")));
            Assert.Equal("Karim Haddad", conflict.Par);
            Assert.NotNull(conflict.Le);
        }
        using (var db = database.CreateContext())
        {
            Assert.Single(db.CampagneTransitions.Where(t => t.Action == ActionCampagne.Cloturer));
            Assert.Equal(version + 1, db.Campagnes.Single().Version);
        }

        // The same for a submission: reopened, sent back, then two saves on the same version.
        using (var db = database.CreateContext())
        {
            var repo = new CampagneRepository(db);
            var (c, v) = Run(repo.CampagneAsync(id))!.Value;
            c.Rouvrir(Etat, null, Today, DateTimeOffset.UtcNow);
            Run(repo.EnregistrerAsync(c, v, Etat.Nom, null, "etat"));
            var (s, sv) = Run(repo.SoumissionAsync(id, "DDCRV"));
            s.Renvoyer(Etat, c, "Le BRH est incohérent.", DateTimeOffset.UtcNow);
            Run(repo.EnregistrerAsync(c, s, sv, null, Etat.Nom, null, "etat"));
        }
        Soumission a, b;
        int lue;
        Campagne campagne;
        using (var db = database.CreateContext())
        {
            campagne = Run(new CampagneRepository(db).CampagneAsync(id))!.Value.Campagne;
            (a, lue) = Run(new CampagneRepository(db).SoumissionAsync(id, "DDCRV"));
            (b, _) = Run(new CampagneRepository(db).SoumissionAsync(id, "DDCRV"));
        }
        Assert.Empty(a.Enregistrer(Directeur with { Nom = "Adjointe" }, campagne, new Dictionary<string, string?> { ["commentaire"] = "premier" }, DateTimeOffset.UtcNow));
        using (var db = database.CreateContext()) Run(new CampagneRepository(db).EnregistrerAsync(campagne, a, lue, null, "Adjointe", null, "adjointe"));
        Assert.Empty(b.Enregistrer(Directeur, campagne, new Dictionary<string, string?> { ["commentaire"] = "second" }, DateTimeOffset.UtcNow));
        using (var db = database.CreateContext())
        {
            var conflict = Assert.Throws<ModificationConcurrenteException>(() => Run(new CampagneRepository(db).EnregistrerAsync(campagne, b, lue, null, Directeur.Nom, null, "directeur")));
            Assert.Equal("Adjointe", conflict.Par);
        }
        using (var db = database.CreateContext())
        {
            var (stored, _) = Run(new CampagneRepository(db).SoumissionAsync(id, "DDCRV"));
            Assert.Equal("premier", stored.Champs["commentaire"]);
            Assert.Equal(EtatSoumission.RenvoyeePourCorrection, stored.Etat);
        }
    }
}
