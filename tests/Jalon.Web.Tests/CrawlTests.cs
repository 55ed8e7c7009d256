using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Jalon.Storage;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Jalon.Web.Tests;

/// <summary>The demo start on a fresh database with the generated demo seed (as <c>./jalon web</c>, fewer young people).</summary>
public class DemoWebFactory : JalonWebFactory
{
    public DemoWebFactory()
    {
    }

    protected DemoWebFactory(DatabaseProvider provider) : base(provider)
    {
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jalon:Seed:Source", "generateur");
        builder.UseSetting("Jalon:Seed:Jeunes", "200");
    }
}

public class PostgresDemoWebFactory() : DemoWebFactory(DatabaseProvider.Postgres);

/// <summary>
/// For every role of the demo, from <c>/</c>, follows every same-origin link (pages, pagination, exports) and every redirect,
/// and asserts that none answers a server error. Links of the same shape (identifiers and numbers aside) are followed a few
/// times only, so that a crawl visits every kind of page without reading every file.
/// </summary>
public abstract partial class CrawlTests(JalonWebFactory factory, ITestOutputHelper output)
{
    private const int PerShape = 3;
    private const int PerRole = 250;

    public static TheoryData<string> Logins() =>
        [.. Jalon.Web.Seed.DemoSeed.Accounts.Select(a => a.Login)];

    [Theory]
    [MemberData(nameof(Logins))]
    public async Task No_link_shown_to_a_role_leads_to_a_server_error(string login)
    {
        var client = await factory.SharedSession(login);
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<string>();
        var refused = new List<string>();
        var visited = 0;
        while (queue.Count > 0 && visited < PerRole)
        {
            var url = queue.Dequeue();
            visited++;
            using var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            if (status >= 500) errors.Add($"{status} {url}");
            else if (status >= 400) refused.Add($"{status} {url}");
            var links = new List<string>();
            if (response.Headers.Location is { } location) links.Add(location.OriginalString);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                using var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                links.AddRange(document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!));
                links.AddRange(document.QuerySelectorAll("form").SelectMany(f => GetSubmissions(f, url.Split('?')[0])));
            }
            foreach (var link in links)
            {
                if (Local(link) is not { } next || !seen.Add(next)) continue;
                var shape = Shape(next);
                var count = shapes.GetValueOrDefault(shape);
                if (count >= PerShape) continue;
                shapes[shape] = count + 1;
                queue.Enqueue(next);
            }
        }
        output.WriteLine($"{login} : {visited} pages visitées, {shapes.Count} formes ; refus (4xx) : {string.Join(", ", refused)}");
        Assert.True(visited > 3, $"{login} : {visited} pages seulement");
        Assert.True(errors.Count == 0, $"{login} : erreurs serveur\n{string.Join("\n", errors)}");
    }

    /// <summary>
    /// The addresses a GET form leads to: submitted as it is shown, then once per option of each of its lists (the other
    /// fields as shown).
    /// </summary>
    private static IEnumerable<string> GetSubmissions(AngleSharp.Dom.IElement form, string page)
    {
        if (!string.IsNullOrEmpty(form.GetAttribute("method")) && !string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
            yield break;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        var fields = new List<(string Name, string Value)>();
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = control.GetAttribute("name")!;
            var type = control.GetAttribute("type")?.ToLowerInvariant();
            if (type is "submit" or "button" or "reset" or "file") continue;
            if (type is "checkbox" or "radio" && !control.HasAttribute("checked")) continue;
            var value = control.LocalName switch
            {
                "select" => (control.QuerySelector("option[selected]") ?? control.QuerySelector("option"))?.GetAttribute("value") ?? "",
                "textarea" => control.TextContent,
                _ => control.GetAttribute("value") ?? (type == "checkbox" ? "on" : ""),
            };
            fields.Add((name, value));
        }
        string Url(IEnumerable<(string Name, string Value)> values) =>
            action + "?" + string.Join("&", values.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        yield return Url(fields);
        foreach (var select in form.QuerySelectorAll("select[name]"))
        {
            var name = select.GetAttribute("name")!;
            foreach (var option in select.QuerySelectorAll("option"))
            {
                var value = option.GetAttribute("value") ?? option.TextContent;
                yield return Url(fields.Select(f => f.Name == name ? (f.Name, value) : f));
            }
        }
    }

    /// <summary>A same-origin address without its fragment, or null (another site, mailto:, javascript:, the logout form's target).</summary>
    private static string? Local(string href)
    {
        href = WebUtility.HtmlDecode(href).Split('#')[0];
        if (href.StartsWith("http://localhost/", StringComparison.Ordinal)) href = href["http://localhost".Length..];
        if (href.Length == 0 || !href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) return null;
        return href.StartsWith("/Deconnexion", StringComparison.Ordinal) ? null : href;
    }

    /// <summary>The address with every run of digits replaced and the query's keys sorted: one shape per kind of page.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var query = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Order(StringComparer.Ordinal)) : "";
        return Digits().Replace(parts[0] + "?" + query, "#");
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(DemoWebFactory factory, ITestOutputHelper output) : CrawlTests(factory, output), IClassFixture<DemoWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresDemoWebFactory factory, ITestOutputHelper output) : CrawlTests(factory, output), IClassFixture<PostgresDemoWebFactory>;
}
