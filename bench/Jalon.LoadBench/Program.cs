using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Web.Security;
using Jalon.Web.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.LoadBench;

// Load benchmark of the web pages (docs/benchmarks-web.md): fills a SQLite database with the national package,
// creates the accounts, then measures the server-side time of the main pages, in-process.
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null) return 2;
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var root = RepositoryRoot();
        var dbPath = Path.GetFullPath(Path.Combine(root, options.Base));
        var package = Path.GetFullPath(Path.Combine(root, options.Paquet));
        // SQLite by default; PostgreSQL with --postgres (the same code, as in production).
        var (provider, connectionString) = options.Postgres is { } pg
            ? (DatabaseProvider.Postgres, pg)
            : (DatabaseProvider.Sqlite, JalonStorage.SqliteConnectionString(dbPath));
        JalonDbContext Open() => JalonStorage.CreateContext(provider, connectionString);

        Console.WriteLine(provider == DatabaseProvider.Postgres ? "Base : PostgreSQL (--postgres)" : $"Base : {dbPath}");
        Console.WriteLine($"Charge de la machine (uptime) : {LoadAverage()}");

        // 1. Fill.
        using (var db = Open())
        {
            JalonDatabase.Migrate(db);
            if (await db.Jeunes.AnyAsync())
            {
                Console.WriteLine("Base déjà remplie : import sauté.");
            }
            else
            {
                if (!Directory.Exists(package))
                {
                    Console.Error.WriteLine($"Paquet introuvable : {package} (générez-le : ./jalon generer --sortie {options.Paquet}).");
                    return 2;
                }
                Console.WriteLine($"Import du paquet {package}…");
                var watch = Stopwatch.StartNew();
                var read = PackageReader.Read(package);
                if (!read.IsValid)
                {
                    Console.Error.WriteLine($"Paquet invalide : {read.ErrorCount.ToString("N0", fr)} erreur(s).");
                    return 2;
                }
                var result = PackageImporter.Import(db, read.Package!, userLogin: "banc de charge");
                Console.WriteLine(
                    $"Import terminé en {watch.Elapsed.TotalSeconds.ToString("0.0", fr)} s (lecture {read.Elapsed.TotalSeconds.ToString("0.0", fr)} s, " +
                    $"écriture {result.Duree.TotalSeconds.ToString("0.0", fr)} s) : {result.Structures.ToString("N0", fr)} structures, " +
                    $"{result.Jeunes.ToString("N0", fr)} jeunes, {result.Evenements.ToString("N0", fr)} faits ; charge {LoadAverage()}.");
            }
        }

        Scenario scenario;
        using (var db = Open())
        {
            scenario = await Accounts.EnsureAsync(db, options.Portefeuille);
        }
        Console.WriteLine(
            $"Structure mesurée : {scenario.Structure} (région {scenario.Region}), {scenario.JeunesStructure.ToString("N0", fr)} jeunes ; " +
            $"portefeuille de {scenario.Login} : {scenario.JeunesPortefeuille.ToString("N0", fr)} jeunes.");
        if (options.RemplirSeulement) return 0;

        // 2. Measure.
        if (options.Concurrence > 0)
        {
            // Real HTTP: Kestrel on a localhost port, N simultaneous users (docs/benchmarks-web.md).
            await using var kestrel = new BenchApp(root, provider, connectionString, options.Sql);
            return await Concurrence.RunAsync(kestrel, scenario, options, Open);
        }

        await using var app = new BenchApp(root, provider, connectionString, options.Sql);
        var pages = new List<PageSpec>();
        var refreshes = new List<double>();
        // A change to the measured structure's journeys (its revision moves), then optionally the background refresh
        // (TallyRefresher: stale tallies, then the statistical secrecy decisions viewed lately).
        void ModifierStructure(bool rafraichir)
        {
            using var db = Open();
            db.Database.ExecuteSql($"UPDATE \"Structures\" SET \"Revision\" = \"Revision\" + 1 WHERE \"StructureCode\" = {scenario.Structure}");
            if (rafraichir)
                refreshes.Add(app.Services.GetRequiredService<Jalon.Web.Infrastructure.TallyRefresher>().RunOnce().Elapsed.TotalMilliseconds);
        }
        var random = new Random(2026);
        var ids = scenario.JeuneIds;
        pages.Add(new PageSpec("Dossier du jeune", "directeur.bench", options.Dossiers,
            i => "/Jeunes/" + Uri.EscapeDataString(ids[random.Next(ids.Count)])));
        pages.Add(new PageSpec("Portefeuille (alertes)", scenario.Login, options.Portefeuilles, _ => "/Portefeuille"));
        pages.Add(new PageSpec("Recherche par nom", "directeur.bench", options.Recherches,
            i => "/Jeunes?q=" + Uri.EscapeDataString(scenario.Noms[i % scenario.Noms.Count])));
        if (app.HasPage("Pilotage/Index"))
        {
            // The dashboards on the package's year (the default, last year, may hold no activity for generated data).
            var periode = $"debut={options.Annee}-01-01&fin={options.Annee}-12-31";
            using (var db = Open())
            {
                var catalogue = Jalon.Indicators.Catalogues.Catalogue.Load("cpo-2015");
                var periods = Jalon.Indicators.Engine.IndicatorEngine.PeriodsNeeded(catalogue,
                    new Jalon.Indicators.Engine.IndicatorRequest(Period.Year(options.Annee)) { WithPreviousYear = true });
                if (options.Froid) await db.IndicatorTallies.ExecuteDeleteAsync();
                var refresh = new Jalon.Storage.Indicators.IndicatorStore(db).Refresh(catalogue, periods);
                Console.WriteLine(
                    $"Décomptes d'indicateurs {string.Join(", ", periods.Select(p => p.Fin.Year))} : {refresh.Computed.ToString("N0", fr)} calculé(s) " +
                    $"pour {refresh.StructuresRead.ToString("N0", fr)} structure(s) en {refresh.Elapsed.TotalSeconds.ToString("0.0", fr)} s ; charge {LoadAverage()}.");
                // The months of those years: what statistical secrecy decides on for the counts that add up across months.
                var mois = periods.Select(p => p.Fin.Year).Distinct().SelectMany(Jalon.Indicators.Secret.SecretStatistique.Mois).ToList();
                var refreshMois = new Jalon.Storage.Indicators.IndicatorStore(db).Refresh(catalogue, mois);
                Console.WriteLine(
                    $"Décomptes des {mois.Count} mois de ces années (secret statistique) : {refreshMois.Computed.ToString("N0", fr)} calculé(s) " +
                    $"en {refreshMois.Elapsed.TotalSeconds.ToString("0.0", fr)} s ; charge {LoadAverage()}.");
            }
            pages.Add(new PageSpec("Tableau de bord structure", "directeur.bench", options.Tableaux, _ => "/Pilotage?" + periode, Warmup: 1));
            // The same structure read by the State (statistical secrecy): the first view decides over the nation, the
            // next ones reuse the decisions while the data do not change.
            var structureEtat = $"/Pilotage?niveau=structure&code={scenario.Structure}&" + periode;
            pages.Add(new PageSpec("Structure (État), 1re vue", "etat.region.bench", 1, _ => structureEtat, Warmup: 0));
            pages.Add(new PageSpec("Structure (État)", "etat.region.bench", options.Tableaux, _ => structureEtat, Warmup: 1));
            pages.Add(new PageSpec("Tableau de bord région", "etat.region.bench", options.Tableaux, _ => "/Pilotage?" + periode, Warmup: 1));
            pages.Add(new PageSpec("Tableau de bord national", "etat.national.bench", options.Tableaux, _ => "/Pilotage?niveau=national&" + periode, Warmup: 1));
            // After a change to the structure's journeys (its revision moves), the first view recomputes its tallies.
            pages.Add(new PageSpec("Structure après modification", "directeur.bench", Math.Max(1, options.Tableaux / 4), _ => "/Pilotage?" + periode,
                Warmup: 0, Before: _ => ModifierStructure(rafraichir: false)));
            // The same, once the background refresh (TallyRefresher, every 30 s) has run: its cost is printed.
            pages.Add(new PageSpec("Structure après rafraîchissement", "directeur.bench", Math.Max(1, options.Tableaux / 4), _ => "/Pilotage?" + periode,
                Warmup: 0, Before: _ => ModifierStructure(rafraichir: true)));
            // A change anywhere moves the data's fingerprint: the State's next view decides again (tallies refreshed first).
            pages.Add(new PageSpec("Structure (État) après rafraîchissement", "etat.region.bench", Math.Max(1, options.Tableaux / 4), _ => structureEtat,
                Warmup: 0, Before: _ => ModifierStructure(rafraichir: true)));
        }
        else
        {
            Console.WriteLine("Pages de pilotage absentes : tableaux de bord non mesurés.");
        }

        var results = new List<PageResult>();
        foreach (var page in pages)
        {
            var client = await app.LoginAsync(page.Login, Accounts.Password);
            results.Add(await app.MeasureAsync(client, page, options.Echauffement, TimeSpan.FromSeconds(options.BudgetSecondes)));
        }

        Console.WriteLine();
        Console.WriteLine($"Temps côté serveur (intergiciel de mesure en tête du pipeline, TestServer en mémoire), en ms ; charge {LoadAverage()} :");
        Console.WriteLine($"{"page",-28} {"n",5} {"moy",8} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"erreurs",8}");
        foreach (var r in results)
        {
            Console.WriteLine(
                $"{r.Name,-28} {r.Count,5} {F(r.Mean),8} {F(r.P(50)),8} {F(r.P(95)),8} {F(r.P(99)),8} {F(r.Max),8} {r.Errors,8}" +
                (r.Stopped ? "  (arrêt : budget de temps atteint)" : ""));
        }
        if (refreshes.Count > 0)
            Console.WriteLine($"Rafraîchissement en arrière-plan de la structure modifiée ({refreshes.Count} fois) : moyenne {F(refreshes.Average())} ms, max {F(refreshes.Max())} ms.");
        return 0;

        string F(double ms) => ms.ToString("0.0", fr);

        static string LoadAverage()
        {
            try { return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b); }
            catch (IOException) { return "inconnue"; }
        }

        static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jalon.slnx"))) return dir.FullName;
            }
            return Directory.GetCurrentDirectory();
        }
    }
}

