using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The CRA campaign in a real browser: the State agent of the region opens the February campaign, the director submits
/// it, the State agent sees it submitted and closes it; a later edit of the figures does not change what was submitted
/// (the difference with live data is shown). axe-core on every campaign page: no serious or critical violation.
/// </summary>
public abstract class CampaignTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private const string Structure = "ML26001";

    /// <summary>Campaign 2027: the activity of 2026 (the seed's) and the BRH at 31/12/2026.</summary>
    private const int Annee = 2027;

    private static async Task Submit(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => { window.jalonPagePrecedente = true; }");
        await target.ClickAsync();
        await page.WaitForFunctionAsync("() => window.jalonPagePrecedente === undefined && document.readyState !== 'loading'", null, new() { PollingInterval = 50 });
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task AssertAccessible(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{where}: {v.Impact} {v.Id} — {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task State_opens_the_february_campaign_director_submits_State_closes_and_a_later_edit_leaves_the_submission_frozen()
    {
        // ---- The State agent opens the February campaign of the region. ----
        var etat = await app.SignedIn("etat.region");
        await Submit(etat, etat.Locator("nav a.fr-nav__link[href='/Campagnes']"));
        await Assertions.Expect(etat.Locator("h1")).ToHaveTextAsync("Campagnes de compte rendu d'activité");
        await AssertAccessible(etat, "/Campagnes (État)");
        await etat.SelectOptionAsync("#Type", "Fevrier");
        await etat.FillAsync("#Annee", Annee.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await etat.FillAsync("#Echeance", DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Submit(etat, Button(etat, "Ouvrir la campagne"));
        await Assertions.Expect(etat.Locator("h1")).ToHaveTextAsync("Campagne de février (activité et BRH) 2027 — exercice 2026");
        var ligne = etat.Locator($"tr[data-structure='{Structure}']");
        await Assertions.Expect(ligne.Locator("[data-etat]")).ToHaveTextAsync("À remplir");
        await AssertAccessible(etat, "/Campagnes/Campagne");
        await app.Shot(etat, "campagne-01-ouverte-etat");

        // ---- The director sees what is due, fills the comment, sees the checks and submits. ----
        var ml = await app.SignedIn("directeur");
        await Submit(ml, ml.Locator("nav a.fr-nav__link[href='/Campagnes']"));
        await AssertAccessible(ml, "/Campagnes (directeur)");
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Ma soumission" }).First);
        await Assertions.Expect(ml.Locator("[data-etat-soumission]")).ToHaveTextAsync("À remplir");
        await Assertions.Expect(ml.Locator("[data-controles]")).ToContainTextAsync("Le tableau des moyens humains au 31/12/2026 n'est pas saisi.");
        await AssertAccessible(ml, "/Campagnes/Soumission (à remplir)");
        await ml.FillAsync("#commentaire", "Activité 2026 en hausse ; BRH transmis séparément.");
        await Submit(ml, Button(ml, "Soumettre à l'État"));
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Campagne soumise : version 1 figée.");
        await Assertions.Expect(ml.Locator("[data-etat-soumission]")).ToHaveTextAsync("Soumise");
        await Assertions.Expect(Button(ml, "Soumettre à l'État")).ToHaveCountAsync(0);
        await Assertions.Expect(ml.Locator("[data-differences='0']")).ToBeVisibleAsync();
        await AssertAccessible(ml, "/Campagnes/Soumission (soumise)");
        await app.Shot(ml, "campagne-02-soumise-directeur");
        var i9Soumis = await ml.Locator("#version ~ details tr[data-indicateur='I9'] td").Nth(2).TextContentAsync();

        // ---- The State agent sees it submitted, reads it, and closes the campaign. ----
        await etat.ReloadAsync();
        await Assertions.Expect(ligne.Locator("[data-etat]")).ToHaveTextAsync("Soumise");
        await Submit(etat, ligne.GetByRole(AriaRole.Link));
        await Assertions.Expect(etat.Locator("[data-etat-soumission]")).ToHaveTextAsync("Soumise");
        await Assertions.Expect(etat.GetByText("Activité 2026 en hausse ; BRH transmis séparément.").First).ToBeVisibleAsync();
        await AssertAccessible(etat, "/Campagnes/Soumission (État)");
        await etat.GoBackAsync();
        await Submit(etat, Button(etat, "Clôturer la campagne"));
        await Assertions.Expect(etat.Locator(".fr-alert--success")).ToHaveTextAsync("Campagne clôturée.");
        await Assertions.Expect(etat.Locator("[data-etat-campagne]")).ToHaveTextAsync("Clôturée");
        await AssertAccessible(etat, "/Campagnes/Campagne (clôturée)");
        await app.Shot(etat, "campagne-03-cloturee-etat");

        // ---- A later edit of the figures (the FTE of 2026) does not change what was submitted. ----
        await ml.GotoAsync($"/Pilotage/Moyens?structure={Structure}&annee=2026");
        await ml.FillAsync("#EtpTotal", "41.25");
        await Submit(ml, Button(ml, "Enregistrer"));
        await ml.GotoAsync($"/Campagnes/Soumission?campagne={etat.Url.Split("id=")[1].Split('&')[0]}&structure={Structure}");
        await Assertions.Expect(ml.Locator("[data-etat-soumission]")).ToHaveTextAsync("Soumise");
        await Assertions.Expect(ml.GetByText("La campagne est clôturée.")).ToBeVisibleAsync();
        var difference = ml.Locator("table[data-differences] tbody tr").Filter(new() { HasText = "I9" });
        await Assertions.Expect(difference).ToHaveCountAsync(1);
        await Assertions.Expect(difference.Locator("td").Nth(2)).ToHaveTextAsync(i9Soumis!);
        await Assertions.Expect(difference.Locator("td").Nth(3)).ToContainTextAsync("41,25");
        await Assertions.Expect(ml.Locator("#version ~ details tr[data-indicateur='I9'] td").Nth(2)).ToHaveTextAsync(i9Soumis!);
        await AssertAccessible(ml, "/Campagnes/Soumission (différences)");
        await app.Shot(ml, "campagne-04-difference-directeur");
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : CampaignTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : CampaignTests(app);
}
