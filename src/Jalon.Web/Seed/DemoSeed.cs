using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// Creates and migrates the database at start-up and, when it holds no account, seeds the demo Mission Locale:
/// its staff accounts, State and regional accounts, and young people with realistic journeys around today.
/// Configuration: <c>Jalon:Seed:Demo</c> (default true), <c>Jalon:Seed:Jeunes</c> (young people of the demo structure).
/// </summary>
public static class DemoSeed
{
    public const string Password = "Jalon-demo-2026";
    public const string Structure = "ML26001";
    public const string AutreStructure = "ML26002";

    /// <summary>The demo accounts: login, display name, role, structure, region.</summary>
    public static readonly (string Login, string Nom, Role Role, string? Structure, string? Region)[] Accounts =
    [
        ("accueil", "Camille Martin", Role.ChargeAccueil, Structure, null),
        ("conseiller1", "Sophie Bernard", Role.Conseiller, Structure, null),
        ("conseiller2", "Karim Haddad", Role.Conseiller, Structure, null),
        ("directeur", "Hélène Robert", Role.Directeur, Structure, null),
        ("admin", "Administration Jalon", Role.Administrateur, null, null),
        ("etat.region", "DREETS Auvergne-Rhône-Alpes", Role.AgentEtatRegional, null, "84"),
        ("etat.national", "DGEFP — Mission insertion des jeunes", Role.AgentEtatNational, null, null),
        ("arml", "Association régionale des Missions Locales", Role.AssociationRegionale, null, "84"),
        ("conseiller.valence", "Julien Roux", Role.Conseiller, AutreStructure, null),
        ("directeur.valence", "Nadia Mercier", Role.Directeur, AutreStructure, null),
    ];

    public static async Task EnsureDatabaseAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        await JalonDatabase.MigrateAsync(db);
        if (!configuration.GetValue("Jalon:Seed:Demo", true) || await db.Users.AnyAsync()) return;
        var today = Dates.TodayInParis(scope.ServiceProvider.GetService<TimeProvider>());
        var jeunes = configuration.GetValue("Jalon:Seed:Jeunes", 3000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(db, today, jeunes);
        var count = await db.Jeunes.CountAsync();
        var seconds = Math.Round(watch.Elapsed.TotalSeconds, 1);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Base de démonstration créée en {Seconds} s : {Jeunes} jeunes, comptes de démonstration (mot de passe {Password}).",
            seconds, count, Password);
    }

    public static async Task SeedAsync(JalonDbContext db, DateOnly today, int jeunes)
    {
        db.Structures.Add(new StructureEntity
        {
            Code = Structure, Nom = "Mission Locale Drôme des Collines-Royans-Vercors", Region = "84", Departement = "26",
            Adresse = "3, place du Champ de Mars", CodePostal = "26100", Commune = "Romans-sur-Isère", Telephone = "04 75 70 79 40",
        });
        db.Structures.Add(new StructureEntity
        {
            Code = AutreStructure, Nom = "Mission Locale Valence Vallée de la Drôme", Region = "84", Departement = "26",
            CodePostal = "26000", Commune = "Valence",
        });
        var users = new Dictionary<string, UserEntity>();
        foreach (var (login, nom, role, structure, region) in Accounts)
        {
            var user = new UserEntity { Login = login, DisplayName = nom, Role = role, StructureCode = structure, RegionCode = region, PasswordHash = "" };
            user.PasswordHash = Passwords.Hash(user, Password);
            users[login] = user;
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
        var conseillers = new[] { users["conseiller1"].Id, users["conseiller2"].Id };
        HandMadeJourneys.Add(db, Structure, "J", conseillers, today, jeunes, seed: 2026);
        HandMadeJourneys.Add(db, AutreStructure, "V", [users["conseiller.valence"].Id], today, Math.Max(10, jeunes / 10), seed: 7);
        await db.SaveChangesAsync();
    }
}
