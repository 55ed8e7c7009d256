using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Domain;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// Periods in a company in a real browser (docs/employeurs.md): a counsellor records a PMSMP for a young person, its
/// three-way review and the hire that followed; the period is on the company's page, the young person's timeline shows
/// the PMSMP and the CDD once each; every page is free of serious accessibility violations (axe-core).
/// </summary>
public abstract class ImmersionsE2ETests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task AccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_counsellor_records_a_pmsmp_its_three_way_review_and_its_follow_up()
    {
        var today = Dates.TodayInParis();
        var debut = today.AddDays(-40);
        var page = await app.SignedIn("conseiller1");
        await page.GotoAsync("/Jeunes/Nouveau");
        await page.FillAsync("#Input_Nom", "Durand-Immersion");
        await page.FillAsync("#Input_Prenom", "Yanis");
        await page.FillAsync("#Input_Naissance", "2005-06-21");
        await page.SelectOptionAsync("#Input_Sexe", "H");
        await page.SelectOptionAsync("#Input_Niveau", "V");
        await page.FillAsync("#Input_Commune", "26281");
        await page.FillAsync("#Input_PremierAccueil", Iso(today.AddMonths(-3)));
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await page.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));
        var dossier = page.Url;

        // The host company.
        await page.GotoAsync("/Employeurs");
        await page.FillAsync("#Input_Siret", "443 061 841 00047");
        await page.FillAsync("#Input_Nom", "Garage de la Joyeuse");
        await page.FillAsync("#Input_Commune", "26281");
        await page.ClickAsync("button:has-text('Enregistrer l\\'entreprise')");
        await page.WaitForURLAsync("**/Employeurs/Entreprise?id=*");
        var entreprise = page.Url;

        // The PMSMP, from the young person's employment space: a period longer than two months is refused first.
        await page.GotoAsync(dossier);
        await page.ClickAsync("a:has-text('Emploi : recherche, offres, mises en relation')");
        await page.SelectOptionAsync("#NouvelleImmersion_Type", "Pmsmp");
        await page.SelectOptionAsync("#NouvelleImmersion_Entreprise", new SelectOptionValue { Label = "Garage de la Joyeuse (44306184100047)" });
        await page.FillAsync("#NouvelleImmersion_Debut", Iso(debut));
        await page.FillAsync("#NouvelleImmersion_Fin", Iso(debut.AddDays(90)));
        await page.FillAsync("#NouvelleImmersion_Tuteur", "M. Garnier, chef d'atelier");
        await page.FillAsync("#NouvelleImmersion_Objectif", "Confirmer le projet de mécanicien");
        await page.ClickAsync("button:has-text('Enregistrer la période')");
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToContainTextAsync("deux mois");
        await AccessibleAsync(page);
        await page.FillAsync("#NouvelleImmersion_Fin", Iso(debut.AddDays(11)));
        await page.ClickAsync("button:has-text('Enregistrer la période')");
        await page.WaitForURLAsync("**/Employeurs/Immersion?id=*");
        var periode = page.Url;
        await Assertions.Expect(page.Locator("#periode")).ToContainTextAsync("M. Garnier, chef d'atelier");
        await AccessibleAsync(page);

        // The three-way review and what followed: a CDD from the same company.
        await page.FillAsync("#Bilan_BilanLe", Iso(debut.AddDays(12)));
        await page.FillAsync("#Bilan_Jeune", "Le travail en atelier me plaît");
        await page.FillAsync("#Bilan_Tuteur", "Sérieux et curieux, à embaucher");
        await page.FillAsync("#Bilan_Conseiller", "Projet confirmé, embauche proposée");
        await page.SelectOptionAsync("#Bilan_Suite", "Embauche");
        await page.SelectOptionAsync("#Bilan_Contrat", "Cdd");
        await page.FillAsync("#Bilan_DebutEmploi", Iso(debut.AddDays(20)));
        await page.FillAsync("#Bilan_DureeMois", "6");
        await page.ClickAsync("button:has-text('Enregistrer le bilan')");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Le bilan de la période est enregistré.");
        await Assertions.Expect(page.Locator("#suite")).ToContainTextAsync("CDD à partir du");
        await AccessibleAsync(page);
        await app.Shot(page, "immersions-10-bilan");

        // The company's history shows the period; the timeline has the PMSMP and the CDD once each.
        await page.GotoAsync(entreprise);
        await Assertions.Expect(page.Locator("#historique-entreprise")).ToContainTextAsync("PMSMP (immersion)");
        await page.GotoAsync(dossier);
        await Assertions.Expect(page.Locator("#chronologie li", new() { HasText = "Début : PMSMP" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chronologie li", new() { HasText = "Début : CDD" })).ToHaveCountAsync(1);

        // The State never reaches a period.
        var etat = await app.SignedIn("etat.region");
        var response = await etat.GotoAsync(new Uri(periode).PathAndQuery);
        Assert.Equal(403, response!.Status);
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : ImmersionsE2ETests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : ImmersionsE2ETests(app);
}
