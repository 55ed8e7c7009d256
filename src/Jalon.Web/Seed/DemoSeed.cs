using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Generator;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Storage.Financement;
using Jalon.Storage.Structures;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// Creates and migrates the database at start-up and, in the demo start only (<see cref="StartMode"/>) and when the database
/// is empty, marks it as a demo and seeds the demo Mission Locale: its staff accounts, State and regional accounts, and young
/// people with realistic journeys around today. Configuration: <c>Jalon:Demo</c>, <c>Jalon:Seed:Jeunes</c> (young people of
/// the demo structure).
/// </summary>
public static class DemoSeed
{
    public const string Password = Jalon.Domain.Accounts.Credentials.DemoPassword;
    /// <summary>The structures of the hand-made seed (tests); the generated demo uses the generator's codes.</summary>
    public const string Structure = "ML26001";
    public const string AutreStructure = "ML26002";

    /// <summary>
    /// The demo accounts: login, display name, role, structure (0 = the demo Mission Locale — the Drôme des Collines in the
    /// generated demo —, 1 = another one — Moulins —, null = none), and whether the account is regional (region of the demo
    /// Mission Locale). The generated demo adds the counsellors that realistic portfolios need and a director per generated
    /// Mission Locale (<see cref="SeedAsync"/>).
    /// </summary>
    public static readonly (string Login, string Nom, Role Role, int? Structure, bool Regional)[] Accounts =
    [
        ("accueil", "Camille Martin", Role.ChargeAccueil, 0, false),
        ("conseiller1", "Sophie Bernard", Role.Conseiller, 0, false),
        ("conseiller2", "Karim Haddad", Role.Conseiller, 0, false),
        ("directeur", "Hélène Robert", Role.Directeur, 0, false),
        ("admin", "Administration Jalon", Role.Administrateur, null, false),
        ("etat.region", "Agent de l'État en région", Role.AgentEtatRegional, null, true),
        ("etat.national", "DGEFP — Mission insertion des jeunes", Role.AgentEtatNational, null, false),
        ("arml", "Association régionale des Missions Locales", Role.AssociationRegionale, null, true),
        ("region", "Conseil régional", Role.AgentRegion, null, true),
        ("conseiller.autre", "Julien Roux", Role.Conseiller, 1, false),
        ("directeur.autre", "Nadia Mercier", Role.Directeur, 1, false),
        ("directeur.drome", "Direction de la Mission Locale Drôme des Collines", Role.Directeur, 0, false),
        ("directeur.moulins", "Direction de la Mission Locale de Moulins", Role.Directeur, 1, false),
    ];

    /// <summary>The accounts of <see cref="Accounts"/> that only the generated demo has (the directors of the two seed Missions Locales).</summary>
    public static readonly string[] GeneratedOnly = ["directeur.drome", "directeur.moulins"];

