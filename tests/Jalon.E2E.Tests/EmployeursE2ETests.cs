using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The employer side in a real browser (docs/employeurs.md): a counsellor records a young person's job search, a company
/// and an offer, finds the young person among those who fit, records a MER that ends in a hire; the young person's
/// timeline shows the job proposal and the job situation once; the director's dashboard counts the MER and the hire;
/// the State never reaches the pages.
/// </summary>
public abstract class EmployeursE2ETests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task AccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
    }

    /// <summary>The director's dashboard of the employer catalogue for this year (the MER is recorded today).</summary>
    private static readonly string Tableau =
        $"/Pilotage?niveau=structure&code=ML26001&debut={Jalon.Domain.Dates.TodayInParis().Year}-01-01&fin={Jalon.Domain.Dates.TodayInParis().Year}-12-31&catalogue=employeurs";

    /// <summary>The figure of <paramref name="cle"/> (year N) on the director's dashboard.</summary>
    private static async Task<int> Chiffre(IPage directeur, string cle)
    {
        await directeur.GotoAsync(Tableau);
        var texte = await directeur.Locator($"#tableau-indicateurs tr[data-cle='{cle}'] td.jalon-n").InnerTextAsync();
        return int.Parse(new string([.. texte.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_counsellor_records_a_company_and_an_offer_finds_the_young_person_and_records_a_mer_ending_in_a_hire()
    {
        // The director's dashboard before: hires from a MER (EMP4) and young people hired after a MER (EMP6).
        var directeur = await app.SignedIn("directeur");
        var (embauches, jeunesEmbauches, mers) = (await Chiffre(directeur, "EMP4"), await Chiffre(directeur, "EMP6"), await Chiffre(directeur, "EMP1"));

        var page = await app.SignedIn("conseiller1");
        // A young person of Romans-sur-Isère looking for a kitchen job.
        await page.GotoAsync("/Jeunes/Nouveau");
        await page.FillAsync("#Input_Nom", "Martin-Emploi");
        await page.FillAsync("#Input_Prenom", "Inès");
        await page.FillAsync("#Input_Naissance", "2004-02-11");
        await page.SelectOptionAsync("#Input_Sexe", "F");
        await page.SelectOptionAsync("#Input_Niveau", "V");
        await page.FillAsync("#Input_Commune", "26281");
        await page.FillAsync("#Input_PremierAccueil", "2026-03-02");
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await page.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));
        var dossier = page.Url;
        await page.ClickAsync("a:has-text('Emploi : recherche, offres, mises en relation')");
        await page.FillAsync("#Recherche_Romes", "G1602");
        await page.SelectOptionAsync("#Recherche_Mobilite", "Intercommunalite");
        await page.ClickAsync("button:has-text('Enregistrer la recherche')");
        await Assertions.Expect(page.Locator("#aucune-offre")).ToBeVisibleAsync();
        await AccessibleAsync(page);

        // The company, with a wrong SIRET first.
        await page.ClickAsync("nav a:has-text('Entreprises')");
        await page.FillAsync("#Input_Siret", "732 829 320 00075");
        await page.FillAsync("#Input_Nom", "Auberge des Collines");
        await page.ClickAsync("button:has-text('Enregistrer l\\'entreprise')");
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToContainTextAsync("clé de contrôle");
        await AccessibleAsync(page);
        await page.FillAsync("#Input_Siret", "732 829 320 00074");
        await page.FillAsync("#Input_Naf", "56.10A");
        await page.FillAsync("#Input_Commune", "26281");
        await page.FillAsync("#Input_ContactNom", "M. Chef");
        await page.ClickAsync("button:has-text('Enregistrer l\\'entreprise')");
        await page.WaitForURLAsync("**/Employeurs/Entreprise?id=*");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Restauration traditionnelle (56.10A)");
        await AccessibleAsync(page);

        // The offer, then the young people who fit it.
        await page.FillAsync("#Offre_Intitule", "Commis de cuisine");
        await page.FillAsync("#Offre_Rome", "G1602");
        await page.SelectOptionAsync("#Offre_Contrat", "Cdd");
        await page.FillAsync("#Offre_DureeMois", "6");
        await page.FillAsync("#Offre_HeuresHebdo", "35");
        await page.ClickAsync("button:has-text('Enregistrer l\\'offre')");
        await page.WaitForURLAsync("**/Employeurs/Offre?id=*");
        var candidat = page.Locator("#candidats tr", new() { HasText = "Inès" });
        await Assertions.Expect(candidat).ToContainTextAsync("même métier");
        await AccessibleAsync(page);
        await app.Shot(page, "employeurs-10-offre-appariement");

        await candidat.Locator("button:has-text('Mettre en relation')").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("La mise en relation est enregistrée");
        var mer = page.Locator("#mises-en-relation tr", new() { HasText = "Inès" });
        await mer.Locator("select").SelectOptionAsync("Embauche");
        await mer.Locator("button:has-text('Enregistrer l\\'issue')").ClickAsync();
        await Assertions.Expect(page.Locator("#statut-offre")).ToContainTextAsync("pourvue");
        await Assertions.Expect(page.Locator("#mises-en-relation")).ToContainTextAsync("embauche");
        await AccessibleAsync(page);

        // The timeline: one job proposal (the MER) and one CDD (the hire), never twice.
        await page.GotoAsync(dossier);
        await Assertions.Expect(page.Locator("#chronologie li", new() { HasText = "Proposition : Emploi" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chronologie li", new() { HasText = "Début : CDD" })).ToHaveCountAsync(1);

        // The director's dashboard counts it: one more MER, one more hire from a MER, one more young person hired.
        Assert.Equal(mers + 1, await Chiffre(directeur, "EMP1"));
        Assert.Equal(embauches + 1, await Chiffre(directeur, "EMP4"));
        Assert.Equal(jeunesEmbauches + 1, await Chiffre(directeur, "EMP6"));
        await app.Shot(directeur, "employeurs-20-tableau-de-bord");

        // The State never reaches the employer pages.
        var etat = await app.SignedIn("etat.region");
        var response = await etat.GotoAsync("/Employeurs");
        Assert.Equal(403, response!.Status);
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : EmployeursE2ETests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : EmployeursE2ETests(app);
}
