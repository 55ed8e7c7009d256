using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.LoadBench;

/// <param name="Before">Run before each request, outside the measured time (e.g. a change that makes the page recompute).</param>
internal sealed record PageSpec(string Name, string Login, int Count, Func<int, string> Url, int? Warmup = null, Action<int>? Before = null);

internal sealed class PageResult(string name, IReadOnlyList<double> server, int errors, bool stopped)
{
    private readonly double[] _sorted = [.. server.Order()];
    public string Name { get; } = name;
    public int Count => _sorted.Length;
    public int Errors { get; } = errors;
    public bool Stopped { get; } = stopped;
    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Nearest-rank percentile.</summary>
    public double P(int percent) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}

/// <summary>The server-side time of the last request, written by the timing middleware (requests are sequential).</summary>
internal sealed class ServerTimer
{
    public double LastMilliseconds { get; set; }
}

/// <summary>Puts the timing middleware in front of the whole pipeline of the app.</summary>
internal sealed class TimingStartupFilter(ServerTimer timer) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate following) =>
        {
            var start = Stopwatch.GetTimestamp();
            await following(context);
            timer.LastMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        next(app);
    };
}

/// <summary>Jalon.Web in-process on the bench database (<see cref="WebApplicationFactory{TEntryPoint}"/>, TestServer).</summary>
internal sealed partial class BenchApp(string root, DatabaseProvider provider, string connectionString, bool sql) : WebApplicationFactory<Program>
{
    private readonly ServerTimer _timer = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(root, "src", "Jalon.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Jalon", connectionString);
        builder.UseSetting("Jalon:Database:Provider", provider == DatabaseProvider.Postgres ? "postgres" : "sqlite");
        // Hundreds of users sign in from this one address in a few seconds: the login limits have their own tests.
        builder.UseSetting("Jalon:Connexion:TentativesParAdresse", "1000000");
        builder.UseSetting("Jalon:Connexion:TentativesParIdentifiant", "1000000");
        // Only the measured requests on the machine: no scheduled job starts in the middle of a run.
        builder.UseSetting("Jalon:Taches:Actives", "false");
        // The demo start: the bench accounts use the demo password, and the bench database (imported, never empty) is not seeded.
        builder.UseSetting("Jalon:Demo", "true");
        builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0"); // the benchmark's data are years old: keep them
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Jalon.Web.Pages.Pilotage.Services.IndicateursPilotage", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", sql ? "Information" : "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_timer);
            services.AddSingleton<IStartupFilter>(new TimingStartupFilter(_timer));
        });
    }

    public bool HasPage(string page) =>
        File.Exists(Path.Combine(root, "src", "Jalon.Web", "Pages", page + ".cshtml"));

    /// <summary>Logs in through the real form (antiforgery token and cookies); the client keeps the session cookie.</summary>
    public async Task<HttpClient> LoginAsync(string login, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await LoginAsync(client, login, password);
        return client;
    }

    /// <summary>Logs <paramref name="client"/> in through the real form; it must keep cookies and not follow redirects.</summary>
    public static async Task LoginAsync(HttpClient client, string login, string password)
    {
        var form = await client.GetStringAsync(new Uri("/Connexion", UriKind.Relative));
        var token = Token(form) ?? throw new InvalidOperationException("Jeton antifalsification introuvable sur /Connexion.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Identifiant"] = login,
            ["Input.MotDePasse"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/Connexion", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Connexion de {login} refusée ({(int)response.StatusCode}).");
    }

    /// <summary>The antiforgery token of a page's form, or null.</summary>
    public static string? Token(string html)
    {
        var token = TokenRegex().Match(html);
        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;
    }

    /// <summary>Warm-up, then at most <see cref="PageSpec.Count"/> sequential requests, stopped after <paramref name="budget"/>.</summary>
    public async Task<PageResult> MeasureAsync(HttpClient client, PageSpec page, int warmup, TimeSpan budget)
    {
        Console.Write($"{page.Name} ({page.Login}) : échauffement…");
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < (page.Warmup ?? warmup) && warm.Elapsed < budget / 3; i++)
        {
            await GetAsync(client, page.Url(i));
            Console.Write($" {_timer.LastMilliseconds:0} ms");
        }
        Console.Write(" mesure…");
        var times = new List<double>(page.Count);
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var stopped = false;
        for (var i = 0; i < page.Count; i++)
        {
            if (watch.Elapsed > budget) { stopped = true; break; }
            page.Before?.Invoke(i);
            var status = await GetAsync(client, page.Url(i));
            if (status == HttpStatusCode.OK) times.Add(_timer.LastMilliseconds);
            else
            {
                errors++;
                if (errors == 1) Console.Write($" [{(int)status} sur {page.Url(i)}]");
            }
        }
        Console.WriteLine($" {times.Count} requêtes en {watch.Elapsed.TotalSeconds:0.0} s.");
        return new PageResult(page.Name, times, errors, stopped);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        return response.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
