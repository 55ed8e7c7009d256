using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The stored tallies give exactly the engine's figures, and follow every change of the data.</summary>
public class IndicatorStoreTests
{
    private static readonly Catalogue Catalogue = Catalogue.Load("cpo-2015");

    private static JourneyPackage Package() =>
        Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 4, Jeunes = 800, Seed = 11 });

    /// <summary>The year the generated journeys are densest in: the last full year of the package.</summary>
    private static Period Year(JourneyPackage package) => Period.Year(package.Jeunes.Max(j => j.PremierAccueil).Year - 1);

    /// <summary>Every figure of every level, N and N−1, as text.</summary>
    private static List<string> Figures(IndicatorResults results)
    {
        var rows = new List<string>();
        foreach (var (label, period) in new[] { ("N", results.Current), ("N-1", results.Previous!) })
        {
            foreach (var row in period.Rows())
            {
                var v = row.Value;
                rows.Add($"{label} {row.Level.Level} {row.Level.Code} {row.Key} {v.Count} {v.Number:R} {v.Femmes} {v.InfraV} {v.Qpv} {v.Zrr} {v.Neet}");
            }
        }
        return rows;
    }

    /// <summary>A database holding the generated package, and the request of its last full year with N−1.</summary>
    private sealed class Imported : IDisposable
    {
        private readonly TestDatabase _database;

        public Imported(DatabaseProvider provider)
        {
            _database = new TestDatabase(provider);
            Db = _database.CreateMigratedContext();
            PackageImporter.Import(Db, Package);
            Request = new IndicatorRequest(Year(Package)) { WithPreviousYear = true };
            Store = new IndicatorStore(Db);
        }

        public JourneyPackage Package { get; } = IndicatorStoreTests.Package();
        public JalonDbContext Db { get; }
        public IndicatorRequest Request { get; }
        public IndicatorStore Store { get; }

        public void Dispose()
        {
            Db.Dispose();
            _database.Dispose();
        }
    }

    private static List<string> Engine(JalonDbContext db, IndicatorRequest request) =>
        Figures(IndicatorEngine.Compute(PackageLoader.Load(db), Catalogue, request));

    [DatabaseTheory, BothProviders]
    public void Stored_tallies_give_the_engine_figures_for_every_level_and_are_reused(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);

        var first = store.Compute(Catalogue, request);

        Assert.Equal(Engine(db, request), Figures(first));
        var periods = IndicatorEngine.PeriodsNeeded(Catalogue, request);
        Assert.Equal(4 * periods.Count, db.IndicatorTallies.Count());
        Assert.Equal(0, store.Refresh(Catalogue, periods).Computed);
        Assert.Equal(Figures(first), Figures(store.Compute(Catalogue, request)));
    }

    [DatabaseTheory, BothProviders]
    public void Each_catalogue_keeps_its_own_tallies_and_the_stored_version_follows_the_stored_tallies(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, request, store) = (imported.Db, imported.Request, imported.Store);
        const string json = """
            {"id":"grille-test","libelle":"Grille de test","indicateurs":[
              {"cle":"contact","libelle":"Jeunes en contact","definition":"I1.","nature":"effectif","critere":"I1","ventilations":["femmes"]}]}
            """;
        var grille = CatalogueSet.Integres.Avec([("grille-test.json", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))])["grille-test"];
        var cpo = store.Compute(Catalogue, request);
        var autre = store.Compute(grille, request);
        var periods = IndicatorEngine.PeriodsNeeded(Catalogue, request);
        // Both sets kept: computing one catalogue again recomputes nothing of either.
        Assert.Equal(4 * periods.Count, db.IndicatorTallies.Count(t => t.Catalogue == "cpo-2015"));
        Assert.Equal(4 * IndicatorEngine.PeriodsNeeded(grille, request).Count, db.IndicatorTallies.Count(t => t.Catalogue == "grille-test"));
        Assert.Equal(0, store.Refresh(Catalogue, periods).Computed);
        Assert.Equal(0, store.Refresh(grille, IndicatorEngine.PeriodsNeeded(grille, request)).Computed);
        Assert.Equal(cpo.Get(Level.National, "FR", "I1").Count, autre.Get(Level.National, "FR", "contact").Count);
        // The tallies of every structure, and the version of the stored tallies: unchanged by reading and by a write
        // (the stored tallies serve as they are until refreshed), changed when the refresh stores the new ones; the
        // other catalogue's version does not move.
        var before = store.StoredVersion(Catalogue).Version;
        var autreAvant = store.StoredVersion(grille).Version;
        var tallies = store.StructureTallies(Catalogue, [request.Period]);
        Assert.Equal(4, tallies.Count);
        Assert.Equal(before, store.StoredVersion(Catalogue).Version);
        var enContact = db.Contacts.Where(c => c.Date >= request.Period.Debut && c.Date <= request.Period.Fin)
            .OrderBy(c => c.Id).Select(c => new { c.StructureCode, c.JeuneId }).First();
        var jeune = db.Jeunes.Single(j => j.StructureCode == enContact.StructureCode && j.JeuneId == enContact.JeuneId);
        jeune.Qpv = !jeune.Qpv;
        db.SaveChanges();
        Assert.Equal(before, store.StoredVersion(Catalogue).Version);
        var qpv = cpo.Get(Level.National, "FR", "I1").Qpv;
        Assert.Equal(qpv, store.Compute(Catalogue, request, asStored: true).Get(Level.National, "FR", "I1").Qpv); // as of the last refresh
        Assert.Equal(before, store.StoredVersion(Catalogue).Version);
        Assert.NotEqual(qpv, new IndicatorStore(db).Compute(Catalogue, request).Get(Level.National, "FR", "I1").Qpv); // up to the write
        Assert.Equal(before, store.StoredVersion(Catalogue).Version); // a view computes, the refresh stores
        Assert.True(store.RefreshStale(Catalogue).Computed > 0);
        Assert.NotEqual(before, store.StoredVersion(Catalogue).Version);
        Assert.NotEqual(qpv, store.Compute(Catalogue, request, asStored: true).Get(Level.National, "FR", "I1").Qpv);
        Assert.Equal(autreAvant, store.StoredVersion(grille).Version);
    }

    [DatabaseTheory, BothProviders]
    public void A_region_or_a_single_structure_gives_the_engine_figures_of_that_scope(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package) = (imported.Db, imported.Package);
        var region = package.Structures[0].Region;
        var scope = package.Structures.Where(s => s.Region == region).Select(s => s.Code).ToList();
        var request = new IndicatorRequest(Year(package)) { WithPreviousYear = true, Structures = scope };

        Assert.Equal(Engine(db, request), Figures(new IndicatorStore(db).Compute(Catalogue, request)));
        var one = request with { Structures = [package.Structures[1].Code] };
        Assert.Equal(Engine(db, one), Figures(new IndicatorStore(db).Compute(Catalogue, one)));
    }

    [DatabaseTheory, BothProviders]
    public void A_change_to_a_structure_s_journeys_recomputes_its_tallies_only(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);
        var before = Figures(store.Compute(Catalogue, request));
        var code = package.Structures[2].Code;

        // A young person welcomed in the period was recorded with the wrong sex; a counsellor corrects it.
        var jeune = db.Jeunes.Where(j => j.StructureCode == code && j.PremierAccueil >= request.Period.Debut && j.PremierAccueil <= request.Period.Fin)
            .OrderBy(j => j.JeuneId).First();
        jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
        db.SaveChanges();

        var refresh = store.Refresh(Catalogue, IndicatorEngine.PeriodsNeeded(Catalogue, request));
        Assert.Equal(1, refresh.StructuresRead);
        var after = Figures(store.Compute(Catalogue, request));
        Assert.NotEqual(before, after);
        Assert.Equal(Engine(db, request), after);
    }

    [DatabaseTheory, BothProviders]
    public void Editing_only_a_name_or_a_comment_keeps_the_tallies(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);
        store.Compute(Catalogue, request);
        var code = package.Structures[0].Code;

        var jeune = db.Jeunes.First(j => j.StructureCode == code);
        jeune.Nom = "Martin";
        db.Contacts.First(c => c.StructureCode == code).Commentaire = "Rappeler lundi";
        db.SaveChanges();
        Assert.Equal(0, store.Refresh(Catalogue, IndicatorEngine.PeriodsNeeded(Catalogue, request)).StructuresRead);

        jeune.Qpv = !jeune.Qpv;
        db.SaveChanges();
        Assert.Equal(1, store.Refresh(Catalogue, IndicatorEngine.PeriodsNeeded(Catalogue, request)).StructuresRead);
    }

    [DatabaseTheory, BothProviders]
    public void Tallies_of_another_catalogue_layout_or_a_reimport_are_out_of_date(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);
        var periods = IndicatorEngine.PeriodsNeeded(Catalogue, request);
        store.Compute(Catalogue, request);

        db.IndicatorTallies.ExecuteUpdate(s => s.SetProperty(t => t.Layout, "cpo-2015:ancien"));
        Assert.Equal(4, store.Refresh(Catalogue, periods).StructuresRead);

        // The same package again changes nothing: the tallies stay valid.
        PackageImporter.Import(db, package.ForStructure(1));
        Assert.Equal(0, store.Refresh(Catalogue, periods).StructuresRead);
        // A package that changes a young person makes their structure's tallies stale.
        var one = package.ForStructure(1);
        var jeunes = (Jeune[])one.Jeunes.Clone();
        jeunes[0] = jeunes[0] with { Qpv = !jeunes[0].Qpv };
        PackageImporter.Import(db, new JourneyPackage
        {
            Structures = one.Structures, Jeunes = jeunes, Contacts = one.Contacts, Orientations = one.Orientations, Parcours = one.Parcours,
            Propositions = one.Propositions, Situations = one.Situations, Droits = one.Droits, Parrainages = one.Parrainages, Moyens = one.Moyens,
        });
        Assert.Equal(1, store.Refresh(Catalogue, periods).StructuresRead);
        Assert.Equal(Engine(db, request), Figures(store.Compute(Catalogue, request)));
    }

    [DatabaseTheory, BothProviders]
    public void The_background_refresh_recomputes_only_the_stale_tallies_of_the_periods_stored(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);
        store.Compute(Catalogue, request);
        var periods = IndicatorEngine.PeriodsNeeded(Catalogue, request);
        Assert.Equal(0, store.RefreshStale(Catalogue).Computed);

        var code = package.Structures[3].Code;
        db.Moyens.First(m => m.StructureCode == code).Jano = 123_456;
        db.SaveChanges();
        var refresh = store.RefreshStale(Catalogue);

        Assert.Equal((periods.Count, 1), (refresh.Computed, refresh.StructuresRead));
        Assert.Equal(0, store.Refresh(Catalogue, periods).StructuresRead);
        Assert.Equal(Engine(db, request), Figures(store.Compute(Catalogue, request)));
    }

    [DatabaseTheory, BothProviders]
    public void A_view_keeps_the_stored_tallies_it_read_while_their_structure_stays_at_their_revision(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, store) = (imported.Db, imported.Package, imported.Request, imported.Store);
        store.Compute(Catalogue, request);
        var view = new IndicatorStore(db, new TallyMemo());
        var figures = Figures(view.Compute(Catalogue, request, asStored: true));
        Assert.Equal(Engine(db, request), figures);

        // A structure's stored tallies zeroed behind the memo's back, its revision unchanged: the view does not read them again.
        var code = package.Structures[1].Code;
        void Zero(long revisionsAhead)
        {
            foreach (var row in db.IndicatorTallies.Where(t => t.StructureCode == code))
            {
                row.Counts = new byte[row.Counts.Length];
                row.Revision += revisionsAhead;
            }
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
        Zero(0);
        Assert.NotEqual(figures, Figures(new IndicatorStore(db, new TallyMemo()).Compute(Catalogue, request, asStored: true)));
        Assert.Equal(figures, Figures(view.Compute(Catalogue, request, asStored: true)));

        // A write moves the structure's revision: the view reads its tallies as the refresh stored them.
        db.Moyens.First(m => m.StructureCode == code).Jano = 123_456;
        db.SaveChanges();
        store.RefreshStale(Catalogue);
        Assert.Equal(Engine(db, request), Figures(view.Compute(Catalogue, request, asStored: true)));

        // A tally computed at an older revision than the stored one (a slow computation finishing after the refresh) is not stored over it.
        Zero(10);
        var stored = StoredTallies(db);
        db.Moyens.First(m => m.StructureCode == code).Jano = 654_321;
        db.SaveChanges();
        Assert.Equal(IndicatorEngine.PeriodsNeeded(Catalogue, request).Count, store.RefreshStale(Catalogue).Computed);
        Assert.Equal(stored, StoredTallies(db));
    }

    [DatabaseTheory, BothProviders]
    public void A_view_s_recomputation_reads_again_only_the_young_people_changed_and_gives_the_figures_of_a_whole_reading(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request, _) = (imported.Db, imported.Package, imported.Request, imported.Store);
        var memo = new TallyMemo();
        var store = new IndicatorStore(db, memo);
        var code = package.Structures[1].Code;
        store.Compute(Catalogue, request);
        var inPeriod = db.Jeunes.Where(j => j.StructureCode == code && j.PremierAccueil >= request.Period.Debut && j.PremierAccueil <= request.Period.Fin)
            .OrderBy(j => j.JeuneId).Select(j => j.JeuneId).ToList();

        // Each write, then a view: its figures are those of the engine over the whole database.
        void Check(string what, int wholeReads)
        {
            db.ChangeTracker.Clear();
            Assert.True(Engine(db, request).SequenceEqual(Figures(store.Compute(Catalogue, request))), what);
            Assert.Equal((wholeReads, what), (memo.WholeReads, what));
        }
        Jeune(inPeriod[0]).Sexe = Sexe.F == Jeune(inPeriod[0]).Sexe ? Sexe.H : Sexe.F;
        db.SaveChanges();
        Check("première vue après une saisie : lecture entière, la base gardée", 1);

        var before = Figures(store.Compute(Catalogue, request));
        Jeune(inPeriod[1]).Qpv = !Jeune(inPeriod[1]).Qpv;
        Jeune(inPeriod[2]).PremierAccueil = request.Period.Debut.AddYears(-3);
        db.SaveChanges();
        Check("deux jeunes modifiés", 1);
        Assert.NotEqual(before, Figures(store.Compute(Catalogue, request)));

        var parcours = db.Parcours.Where(p => p.StructureCode == code).OrderBy(p => p.Id).Take(3).ToList();
        parcours[0].Fin = null;
        parcours[0].MotifFin = null;
        db.Parcours.Remove(parcours[1]);
        db.Contacts.Add(new ContactEntity { StructureCode = code, JeuneId = inPeriod[3], Date = request.Period.Fin.AddDays(-10), Mode = ModeContact.Entretien });
        db.SaveChanges();
        Check("événements modifiés, supprimés, ajoutés", 1);

        db.Jeunes.Add(new JeuneEntity
        {
            StructureCode = code, JeuneId = "NOUVEAU-1", Naissance = request.Period.Debut.AddYears(-19), Sexe = Sexe.F, Niveau = Niveau.V,
            PremierAccueil = request.Period.Debut.AddDays(40), Qpv = true,
        });
        db.Contacts.Add(new ContactEntity { StructureCode = code, JeuneId = "NOUVEAU-1", Date = request.Period.Debut.AddDays(40), Mode = ModeContact.Entretien });
        db.SaveChanges();
        Check("un jeune accueilli", 1);

        db.Contacts.RemoveRange(db.Contacts.Where(c => c.StructureCode == code && c.JeuneId == "NOUVEAU-1"));
        db.SaveChanges();
        db.Jeunes.Remove(Jeune("NOUVEAU-1"));
        db.SaveChanges();
        db.Moyens.First(m => m.StructureCode == code).Jano = 4_321;
        db.SaveChanges();
        Check("un jeune supprimé, puis les moyens de la structure", 1);

        // An anonymisation moves the revision without marks: the whole structure is read again, a new base.
        Jalon.Storage.Rgpd.Anonymisation.Anonymiser(db, code, [(inPeriod[4], "test")], "test", null);
        Check("anonymisation", 2);
        Assert.Empty(db.RevisionMarks.Where(m => m.StructureCode == code && m.JeuneId == inPeriod[4]));
        Jeune(inPeriod[5]).Sexe = Jeune(inPeriod[5]).Sexe == Sexe.F ? Sexe.H : Sexe.F;
        db.SaveChanges();
        Check("une saisie après l'anonymisation : depuis la nouvelle base", 2);

        JeuneEntity Jeune(string id) => db.Jeunes.Single(j => j.StructureCode == code && j.JeuneId == id);
    }

    [DatabaseTheory, BothProviders]
    public void A_recomputation_from_a_base_follows_the_structure_s_own_rows_too(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var (db, package, request) = (imported.Db, imported.Package, imported.Request);
        var employeurs = Catalogue.Load("employeurs");
        var memo = new TallyMemo();
        var store = new IndicatorStore(db, memo);
        var code = package.Structures[2].Code;
        var entreprise = new Jalon.Storage.Employeurs.EntrepriseEntity { StructureCode = code, Siret = "12345678900011", Nom = "Boulangerie Martin", CreeLe = request.Period.Debut };
        db.Add(entreprise);
        db.SaveChanges();
        store.Compute(employeurs, request);
        List<string> Whole() => Figures(IndicatorEngine.Compute(PackageLoader.Load(db), employeurs, request));

        void Visite(int day)
        {
            db.Add(new Jalon.Storage.Employeurs.EchangeEntrepriseEntity
            {
                StructureCode = code, EntrepriseId = entreprise.Id, Date = request.Period.Debut.AddDays(day), Mode = Jalon.Domain.Employeurs.ModeEchange.Visite,
                Objet = Jalon.Domain.Employeurs.ObjetEchange.Prospection,
            });
            db.SaveChanges();
        }
        Visite(20);
        var first = Figures(store.Compute(employeurs, request));
        Assert.Equal(Whole(), first);
        Assert.Equal(1, memo.WholeReads);

        // A second exchange only: no young person changed, the structure's measures do.
        Visite(30);
        var second = Figures(store.Compute(employeurs, request));
        Assert.Equal(Whole(), second);
        Assert.NotEqual(first, second);
        Assert.Equal(1, memo.WholeReads);
    }

    [DatabaseTheory, BothProviders]
    public void Each_save_marks_its_revision_with_the_young_people_it_changed(DatabaseProvider provider)
    {
        using var imported = new Imported(provider);
        var db = imported.Db;
        var code = imported.Package.Structures[0].Code;
        var ids = db.Jeunes.Where(j => j.StructureCode == code).OrderBy(j => j.JeuneId).Select(j => j.JeuneId).Take(2).ToList();
        long Revision() => db.Structures.AsNoTracking().Single(s => s.Code == code).Revision;
        List<string> Marks(long revision) =>
            [.. db.RevisionMarks.AsNoTracking().Where(m => m.StructureCode == code && m.Revision == revision).Select(m => m.JeuneId).OrderBy(j => j)];

        db.Jeunes.Single(j => j.StructureCode == code && j.JeuneId == ids[0]).Qpv ^= true;
        db.Contacts.First(c => c.StructureCode == code && c.JeuneId == ids[1]).Mode = ModeContact.Atelier;
        db.SaveChanges();
        Assert.Equal(ids.Order(StringComparer.Ordinal), Marks(Revision()));

        db.Moyens.First(m => m.StructureCode == code).Defm = 77;
        db.SaveChanges();
        Assert.Equal([RevisionMarkEntity.NoJeune], Marks(Revision()));

        // The CEJ and employer rows that the loaded package carries move the revision too.
        db.Add(new Jalon.Storage.Cej.CejActiviteEntity
        {
            StructureCode = code, JeuneId = ids[1], Date = new DateOnly(2024, 3, 4), Categorie = Jalon.Domain.Dispositifs.CategorieActivite.Formation,
            Heures = 3.5m,
        });
        db.SaveChanges();
        Assert.Equal([ids[1]], Marks(Revision()));
        db.Add(new Jalon.Storage.Employeurs.EntrepriseEntity { StructureCode = code, Siret = "12345678900011", Nom = "Garage Petit", CreeLe = new DateOnly(2024, 3, 4) });
        db.SaveChanges();
        Assert.Equal([RevisionMarkEntity.NoJeune], Marks(Revision()));

        // A name or a comment does not move the revision, and marks nothing.
        var revision = Revision();
        db.Jeunes.Single(j => j.StructureCode == code && j.JeuneId == ids[0]).Nom = "Durand";
        db.SaveChanges();
        Assert.Equal(revision, Revision());
        Assert.Empty(Marks(revision + 1));
    }

    /// <summary>Every stored tally, without its computation time: what the dashboards read.</summary>
    private static List<string> StoredTallies(JalonDbContext db) =>
        db.IndicatorTallies.AsNoTracking().AsEnumerable()
            .Select(t => $"{t.StructureCode} {t.Catalogue} {t.Debut} {t.Fin} {t.Layout} {t.Revision} {Convert.ToHexString(t.Counts)} {Convert.ToHexString(t.Means)}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Imports the package as <c>./jalon importer</c> has it (written in the exchange format, read back) into a new
    /// database, after <paramref name="before"/>; refreshes after the import with its plan (the structures it created
    /// from the package in memory), then with no plan (every structure read back from the database): the stored tallies
    /// must be the same.
    /// </summary>
    private static (TallyRefresh InMemory, List<string> Tallies, List<string> ReadBack) RefreshAfterImportBothWays(
        DatabaseProvider provider, Action<JalonDbContext, JourneyPackage> before, Action<JalonDbContext, JourneyPackage>? afterImport = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Jalon.Exchange.PackageWriter.Write(Package(), folder);
            var package = Jalon.Exchange.PackageReader.Read(folder).Package!;
            var today = new DateOnly(package.Jeunes.Max(j => j.PremierAccueil).Year + 1, 3, 15);
            using var database = new TestDatabase(provider);
            using var db = database.CreateMigratedContext();
            before(db, package);
            var result = PackageImporter.Import(db, package);
            afterImport?.Invoke(db, package);
            var inMemory = new IndicatorStore(db).RefreshAfterImport(Catalogue, package, today, result.Plan);
            var tallies = StoredTallies(db);
            db.IndicatorTallies.ExecuteDelete();
            var readBack = new IndicatorStore(db).RefreshAfterImport(Catalogue, package, today);
            Assert.Equal((0, inMemory.Computed), (readBack.FromPackage, readBack.Computed));
            return (inMemory, tallies, StoredTallies(db));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [DatabaseTheory, BothProviders]
    public void After_an_import_the_tallies_of_the_new_structures_computed_in_memory_are_those_read_back(DatabaseProvider provider)
    {
        var (inMemory, tallies, readBack) = RefreshAfterImportBothWays(provider, (_, _) => { });

        Assert.Equal((4, 4), (inMemory.FromPackage, inMemory.StructuresRead));
        Assert.Equal(4 * 3, tallies.Count); // N, N−1 and the year before (R2)
        Assert.Equal(readBack, tallies);
    }

    [DatabaseTheory, BothProviders]
    public void After_an_import_a_structure_already_there_or_written_since_is_read_back_from_the_database(DatabaseProvider provider)
    {
        // Structure 0 was imported before (merged: read back); structure 1 is new but a counsellor writes to it before the
        // refresh (its revision moved: read back, with the write); structures 2 and 3 are new and untouched (in memory).
        var (inMemory, tallies, readBack) = RefreshAfterImportBothWays(provider,
            (db, package) => PackageImporter.Import(db, package.ForStructure(0)),
            (db, package) =>
            {
                var code = package.Structures[1].Code;
                var jeune = db.Jeunes.Where(j => j.StructureCode == code).OrderBy(j => j.JeuneId).First();
                jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
                db.SaveChanges();
            });

        Assert.Equal((2, 4), (inMemory.FromPackage, inMemory.StructuresRead));
        Assert.Equal(readBack, tallies);
    }
}
