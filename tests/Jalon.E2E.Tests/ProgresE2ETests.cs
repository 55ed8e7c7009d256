using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The démarche de progrès in a real browser (docs/plans.md): the ARML opens it, the director writes and validates the
/// structure's état des lieux, the ARML writes the cross-analysis and the recommendations, the State agent of the region
/// reads them side by side with the validated état des lieux; axe-core finds nothing serious on any of these pages.
/// </summary>
public abstract class ProgresE2ETests(E2EFixture app) : IAsyncLifetime
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
    public async Task The_director_validates_the_etat_des_lieux_the_arml_writes_the_analysis_and_the_state_reads_it()
    {
        var titre = $"Démarche de progrès {Guid.NewGuid():N}"[..40];

        // The ARML opens the démarche from the plans' list.
        var arml = await app.SignedIn("arml");
        await arml.GotoAsync("/Plans");
        await arml.ClickAsync("#lien-progres");
        await arml.WaitForURLAsync(new Regex("/Plans/Progres$"));
        await AssertAccessible(arml, "/Plans/Progres");
        await arml.FillAsync("#Titre", titre);
        await arml.ClickAsync("button:has-text('Ouvrir la démarche')");
        await arml.WaitForURLAsync(new Regex("/Plans/Progres/Demarche\\?id="));
        var demarche = new Uri(arml.Url).PathAndQuery;

        // The director writes the état des lieux, then validates it.
        var directeur = await app.SignedIn("directeur");
        await directeur.GotoAsync(demarche);
        await directeur.ClickAsync("a:has-text(\"Rédiger et valider l'état des lieux\")");
        await directeur.WaitForURLAsync(new Regex("/Plans/Progres/EtatDesLieux\\?"));
        await AssertAccessible(directeur, "/Plans/Progres/EtatDesLieux (brouillon)");
        Assert.Contains("aucune donnée sur des jeunes", await directeur.InnerTextAsync(".fr-callout"));
        await directeur.FillAsync("#section-Sources", "Projet de structure, bilan d'activité ; entretiens avec le président et le directeur.");
        await directeur.FillAsync("#section-OffreDeServices", "Offre construite par site, peu territorialisée.");
        await directeur.FillAsync("#section-Partenariats", "Communes et intercommunalités peu associées au pilotage.");
        await directeur.FillAsync("#section-OrganisationManagement", "Binôme président – directeur impliqué.");
        await directeur.FillAsync("#section-Professionnalisation", "Plan de formation sur l'accompagnement global.");
        await directeur.ClickAsync("button:has-text('Enregistrer le brouillon')");
        await Assertions.Expect(directeur.Locator("#statut-etat")).ToHaveTextAsync("En cours de rédaction");
        // Validation asks for every section: the blocking points are missing.
        await directeur.CheckAsync("#Confirmer", new() { Force = true });
        await directeur.ClickAsync("button:has-text(\"Valider l'état des lieux\")");
        await Assertions.Expect(directeur.Locator("[role=alert]")).ToContainTextAsync("Points de blocage");
        await AssertAccessible(directeur, "/Plans/Progres/EtatDesLieux (refus)");
        await directeur.FillAsync("#section-PointsDeBlocage", "Temps de déplacement entre les sites.");
        await directeur.CheckAsync("#Confirmer", new() { Force = true });
        await directeur.ClickAsync("button:has-text(\"Valider l'état des lieux\")");
        await Assertions.Expect(directeur.Locator("#statut-etat")).ToContainTextAsync("Validé par");
        Assert.Equal(0, await directeur.Locator("textarea").CountAsync());
        await AssertAccessible(directeur, "/Plans/Progres/EtatDesLieux (validé)");

        // The ARML writes the cross-analysis and the recommendations from it.
        await arml.GotoAsync(demarche);
        await Assertions.Expect(arml.Locator("table[data-section=PointsDeBlocage]")).ToContainTextAsync("Temps de déplacement entre les sites.");
        await arml.FillAsync("#analyse-BonnesPratiques", "Un binôme président – directeur impliqué.");
        await arml.FillAsync("#analyse-DifficultesStructurelles", "Une offre peu territorialisée.");
        await arml.FillAsync("#analyse-FreinsExterieurs", "Des financeurs locaux peu associés.");
        await arml.FillAsync("#Preconisations", "Mieux territorialiser l'offre de services\nAssocier les communes au pilotage");
        await arml.ClickAsync("button:has-text(\"Enregistrer l'analyse et les préconisations\")");
        await Assertions.Expect(arml.Locator("#liste-preconisations li")).ToHaveCountAsync(2);
        await AssertAccessible(arml, "/Plans/Progres/Demarche (ARML)");

        // The State agent of the region reads it all, without a form.
        var etat = await app.SignedIn("etat.region");
        await etat.GotoAsync("/Plans/Progres");
        await etat.ClickAsync($"a:has-text('{titre}')");
        await etat.WaitForURLAsync(new Regex("/Plans/Progres/Demarche\\?id="));
        await Assertions.Expect(etat.Locator("[data-theme=DifficultesStructurelles]")).ToHaveTextAsync("Une offre peu territorialisée.");
        await Assertions.Expect(etat.Locator("#liste-preconisations")).ToContainTextAsync("Associer les communes au pilotage");
        await Assertions.Expect(etat.Locator("table[data-section=OffreDeServices]")).ToContainTextAsync("Offre construite par site, peu territorialisée.");
        Assert.Equal(0, await etat.Locator("textarea").CountAsync());
        await AssertAccessible(etat, "/Plans/Progres/Demarche (État)");
        await etat.ClickAsync("#structures a");
        await Assertions.Expect(etat.Locator("[data-section=Sources]")).ToContainTextAsync("entretiens avec le président");
        await AssertAccessible(etat, "/Plans/Progres/EtatDesLieux (État)");
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : ProgresE2ETests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : ProgresE2ETests(app);
}
