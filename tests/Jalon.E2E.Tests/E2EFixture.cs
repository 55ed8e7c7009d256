using Jalon.Storage;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: TestFramework("Jalon.Tests.Shared.JalonTestFramework", "Jalon.E2E.Tests")]

namespace Jalon.E2E.Tests;

/// <summary>
/// The app (demo start) on a real Kestrel port with a fresh demo database — SQLite here, PostgreSQL in
/// <see cref="PostgresE2EFixture"/> — and Debian's Chromium driven by Playwright.
/// </summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (xUnit lifetime)
public class E2EFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string Password = Jalon.Web.Seed.DemoSeed.Password;
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"jalon-e2e-{Guid.NewGuid():N}.db");
    private string? _postgresName;
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"jalon-e2e-chromium-{Guid.NewGuid():N}");
    private Factory? _factory;
    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Prefix of the screenshots (one set per database).</summary>
    protected virtual string ShotPrefix => "";

    private sealed class Factory(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Jalon:Database:Provider", provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
            builder.UseSetting("ConnectionStrings:Jalon", connectionString);
            builder.UseSetting("Jalon:Demo", "true");
            builder.UseSetting("Jalon:Seed:Source", "manuel");
            builder.UseSetting("Jalon:Seed:Jeunes", "120");
            // Every test signs in from this machine: the login limits have their own tests (Jalon.Web.Tests).
            builder.UseSetting("Jalon:Connexion:TentativesParAdresse", "1000000");
            builder.UseSetting("Jalon:Connexion:TentativesParIdentifiant", "1000000");
            builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
        }
    }

    public async Task InitializeAsync()
    {
        // The PostgreSQL tests are reported skipped without a server (never under CI): nothing to start then.
        if (Provider == DatabaseProvider.Postgres && TestPostgres.SkipReason is not null) return;
        Directory.CreateDirectory(Screenshots);
        string connectionString;
        if (Provider == DatabaseProvider.Postgres) (connectionString, _postgresName) = TestPostgres.NewDatabase("jalon_e2e");
        else connectionString = JalonStorage.SqliteConnectionString(_db);
        _factory = new Factory(Provider, connectionString);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("JALON_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=fr-FR"],
            Env = new Dictionary<string, string> { ["LANG"] = "fr_FR.UTF-8", ["LANGUAGE"] = "fr" },
        });
    }

    /// <summary>A new browser context (its own cookies), signed in as a demo account.</summary>
    public async Task<IPage> SignedIn(string login)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "fr-FR", TimezoneId = "Europe/Paris", ViewportSize = new() { Width = 1280, Height = 900 }, BypassCSP = true });
        lock (_contexts) _contexts.Add(context);
        // A loaded 2-core CI machine runs the other test assemblies at the same time: the first page of a role (its
        // tallies computed on demand) may take longer than Playwright's 30 s default. A wait, never a timing assertion.
        // 240 s: a fresh-clone CI (load 11, both databases' apps and browsers starting together) once took more than 120 s
        // for the director's first page on PostgreSQL, which the same test then did in seconds on an idle machine.
        context.SetDefaultTimeout(240_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Connexion");
        await page.FillAsync("#Input_Identifiant", login);
        await page.FillAsync("#Input_MotDePasse", Password);
        await page.ClickAsync("button[type=submit]:has-text('Se connecter')");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    public async Task<IPage> Anonymous()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = 1280, Height = 900 }, BypassCSP = true });
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every context opened since the last call: each test class calls it after each test. A page left open keeps its
    /// renderer busy (the DSFR's animation loop), and the pages of a whole run used to pile up and slow the machine.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open) await context.CloseAsync();
    }

    public Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, ShotPrefix + name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_postgresName is not null) TestPostgres.Drop(_postgresName);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_db + suffix); } catch (IOException) { }
        }
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jalon.slnx"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>The same on PostgreSQL (<c>JALON_TEST_POSTGRES</c>).</summary>
public sealed class PostgresE2EFixture : E2EFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ShotPrefix => "postgres-";
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "E2E";
}

[CollectionDefinition(Name)]
public sealed class E2EPostgresCollection : ICollectionFixture<PostgresE2EFixture>
{
    public const string Name = "E2E PostgreSQL";
}
