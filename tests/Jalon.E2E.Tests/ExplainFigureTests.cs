using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>« Expliquer ce chiffre » in a real browser: the director clicks a figure of the dashboard and gets its young people.</summary>
public abstract class ExplainFigureTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private const string Tableau = "/Pilotage?niveau=structure&code=ML26001&debut=2026-01-01&fin=2026-12-31";

    private static int Nombre(string affiche) => int.Parse(new string([.. affiche.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Director_clicks_a_figure_and_sees_as_many_young_people_with_links_to_their_files()
    {
        var page = await app.SignedIn("directeur");
        await page.GotoAsync(Tableau);
        foreach (var (cle, colonne) in new[] { ("I2", "td.jalon-n"), ("I1", "td:nth-child(3)") })
        {
            await page.GotoAsync(Tableau);
            var cellule = page.Locator($"#tableau-indicateurs tr[data-cle='{cle}'] {colonne} a");
            var figure = Nombre(await cellule.InnerTextAsync());
            Assert.True(figure > 0, $"{cle} : le jeu de démonstration devrait compter des jeunes");
            await cellule.ClickAsync();
            await page.WaitForURLAsync("**/Pilotage/Expliquer?**");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Expliquer ce chiffre");
            await Assertions.Expect(page.Locator("#jeunes-comptes tbody tr")).ToHaveCountAsync(figure);
            Assert.Equal(figure, Nombre(await page.Locator("#nombre-jeunes strong").InnerTextAsync()));
            var axe = await page.RunAxe();
            var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
            Assert.True(blocking.Count == 0, string.Join(", ", blocking));
        }
        await app.Shot(page, "pilotage-30-expliquer-ce-chiffre");

        // The first young person's file opens from the list.
        var premier = page.Locator("#jeunes-comptes tbody tr a").First;
        var id = await premier.InnerTextAsync();
        await premier.ClickAsync();
        await page.WaitForURLAsync($"**/Jeunes/{id}");
        Assert.Equal(200, (await page.GotoAsync(page.Url))!.Status);
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : ExplainFigureTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : ExplainFigureTests(app);
}
