using System.Text.RegularExpressions;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>A counsellor's day in a real browser: a new young person from first reception to exit.</summary>
public abstract class CounsellorJourneyTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static async Task Save(IPage page)
    {
        await page.ClickAsync("form#formulaire-evenement button[type=submit], main form[method=post] button.fr-btn:has-text('Enregistrer')");
    }

    [Fact]
    public async Task Counsellor_records_a_whole_journey_and_another_structure_is_refused()
    {
        var page = await app.SignedIn("conseiller1");
        await app.Shot(page, "01-accueil-conseiller");

        // Create the file with the first reception.
        await page.GotoAsync("/Jeunes/Nouveau");
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToContainTextAsync("Saisissez le nom de famille.");
        await app.Shot(page, "02-creation-erreurs");
        await page.FillAsync("#Input_Nom", "Lambert-Vidal");
        await page.FillAsync("#Input_Prenom", "Océane");
        await page.FillAsync("#Input_Naissance", "2004-06-12");
        await page.SelectOptionAsync("#Input_Sexe", "F");
        await page.SelectOptionAsync("#Input_Niveau", "V");
        await page.FillAsync("#Input_Commune", "26281");
        await page.CheckAsync("#Input_Qpv", new() { Force = true });
        await page.FillAsync("#Input_PremierAccueil", "2026-03-02");
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await page.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));
        var fileUrl = new Uri(page.Url).AbsolutePath;
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Océane LAMBERT-VIDAL");

        // Diagnostic with its nine domains.
        await page.ClickAsync("a:has-text('Un diagnostic')");
        await page.FillAsync("#Input_Date", "2026-03-09");
        await page.SelectOptionAsync("#Input_Domaines_3__Appreciation", "FreinImportant");
        await page.FillAsync("#Input_Domaines_3__Note", "Hébergée chez un ami, recherche d'un foyer de jeunes travailleurs.");
        await page.SelectOptionAsync("#Input_Domaines_5__Appreciation", "FreinLeger");
        await app.Shot(page, "03-diagnostic");
        await page.ClickAsync("button:has-text('Enregistrer le diagnostic')");
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        // A CIVIS entry (NEET), then an error typed on purpose: end before start.
        await page.ClickAsync("a:has-text('Une entrée en parcours')");
        await page.SelectOptionAsync("#Input_Dispositif", "Civis");
        await page.FillAsync("#Input_Debut", "2026-03-16");
        await page.FillAsync("#Input_Fin", "2026-03-01");
        // The rule applies as you type, before any submission…
        await Assertions.Expect(page.Locator("#Input_Fin-messages")).ToContainTextAsync("La date de fin doit être égale ou postérieure à la date de début.");
        // …and the server refuses it too.
        await Save(page);
        await Assertions.Expect(page.Locator("#resume-erreurs")).ToContainTextAsync("La date de fin doit être égale ou postérieure à la date de début.");
        await Assertions.Expect(page.Locator("#Input_Fin-group")).ToHaveClassAsync(new Regex("fr-input-group--error"));
        await app.Shot(page, "04-parcours-erreur");
        await page.FillAsync("#Input_Fin", "");
        await Save(page);
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        // A proposal, a CDD, and the exit of the CIVIS.
        await page.ClickAsync("a:has-text('Une proposition')");
        await page.FillAsync("#Input_Date", "2026-04-02");
        await page.SelectOptionAsync("#Input_Theme", "Emploi");
        await Save(page);
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        await page.ClickAsync("a:has-text('Une situation')");
        await page.SelectOptionAsync("#Input_TypeSituation", "Cdd");
        await page.FillAsync("#Input_Debut", "2026-05-04");
        await page.FillAsync("#Input_Fin", "2026-11-03");
        await page.FillAsync("#Input_DureePrevueJours", "184");
        await Save(page);
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        await page.ClickAsync("a:has-text('Enregistrer la sortie')");
        await page.FillAsync("#Input_Fin", "2026-05-04");
        await page.SelectOptionAsync("#Input_MotifFin", "Autonomie");
        await Save(page);
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        // The timeline, newest first.
        var items = await page.Locator("#chronologie > li").AllInnerTextsAsync();
        var text = string.Join("\n", items);
        Assert.Contains("Fin : CDD", items[0]);
        Assert.Contains("03/11/2026", items[0]);
        Assert.Contains("Sortie de CIVIS", text);
        Assert.Contains("Motif : Accès à l'autonomie", text);
        Assert.Contains("Début : CDD", text);
        Assert.Contains("Proposition : Emploi", text);
        Assert.Contains("Entrée en CIVIS", text);
        Assert.Contains("Entretien de diagnostic approfondi", text);
        Assert.Contains("Premier accueil", items[^1]);
        Assert.Contains("02/03/2026", items[^1]);
        await app.Shot(page, "05-dossier-chronologie");

        // The portfolio shows alerts.
        await page.GotoAsync("/Portefeuille");
        await Assertions.Expect(page.Locator("#table-portefeuille")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#table-portefeuille .fr-badge--warning").CountAsync() > 0, "au moins une alerte");
        await page.GotoAsync("/Portefeuille?alerte=SansEntretien");
        await Assertions.Expect(page.Locator("#table-portefeuille tbody tr").First).ToContainTextAsync("Aucun entretien depuis 5 mois");
        await app.Shot(page, "06-portefeuille");

        // A counsellor of another structure gets "not found" for this file.
        var other = await app.SignedIn("conseiller.valence");
        var response = await other.GotoAsync(fileUrl);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(other.Locator("h1")).ToHaveTextAsync("Page non trouvée");
        await app.Shot(other, "07-autre-structure-refusee");

        // A State agent is refused the files altogether.
        var etat = await app.SignedIn("etat.region");
        var refused = await etat.GotoAsync(fileUrl);
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain("LAMBERT", await etat.ContentAsync());
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : CounsellorJourneyTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : CounsellorJourneyTests(app);
}
