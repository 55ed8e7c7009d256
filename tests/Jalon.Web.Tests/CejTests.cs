using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage.Cej;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// The CEJ pages (docs/cej.md): a counsellor signs a CEJ through the path form, records a week's actions, sees the under-minimum
/// alert in the file and the portfolio, validates the week and a month's allowance; the director validates it (frozen), downloads
/// the request file and imports the ASP's return.
/// </summary>
public abstract partial class CejTests(JalonWebFactory factory)
{
    private static readonly DateOnly Today = Jalon.Domain.Dates.TodayInParis();

    private async Task<(HttpClient Client, string Url, string Id)> SignedCejAsync(string nom)
    {
        var client = await factory.SignedIn("conseiller1");
        var created = await client.PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = nom, ["Input.Prenom"] = "Inès", ["Input.Naissance"] = Today.AddYears(-20).ToString("yyyy-MM-dd"), ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "false", ["Input.Zrr"] = "false",
            ["Input.PremierAccueil"] = Today.AddDays(-60).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        using (var db = factory.Db())
        {
            // In conseiller1's portfolio (the creation form's default referent, which this form post leaves out).
            var me = await db.Users.Where(u => u.Login == "conseiller1").Select(u => u.Id).SingleAsync();
            var jeune = await db.Jeunes.SingleAsync(j => j.StructureCode == "ML26001" && j.JeuneId == url.Split('/').Last());
            jeune.ConseillerId = me;
            await db.SaveChangesAsync();
        }
        // The CEJ page offers to sign one through the path form, CEJ pre-selected.
        var page = await client.Html(url + "/Cej");
        Assert.Contains("Pas de contrat d'engagement jeune", page);
        Assert.Contains("selected", await client.Html(url + "/Evenement/parcours?dispositif=Cej"));
        var debut = SemainesCej.Lundi(Today).AddDays(-14);
        var signed = await client.PostForm(url + "/Evenement/parcours", new() { ["Input.Dispositif"] = "Cej", ["Input.Debut"] = debut.ToString("yyyy-MM-dd"), ["Input.Neet"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        return (client, url, url.Split('/').Last());
    }

    [Fact]
    public async Task A_week_under_the_minimum_is_flagged_in_the_file_and_the_portfolio_until_validated()
    {
        var (client, url, id) = await SignedCejAsync("Semaine");
        var lastWeek = SemainesCej.Lundi(Today).AddDays(-7);
        var done = await client.PostForm(url + "/Cej?handler=Action", new()
        {
            ["Action.Date"] = lastWeek.ToString("yyyy-MM-dd"), ["Action.Categorie"] = "Emploi", ["Action.Heures"] = "9,5", ["Action.Realisee"] = "true", ["Action.Libelle"] = "Job dating",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var planned = await client.PostForm(url + "/Cej?handler=Action", new() { ["Action.Date"] = lastWeek.ToString("yyyy-MM-dd"), ["Action.Categorie"] = "Sante", ["Action.Heures"] = "10" });
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        // A form error is explained in French and writes nothing.
        var bad = await (await client.PostForm(url + "/Cej?handler=Action", new() { ["Action.Date"] = "", ["Action.Categorie"] = "Emploi", ["Action.Heures"] = "beaucoup" })).Body();
        Assert.Contains("Saisissez la date de l'action.", bad);
        Assert.Contains("Saisissez un nombre d'heures", bad);

        var cej = await client.Html(url + "/Cej");
        Assert.Contains("Job dating", cej);
        Assert.Contains("Sous le minimum", cej);
        Assert.Contains("9,5 h", cej);
        var dossier = await client.Html(url);
        Assert.Contains("Contrat d'engagement jeune : ses semaines", dossier);
        Assert.Contains("CEJ : semaine sous le minimum d'heures", dossier);
        var portefeuille = await client.Html("/Portefeuille?alerte=SemaineCejSousMinimum&tous=true");
        Assert.Contains("SEMAINE", portefeuille);

        var valid = await client.PostForm(url + "/Cej?handler=Semaine", new() { ["Semaine.Lundi"] = lastWeek.AddDays(3).ToString("yyyy-MM-dd"), ["Semaine.Heures"] = "16" });
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.DoesNotContain("SEMAINE", await client.Html("/Portefeuille?alerte=SemaineCejSousMinimum&tous=true"));
        using var db = factory.Db();
        var semaine = await db.CejSemaines.SingleAsync(s => s.StructureCode == "ML26001" && s.JeuneId == id);
        Assert.Equal((lastWeek, 16m, "conseiller1"), (semaine.Lundi, semaine.HeuresDeclarees, semaine.ValideePar));
        Assert.Contains(await db.AuditLog.Where(a => a.JeuneId == id).ToListAsync(), a => a.Entity == CejStore.EntiteActivite && a.Action == AuditAction.Creation);
    }

    [Fact]
    public async Task The_allowance_goes_from_the_counsellor_to_the_director_to_the_ASP_and_back()
    {
        var (client, url, id) = await SignedCejAsync("Allocation");
        var mois = Allocation.MoisDe(Today);
        var fields = new Dictionary<string, string>
        {
            ["Alloc.Mois"] = Today.ToString("yyyy-MM-dd"), ["Alloc.Foyer"] = "NonImposable", ["Alloc.AutresRevenus"] = "", ["Alloc.Absences"] = "1",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostForm(url + "/Cej?handler=Allocation", fields)).StatusCode);
        var expected = Allocation.Calculer(ReglesDispositifs.Publiees, new EntreeAllocation(mois, Today.AddYears(-20), FoyerFiscal.NonImposable, 0, false, 1, 0)).Montant;
        long idAllocation;
        using (var db = factory.Db())
        {
            var row = await db.CejAllocations.SingleAsync(a => a.StructureCode == "ML26001" && a.JeuneId == id);
            Assert.Equal((mois, (long)(expected * 100), StatutAllocation.ValideConseiller), (row.Mois, row.MontantCentimes, row.Statut));
            idAllocation = row.Id;
        }

        var directeur = await factory.SignedIn("directeur");
        var page = $"/Cej/Allocations?mois={mois:yyyy-MM}";
        Assert.Contains("ALLOCATION", await directeur.Html(page));
        var validated = await directeur.PostForm($"/Cej/Allocations?mois={mois:yyyy-MM}&handler=Valider", new() { ["ids"] = idAllocation.ToString(System.Globalization.CultureInfo.InvariantCulture) }, page);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        // Frozen: the counsellor's new inputs are refused and the amount stays.
        fields["Alloc.Absences"] = "0";
        var refused = await (await client.PostForm(url + "/Cej?handler=Allocation", fields)).Body();
        Assert.Contains("figée", refused);

        var csv = await directeur.GetAsync($"/Cej/Allocations?mois={mois:yyyy-MM}&handler=Demande");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("structure;jeune;nom;prenom;naissance;mois;situation;montant;validee_le;validee_par", lines[0]);
        var line = Assert.Single(lines, l => l.Contains($";{id};", StringComparison.Ordinal));
        Assert.Contains($";{mois:yyyy-MM};MajeurNonImposable;{expected.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)};", line);

        // A return file with an error is refused whole, with the error located; a good one is applied and shown.
        var wrong = await (await Upload(directeur, mois, $"structure;jeune;mois;statut;motif\nML26001;{id};{mois:yyyy-MM};REJETEE;\n")).Body();
        Assert.Contains("retour.csv:2: motif: le motif du rejet est obligatoire", wrong);
        var ok = await Upload(directeur, mois, $"structure;jeune;mois;statut;motif\nML26001;{id};{mois:yyyy-MM};REJETEE;Coordonnées bancaires invalides\n");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var shown = await directeur.Html(page);
        Assert.Contains("Rejetée par l'ASP : Coordonnées bancaires invalides", shown);
        using (var db = factory.Db())
        {
            var row = await db.CejAllocations.SingleAsync(a => a.Id == idAllocation);
            Assert.Equal(((long)(expected * 100), StatutAllocation.Rejete), (row.MontantCentimes, row.Statut));
            var audit = await db.AuditLog.Where(a => a.Entity == CejStore.EntiteAllocation && a.JeuneId == id).Select(a => a.UserLogin).ToListAsync();
            Assert.Equal(["conseiller1", "directeur", "directeur"], audit);
        }
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, DateOnly mois, string text)
    {
        var page = await client.GetAsync($"/Cej/Allocations?mois={mois:yyyy-MM}");
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "fichier", "retour.csv");
        return await client.PostAsync($"/Cej/Allocations?mois={mois:yyyy-MM}&handler=Retour", form);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Token();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : CejTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : CejTests(factory), IClassFixture<PostgresWebFactory>;
}
