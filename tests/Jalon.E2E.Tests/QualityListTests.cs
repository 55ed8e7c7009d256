using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>The data-quality assistant in a real browser: a counsellor opens their list, fixes a finding through the form, the share rises.</summary>
public abstract class QualityListTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static int Nombre(string affiche) => int.Parse(affiche.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Counsellor_fixes_a_finding_of_their_list_and_the_share_of_clean_files_rises()
    {
        var page = await app.SignedIn("conseiller1");

        // A file of theirs recorded without the commune of residence.
        await page.GotoAsync("/Jeunes/Nouveau");
        await page.FillAsync("#Input_Nom", "Quentin-Audibert");
        await page.FillAsync("#Input_Prenom", "Lina");
        await page.FillAsync("#Input_Naissance", "2005-02-11");
        await page.SelectOptionAsync("#Input_Sexe", "F");
        await page.SelectOptionAsync("#Input_Niveau", "IV");
        await page.FillAsync("#Input_PremierAccueil", "2026-02-02");
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await page.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));
        var id = new Uri(page.Url).AbsolutePath.Split('/').Last();

        // Their quality list, from the menu: the file is listed with the missing commune.
        await page.ClickAsync("nav a:has-text('Qualité de mes dossiers')");
        await page.WaitForURLAsync("**/Qualite");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Qualité de mes dossiers");
        var avant = Nombre(await page.Locator("#dossiers-sans-constat").InnerTextAsync());
        var dossiers = Nombre(await page.Locator("#dossiers").InnerTextAsync());
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
        await page.ClickAsync("#par-type tr[data-type='CommuneManquante'] a");
        await page.WaitForURLAsync("**/Qualite?type=CommuneManquante**");
        var ligne = page.Locator($"#constats tr[data-jeune='{id}']");
        await Assertions.Expect(ligne).ToContainTextAsync("Commune de résidence manquante");
        await app.Shot(page, "qualite-10-liste-conseiller");

        // The file opens from the list; the identity form takes the commune.
        await ligne.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/Jeunes/{id}");
        await page.ClickAsync("a:has-text(\"Modifier l'identité\")");
        await page.FillAsync("#Input_Commune", "26281");
        await page.ClickAsync("main form[method=post] button:has-text('Enregistrer')");
        await page.WaitForURLAsync($"**/Jeunes/{id}");

        // Back to the list: one more clean file, the same number of files, this one no longer listed.
        await page.GotoAsync("/Qualite");
        Assert.Equal(dossiers, Nombre(await page.Locator("#dossiers").InnerTextAsync()));
        Assert.Equal(avant + 1, Nombre(await page.Locator("#dossiers-sans-constat").InnerTextAsync()));
        await page.GotoAsync("/Qualite?type=CommuneManquante");
        await Assertions.Expect(page.Locator($"#constats tr[data-jeune='{id}']")).ToHaveCountAsync(0);

        // The portfolio shows the share and links to the list.
        await page.GotoAsync("/Portefeuille");
        await Assertions.Expect(page.Locator("#qualite-portefeuille")).ToContainTextAsync($"({avant + 1} sur {dossiers})");
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : QualityListTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : QualityListTests(app);
}
