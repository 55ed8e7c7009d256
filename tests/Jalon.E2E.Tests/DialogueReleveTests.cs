using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Jalon.E2E.Tests;

/// <summary>
/// Issue 10, item 6 in a real browser: the dialogue 2041 set a target and a priority action (an action sheet of its plan
/// d'action); the State agent opens the dialogue 2042 and sees the review of 2041, both parties validate the relevé de
/// conclusions, and its PDF holds the page's text.
/// </summary>
public abstract partial class DialogueReleveTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => app.CloseContextsAsync();

    private const string Structure = "ML26001";

    private static string Dialogue(int annee) => $"/Pilotage/Dialogue?structure={Structure}&annee={annee}";

    private static async Task Submit(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.jalonPagePrecedente = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.jalonPagePrecedente === undefined && document.readyState !== 'loading'", null, new() { PollingInterval = 50 });
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task AccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
    }

    private static async Task OpenAsync(IPage ml, int annee)
    {
        await ml.GotoAsync("/Pilotage/Dialogues");
        await ml.SelectOptionAsync("#structure", Structure);
        await ml.FillAsync("#annee", annee.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Submit(ml, Button(ml, "Ouvrir"));
        await Assertions.Expect(ml.Locator("h1")).ToHaveTextAsync($"Dialogue de gestion {annee}");
    }

    [Fact]
    public async Task State_sees_the_review_of_N_minus_1_both_parties_validate_the_relevé_and_its_pdf_holds_the_page_s_text()
    {
        // ---- Dialogue 2041: a target on R10 and a priority action, an action sheet of the plan d'action 2041. ----
        var ml = await app.SignedIn("directeur");
        await OpenAsync(ml, 2041);
        await ml.SelectOptionAsync("#ratio", "R10");
        await ml.FillAsync("#cible", "35");
        await Submit(ml, Button(ml, "Fixer"));
        await ml.FillAsync("#action-titre-Employeurs", "Deux forums de recrutement");
        await ml.FillAsync("#action-echeance-Employeurs", "2041-10-15");
        await Submit(ml, ml.Locator("form").Filter(new() { Has = ml.Locator("#action-titre-Employeurs") }).GetByRole(AriaRole.Button));
        await Assertions.Expect(ml.Locator("#plan-action tr[data-theme=Employeurs]")).ToContainTextAsync("Deux forums de recrutement");
        await AccessibleAsync(ml);

        // ---- Dialogue 2042, prepared and transmitted by the director. ----
        await OpenAsync(ml, 2042);
        foreach (var etape in new[] { "1. Analyse et partage du contexte", "2. Le parcours d'accompagnement contractualisé",
                     "3. L'offre de service aux employeurs", "4. Étape conclusive : ressources, financements, adéquation" })
        {
            var box = ml.GetByLabel("Analyse de la Mission locale — " + etape, new() { Exact = true });
            await box.FillAsync("Analyse " + etape);
            await Submit(ml, ml.Locator("form").Filter(new() { Has = box }).GetByRole(AriaRole.Button));
        }
        await Submit(ml, Button(ml, "Transmettre aux services de l'État"));

        // ---- The State agent opens the dialogue 2042: it opens on the review of 2041. ----
        var etat = await app.SignedIn("etat.region");
        await etat.GotoAsync(Dialogue(2042));
        await Submit(etat, Button(etat, "Ouvrir le dialogue"));
        await Assertions.Expect(etat.Locator("#etat-dialogue")).ToHaveTextAsync("Dialogue en cours");
        await Assertions.Expect(etat.Locator("#revue h2")).ToHaveTextAsync("Revue de l'année 2041");
        var r10 = etat.Locator("#revue-objectifs tr[data-ratio=R10] td");
        await Assertions.Expect(r10.Nth(1)).ToHaveTextAsync(new Regex(@"^35\s?%$"));
        await Assertions.Expect(r10.Nth(3)).ToHaveTextAsync(new Regex("^(atteint|non atteint|non connu)$"));
        await Assertions.Expect(etat.Locator("#revue-actions")).ToContainTextAsync("Deux forums de recrutement");
        await Assertions.Expect(etat.Locator("#revue-actions")).ToContainTextAsync("15/10/2041");
        await Assertions.Expect(etat.Locator("#revue-actions")).ToContainTextAsync("Non commencée");
        await AccessibleAsync(etat);
        await app.Shot(etat, "pilotage-30-revue-n-1");

        // ---- The relevé de conclusions: written by the State, validated by both parties. ----
        await Submit(etat, etat.Locator("#lien-releve"));
        await etat.FillAsync("#conclusions", "Les objectifs 2042 sont partagés ; la dynamique d'accueil est confirmée.");
        await etat.FillAsync("#engagementsMissionLocale", "Diagnostic dans les quatre semaines suivant le premier accueil.");
        await etat.FillAsync("#engagementsEtat", "Versement de l'avance au premier trimestre 2042.");
        await Submit(etat, Button(etat, "Enregistrer le relevé"));
        await Assertions.Expect(etat.Locator("#releve")).ToContainTextAsync("PROJET — non validé par les deux parties");
        await Submit(etat, Button(etat, "Valider le relevé (État)"));
        await Assertions.Expect(etat.Locator("#releve-validations")).ToContainTextAsync("Pour l'État : validé par");
        await AccessibleAsync(etat);

        await ml.GotoAsync($"/Pilotage/Releve?structure={Structure}&annee=2042");
        await Assertions.Expect(ml.Locator("#releve-engagements-etat")).ToHaveTextAsync("Versement de l'avance au premier trimestre 2042.");
        await Submit(ml, Button(ml, "Valider le relevé (Mission locale)"));
        await Assertions.Expect(ml.Locator("#releve .fr-badge--warning")).ToHaveCountAsync(0);
        await Assertions.Expect(ml.Locator("#releve-saisie")).ToHaveCountAsync(0); // frozen
        await Assertions.Expect(ml.Locator("#releve-validations")).ToContainTextAsync("Pour la Mission locale : validé par");
        await AccessibleAsync(ml);
        await app.Shot(ml, "pilotage-31-releve-valide");

        // ---- The PDF beside the avenant holds the page's relevé, letter for letter. ----
        await etat.ReloadAsync();
        var texte = await etat.Locator("#releve").TextContentAsync() ?? "";
        var pdf = await etat.APIRequest.GetAsync(await etat.Locator("#lien-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
        string lettres;
        using (var document = PdfDocument.Open(await pdf.BodyAsync()))
            lettres = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Contains("Diagnosticdanslesquatresemaines", SansEspaces(lettres), StringComparison.Ordinal);
        Assert.Equal(SansEspaces(texte).ToUpperInvariant(), SansEspaces(lettres).ToUpperInvariant());
    }

    private static string SansEspaces(string texte) => Espaces().Replace(texte, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : DialogueReleveTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : DialogueReleveTests(app);
}