internal sealed record BenchOptions(
    string Base, string Paquet, int Dossiers, int Portefeuilles, int Recherches, int Tableaux, int Echauffement,
    int BudgetSecondes, int Portefeuille, bool Sql, bool RemplirSeulement, int Annee, bool Froid,
    string? Postgres = null, int Concurrence = 0, int RequetesParUtilisateur = 50, int DureeSecondes = 120, int ReflexionMs = 0)
{
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(".build/charge/jalon.db", ".build/bench/national", 200, 50, 50, 20, 5, 120, 300, false, false, 2016, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"valeur manquante après {args[i]}");
            int N() => int.Parse(Next(), CultureInfo.InvariantCulture);
            try
            {
                o = args[i] switch
                {
                    "--base" => o with { Base = Next() },
                    "--paquet" => o with { Paquet = Next() },
                    "--dossiers" => o with { Dossiers = N() },
                    "--portefeuilles" => o with { Portefeuilles = N() },
                    "--recherches" => o with { Recherches = N() },
                    "--tableaux" => o with { Tableaux = N() },
                    "--echauffement" => o with { Echauffement = N() },
                    "--budget" => o with { BudgetSecondes = N() },
                    "--taille-portefeuille" => o with { Portefeuille = N() },
                    "--sql" => o with { Sql = true },
                    "--remplir" => o with { RemplirSeulement = true },
                    "--annee" => o with { Annee = N() },
                    "--froid" => o with { Froid = true },
                    "--postgres" => o with { Postgres = Next() },
                    "--concurrence" => o with { Concurrence = N() },
                    "--requetes" => o with { RequetesParUtilisateur = N() },
                    "--duree" => o with { DureeSecondes = N() },
                    "--reflexion" => o with { ReflexionMs = N() },
                    _ => throw new ArgumentException($"option inconnue : {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("usage : Jalon.LoadBench [--base F.db] [--paquet DOSSIER] [--dossiers 200] [--portefeuilles 50] " +
                    "[--recherches 50] [--tableaux 20] [--echauffement 5] [--budget 120] [--taille-portefeuille 300] [--sql] [--remplir] [--annee 2016] [--froid] " +
                    "[--postgres CHAINE] [--concurrence 200 [--requetes 50] [--duree 120] [--reflexion MS]]");
                return null;
            }
        }
        return o;
    }
}

