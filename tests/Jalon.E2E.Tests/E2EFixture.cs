using Jalon.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>The app on a real Kestrel port with a fresh demo database, and Debian's Chromium driven by Playwright.</summary>
#pragma warning disable CA1001 // disposed in DisposeAsync (xUnit lifetime)
public sealed class E2EFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string Password = Jalon.Web.Seed.DemoSeed.Password;
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"jalon-e2e-{Guid.NewGuid():N}.db");
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"jalon-e2e-chromium-{Guid.NewGuid():N}");
    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private sealed class Factory(string db) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Jalon", JalonStorage.SqliteConnectionString(db));
            builder.UseSetting("Jalon:Seed:Source", "manuel");
            builder.UseSetting("Jalon:Seed:Jeunes", "120");
            builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        _factory = new Factory(_db);
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
        return await context.NewPageAsync();
    }

    public Task Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "E2E";
}