    public static async Task EnsureDatabaseAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        await JalonDatabase.MigrateAsync(db);
        if (!StartMode.From(configuration).Demo || !await Instance.IsEmptyAsync(db)) return;
        await Instance.MarkDemoAsync(db);
        var today = Dates.TodayInParis(scope.ServiceProvider.GetService<TimeProvider>());
        var jeunes = configuration.GetValue("Jalon:Seed:Jeunes", 12000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(db, today, jeunes, configuration["Jalon:Seed:Source"] ?? "generateur");
        var count = await db.Jeunes.CountAsync();
        var structures = await db.Structures.CountAsync();
        var comptes = await db.Users.CountAsync();
        var seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Base de démonstration créée en {Seconds} s : {Structures} Missions Locales, {Jeunes} jeunes, {Comptes} comptes de démonstration (mot de passe {Password}).",
            seconds, structures, count, comptes, Password);
    }

    /// <summary>
    /// Seeds the demo. <c>generateur</c> (default): the demo region of <see cref="GeneratedJourneys"/>, about
    /// <paramref name="jeunes"/> young people; <c>manuel</c>: a small hand-made Drôme structure (ML26001, young people
    /// J000001…) and another one (ML26002, V000001…), for the tests.
    /// </summary>
    public static async Task SeedAsync(JalonDbContext db, DateOnly today, int jeunes, string source = "generateur")
    {
        var manuel = source == "manuel";
        IReadOnlyList<Structure> structures;
        GeneratedJourneys.Demo? demo = null;
        if (manuel)
        {
            db.Structures.Add(new StructureEntity
            {
                Code = Structure, Nom = "Mission Locale Drôme des Collines-Royans-Vercors", Region = "84", Departement = "26",
                Adresse = "3, place du Champ de Mars", CodePostal = "26100", Commune = "Romans-sur-Isère", Telephone = "04 75 70 79 40",
            });
            db.Structures.Add(new StructureEntity { Code = AutreStructure, Nom = "Mission Locale Valence Vallée de la Drôme", Region = "84", Departement = "26", CodePostal = "26000", Commune = "Valence" });
            await db.SaveChangesAsync();
            structures = [new Structure(Structure, "", "84", "26"), new Structure(AutreStructure, "", "84", "26")];
        }
        else
        {
            demo = GeneratedJourneys.Import(db, today, jeunes);
            structures = demo.Structures;
        }
        // Every demo account has the same published password: one hash serves them all (it does not depend on the account).
        var hash = Passwords.Hash(new UserEntity { Login = "", DisplayName = "", PasswordHash = "" }, Password);
        var users = new Dictionary<string, UserEntity>();
        UserEntity Add(string login, string nom, Role role, string? structure, string? region)
        {
            var user = new UserEntity { Login = login, Role = role, PasswordHash = hash, DisplayName = nom, StructureCode = structure, RegionCode = region };
            users[login] = user;
            db.Users.Add(user);
            return user;
        }
        foreach (var (demoLogin, nom, role, structure, regional) in Accounts)
        {
            if (manuel && GeneratedOnly.Contains(demoLogin)) continue;
            // In the hand-made seed the other structure is the Mission Locale of Valence.
            var login = manuel ? demoLogin.Replace(".autre", ".valence", StringComparison.Ordinal) : demoLogin;
            var regionNom = Libelles.Region(structures[0].Region);
            var displayName = role switch
            {
                Role.AgentEtatRegional => $"DREETS {regionNom}",
                Role.AgentRegion => $"Région {regionNom}",
                _ => nom,
            };
            Add(login, displayName, role, structure is { } i ? structures[i].Code : null, regional ? structures[0].Region : null);
        }
        if (demo is null)
        {
            await db.SaveChangesAsync();
            int[] conseillers = [users["conseiller1"].Id, users["conseiller2"].Id];
            HandMadeJourneys.Add(db, Structure, "J", conseillers, today, jeunes, seed: 2026);
            HandMadeJourneys.Add(db, AutreStructure, "V", [users["conseiller.valence"].Id], today, Math.Max(10, jeunes / 10), seed: 7);
            await db.SaveChangesAsync();
            return;
        }

        // The generated region: enough counsellors per structure for portfolios of about 115 active young people.
        var named = new Dictionary<string, List<UserEntity>>(StringComparer.Ordinal)
        {
            [structures[0].Code] = [users["conseiller1"], users["conseiller2"]],
            [structures[1].Code] = [users["conseiller.autre"]],
        };
        var sexes = new Dictionary<UserEntity, Sexe> { [users["conseiller1"]] = Sexe.F, [users["conseiller2"]] = Sexe.H, [users["conseiller.autre"]] = Sexe.H };
        foreach (var s in structures)
        {
            var code = s.Code.ToLowerInvariant();
            if (!named.TryGetValue(s.Code, out var team))
            {
                named[s.Code] = team = [];
                Add($"directeur.{code}", $"Direction de la {s.Nom}", Role.Directeur, s.Code, null);
            }
            var suivis = demo.Suivis.Count(x => x.Structure == s.Code);
            for (var n = team.Count + 1; n <= GeneratedJourneys.Conseillers(suivis, team.Count); n++)
            {
                var sexe = n % 3 == 0 ? Sexe.H : Sexe.F;
                var (prenom, nom) = FrenchNames.For(GeneratedJourneys.Seed, s.Code, $"C{n:D3}", sexe);
                var user = Add($"conseiller.{code}.{n}", $"{prenom} {nom}", Role.Conseiller, s.Code, null);
                team.Add(user);
                sexes[user] = sexe;
            }
        }
        await db.SaveChangesAsync();
        // The counsellors in the staff register (their FTE for the activity per counsellor): full time, one in five at 0.8.
        var k = 0;
        foreach (var (user, sexe) in sexes)
        {
            var plein = k++ % 5 != 4;
            db.Personnel.Add(new PersonnelEntity
            {
                StructureCode = user.StructureCode!, Nom = user.DisplayName, Sexe = sexe, Statut = StatutPersonnel.Salarie, Contrat = ContratPersonnel.Cdi,
                TempsPlein = plein, Etp = plein ? 1m : 0.8m, Metier = Metier.Conseiller, Debut = today.AddYears(-3), UserId = user.Id,
            });
        }
        await db.SaveChangesAsync();
        foreach (var s in structures)
            await GeneratedJourneys.NameAndAssignAsync(db, s.Code, named[s.Code].Select(u => u.Id).ToList(), demo.Suivis);
        await SeedFinancementAsync(db, structures, today, users["region"].DisplayName);
        await EmployeurDemo.SeedAsync(db, structures.Select(s => s.Code), GeneratedJourneys.Seed);
        await ImmersionDemo.SeedAsync(db, structures.Select(s => s.Code), today, GeneratedJourneys.Seed);
        await DemoPlans.SeedAsync(db, structures[0].Code, structures[1].Code, structures[0].Region, today, users["region"].DisplayName);
        await DemoCommission.SeedAsync(db, structures[1].Code, today, users["directeur.moulins"].DisplayName);
        await DemoProjetDeStructure.SeedAsync(db, structures[0].Code, structures[0].Region, today);
        await DemoProgres.SeedAsync(db, [.. structures.Select(s => (s.Code, s.Nom))], structures[0].Region, today, users["arml"].DisplayName,
            users.Values.Where(u => u.Role == Role.Directeur && u.StructureCode is not null).GroupBy(u => u.StructureCode!).ToDictionary(g => g.Key, g => g.First().DisplayName));
        await DemoCej.SeedAsync(db, structures[0].Code, [users["conseiller1"], users["conseiller2"]], today, seed: 2026);
        await DemoDialogues.SeedAsync(db, structures[0].Code, structures[0].Region, today, users["directeur"].DisplayName, users["etat.region"].DisplayName);
    }

    /// <summary>
    /// The Région's funding grid in the demo (docs/financement-region.md): the envelope of the current year, simulated (not voted),
    /// in <see cref="AllocationRepository"/> as <c>/Financement</c> records it, so that the page shows its allocation computed by
    /// <see cref="Jalon.Indicators.Financement.Allocation"/> like any other. Invented figures (seed 001 gives neither JANO nor
    /// envelope): <see cref="EnveloppeDemo"/>, and — for a structure whose JANO of N−1 is missing (<c>/Pilotage/Moyens</c>'s
    /// table) — a JANO of <see cref="JanoParJeune"/> per young person it received in N−1.
    /// </summary>
    private static async Task SeedFinancementAsync(JalonDbContext db, IReadOnlyList<Structure> structures, DateOnly today, string par)
    {
        var annee = today.Year;
        var codes = structures.Select(s => s.Code).ToArray();
        var debut = new DateOnly(annee - 1, 1, 1);
        var fin = new DateOnly(annee - 1, 12, 31);
        var accueillis = await db.Jeunes.Where(j => codes.Contains(j.StructureCode) && j.PremierAccueil >= debut && j.PremierAccueil <= fin)
            .GroupBy(j => j.StructureCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
        var moyens = await db.Moyens.Where(m => codes.Contains(m.StructureCode) && m.Annee == annee - 1).ToDictionaryAsync(m => m.StructureCode);
        foreach (var code in codes)
        {
            if (moyens.TryGetValue(code, out var m) && m.Jano is not null) continue;
            if (m is null) db.Moyens.Add(m = new MoyensEntity { StructureCode = code, Annee = annee - 1 });
            m.Jano = Math.Max(100, accueillis.GetValueOrDefault(code) * JanoParJeune);
        }
        await db.SaveChangesAsync();
        var grille = Jalon.Indicators.Catalogues.Catalogue.Load(Pages.Financement.IndexModel.Grille).Financement!;
        var parametres = new ParametresAllocation(EnveloppeDemo, grille.Axes.ToDictionary(a => a.Numero, a => a.Part), new Dictionary<(int, string), decimal>());
        await new AllocationRepository(db).EnregistrerAsync(structures[0].Region, Pages.Financement.IndexModel.Grille, annee, parametres, par,
            DateTime.SpecifyKind(today.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc));
        await db.SaveChangesAsync();
    }

    /// <summary>The demo Région's envelope (invented: about 250 000 € per Mission Locale of the demo region).</summary>
    public const decimal EnveloppeDemo = 3_500_000m;

    /// <summary>Invented JANO per young person received in the year, for a demo structure without one (about 1 in 6 comes to the Mission Locale).</summary>
    public const int JanoParJeune = 6;
}
