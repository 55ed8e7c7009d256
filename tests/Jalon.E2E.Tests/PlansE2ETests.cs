using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Domain;
using Jalon.Tests.Shared;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Jalon.E2E.Tests;

/// <summary>
/// The plans in a real browser (docs/plans.md): a director builds a plan with an action and a measured indicator
/// (« premiers accueils », I2), a counsellor records a first reception, the director sees the progress move; the
/// action is edited, the plan's document is printed to PDF with the page's text; axe-core finds nothing serious.
/// </summary>
public abstract partial class PlansE2ETests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task AssertAccessible(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{where}: {v.Impact} {v.Id} — {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task<double> Valeur(IPage page, string indicateur) =>
        double.Parse((await page.Locator($"li[data-indicateur='{indicateur}'] span.valeur").InnerTextAsync()).Replace('\u202F', ' ').Replace(" ", "", StringComparison.Ordinal),
            NumberStyles.Float, CultureInfo.GetCultureInfo("fr-FR"));

    [Fact]
    public async Task A_director_follows_a_measured_indicator_that_a_first_reception_moves_and_prints_the_plan()
    {
        var jour = Dates.TodayInParis();
        var titre = $"Offre de service accueil {Guid.NewGuid():N}"[..40];
        var directeur = await app.SignedIn("directeur");

        // The plan, its objective, its action, its measured indicator.
        await directeur.GotoAsync("/Plans");
        await AssertAccessible(directeur, "/Plans");
        await directeur.SelectOptionAsync("select[name=Type]", "OffreDeService");
        await directeur.FillAsync("input[name=Titre]", titre);
        await directeur.FillAsync("input[name=AnneeDebut]", $"{jour.Year}");
        await directeur.FillAsync("input[name=AnneeFin]", $"{jour.Year + 2}");
        await directeur.ClickAsync("button:has-text('Créer le plan')");
        await directeur.WaitForURLAsync(new Regex("/Plans/Plan\\?id="));
        var planUrl = new Uri(directeur.Url).PathAndQuery;
        await directeur.FillAsync("#obj-code", "1-1");
        await directeur.FillAsync("#obj-libelle", "Faciliter l'accès des jeunes à la Mission Locale");
        await directeur.ClickAsync("button:has-text(\"Ajouter l'objectif\")");
        await directeur.WaitForLoadStateAsync();
        var apresObjectif = await directeur.InnerTextAsync("main");
        Assert.True(apresObjectif.Contains("1-1 — Faciliter l'accès des jeunes", StringComparison.Ordinal), directeur.Url + "\n" + apresObjectif);
        await directeur.FillAsync("#act-titre", "Accueillir chaque jeune le jour même");
        await directeur.FillAsync("#act-echeance", $"{jour.Year}-12-31");
        await directeur.ClickAsync("button:has-text(\"Ajouter l'action\")");
        await Assertions.Expect(directeur.Locator("td:has-text('Accueillir chaque jeune le jour même')")).ToBeVisibleAsync();
        await directeur.SelectOptionAsync("#ind-cle", "I2");
        await directeur.FillAsync("#ind-libelle", "Premiers accueils");
        await directeur.FillAsync("#ind-cible", "500");
        await directeur.ClickAsync("button:has-text(\"Ajouter l'indicateur\")");
        await Assertions.Expect(directeur.Locator("li[data-indicateur='Premiers accueils']")).ToContainTextAsync("mesuré : I2");
        var avant = await Valeur(directeur, "Premiers accueils");
        await AssertAccessible(directeur, "/Plans/Plan");
        await app.Shot(directeur, "plans-01-plan");

        // A counsellor records a first reception today: a new file.
        var conseiller = await app.SignedIn("conseiller1");
        await conseiller.GotoAsync("/Jeunes/Nouveau");
        await conseiller.FillAsync("#Input_Nom", "Garnier-Plan");
        await conseiller.FillAsync("#Input_Prenom", "Inès");
        await conseiller.FillAsync("#Input_Naissance", "2005-04-18");
        await conseiller.SelectOptionAsync("#Input_Sexe", "F");
        await conseiller.SelectOptionAsync("#Input_Niveau", "V");
        await conseiller.FillAsync("#Input_Commune", "26281");
        await conseiller.FillAsync("#Input_PremierAccueil", jour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await conseiller.ClickAsync("button:has-text('Créer le dossier')");
        await conseiller.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));

        // The director sees the progress move by one.
        await directeur.GotoAsync(planUrl);
        Assert.Equal(avant + 1, await Valeur(directeur, "Premiers accueils"));

        // The action edited: a milestone and its status, dated and signed.
        await directeur.ClickAsync("a:has-text(\"Modifier ou supprimer la fiche action\")");
        await directeur.WaitForURLAsync(new Regex("/Plans/Modifier\\?id=.*fiche="));
        await AssertAccessible(directeur, "/Plans/Modifier (fiche)");
        await directeur.FillAsync("#act-jalons", $"30/06/{jour.Year} Bilan à mi-année");
        await directeur.ClickAsync("button:has-text('Enregistrer la fiche action')");
        await directeur.WaitForURLAsync(app.BaseUrl + planUrl);
        await Assertions.Expect(directeur.Locator("td:has-text('Accueillir chaque jeune')")).ToContainTextAsync($"Jalon 30/06/{jour.Year} : Bilan à mi-année");
        await directeur.ClickAsync("a:has-text(\"Modifier ou supprimer la fiche action\")");
        await directeur.SelectOptionAsync("#st-statut", "EnCours");
        await directeur.ClickAsync("button:has-text('Changer le statut')");
        await directeur.WaitForURLAsync(app.BaseUrl + planUrl);
        await Assertions.Expect(directeur.Locator("td:has-text('En cours')").First).ToContainTextAsync("par Hélène Robert");
        await directeur.ClickAsync("a:has-text(\"Modifier ou supprimer l'objectif\")");
        await Assertions.Expect(directeur.Locator("#suppression-portee")).ToContainTextAsync("1 fiche action et 1 indicateur");
        await AssertAccessible(directeur, "/Plans/Modifier (objectif)");

        // The document for the board, and its PDF with the same text.
        await directeur.GotoAsync(planUrl);
        await directeur.ClickAsync("#lien-document");
        await directeur.WaitForURLAsync(new Regex("/Plans/Document\\?id="));
        var article = await directeur.Locator("article#plan-document").TextContentAsync() ?? "";
        Assert.Contains("Accueillir chaque jeune le jour même", article);
        Assert.Contains($"Premiers accueils : {(avant + 1).ToString("0.#", CultureInfo.GetCultureInfo("fr-FR"))} / ", article.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        await AssertAccessible(directeur, "/Plans/Document");
        await app.Shot(directeur, "plans-02-document");
        var pdf = await directeur.APIRequest.GetAsync(await directeur.Locator("a:has-text('Télécharger le PDF')").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        using var document = PdfDocument.Open(await pdf.BodyAsync());
        var lettres = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Equal(Espaces().Replace(article, ""), Espaces().Replace(lettres, ""));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : PlansE2ETests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : PlansE2ETests(app);
}
