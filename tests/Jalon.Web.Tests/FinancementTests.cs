using System.Net;
using AngleSharp.Html.Parser;
using Jalon.Indicators.Financement;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The Région's funding page (docs/financement-region.md): its grid per structure and the simulated allocation.</summary>
public abstract class FinancementTests(JalonWebFactory factory)
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task The_region_sees_its_grid_and_shares_its_envelope_once_jano_is_known()
    {
        var region = await factory.SharedSession("region");
        string[] codes;
        using (var db = factory.Db())
        {
            codes = await db.Structures.Where(s => s.Region == "84").OrderBy(s => s.Code).Select(s => s.Code).ToArrayAsync();
        }
        Assert.Equal(2, codes.Length);

        // Envelope 2041: the activity of 2040, which has no JANO yet — refused, never taken as 0.
        var sans = Parser.ParseDocument(await region.Html("/Financement?annee=2041&enveloppe=1000000"));
        Assert.Equal(codes.Length + 1, sans.QuerySelectorAll("#grille tbody tr").Length);
        Assert.Contains("Moyenne régionale", sans.QuerySelector("#grille")!.TextContent);
        Assert.Contains($"JANO du territoire (RG1) manquant pour la structure {codes[0]} (moyens.csv, colonne jano, année 2040)",
            sans.QuerySelector("#erreurs-financement")!.TextContent);
        Assert.Null(sans.QuerySelector("#allocation"));

        using (var db = factory.Db())
        {
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[0], Annee = 2040, Jano = 1000 });
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[1], Annee = 2040, Jano = 3000 });
            await db.SaveChangesAsync();
        }
        var page = Parser.ParseDocument(await region.Html("/Financement?annee=2041&enveloppe=1000000&poids_RG2=0&poids_RG3=0&poids_RG4=0"));
        Assert.Null(page.QuerySelector("#erreurs-financement"));
        // Weights 0 on RG2–RG4: axis 1 follows JANO alone (1/4, 3/4 of 500 000 €); nobody entered a scheme in 2040:
        // axis 2 is shared equally; axis 3 too, undecided.
        var lignes = page.QuerySelectorAll("#allocation tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(codes, lignes.Select(l => l[0]));
        Assert.Equal(["125 000,00 €", "175 000,00 €", "75 000,00 €", "375 000,00 €", "300 000,00 €", "75 000,00 €"], lignes[0][1..].Select(Espaces));
        Assert.Equal(["375 000,00 €", "175 000,00 €", "75 000,00 €", "625 000,00 €", "500 000,00 €", "125 000,00 €"], lignes[1][1..].Select(Espaces));
    }

    /// <summary>
    /// The regional dialogue's life on envelope 2045 (activity of 2044, nothing else in the seed that year): invalid inputs are
    /// refused in French and record nothing; parameters and an argued axis-3 decision are recorded; the vote freezes the
    /// figures (a later JANO does not move them, editing is refused) until the vote is withdrawn; the notification gives the
    /// director of the structure (and no other) its « notification de subvention », as a page and a PDF.
    /// </summary>
    [Fact]
    public async Task The_region_records_decides_votes_and_notifies_and_the_director_reads_the_notification()
    {
        const string url = "/Financement?annee=2045";
        var region = await factory.SignedIn("region");
        string[] codes;
        using (var db = factory.Db())
        {
            codes = await db.Structures.Where(s => s.Region == "84").OrderBy(s => s.Code).Select(s => s.Code).ToArrayAsync();
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[0], Annee = 2044, Jano = 1000 });
            db.Moyens.Add(new MoyensEntity { StructureCode = codes[1], Annee = 2044, Jano = 3000 });
            await db.SaveChangesAsync();
        }
        Assert.Contains("ML26001", codes);
        var parametres = new Dictionary<string, string>
        {
            ["annee"] = "2045", ["enveloppe"] = "1000000", ["part_1"] = "50", ["part_2"] = "35", ["part_3"] = "15", ["poids_RG2"] = "0", ["poids_RG3"] = "0", ["poids_RG4"] = "0",
        };

        // Refused in French, nothing recorded.
        var r = await region.PostForm(url + "&handler=Parametres", new(parametres) { ["enveloppe"] = "1000000,005", ["part_3"] = "20" }, url);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var erreurs = Parser.ParseDocument(await r.Body()).QuerySelector("#erreurs-financement")!.TextContent;
        Assert.Contains("Enveloppe : au plus 2 décimales (des centimes). Saisi : « 1000000,005 ».", erreurs);
        Assert.Contains("Les parts des axes font 105 % : elles doivent faire exactement 100 %.", erreurs);
        Assert.Equal(0, Allocations(2045));

        r = await region.PostForm(url + "&handler=Parametres", parametres, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(1, Allocations(2045));

        // Axis 3 (150 000 €): a decision above it, or without its argument, is refused; then codes[0] gets 100 000 €, argued.
        var decision = new Dictionary<string, string> { ["annee"] = "2045", ["structure"] = codes[0], ["axe"] = "3", ["montant"] = "200000", ["argument"] = "Trop" };
        r = await region.PostForm(url + "&handler=Decision", decision, url);
        Assert.Contains("Axe 3 : les montants décidés (200000.00 €) dépassent l'enveloppe de l'axe (150000.00 €).", await r.Body());
        r = await region.PostForm(url + "&handler=Decision", new(decision) { ["montant"] = "100000", ["argument"] = " " }, url);
        Assert.Contains("l'argument de la décision est obligatoire", await r.Body());
        r = await region.PostForm(url + "&handler=Decision", new(decision) { ["montant"] = "100000", ["argument"] = "Projet coopératif avec deux Missions Locales voisines" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        // Axis 1 by JANO alone (1/4, 3/4 of 500 000 €), axis 2 equal (no « amont » entry in 2044), axis 3: 100 000 € decided, 50 000 € left.
        // First payment: 80 % of axes 1–2 and of the equal share of axis 3 (75 000 €).
        var simulees = Lignes(Parser.ParseDocument(await region.Html(url)));
        Assert.Equal(["125 000,00 €", "175 000,00 €", "100 000,00 €", "400 000,00 €", "300 000,00 €", "100 000,00 €"], simulees[0][1..]);
        Assert.Equal(["375 000,00 €", "175 000,00 €", "50 000,00 €", "600 000,00 €", "500 000,00 €", "100 000,00 €"], simulees[1][1..]);

        // Vote: the délibération is required; then the figures are stored and frozen.
        r = await region.PostForm(url + "&handler=Voter", new() { ["annee"] = "2045", ["deliberation"] = "", ["date"] = "2045-03-10" }, url);
        Assert.Contains("Indiquez le numéro de la délibération.", await r.Body());
        r = await region.PostForm(url + "&handler=Voter", new() { ["annee"] = "2045", ["deliberation"] = "CP-2045-12", ["date"] = "2045-03-10" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var db = factory.Db())
        {
            db.Moyens.Single(m => m.StructureCode == codes[0] && m.Annee == 2044).Jano = 3000;
            await db.SaveChangesAsync();
        }
        var votee = Parser.ParseDocument(await region.Html(url));
        Assert.Equal(simulees, Lignes(votee));
        Assert.Contains("délibération n° CP-2045-12 du 10/03/2045", Espaces(votee.QuerySelector("#statut-allocation")!.TextContent));

        // The State agent of the region reads the voted money, read only (no form, no grid counts), never the funder's page itself.
        var etat = await factory.SignedIn("etat.region");
        Assert.Equal(HttpStatusCode.Forbidden, (await etat.GetAsync(url)).StatusCode);
        var vueEtat = Parser.ParseDocument(await etat.Html("/Financement/Votees"));
        var section = vueEtat.QuerySelector("#allocation-2045")!;
        Assert.Contains("Enveloppe 2045 : votée", section.TextContent);
        Assert.Contains("Délibération n° CP-2045-12 du 10/03/2045, pas encore notifiée", Espaces(section.TextContent));
        Assert.Equal(simulees.Select(l => l[1..]), VoteesEtat(section));
        Assert.Empty(vueEtat.QuerySelectorAll("main form"));
        Assert.Null(vueEtat.QuerySelector("#grille"));
        Assert.DoesNotContain("Moyenne régionale", vueEtat.Body!.TextContent);
        r = await region.PostForm(url + "&handler=Parametres", parametres, url);
        Assert.Contains("L'allocation est votée : ses montants sont figés.", await r.Body());

        // Withdrawing the vote recomputes with today's data (JANO now equal: 250 000 € each on axis 1); voted again, it is frozen again.
        r = await region.PostForm(url + "&handler=Retirer", new() { ["annee"] = "2045" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var recalculees = Lignes(Parser.ParseDocument(await region.Html(url)));
        Assert.Equal("250 000,00 €", recalculees[0][1]);
        r = await region.PostForm(url + "&handler=Voter", new() { ["annee"] = "2045", ["deliberation"] = "CP-2045-13", ["date"] = "2045-03-17" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        // Not notified yet: no notification. A notification before the délibération is refused.
        var notification = $"/Financement/Notification?structure=ML26001&annee=2045";
        var directeur = await factory.SignedIn("directeur");
        Assert.Equal(HttpStatusCode.NotFound, (await directeur.GetAsync(notification)).StatusCode);
        r = await region.PostForm(url + "&handler=Notifier", new() { ["annee"] = "2045", ["date"] = "2045-03-01" }, url);
        Assert.Contains("La notification ne peut pas précéder la délibération du 17/03/2045.", await r.Body());
        r = await region.PostForm(url + "&handler=Notifier", new() { ["annee"] = "2045", ["date"] = "2045-03-20" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        r = await region.PostForm(url + "&handler=Retirer", new() { ["annee"] = "2045" }, url);
        Assert.Contains("L'allocation est notifiée : le vote ne peut plus être retiré.", await r.Body());

        // The director finds it from the structure's page and reads it; the PDF is a PDF; another director is refused.
        var structure = await directeur.Html("/Structure?structure=ML26001");
        Assert.Contains("href=\"/Financement/Notification?structure=ML26001&annee=2045&format=pdf\"", structure);
        var doc = Parser.ParseDocument(await directeur.Html(notification));
        var texte = Espaces(doc.QuerySelector("#notification")!.TextContent);
        var i = Array.IndexOf(codes, "ML26001");
        Assert.Contains("délibération n° CP-2045-13 du 17/03/2045", texte);
        Assert.Contains($"fixée à {recalculees[i][4].Replace(",00 €", " €", StringComparison.Ordinal)}", texte);
        var pdf = await directeur.GetAsync(notification + "&format=pdf");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, $"{pdf.StatusCode}: {await pdf.Body()}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("directeur.valence")).GetAsync(notification)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await region.GetAsync(notification)).StatusCode);
        section = Parser.ParseDocument(await etat.Html("/Financement/Votees")).QuerySelector("#allocation-2045")!;
        Assert.Contains("Délibération n° CP-2045-13 du 17/03/2045, notifiée le 20/03/2045", Espaces(section.TextContent));
        Assert.Equal(recalculees.Select(l => l[1..]), VoteesEtat(section));
        Assert.Equal(HttpStatusCode.Forbidden, (await etat.GetAsync(notification)).StatusCode);

        // Every move is recorded: who, when, from which status to which; and audited.
        using (var db = factory.Db())
        {
            var id = db.AllocationsRegionales.Single(a => a.RegionCode == "84" && a.Annee == 2045).Id;
            var moves = db.AllocationTransitions.Where(t => t.AllocationId == id).OrderBy(t => t.Id).AsEnumerable().Select(t => (t.De, t.Vers, t.RegionCode)).ToArray();
            Assert.Equal([(StatutAllocation.Simulation, StatutAllocation.Votee, "84"), (StatutAllocation.Votee, StatutAllocation.Simulation, "84"),
                (StatutAllocation.Simulation, StatutAllocation.Votee, "84"), (StatutAllocation.Votee, StatutAllocation.Notifiee, "84")], moves);
            Assert.Equal(codes.Length * 3, db.AllocationMontants.Count(m => m.AllocationId == id));
            var decisionEnregistree = db.AllocationDecisions.Single(d => d.AllocationId == id);
            Assert.Equal((codes[0], 100000m, "84"), (decisionEnregistree.StructureCode, decisionEnregistree.Montant, decisionEnregistree.RegionCode));
            Assert.Equal(6, db.AuditLog.Count(a => a.Entity == "allocation régionale" && a.UserLogin == "region" && a.Detail!.Contains("2045")));
            Assert.Equal(1, db.AuditLog.Count(a => a.Entity == "notification de subvention" && a.UserLogin == "directeur" && a.StructureCode == "ML26001"));
        }
    }

    private int Allocations(int annee)
    {
        using var db = factory.Db();
        return db.AllocationsRegionales.Count(a => a.Annee == annee);
    }

    private static string[][] Lignes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#allocation tbody tr").Select(r => r.QuerySelectorAll("th, td").Take(7).Select(c => Espaces(c.TextContent.Trim())).ToArray()).ToArray();

    /// <summary>The amounts of each structure on the State's read-only page: axes, total, first payment, balance.</summary>
    private static string[][] VoteesEtat(AngleSharp.Dom.IElement section) =>
        section.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => Espaces(c.TextContent.Trim())).ToArray()).ToArray();

    /// <summary>French number formatting uses narrow no-break spaces: compare with plain spaces.</summary>
    private static string Espaces(string s) => s.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : FinancementTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : FinancementTests(factory), IClassFixture<PostgresWebFactory>;
}
