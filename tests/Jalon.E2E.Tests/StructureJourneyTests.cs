using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The structure's screens in a real browser: the director fills the profile, adds a commune to the territory, records a
/// site, types a staff table whose roll-ups disagree (and sees the warning on the row), and the budget; axe-core on every
/// page: no serious or critical violation. On SQLite (the pages are tested on both databases in Jalon.Web.Tests).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class StructureJourneyTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private const string Ml = "ML26001";

    private static async Task AssertAccessible(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = string.Join("\n", blocking.Select(v => $"{where}: {v.Impact} {v.Id} — {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        Assert.True(blocking.Count == 0, report);
    }

    private static async Task Submit(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.jalonPagePrecedente = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.jalonPagePrecedente === undefined && document.readyState !== 'loading'", null, new() { PollingInterval = 50 });
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_director_fills_the_profile_territory_a_site_the_staff_table_and_the_budget()
    {
        var page = await app.SignedIn("directeur");

        // The header leads to the structure's dashboard.
        await page.GotoAsync("/");
        await Submit(page, page.GetByRole(AriaRole.Link, new() { Name = "Structure", Exact = true }));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Mission Locale");
        await AssertAccessible(page, "/Structure");

        // Profile.
        await Submit(page, page.GetByRole(AriaRole.Link, new() { Name = "Fiche structure", Exact = true }));
        await page.FillAsync("#Input_ValableDu", "2024-01-01");
        await page.FillAsync("#Input_RaisonSociale", "Mission Locale Drôme des Collines-Royans-Vercors");
        await page.FillAsync("#Input_Siret", "12345678901234");
        await page.FillAsync("#Input_CodePostal", "26100");
        await page.FillAsync("#Input_Ville", "Romans-sur-Isère");
        await page.FillAsync("#Input_CodeCedex", "26105");
        await page.FillAsync("#Input_Directeur", "Hélène Robert");
        await Submit(page, Button(page, "Enregistrer cette version"));
        await Assertions.Expect(page.Locator("#erreurs-profil")).ToContainTextAsync("Le SIRET doit compter 14 chiffres");
        await AssertAccessible(page, "/Structure/Profil (erreurs)");
        await page.FillAsync("#Input_Siret", "44306184100047");
        await Submit(page, Button(page, "Enregistrer cette version"));
        await Assertions.Expect(page.Locator("#adresse-postale")).ToContainTextAsync("26105 ROMANS-SUR-ISÈRE CEDEX");
        await Assertions.Expect(page.Locator("#historique-profil tbody tr")).ToHaveCountAsync(1);
        await AssertAccessible(page, "/Structure/Profil");

        // Territory: an unknown code is explained, a known one added.
        await page.GotoAsync($"/Structure/Territoire?structure={Ml}");
        await page.FillAsync("#ajout-code", "99999");
        await Submit(page, Button(page, "Ajouter la commune"));
        await Assertions.Expect(page.Locator("#erreurs-territoire")).ToContainTextAsync("ne correspond à aucune commune");
        await page.FillAsync("#ajout-code", "26281");
        await Submit(page, Button(page, "Ajouter la commune"));
        await Assertions.Expect(page.Locator("#communes")).ToContainTextAsync("Romans-sur-Isère");
        await AssertAccessible(page, "/Structure/Territoire");

        // A site.
        await page.GotoAsync($"/Structure/Sites?structure={Ml}");
        await page.FillAsync("#Input_Id", "SIEGE");
        await page.FillAsync("#Input_Nom", "Siège de Romans");
        await page.SelectOptionAsync("#Input_Type", "Siege");
        await page.FillAsync("#Input_Commune", "26281");
        await page.FillAsync("#Input_Horaires", "du lundi au vendredi, 9h-17h");
        await Submit(page, Button(page, "Enregistrer le site"));
        await Assertions.Expect(page.Locator("#liste-sites")).ToContainTextAsync("Siège de Romans");
        await AssertAccessible(page, "/Structure/Sites");

        // The staff table: B1 disagrees with B11 + B12; saved anyway, the warning on B1's row.
        await page.GotoAsync($"/Structure/Brh?structure={Ml}&annee=2025");
        await page.FillAsync("input[name='f-B1']", "2");
        await page.FillAsync("input[name='h-B1']", "1");
        await page.FillAsync("input[name='t-B1']", "3");
        await page.FillAsync("input[name='t-B11']", "1");
        await page.FillAsync("input[name='t-B12']", "1");
        await page.FillAsync("input[name='t-B2']", "2,5");
        await Submit(page, Button(page, "Enregistrer le tableau 2025"));
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToContainTextAsync("Moyens humains au 31/12/2025 enregistrés");
        await Assertions.Expect(page.Locator("#brh-B1 .jalon-brh__ecart")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("input[name='t-B2']")).ToHaveValueAsync("2,5");
        await AssertAccessible(page, "/Structure/Brh");
        await app.Shot(page, "structure-brh");

        // The budget: the declared total of products disagrees with the lines.
        await page.GotoAsync($"/Structure/Budget?structure={Ml}&annee=2025");
        await page.FillAsync("input[name='m-Etat-Subvention']", "705004");
        await page.FillAsync("input[name='m-Region-Subvention']", "120000,50");
        await page.FillAsync("input[name='m--TotalProduits']", "825004");
        await Submit(page, Button(page, "Enregistrer le budget 2025"));
        await Assertions.Expect(page.Locator("#anomalies-budget")).ToContainTextAsync("total des produits déclaré 825 004 €, somme des produits 825 004,5 €");
        await AssertAccessible(page, "/Structure/Budget");

        await page.GotoAsync($"/Structure/Contexte?structure={Ml}&annee=2025");
        await AssertAccessible(page, "/Structure/Contexte");
        await page.GotoAsync($"/Structure/Personnel?structure={Ml}");
        await AssertAccessible(page, "/Structure/Personnel");

        // The State reads what the director typed.
        var etat = await app.SignedIn("etat.region");
        await etat.GotoAsync($"/Structure/Brh?structure={Ml}&annee=2025");
        await Assertions.Expect(etat.Locator("#brh-B1 .jalon-brh__ecart")).ToHaveCountAsync(1);
        await Assertions.Expect(etat.Locator("input[name='t-B1']")).Not.ToBeEditableAsync();
        await AssertAccessible(etat, "/Structure/Brh (État)");
    }
}
