using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The regional dialogue in a real browser (docs/financement-region.md): the Région's agent sets the envelope and a weight,
/// records an argued axis-3 decision, votes and notifies; the director reads the structure's notification and its PDF;
/// the Région never reaches a young person's file.
/// </summary>
public abstract class RegionalDialogueTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    // Envelope 2047, activity of 2046: a year of its own (the JANO is entered here by the administrator).
    private const string Financement = "/Financement?annee=2047";

    private static async Task AccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
    }

    [Fact]
    public async Task Region_sets_envelope_and_weights_decides_votes_notifies_and_the_director_reads_the_notification()
    {
        // The JANO of 2046 of the region's two structures (moyens, entered by the administrator).
        var admin = await app.SignedIn("admin");
        foreach (var (structure, jano) in new[] { ("ML26001", "1000"), ("ML26002", "3000") })
        {
            await admin.GotoAsync($"/Pilotage/Moyens?structure={structure}&annee=2046");
            await admin.FillAsync("#Jano", jano);
            await admin.ClickAsync("button[type=submit]:has-text('Enregistrer')");
            await admin.WaitForLoadStateAsync();
        }

        var region = await app.SignedIn("region");
        await region.GotoAsync(Financement);
        await region.FillAsync("#enveloppe", "1000000");
        await region.FillAsync("#poids_RG2", "2");
        await region.ClickAsync("#enregistrer-parametres");
        await Assertions.Expect(region.Locator("#statut-allocation")).ToContainTextAsync("1 000 000,00 €");
        await Assertions.Expect(region.Locator("#allocation tbody tr")).ToHaveCountAsync(2);
        await AccessibleAsync(region);

        await region.FillAsync("#montant-ML26001", "90000");
        await region.FillAsync("#argument-ML26001", "Projet coopératif avec la Mission Locale voisine");
        await region.ClickAsync("#decision-ML26001 button[type=submit]");
        await Assertions.Expect(region.Locator("#decisions-axe3")).ToContainTextAsync("Projet coopératif avec la Mission Locale voisine");
        await Assertions.Expect(region.Locator("#allocation tbody tr").First).ToContainTextAsync("90 000,00 €");

        await region.FillAsync("#deliberation", "CP-2047-05");
        await region.FillAsync("#date-deliberation", "2047-02-10");
        await region.ClickAsync("#form-vote button[type=submit]");
        await Assertions.Expect(region.Locator("#vote")).ToContainTextAsync("CP-2047-05");
        await region.FillAsync("#date-notification", "2047-02-20");
        await region.ClickAsync("#form-notification button[type=submit]");
        await Assertions.Expect(region.Locator("#notifiee")).ToContainTextAsync("20/02/2047");
        await AccessibleAsync(region);
        await app.Shot(region, "financement-10-dialogue-regional");

        // The Région never reaches a young person's file.
        var jeune = await region.GotoAsync("/Jeunes/J000001");
        Assert.Contains(jeune!.Status, new[] { 403, 404 });

        // The director finds the notification on the structure's page, reads it, and gets its PDF.
        var directeur = await app.SignedIn("directeur");
        await directeur.GotoAsync("/Structure?structure=ML26001");
        await directeur.ClickAsync("#notifications-subvention a:has-text('Notification de subvention 2047')");
        await directeur.WaitForURLAsync("**/Financement/Notification?**");
        await Assertions.Expect(directeur.Locator("#notification")).ToContainTextAsync("CP-2047-05");
        await AccessibleAsync(directeur);
        await app.Shot(directeur, "financement-20-notification-subvention");
        var pdf = await directeur.APIRequest.GetAsync(await directeur.Locator("#lien-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"], StringComparison.Ordinal);
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : RegionalDialogueTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : RegionalDialogueTests(app);
}