internal sealed record Scenario(
    string Structure, string Region, int JeunesStructure, string Login, int JeunesPortefeuille,
    IReadOnlyList<string> JeuneIds, IReadOnlyList<string> Noms);

/// <summary>The bench accounts, created the way the demo seed does (<see cref="Passwords"/>, <see cref="GeneratedJourneys"/>).</summary>
internal static class Accounts
{
    public const string Password = DemoSeed.Password;

    public static async Task<Scenario> EnsureAsync(JalonDbContext db, int portfolioSize)
    {
        // The largest structure: its young people get names and referent counsellors.
        var largest = await db.Jeunes.GroupBy(j => j.StructureCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code).FirstAsync();
        var region = await db.Structures.Where(s => s.Code == largest.Code).Select(s => s.Region).FirstAsync();
        var conseillers = Math.Max(1, largest.Count / Math.Max(1, portfolioSize));

        if (!await db.Users.AnyAsync(u => u.Login == "directeur.bench"))
        {
            var users = new List<UserEntity>();
            void Add(string login, string nom, Role role, string? structure, string? regionCode)
            {
                var user = new UserEntity { Login = login, DisplayName = nom, Role = role, PasswordHash = "", StructureCode = structure, RegionCode = regionCode };
                user.PasswordHash = Passwords.Hash(user, Password);
                users.Add(user);
                db.Users.Add(user);
            }
            for (var i = 1; i <= conseillers; i++) Add($"conseiller{i}.bench", $"Conseiller {i}", Role.Conseiller, largest.Code, null);
            Add("directeur.bench", "Directeur du banc", Role.Directeur, largest.Code, null);
            Add("etat.region.bench", "Agent de l'État en région", Role.AgentEtatRegional, null, region);
            Add("etat.national.bench", "Agent national", Role.AgentEtatNational, null, null);
            await db.SaveChangesAsync();
            var watch = Stopwatch.StartNew();
            await GeneratedJourneys.NameAndAssignAsync(db, largest.Code, users.Where(u => u.Role == Role.Conseiller).Select(u => u.Id).ToList());
            Console.WriteLine($"Comptes créés ({conseillers} conseillers, directeur, agents de l'État régional et national) ; " +
                $"jeunes de {largest.Code} nommés et attribués en {watch.Elapsed.TotalSeconds:0.0} s.");
            db.ChangeTracker.Clear();
        }
        var conseiller1 = await db.Users.Where(u => u.Login == "conseiller1.bench").Select(u => u.Id).FirstAsync();
        var portefeuille = await db.Jeunes.CountAsync(j => j.StructureCode == largest.Code && j.ConseillerId == conseiller1);
        var ids = await db.Jeunes.Where(j => j.StructureCode == largest.Code).Select(j => j.JeuneId).ToListAsync();
        var noms = await db.Jeunes.Where(j => j.StructureCode == largest.Code && j.Nom != null)
            .OrderBy(j => j.JeuneId).Select(j => j.Nom!).Distinct().Take(50).ToListAsync();
        return new Scenario(largest.Code, region ?? "", largest.Count, "conseiller1.bench", portefeuille, ids, noms);
    }
}
