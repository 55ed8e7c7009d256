using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// axe-core on the main pages: no serious or critical violation. The markup does not depend on the database: on SQLite only
/// (every page is crawled on both databases by Jalon.Web.Tests' CrawlTests).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class AccessibilityTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task AssertAccessible(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = string.Join("\n", blocking.Select(v => $"{where}: {v.Impact} {v.Id} — {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        Assert.True(blocking.Count == 0, report);
    }

    [Fact]
    public async Task Login_page_is_accessible()
    {
        var page = await app.Anonymous();
        await page.GotoAsync("/Connexion");
        await AssertAccessible(page, "/Connexion");
        await page.ClickAsync("button:has-text('Se connecter')");
        await AssertAccessible(page, "/Connexion (erreurs)");
        await app.Shot(page, "00-connexion-erreurs");
    }

    [Theory]
    [InlineData("conseiller1", "/")]
    [InlineData("conseiller1", "/Jeunes")]
    [InlineData("conseiller1", "/Jeunes/Nouveau")]
    [InlineData("conseiller1", "/Jeunes/J000003")]
    [InlineData("conseiller1", "/Jeunes/J000003/Identite")]
    [InlineData("conseiller1", "/Jeunes/J000003/Diagnostic")]
    [InlineData("conseiller1", "/Jeunes/J000003/Evenement/parcours")]
    [InlineData("conseiller1", "/Jeunes/J000003/Evenement/contact")]
    [InlineData("conseiller1", "/Portefeuille")]
    [InlineData("directeur", "/Portefeuille")]
    [InlineData("conseiller1", "/Portefeuille/Activite")]
    [InlineData("directeur", "/Portefeuille/Activite")]
    [InlineData("directeur", "/Journal")]
    [InlineData("directeur", "/Comptes")]
    [InlineData("directeur", "/Echanges")]
    [InlineData("etat.national", "/")]
    [InlineData("arml", "/MotDePasse")]
    public async Task Main_pages_have_no_serious_or_critical_violation(string login, string route)
    {
        var page = await app.SignedIn(login);
        await page.GotoAsync(route);
        await AssertAccessible(page, route);
        var name = "a11y-" + login + route.Replace('/', '-').TrimEnd('-');
        await app.Shot(page, name == "a11y-" + login ? name + "-accueil" : name);
    }
}
