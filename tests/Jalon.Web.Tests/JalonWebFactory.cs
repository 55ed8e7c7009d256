using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests;

/// <summary>The web application on a fresh SQLite database (one per test class), seeded with the small demo.</summary>
public sealed class JalonWebFactory : WebApplicationFactory<Program>
{
    public const string Password = Jalon.Web.Seed.DemoSeed.Password;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jalon-web-tests-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jalon:Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Jalon", JalonStorage.SqliteConnectionString(_path));
        builder.UseSetting("Jalon:Seed:Demo", "true");
        builder.UseSetting("Jalon:Seed:Source", "manuel");
        builder.UseSetting("Jalon:Seed:Jeunes", "40");
        // The background refresh is driven by the tests that need it (TallyRefresher.RunOnce).
        builder.UseSetting("Jalon:Indicateurs:RafraichissementSecondes", "0");
        // The nightly anonymisation is run by the tests that need it (ConservationJob.RunAsync); backups go to a private folder.
        builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
        builder.UseSetting("Jalon:Sauvegardes:Dossier", _path + "-sauvegardes");
        builder.UseSetting("Jalon:Import:Attente", _path + "-attente");
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a demo account.</summary>
    public async Task<HttpClient> SignedIn(string login)
    {
        var client = Anonymous();
        var response = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = Password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Connexion de {login} refusée : {response.StatusCode}");
        return client;
    }

    public JalonDbContext Db() => Services.CreateScope().ServiceProvider.GetRequiredService<JalonDbContext>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_path + suffix); } catch (IOException) { }
        }
        foreach (var suffix in new[] { "-sauvegardes", "-attente" })
        {
            try { if (Directory.Exists(_path + suffix)) Directory.Delete(_path + suffix, recursive: true); } catch (IOException) { }
        }
    }
}

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
