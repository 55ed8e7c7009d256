using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Jalon.Domain.Cej;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The CEJ in a real browser (docs/cej.md): a counsellor signs a CEJ, plans and does a week's actions, validates a week, sees the
/// under-15-hours alert; the director validates the month's allowance, downloads the request file for the ASP and imports its
/// return, shown against the request. axe-core on every new page.
/// </summary>
public abstract class CejTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private static readonly DateOnly Today = Jalon.Domain.Dates.TodayInParis();

    private static async Task AccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var blocking = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(blocking.Count == 0, string.Join(", ", blocking));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Counsellor_signs_a_CEJ_records_a_week_and_the_director_validates_and_requests_the_allowance()
    {
        var page = await app.SignedIn("conseiller1");
        await page.GotoAsync("/Jeunes/Nouveau");
        await page.FillAsync("#Input_Nom", "Cejeune");
        await page.FillAsync("#Input_Prenom", "Yanis");
        await page.FillAsync("#Input_Naissance", Iso(Today.AddYears(-19)));
        await page.SelectOptionAsync("#Input_Sexe", "H");
        await page.SelectOptionAsync("#Input_Niveau", "V");
        await page.FillAsync("#Input_Commune", "26281");
        await page.FillAsync("#Input_PremierAccueil", Iso(Today.AddDays(-40)));
        await page.ClickAsync("button:has-text('Créer le dossier')");
        await page.WaitForURLAsync(new Regex("/Jeunes/J\\d+$"));
        var fileUrl = new Uri(page.Url).AbsolutePath;
        var id = fileUrl.Split('/')[^1];

        // Sign the CEJ: the path form, CEJ pre-selected, its checks from the domain.
        await page.ClickAsync("#lien-cej");
        await Assertions.Expect(page.Locator("#sans-contrat")).ToBeVisibleAsync();
        await AccessibleAsync(page);
        await page.ClickAsync("#signer-cej");
        await Assertions.Expect(page.Locator("#Input_Dispositif")).ToHaveValueAsync("Cej");
        var debut = SemainesCej.Lundi(Today).AddDays(-14);
        await page.FillAsync("#Input_Debut", Iso(debut));
        await page.ClickAsync("form#formulaire-evenement button[type=submit]");
        await page.WaitForURLAsync(app.BaseUrl + fileUrl);

        // Last week: one action done, one planned then done; 4 + 6 = 10 h, under the minimum.
        await page.GotoAsync(fileUrl + "/Cej");
        await Assertions.Expect(page.Locator("#contrat")).ToContainTextAsync("Contrat signé le");
        var lastWeek = SemainesCej.Lundi(Today).AddDays(-7);
        await page.FillAsync("#Action_Date", Iso(lastWeek));
        await page.SelectOptionAsync("#Action_Categorie", "Emploi");
        await page.FillAsync("#Action_Heures", "4");
        await page.FillAsync("#Action_Libelle", "Forum de l'emploi");
        await page.CheckAsync("#Action_Realisee", new() { Force = true });
        await page.ClickAsync("#form-action button[type=submit]");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Action enregistrée");
        await page.FillAsync("#Action_Date", Iso(lastWeek.AddDays(2)));
        await page.SelectOptionAsync("#Action_Categorie", "Formation");
        await page.FillAsync("#Action_Heures", "6");
        await page.FillAsync("#Action_Libelle", "Module bureautique");
        await page.ClickAsync("#form-action button[type=submit]");
        await Assertions.Expect(page.Locator("#liste-actions")).ToContainTextAsync("Module bureautique");
        await page.ClickAsync("#liste-actions li:has-text('Module bureautique') button:has-text('Réalisée')");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("réalisée");
        await Assertions.Expect(page.Locator("#semaines tbody tr").Nth(1)).ToContainTextAsync("Sous le minimum");
        // The week before: validated at 16 h by the counsellor.
        await page.FillAsync("#Semaine_Lundi", Iso(lastWeek.AddDays(-7)));
        await page.FillAsync("#Semaine_Heures", "16");
        await page.ClickAsync("#form-semaine button[type=submit]");
        await Assertions.Expect(page.Locator("#semaines tbody tr").Nth(2)).ToContainTextAsync("Atteint");
        await AccessibleAsync(page);
        await app.Shot(page, "cej-10-semaines");

        // The alert in the file and the portfolio.
        await page.GotoAsync(fileUrl);
        await Assertions.Expect(page.Locator("#semaines-cej")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("CEJ : semaine sous le minimum d'heures");
        await page.GotoAsync("/Portefeuille?alerte=SemaineCejSousMinimum&tous=true");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("CEJEUNE");
        await app.Shot(page, "cej-20-portefeuille");

        // The counsellor validates this month's allowance.
        await page.GotoAsync(fileUrl + "/Cej");
        await page.FillAsync("#Alloc_Mois", Iso(Today));
        await page.SelectOptionAsync("#Alloc_Foyer", "NonImposable");
        await page.FillAsync("#Alloc_Absences", "0");
        await page.ClickAsync("#form-allocation button[type=submit]");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Allocation de");
        await Assertions.Expect(page.Locator("#allocations")).ToContainTextAsync("Validée par le conseiller");

        var sessions = await app.SignedIn("conseiller1");
        await sessions.GotoAsync("/Cej/Sessions");
        await AccessibleAsync(sessions);

        // The director validates it, downloads the request file and imports the ASP's return.
        var mois = Allocation.MoisDe(Today).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var directeur = await app.SignedIn("directeur");
        await directeur.GotoAsync($"/Cej/Allocations?mois={mois}");
        await directeur.CheckAsync("#allocations tr:has-text('CEJEUNE') input[type=checkbox]", new() { Force = true });
        await directeur.ClickAsync("#form-valider button[type=submit]");
        await Assertions.Expect(directeur.Locator("#message")).ToContainTextAsync("figées");
        await AccessibleAsync(directeur);
        // Once the director has validated it, the month is frozen: the counsellor can no longer compute it again.
        await page.GotoAsync(fileUrl + "/Cej");
        await page.FillAsync("#Alloc_Mois", Iso(Today));
        await page.SelectOptionAsync("#Alloc_Foyer", "PremiereTranche");
        await page.FillAsync("#Alloc_Absences", "0");
        await page.ClickAsync("#form-allocation button[type=submit]");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("elle est figée");
        var download = await directeur.RunAndWaitForDownloadAsync(() => directeur.ClickAsync("#telecharger-demande"));
        var path = Path.Combine(Path.GetTempPath(), $"demande-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path);
        Assert.StartsWith("structure;jeune;nom;prenom;naissance;mois;situation;montant;validee_le;validee_par", csv, StringComparison.Ordinal);
        Assert.Contains($"ML26001;{id};Cejeune;Yanis;", csv, StringComparison.Ordinal);
        // The amount due is the rules' amount for an adult of a non-taxable household that month (no absence, no other income).
        var due = Jalon.Domain.Dispositifs.ReglesDispositifs.Publiees.Cej(Allocation.MoisDe(Today))!.AllocationMajeurNonImposable;
        Assert.Contains($";{mois};MajeurNonImposable;{due.ToString("0.00", CultureInfo.InvariantCulture)};", csv, StringComparison.Ordinal);
        await directeur.ReloadAsync();
        await Assertions.Expect(directeur.Locator("#allocations tr:has-text('CEJEUNE')")).ToContainTextAsync("Demandée à l'ASP");

        var retour = Path.Combine(Path.GetTempPath(), $"retour-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(retour, $"structure;jeune;mois;statut;motif\nML26001;{id};{mois};REJETEE;Coordonnées bancaires invalides\n");
        await directeur.SetInputFilesAsync("#fichier", retour);
        await directeur.ClickAsync("#form-retour button[type=submit]");
        await Assertions.Expect(directeur.Locator("#message")).ToContainTextAsync("1 rejetée");
        await Assertions.Expect(directeur.Locator("#allocations tr:has-text('CEJEUNE')")).ToContainTextAsync("Rejetée par l'ASP : Coordonnées bancaires invalides");
        await AccessibleAsync(directeur);
        await app.Shot(directeur, "cej-30-allocations");
        File.Delete(path);
        File.Delete(retour);
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : CejTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : CejTests(app);
}
