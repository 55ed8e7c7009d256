using System.Globalization;
using System.Net;
using System.Text;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Tests;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>The steering pages end to end: figures, secrecy, the dialogue and the ± 10 % rule.</summary>
public abstract class PilotageFonctionnelTests(JalonWebFactory factory)
{
    private static readonly Period Annee = Period.Year(DateTime.UtcNow.Year - 1);
    private static string Url(string code) => $"/Pilotage?niveau=structure&code={code}&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";

    private static List<string[]> Csv(byte[] contenu)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), contenu[..3]);
        var texte = Encoding.UTF8.GetString(contenu, 3, contenu.Length - 3);
        return texte.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
    }

    [Fact]
    public async Task Dashboard_and_exports_show_the_engine_figures()
    {
        var client = await factory.SignedIn("directeur");
        var csv = Csv(await (await client.GetAsync(Url("ML26001") + "&format=csv")).Content.ReadAsByteArrayAsync());
        var xlsx = Exports.LireXlsx(await (await client.GetAsync(Url("ML26001") + "&format=xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["niveau", "code", "indicateur", "libelle", "valeur", "valeur_n_1", "evolution", "femmes", "infra_v", "qpv", "zrr", "neet", "unite"], csv[0]);

        using var db = factory.Db();
        var engine = IndicatorEngine.Compute(PackageLoader.Load(db), Catalogue.Load("cpo-2015"),
            new IndicatorRequest(Annee) { WithPreviousYear = true });
        var html = await client.Html(Url("ML26001"));
        var compares = 0;
        foreach (var row in csv.Skip(1).Where(r => !r[2].StartsWith("poids_regional:", StringComparison.Ordinal)))
        {
            var attendu = engine.Current.Get(Level.Structure, "ML26001", row[2]);
            var precedent = engine.Previous!.Get(Level.Structure, "ML26001", row[2]);
            Assert.Equal(Texte(attendu.Value), row[4]);
            Assert.Equal(Texte(precedent.Value), row[5]);
            if (attendu.IsCount) Assert.Equal(Texte(attendu.Breakdown(Ventilation.Femmes)), row[7]);
            var x = xlsx.Single(r => r.Count > 2 && r[2] == row[2]);
            if (attendu.Value is { } v) Assert.Equal(v, double.Parse(x[4], CultureInfo.InvariantCulture), 9);
            compares++;
        }
        Assert.True(compares > 60);
        // The screen shows the same count as the export (director: no secrecy).
        var i1 = engine.Current.Get(Level.Structure, "ML26001", "I1").Count!.Value;
        Assert.Contains($"data-cle=\"I1\"", html);
        Assert.Contains(Jalon.Domain.Pilotage.Euros.Entier(i1), html);
    }

    private static string Texte(double? v) => v is { } x ? Exports.NombreCsv(x) : "";

    [Fact]
    public async Task State_roles_see_small_counts_masked_on_screen_and_in_exports_and_everything_else_as_it_is()
    {
        var directeur = Csv(await (await (await factory.SignedIn("admin")).GetAsync(Url("ML26001") + "&format=csv")).Content.ReadAsByteArrayAsync());
        var etat = await factory.SignedIn("etat.region");
        var secret = Csv(await (await etat.GetAsync(Url("ML26001") + "&format=csv")).Content.ReadAsByteArrayAsync());
        var xlsx = Exports.LireXlsx(await (await etat.GetAsync(Url("ML26001") + "&format=xlsx")).Content.ReadAsByteArrayAsync());
        var cpo = Catalogue.Load("cpo-2015");
        var (primaires, masques) = (0, 0);
        Assert.Equal(directeur.Count, secret.Count);
        for (var i = 1; i < directeur.Count; i++)
        {
            var cle = directeur[i][2];
            Assert.Equal(cle, secret[i][2]);
            var comptage = cpo.TryGet(cle, out var d) && d.Nature == Nature.Effectif;
            for (var c = 4; c < 12; c++)
            {
                if (c == 6 || directeur[i][c] == "") continue;
                if (secret[i][c] == "s")
                {
                    masques++;
                    Assert.False(d?.Nature == Nature.Montant, $"{cle} : un montant n'est jamais masqué");
                    continue;
                }
                // Whatever is shown is the true figure.
                Assert.Equal(directeur[i][c], secret[i][c]);
                if (comptage) Assert.True(double.Parse(secret[i][c].Replace(',', '.'), CultureInfo.InvariantCulture) >= 5, $"{cle} colonne {c} : {secret[i][c]}");
            }
            if (comptage && double.TryParse(directeur[i][4].Replace(',', '.'), CultureInfo.InvariantCulture, out var v) && v < 5) primaires++;
            // The XLSX holds the same cells.
            var x = xlsx.Single(r => r.Count > 2 && r[2] == cle);
            if (secret[i][4] == "s") Assert.Equal("s", x[4]);
            else if (secret[i][4] != "") Assert.Equal(double.Parse(secret[i][4].Replace(',', '.'), CultureInfo.InvariantCulture), double.Parse(x[4], CultureInfo.InvariantCulture), 9);
        }
        Assert.True(primaires > 0 && masques >= primaires, $"{primaires} petits effectifs, {masques} cases masquées");
        var html = await etat.Html(Url("ML26001"));
        Assert.Contains("Secret statistique — s : secret statistique", html);
        Assert.Contains("<td class=\"jalon-n\">s</td>", html);
        // Never a young person's name.
        using var db = factory.Db();
        var noms = await db.Jeunes.Where(j => j.StructureCode == "ML26001").Select(j => j.Nom).Take(20).ToListAsync();
        Assert.DoesNotContain(noms, n => !string.IsNullOrEmpty(n) && n.Length > 3 && html.Contains(" " + n + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("etat.region", "2025-01-02", "2025-12-31")]
    [InlineData("etat.national", "2025-03-01", "2025-04-30")]
    [InlineData("arml", "2024-07-01", "2025-06-30")]
    [InlineData("region", "2025-01-01", "2025-01-15")]
    public async Task Aggregate_only_roles_get_whole_months_quarters_or_years_and_a_french_refusal_otherwise(string login, string debut, string fin)
    {
        var client = await factory.SignedIn(login);
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={debut}&fin={fin}";
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Période non autorisée", await page.Body());
        Assert.DoesNotContain("data-cle=", await page.Body());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url + "&format=csv")).StatusCode);
        // A quarter, a month or a year, by dates or by the period selector.
        Assert.Contains("data-cle=\"I1\"", await client.Html("/Pilotage?niveau=structure&code=ML26001&debut=2025-04-01&fin=2025-06-30"));
        Assert.Contains("data-cle=\"I1\"", await client.Html("/Pilotage?niveau=structure&code=ML26001&annee=2025&periode=M02"));
        var annee = await client.Html("/Pilotage?niveau=structure&code=ML26001&annee=2025&periode=annee");
        Assert.Contains("du 01/01/2025 au 31/12/2025", annee);
        // The director chooses any period.
        var directeur = await factory.SignedIn("directeur");
        Assert.Contains("data-cle=\"I1\"", await directeur.Html(url));
    }

    [Fact]
    public async Task The_dialogue_runs_to_the_avenant_and_financing_beyond_ten_percent_is_refused()
    {
        var annee = 2026;
        var url = $"/Pilotage/Dialogue?structure=ML26001&annee={annee}";
        var directeur = await factory.SignedIn("directeur");
        var etat = await factory.SignedIn("etat.region");
        var r = await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = "ML26001", ["annee"] = annee.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        foreach (var etape in new[] { "Contexte", "Parcours", "Employeurs", "Conclusive" })
            await directeur.PostForm(url + "&handler=Analyse", new() { ["etape"] = etape, ["texte"] = "Analyse " + etape }, url);
        // The State cannot write the structure's analysis.
        await etat.PostForm(url + "&handler=Analyse", new() { ["etape"] = "Contexte", ["texte"] = "intrusion" }, url);
        await directeur.PostForm(url + "&handler=Transition", new() { ["action"] = "Transmettre" }, url);
        await etat.PostForm(url + "&handler=Transition", new() { ["action"] = "OuvrirDialogue" }, url);
        await etat.PostForm(url + "&handler=Convention", new()
        {
            ["numero"] = "CPO-84-2025-01", ["anneeDebut"] = "2025", ["anneeFin"] = "2028", ["subvention"] = "243500",
            ["parrainage"] = "12000", ["fipjDirectes"] = "8000", ["fipjIndirectes"] = "4500", ["siret"] = "12345678900012", ["codeApe"] = "8899B",
        }, url);
        var refus = await etat.PostForm(url + "&handler=Financement", new()
        { ["subvention"] = "270000", ["parrainage"] = "12000", ["fipjDirectes"] = "8000", ["fipjIndirectes"] = "4500" }, url);
        Assert.Equal(HttpStatusCode.Redirect, refus.StatusCode);
        var page = await etat.Html(url);
        Assert.Contains("Ajustement refusé", page);
        Assert.Contains("entre 219\u00A0150\u00A0€ et 267\u00A0850\u00A0€", page);
        await etat.PostForm(url + "&handler=Financement", new()
        { ["subvention"] = "250000", ["parrainage"] = "12000", ["fipjDirectes"] = "8000", ["fipjIndirectes"] = "4500" }, url);
        await etat.PostForm(url + "&handler=Objectif", new() { ["ratio"] = "R10", ["cible"] = "35", ["commentaire"] = "Progression" }, url);
        await directeur.PostForm(url + "&handler=Plan", new() { ["theme"] = "Employeurs", ["forces"] = "Réseau", ["axes"] = "PME" }, url);
        await directeur.PostForm(url + "&handler=Action", new() { ["theme"] = "Employeurs", ["titre"] = "Deux forums" }, url);
        await directeur.PostForm(url + "&handler=Valider", new(), url);
        await etat.PostForm(url + "&handler=Valider", new(), url);

        page = await directeur.Html(url);
        Assert.Contains("Conclu", page);
        Assert.Contains("35\u00A0%", page);
        Assert.DoesNotContain("intrusion", page);
        Assert.DoesNotContain("handler=Analyse", await directeur.GetStringAsync(url)); // frozen: no more forms
        // Nothing can be changed once concluded, even by posting directly.
        await directeur.PostForm(url + "&handler=Objectif", new() { ["ratio"] = "R10", ["cible"] = "50" }, "/Pilotage/Dialogues");
        Assert.Contains("plus rien n'est modifiable", await directeur.Html(url));

        var avenant = await etat.Html($"/Pilotage/Avenant?structure=ML26001&annee={annee}");
        Assert.Contains("deux cent cinquante mille euros", avenant);
        Assert.Contains("125\u00A0000\u00A0€", avenant); // advance 50 %
        Assert.Contains("12345678900012", avenant);
        Assert.DoesNotContain("PROJET", avenant);

        using var db = factory.Db();
        // This dialogue's transitions (other tests of the class open dialogues of other years for the same structure).
        var id = await db.Dialogues.Where(d => d.StructureCode == "ML26001" && d.Annee == annee).Select(d => d.Id).SingleAsync();
        var transitions = await db.DialogueTransitions.Where(t => t.StructureCode == "ML26001" && t.DialogueId == id).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(4, transitions.Count); // creation, transmis, en dialogue, conclu
        Assert.Equal((await db.Users.SingleAsync(u => u.Login == "etat.region")).DisplayName, transitions[^1].Par);
    }

    [Fact]
    public async Task Context_and_resources_are_edited_by_the_director_and_feed_the_dashboard()
    {
        var url = $"/Pilotage/Moyens?structure=ML26001&annee={Annee.Fin.Year}";
        var etat = await factory.SignedIn("etat.region");
        var interdit = await etat.PostForm(url, new() { ["Jano"] = "1" }, url);
        Assert.Equal(HttpStatusCode.Forbidden, interdit.StatusCode);
        var directeur = await factory.SignedIn("directeur");
        var ok = await directeur.PostForm(url, new() { ["Jano"] = "4321", ["Defm"] = "1234", ["EtpTotal"] = "20", ["EtpAccompagnement"] = "15", ["FinancementEtat"] = "250000" }, url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var csv = Csv(await (await directeur.GetAsync(Url("ML26001") + "&format=csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal("4321", csv.Single(r => r[2] == "C0.1")[4]);
        Assert.Equal("0,75", csv.Single(r => r[2] == "R12")[4]);
    }

    [Fact]
    public async Task The_employer_catalogue_is_on_the_dashboard_and_its_main_indicators_in_step_3_of_the_dialogue()
    {
        var employeurs = Catalogue.Load(Catalogue.Employeurs);
        var principaux = employeurs.Indicateurs.Where(d => d.Parmi is null).ToList();
        Assert.Contains(principaux, d => d.Cle == "EMP3"); // the rate of unresolved MER (seed 000)
        var directeur = await factory.SignedIn("directeur");
        var tableau = await directeur.Html(Url("ML26001") + "&catalogue=employeurs");
        Assert.Contains("<option value=\"employeurs\"", tableau);
        Assert.All(employeurs.Indicateurs, d => Assert.Contains($"data-cle=\"{d.Cle}\"", tableau));

        // A dialogue of its own year (the others' tests use theirs): the step 3 table, year analysed and N−1, director and State.
        const int annee = 2028;
        var url = $"/Pilotage/Dialogue?structure=ML26001&annee={annee}";
        var r = await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = "ML26001", ["annee"] = annee.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var etat = await factory.SignedIn("etat.region");
        foreach (var client in new[] { directeur, etat })
        {
            var page = await client.Html(url);
            var debut = page.IndexOf("<table id=\"indicateurs-employeurs\">", StringComparison.Ordinal);
            Assert.True(debut > 0, "pas de tableau des indicateurs employeurs");
            Assert.True(page.IndexOf("Analyse de la Mission locale", debut, StringComparison.Ordinal) > 0); // within the steps
            var etape = page[debut..page.IndexOf("</table>", debut, StringComparison.Ordinal)];
            Assert.Contains($"indicateurs {annee - 1} et {annee - 2}</caption>", etape); // the CPO dialogue analyses N−1
            var lignes = System.Text.RegularExpressions.Regex.Matches(etape, "<tr data-indicateur=\"([^\"]+)\">\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>\\s*<td>([^<]*)</td>");
            Assert.Equal(principaux.Select(d => d.Cle), lignes.Select(m => m.Groups[1].Value));
            Assert.Equal(principaux.Select(d => d.LibelleCourt), lignes.Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)));
            Assert.All(lignes, m => Assert.NotEqual("", m.Groups[3].Value.Trim()));
        }
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : PilotageFonctionnelTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : PilotageFonctionnelTests(factory), IClassFixture<PostgresWebFactory>;
}
