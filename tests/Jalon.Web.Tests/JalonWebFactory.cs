using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

[assembly: TestFramework("Jalon.Tests.Shared.JalonTestFramework", "Jalon.Web.Tests")]

namespace Jalon.Web.Tests;

/// <summary>
/// The web application in the demo start on a fresh database, one per test class, seeded with the small hand-made demo
/// (<c>Jalon:Seed:Source=manuel</c>): SQLite here, PostgreSQL in <see cref="PostgresWebFactory"/>. Subclasses change the
/// settings in <see cref="Configure"/>.
/// </summary>
public class JalonWebFactory : WebApplicationFactory<Program>
{
    public const string Password = Jalon.Web.Seed.DemoSeed.Password;
    private readonly string? _sqlitePath;
    private string? _postgresName;
    private string? _connectionString;
    private readonly bool _ownsDatabase = true;
    /// <summary>Prefix of the folders of this factory's backups and pending imports.</summary>
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jalon-web-tests-{Guid.NewGuid():N}");

    public JalonWebFactory() : this(DatabaseProvider.Sqlite)
    {
    }

    protected JalonWebFactory(DatabaseProvider provider)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"jalon-web-tests-{Guid.NewGuid():N}.db");
            _connectionString = JalonStorage.SqliteConnectionString(_sqlitePath);
        }
    }

    /// <summary>On an existing database (not deleted at the end).</summary>
    protected JalonWebFactory(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
        _ownsDatabase = false;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The address of the test clients (https for a production start, whose cookies are <c>Secure</c>).</summary>
    protected virtual Uri ClientBaseAddress => new("http://localhost");

    /// <summary>The database's connection string (PostgreSQL: created on first use, so that a skipped class needs no server).</summary>
    public string ConnectionString
    {
        get
        {
            if (_connectionString is null) (_connectionString, _postgresName) = TestPostgres.NewDatabase("jalon_web");
            return _connectionString;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jalon:Database:Provider", Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
        builder.UseSetting("ConnectionStrings:Jalon", ConnectionString);
        builder.UseSetting("Jalon:Demo", "true");
        builder.UseSetting("Jalon:Seed:Source", "manuel");
        builder.UseSetting("Jalon:Seed:Jeunes", "40");
        // The background refresh is driven by the tests that need it (TallyRefresher.RunOnce).
        builder.UseSetting("Jalon:Indicateurs:RafraichissementSecondes", "0");
        // The tests sign in hundreds of times from one address; the limits have their own test (LoginThrottleTests).
        builder.UseSetting("Jalon:Connexion:TentativesParAdresse", "1000000");
        builder.UseSetting("Jalon:Connexion:TentativesParIdentifiant", "1000000");
        // The nightly anonymisation is run by the tests that need it (ConservationJob.RunAsync); backups go to a private folder.
        builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
        // No job is planned (the scheduler has its own tests: TachesTests); /Taches can still run one now.
        builder.UseSetting("Jalon:Taches:Actives", "false");
        builder.UseSetting("Jalon:Sauvegardes:Dossier", _path + "-sauvegardes");
        builder.UseSetting("Jalon:Import:Attente", _path + "-attente");
        Configure(builder);
    }

    /// <summary>Settings of a subclass, applied after the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Anonymous() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientBaseAddress });

    /// <summary>A client signed in as a demo account.</summary>
    public async Task<HttpClient> SignedIn(string login, string password = Password)
    {
        var client = Anonymous();
        var response = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Connexion de {login} refusée : {response.StatusCode}");
        return client;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _sessions = new();

    /// <summary>
    /// A client on a session of <paramref name="login"/> shared by the tests of the class that only read (GET): one login
    /// (and one PBKDF2 verification) per account instead of one per test.
    /// </summary>
    public async Task<HttpClient> SharedSession(string login)
    {
        if (!_sessions.TryGetValue(login, out var session))
        {
            var container = new CookieContainer();
            var client = CreateDefaultClient(new CookieContainerHandler(container));
            var response = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = Password });
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Connexion de {login} refusée : {response.StatusCode}");
            session = _sessions.GetOrAdd(login, container.GetCookies(Server.BaseAddress)["Jalon.Session"]!.Value);
        }
        var cookies = new CookieContainer();
        cookies.Add(Server.BaseAddress, new Cookie("Jalon.Session", session));
        return CreateDefaultClient(new CookieContainerHandler(cookies));
    }

    public JalonDbContext Db() => Services.CreateScope().ServiceProvider.GetRequiredService<JalonDbContext>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "-sauvegardes", "-attente" })
        {
            try { if (Directory.Exists(_path + suffix)) Directory.Delete(_path + suffix, recursive: true); } catch (IOException) { }
        }
        if (!_ownsDatabase) return;
        if (_postgresName is not null) TestPostgres.Drop(_postgresName);
        if (_sqlitePath is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_sqlitePath + suffix); } catch (IOException) { }
        }
    }
}

/// <summary>The same on PostgreSQL (<c>JALON_TEST_POSTGRES</c>), a new database per test class.</summary>
public class PostgresWebFactory() : JalonWebFactory(DatabaseProvider.Postgres);

public static partial class HttpClientForms
{
    /// <summary>GETs <paramref name="formPage"/> (default: the target) for its antiforgery token, then POSTs the form.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? StripHandler(url));
        var html = await page.Content.ReadAsStringAsync();
        var token = Token().Match(html);
        if (!token.Success) throw new InvalidOperationException($"Pas de jeton antiforgery sur {formPage ?? url} ({page.StatusCode})");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static async Task<string> Html(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Body();
    }

    /// <summary>The HTML of a response with entities decoded (&#x27; → ').</summary>
    public static async Task<string> Body(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static string StripHandler(string url) => url.Split('?')[0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
