using System.Net;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>A database of one test, SQLite or PostgreSQL, dropped at the end.</summary>
public sealed class ScratchDatabase : IDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresName;

    public ScratchDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            _directory = Directory.CreateTempSubdirectory("jalon-start-").FullName;
            SqlitePath = Path.Combine(_directory, "jalon.db");
            ConnectionString = JalonStorage.SqliteConnectionString(SqlitePath);
        }
        else
        {
            (ConnectionString, _postgresName) = TestPostgres.NewDatabase("jalon_start");
        }
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string? SqlitePath { get; }

    /// <summary>The options of <c>./jalon importer</c> and <c>comptes</c> that name this database.</summary>
    public string[] CommandLineOptions => Provider == DatabaseProvider.Sqlite ? ["--base", SqlitePath!] : ["--postgres", ConnectionString];

    public JalonDbContext Open() => JalonStorage.CreateContext(Provider, ConnectionString);

    public void Dispose()
    {
        if (_postgresName is not null) TestPostgres.Drop(_postgresName);
        if (_directory is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The production start (no <c>Jalon:Demo</c>) in-process, on a given database, its clients on https.</summary>
public sealed class ProductionWebFactory(DatabaseProvider provider, string connectionString) : JalonWebFactory(provider, connectionString)
{
    protected override Uri ClientBaseAddress => new("https://localhost");

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jalon:Demo", "false");
}

/// <summary>The demo start in-process on a given database.</summary>
public sealed class DemoOnDatabaseFactory(DatabaseProvider provider, string connectionString) : JalonWebFactory(provider, connectionString);

/// <summary>
/// The two starts and the first account: <c>./jalon web</c> (demo) seeds only an empty database and marks it; the production
/// start never seeds, refuses a demo database and the demo password; <c>./jalon comptes creer-admin</c> creates the first
/// administrator and recovers an access. The programs run as child processes, as on a server.
/// </summary>
public abstract class StartTests(DatabaseProvider provider)
{
    private const string AdminPassword = "Solide-Serveur-2026";
    private const string NewAdminPassword = "Autre-Serveur-2027!";

    [Fact]
    public async Task The_production_start_refuses_a_demo_database_with_exit_code_2_before_listening()
    {
        using var database = new ScratchDatabase(provider);
        using (var db = database.Open())
        {
            JalonDatabase.Migrate(db);
            await Instance.MarkDemoAsync(db);
        }

        var (process, address, output, error) = await ChildProcesses.StartWeb(ChildProcesses.DatabaseEnvironment(provider, database.ConnectionString));
        using (process)
        {
            Assert.Null(address);
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("Démarrage de production refusé : cette base est une base de démonstration", error.ToString());
            Assert.DoesNotContain("Now listening", output.ToString());
        }
    }

    [Fact]
    public async Task The_production_start_on_an_empty_database_creates_nothing_and_says_how_to_create_the_first_account()
    {
        using var database = new ScratchDatabase(provider);
        var (process, address, _, error) = await ChildProcesses.StartWeb(ChildProcesses.DatabaseEnvironment(provider, database.ConnectionString));
        using (process)
        {
            try
            {
                Assert.True(address is not null, error.ToString());
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
                var home = await http.GetAsync("/");
                Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
                var login = await (await http.GetAsync("/Connexion")).Body();
                Assert.Contains("Aucun compte n'existe encore", login);
                Assert.Contains("./jalon comptes creer-admin --identifiant", login);
                Assert.DoesNotContain("Démonstration", login);
            }
            finally
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
        using var db = database.Open();
        Assert.Equal(JalonDatabase.LatestVersion, JalonDatabase.CurrentVersion(db));
        Assert.Equal((0, 0, 0, 0), (await db.Users.CountAsync(), await db.Structures.CountAsync(), await db.Jeunes.CountAsync(), await db.InstanceSettings.CountAsync()));
    }

    [Fact]
    public async Task Creer_admin_creates_the_first_administrator_then_recovers_the_access_and_both_are_audited()
    {
        using var database = new ScratchDatabase(provider);
        await using var web = new ProductionWebFactory(provider, database.ConnectionString);
        using (var db = web.Db()) Assert.False(await db.Users.AnyAsync()); // the production start migrated, created nothing

        var created = await ChildProcesses.Jalon(["comptes", "creer-admin", "--identifiant", "Chef.Admin", .. database.CommandLineOptions], AdminPassword + "\n");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Compte administrateur « chef.admin » créé", created.Output);

        var client = web.Anonymous();
        var login = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "chef.admin", ["Input.MotDePasse"] = AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Jalon.Session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Comptes")).StatusCode);

        // Run again, with the settings of ./jalon web instead of the options: the access is recovered.
        var reset = await ChildProcesses.Jalon(["comptes", "creer-admin", "--identifiant", "chef.admin"], NewAdminPassword + "\nla suite est ignorée\n",
            ChildProcesses.DatabaseEnvironment(provider, database.ConnectionString));
        Assert.True(reset.ExitCode == 0, reset.Error);
        Assert.Contains("Mot de passe de « chef.admin » réinitialisé", reset.Output);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Comptes")).StatusCode); // its sessions were closed
        Assert.Equal(HttpStatusCode.OK, (await web.Anonymous().PostForm("/Connexion", new() { ["Input.Identifiant"] = "chef.admin", ["Input.MotDePasse"] = AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.Anonymous().PostForm("/Connexion", new() { ["Input.Identifiant"] = "chef.admin", ["Input.MotDePasse"] = NewAdminPassword })).StatusCode);

        using var check = web.Db();
        var admin = await check.Users.SingleAsync();
        Assert.Equal(("chef.admin", Jalon.Domain.Role.Administrateur, false), (admin.Login, admin.Role, admin.MustChangePassword));
        var lines = await check.AuditLog.Where(a => a.UserLogin == "ligne de commande" && a.Entity == "compte").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Creation, AuditAction.Modification], lines.Select(a => a.Action));
        Assert.Equal(0, await check.Jeunes.CountAsync());
    }

    [Fact]
    public async Task A_production_start_refuses_the_demo_password_even_on_an_account_that_has_it()
    {
        using var database = new ScratchDatabase(provider);
        using (var db = database.Open())
        {
            JalonDatabase.Migrate(db);
            // A database of an older Jalon, seeded before the demo was marked: an account still has the published password.
            var user = new UserEntity { Login = "admin", DisplayName = "Administration", Role = Jalon.Domain.Role.Administrateur, PasswordHash = "" };
            user.PasswordHash = Passwords.Hash(user, JalonWebFactory.Password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        await using var web = new ProductionWebFactory(provider, database.ConnectionString);
        var refused = await web.Anonymous().PostForm("/Connexion", new() { ["Input.Identifiant"] = "admin", ["Input.MotDePasse"] = JalonWebFactory.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect.", await refused.Body());
        using var check = web.Db();
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == AuditAction.EchecConnexion && a.Detail!.Contains("mot de passe de démonstration refusé en production")));
    }

    [Fact]
    public async Task The_demo_start_marks_and_seeds_an_empty_database_only()
    {
        using (var empty = new ScratchDatabase(provider))
        {
            await using var demo = new DemoOnDatabaseFactory(provider, empty.ConnectionString);
            using var db = demo.Db();
            Assert.True(await Instance.IsDemoAsync(db));
            Assert.True(await db.Users.CountAsync() >= 10);
            Assert.True(await db.Jeunes.CountAsync() >= 40);
            Assert.Contains("id=\"badge-demonstration\"", await demo.Anonymous().Html("/Connexion"));
        }

        using var existing = new ScratchDatabase(provider);
        using (var db = existing.Open())
        {
            JalonDatabase.Migrate(db);
            db.Structures.Add(new StructureEntity { Code = "ML99001", Nom = "Mission Locale réelle", Region = "84" });
            await db.SaveChangesAsync();
        }
        await using (var demo = new DemoOnDatabaseFactory(provider, existing.ConnectionString))
        {
            using var db = demo.Db();
            Assert.Equal((0, 0, 1), (await db.Users.CountAsync(), await db.Jeunes.CountAsync(), await db.Structures.CountAsync()));
            Assert.False(await Instance.IsDemoAsync(db));
        }
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite() : StartTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres() : StartTests(DatabaseProvider.Postgres);
}

/// <summary><c>./jalon comptes creer-admin</c> refuses, with exit code 2 and the reason in French, and writes nothing.</summary>
public sealed class CreerAdminRefusalTests
{
    [Theory]
    [InlineData("admin", "court-Aa1!\n", "au moins 12 caractères")]
    [InlineData("admin", "troissortesdecaracteres2026\n", "au moins 12 caractères")]
    [InlineData("admin", "Jalon-demo-2026\n", "celui, publié, des comptes de démonstration")]
    [InlineData("h.robert", "Robert-Jalon-2026\n", "ne doit pas reprendre l'identifiant")]
    [InlineData("admin", "Nimda-Serveur-2026\n", "ne doit pas reprendre l'identifiant")]
    [InlineData("admin", "", "Aucun mot de passe reçu")]
    [InlineData("admin espace", "Solide-Serveur-2026\n", "Identifiant refusé")]
    public async Task Creer_admin_refuses_and_writes_nothing(string identifiant, string input, string reason)
    {
        using var database = new ScratchDatabase(DatabaseProvider.Sqlite);
        var result = await ChildProcesses.Jalon(["comptes", "creer-admin", "--identifiant", identifiant, .. database.CommandLineOptions], input);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.Equal("", result.Output);
        Assert.False(File.Exists(database.SqlitePath));
    }
}
