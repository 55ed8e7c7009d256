using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Domain;
using Jalon.Tests.Shared;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Jalon.E2E.Tests;

/// <summary>
/// A plan's follow-up commission in a real browser (docs/plans.md, seed 004): a director creates a plan started two years ago
/// with an action, records a meeting of the commission that reviews it, prepares the 18-month evaluation, writes the
/// assessment and signs it; the signed evaluation is frozen; its PDF holds the page's text; axe-core finds nothing serious.
/// </summary>
public abstract partial class PlansCommissionE2ETests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task AssertAccessible(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{where}: {v.Impact} {v.Id} — {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    [Fact]
    public async Task A_director_records_a_meeting_then_generates_and_signs_the_18_month_evaluation_whose_pdf_holds_the_page_s_text()
    {
        var jour = Dates.TodayInParis();
        var debut = jour.Year - 2;
        var titre = $"Projet associatif {Guid.NewGuid():N}"[..36];
        var directeur = await app.SignedIn("directeur");

        // The plan, started on 1 January two years ago, with an objective and an action.
        await directeur.GotoAsync("/Plans");
        await directeur.SelectOptionAsync("select[name=Type]", "ProjetAssociatif");
        await directeur.FillAsync("input[name=Titre]", titre);
        await directeur.FillAsync("input[name=AnneeDebut]", $"{debut}");
        await directeur.FillAsync("input[name=AnneeFin]", $"{jour.Year}");
        await directeur.ClickAsync("button:has-text('Créer le plan')");
        await directeur.WaitForURLAsync(new Regex("/Plans/Plan\\?id="));
        var planUrl = new Uri(directeur.Url).PathAndQuery;
        await directeur.FillAsync("#obj-code", "OG1");
        await directeur.FillAsync("#obj-libelle", "Être connu et reconnu");
        await directeur.ClickAsync("button:has-text(\"Ajouter l'objectif\")");
        await directeur.WaitForLoadStateAsync();
        await directeur.FillAsync("#act-titre", "Camion mobile");
        await directeur.ClickAsync("button:has-text(\"Ajouter l'action\")");
        await Assertions.Expect(directeur.Locator("td:has-text('Camion mobile')")).ToBeVisibleAsync();
        await Assertions.Expect(directeur.Locator("#evaluations-prevues")).ToContainTextAsync($"Bilan intermédiaire à 18 mois : état du plan au 30/06/{debut + 1} — à faire");

        // A meeting of the commission that reviews the action.
        await directeur.ClickAsync("#nouvelle-reunion");
        await directeur.WaitForURLAsync(new Regex("/Plans/Commission\\?id="));
        await AssertAccessible(directeur, "/Plans/Commission");
        await directeur.FillAsync("#reunion-date", $"{debut + 1}-03-15");
        await directeur.FillAsync("#reunion-participants", "Marie Durand — présidente\nHélène Robert — directrice");
        await directeur.CheckAsync("label:has-text('Camion mobile')");
        await directeur.FillAsync("#reunion-decisions", "Lancer la phase test du camion sur un an.");
        await directeur.ClickAsync("#enregistrer-reunion");
        await directeur.WaitForURLAsync(new Regex("/Plans/Plan\\?id=.*#commission"));
        await Assertions.Expect(directeur.Locator("#commission")).ToContainTextAsync($"Réunion du 15/03/{debut + 1}");
        await Assertions.Expect(directeur.Locator("#commission")).ToContainTextAsync("Camion mobile : non commencée");
        await AssertAccessible(directeur, "/Plans/Plan (commission)");
        await app.Shot(directeur, "plans-commission-01-plan");

        // The 18-month evaluation: generated from the plan's state at its date, written, signed.
        await directeur.SelectOptionAsync("#eval-nature", "DixHuitMois");
        await directeur.ClickAsync("#creer-evaluation");
        await directeur.WaitForURLAsync(new Regex("/Plans/Evaluation\\?id=.*evaluation="));
        await Assertions.Expect(directeur.Locator("article#evaluation")).ToContainTextAsync("PROJET — non signé par la direction");
        await Assertions.Expect(directeur.Locator("article#evaluation")).ToContainTextAsync($"état du plan au 30/06/{debut + 1}");
        await AssertAccessible(directeur, "/Plans/Evaluation (projet)");
        await directeur.FillAsync("#appreciation", "À mi-parcours, l'axe « aller vers » est engagé.");
        await directeur.ClickAsync("#enregistrer-appreciation");
        await directeur.ClickAsync("#signer-evaluation");
        await Assertions.Expect(directeur.Locator("#evaluation-signature")).ToContainTextAsync("Signée par Hélène Robert (direction)");
        await Assertions.Expect(directeur.Locator("#evaluation-saisie")).ToHaveCountAsync(0);
        await Assertions.Expect(directeur.Locator("article#evaluation")).Not.ToContainTextAsync("PROJET");
        await AssertAccessible(directeur, "/Plans/Evaluation (signée)");
        await app.Shot(directeur, "plans-commission-02-evaluation");

        // The PDF: the page's text, letter for letter.
        var article = await directeur.Locator("article#evaluation").TextContentAsync() ?? "";
        Assert.Contains("Camion mobile (non commencée)", article);
        var pdf = await directeur.APIRequest.GetAsync(await directeur.Locator("#lien-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        using var document = PdfDocument.Open(await pdf.BodyAsync());
        var lettres = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Equal(Espaces().Replace(article, ""), Espaces().Replace(lettres, ""));

        // Back on the plan: the evaluation is done.
        await directeur.GotoAsync(planUrl);
        await Assertions.Expect(directeur.Locator("#evaluations-prevues")).ToContainTextAsync("faite, signée le ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : PlansCommissionE2ETests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : PlansCommissionE2ETests(app);
}
