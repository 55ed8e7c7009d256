using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Storage.Entities;
using Jalon.Storage.Plans;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Jalon.Web.Tests.Plans;

/// <summary>
/// Editing and deleting an existing objective, action sheet and indicator (French refusals, confirmation saying what goes
/// with it, audit), and the plan as a printable document whose PDF holds the same text, on both databases.
/// </summary>
public abstract partial class PlanEditionWebTests(JalonWebFactory factory)
{
    private static string Version(string html) => VersionRegex().Match(html).Groups[1].Value;

    private static string Lien(string html, string debut) => Regex.Match(html, $"href=\"({Regex.Escape(debut)}[^\"]*)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>A plan of ML26001 with objectives OG1 → OG1-OP1, an action sheet with two indicators (one measured), built with the domain.</summary>
    private async Task<(Plan Plan, ActionPlan Action, IndicateurPlan Mesure)> PlanAsync(string titre)
    {
        var annee = Dates.TodayInParis().Year;
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, titre, annee, annee + 2, "ML26001", "84");
        var og = plan.AjouterObjectif(null, "OG1", "Être connu et reconnu");
        var op = plan.AjouterObjectif(og.Id, "OG1-OP1", "Aller vers");
        var action = plan.AjouterAction(op.Id, new ContenuAction("Camion mobile", null, "Communes", "Jeunes ruraux", "1 conseiller", new DateOnly(annee, 12, 31), []), [], Dates.TodayInParis());
        var mesure = plan.AjouterIndicateur(action.Id, "Premiers accueils", NatureIndicateur.Effectif, SensCible.AuMoins, "I2", new Dictionary<int, double> { [annee] = 400 });
        plan.AjouterIndicateur(action.Id, "Communes visitées", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [annee] = 12 });
        using var db = factory.Db();
        await new PlanRepository(db).EnregistrerAsync(plan, null, "Test");
        return (plan, action, mesure);
    }

    [Fact]
    public async Task A_director_edits_an_objective_an_action_with_its_milestones_and_status_and_an_indicator_and_refusals_are_explained_in_French()
    {
        var annee = Dates.TodayInParis().Year;
        var (plan, action, mesure) = await PlanAsync("Projet associatif à modifier");
        var directeur = await factory.SignedIn("directeur");
        var pageUrl = $"/Plans/Plan?id={plan.Id}";
        var page = await directeur.Html(pageUrl);
        // Every form of the plan's page posts to this plan (its id in the form's address).
        Assert.Equal(5, Regex.Count(page, $"action=\"/Plans/Plan\\?id={plan.Id}&handler="));
        var objectifUrl = Lien(page, $"/Plans/Modifier?id={plan.Id}&objectif={plan.Objectifs[1].Id}");
        Assert.NotEmpty(objectifUrl);

        async Task<HttpResponseMessage> Poster(string url, string handler, Dictionary<string, string> champs)
        {
            champs["Version"] = Version(await directeur.Html(url));
            return await directeur.PostForm(url + "&handler=" + handler, champs, url);
        }

        // The objective: recoded and renamed; a code already used is refused in French, what was typed kept.
        var refus = await Poster(objectifUrl, "Objectif", new() { ["Code"] = "OG1", ["Libelle"] = "Aller vers les jeunes" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var texte = await refus.Body();
        Assert.Contains("Le code « OG1 » est déjà celui d'un autre objectif de ce plan.", texte);
        Assert.Contains("value=\"Aller vers les jeunes\"", texte);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster(objectifUrl, "Objectif", new() { ["Code"] = "OG1-OP2", ["Libelle"] = "Aller vers les jeunes" })).StatusCode);

        // The action sheet with its milestones; a milestone line without a date is refused.
        var actionUrl = $"/Plans/Modifier?id={plan.Id}&fiche={action.Id}";
        refus = await Poster(actionUrl, "Action", new() { ["Titre"] = "Camion mobile", ["Jalons"] = "bientôt Premier bilan" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("Jalon ligne 1 : « bientôt Premier bilan » doit commencer par une date jj/mm/aaaa", await refus.Body());
        Assert.Equal(HttpStatusCode.Redirect, (await Poster(actionUrl, "Action", new()
        {
            ["Titre"] = "Camion mobile itinérant", ["Partenaires"] = "Communes, CAF", ["Echeance"] = $"{annee}-12-31",
            ["Jalons"] = $"30/06/{annee} Bilan à mi-année\n31/03/{annee} Premier circuit",
        })).StatusCode);
        // The status, dated: never in the future.
        var demain = Dates.TodayInParis().AddDays(1);
        refus = await Poster(actionUrl, "Statut", new() { ["Statut"] = "EnCours", ["StatutLe"] = demain.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("ne peut pas être postérieure à aujourd'hui", await refus.Body());
        Assert.Equal(HttpStatusCode.Redirect, (await Poster(actionUrl, "Statut", new() { ["Statut"] = "EnCours", ["StatutLe"] = Dates.TodayInParis().ToString("yyyy-MM-dd") })).StatusCode);

        // The indicator: targets per year and a monthly profile; a bad target is refused.
        var indicateurUrl = $"/Plans/Modifier?id={plan.Id}&indicateur={mesure.Id}";
        var formulaire = await directeur.Html(indicateurUrl);
        Assert.Contains($"name=\"Cibles[{annee}]\" value=\"400\"", formulaire);
        Assert.Contains($"name=\"Cibles[{annee + 2}]\"", formulaire);
        refus = await Poster(indicateurUrl, "Indicateur", new() { ["Libelle"] = "Premiers accueils", ["Sens"] = "AuMoins", [$"Cibles[{annee}]"] = "beaucoup" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains($"La cible {annee} « beaucoup » n'est pas un nombre", await refus.Body());
        Assert.Equal(HttpStatusCode.Redirect, (await Poster(indicateurUrl, "Indicateur", new()
        {
            ["Libelle"] = "Premiers accueils du camion", ["Sens"] = "AuMoins", [$"Cibles[{annee}]"] = "450", [$"Cibles[{annee + 1}]"] = "500",
            ["Profil"] = "1;1;1;1;1;1;0,5;0,5;1;1;1;1",
        })).StatusCode);

        using (var db = factory.Db())
        {
            var lu = (await new PlanRepository(db).PlanAsync(plan.Id))!;
            Assert.Equal(("OG1-OP2", "Aller vers les jeunes"), (lu.Objectifs[1].Code, lu.Objectifs[1].Libelle));
            var a = lu.Action(action.Id);
            Assert.Equal(("Camion mobile itinérant", "Communes, CAF"), (a.Contenu.Titre, a.Contenu.Partenaires));
            Assert.Equal(["Premier circuit", "Bilan à mi-année"], a.Contenu.Jalons.Select(j => j.Libelle));
            Assert.Equal((StatutAction.EnCours, Dates.TodayInParis(), "Hélène Robert"), (a.Statut, a.Historique.Single().Le, a.Historique.Single().Par));
            var i = lu.Indicateur(mesure.Id);
            Assert.Equal(("Premiers accueils du camion", 450.0, 500.0, 0.5), (i.Libelle, i.Cibles[annee], i.Cibles[annee + 1], i.Profil!.Poids[6]));
            Assert.Equal("I2", i.CleCatalogue);
            Assert.Equal(4, await db.AuditLog.CountAsync(x => x.Entity == "plan" && x.Action == AuditAction.Modification && x.Detail!.StartsWith("Projet associatif à modifier")));
        }
        page = await directeur.Html(pageUrl);
        Assert.Contains("Jalon 31/03/" + annee + " : Premier circuit", page);
        Assert.Contains("le " + Dates.TodayInParis().ToString("dd/MM/yyyy") + " par Hélène Robert", page);

        // Only the plan's editors reach the edit page.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller1")).GetAsync(objectifUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("etat.region")).GetAsync(actionUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await directeur.GetAsync($"/Plans/Modifier?id={plan.Id}&objectif={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_says_what_goes_with_it_and_is_audited()
    {
        var (plan, action, _) = await PlanAsync("Projet associatif à élaguer");
        var directeur = await factory.SignedIn("directeur");
        var general = plan.Objectifs[0];
        var url = $"/Plans/Modifier?id={plan.Id}&objectif={general.Id}";
        var html = await directeur.Html(url);
        var portee = new HtmlParser().ParseDocument(html).QuerySelector("#suppression-portee")!.TextContent;
        Assert.Contains("1 objectif, 1 fiche action et 2 indicateurs", portee);
        Assert.Contains("fiche action « Camion mobile »", portee);

        // Without the box ticked: nothing deleted, the reason in French.
        var r = await directeur.PostForm(url + "&handler=Supprimer", new() { ["Version"] = Version(html) }, url);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("Cochez la case pour confirmer la suppression de l'objectif OG1", await r.Body());
        using (var db = factory.Db()) Assert.Equal(2, (await new PlanRepository(db).PlanAsync(plan.Id))!.Objectifs.Count);

        // Deleting the action first: its indicators go, the objectives stay.
        var actionUrl = $"/Plans/Modifier?id={plan.Id}&fiche={action.Id}";
        html = await directeur.Html(actionUrl);
        r = await directeur.PostForm(actionUrl + "&handler=Supprimer", new() { ["Version"] = Version(html), ["Confirmer"] = "true" }, actionUrl);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("Suppression enregistrée : la fiche action « Camion mobile », avec 2 indicateurs.", await directeur.Html($"/Plans/Plan?id={plan.Id}"));
        using (var db = factory.Db())
        {
            var lu = (await new PlanRepository(db).PlanAsync(plan.Id))!;
            Assert.Equal((2, 0, 0), (lu.Objectifs.Count, lu.Actions.Count, lu.Indicateurs.Count));
        }

        // Then the general objective with its operational one.
        html = await directeur.Html(url);
        r = await directeur.PostForm(url + "&handler=Supprimer", new() { ["Version"] = Version(html), ["Confirmer"] = "true" }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        using (var db = factory.Db())
        {
            Assert.Empty((await new PlanRepository(db).PlanAsync(plan.Id))!.Objectifs);
            var audits = await db.AuditLog.Where(x => x.Entity == "plan" && x.Action == AuditAction.Suppression && x.Detail!.StartsWith("Projet associatif à élaguer")).Select(x => x.Detail).ToListAsync();
            Assert.Equal(2, audits.Count);
            Assert.Contains(audits, d => d!.Contains("suppression de l'objectif OG1 (avec 1 objectif)", StringComparison.Ordinal));
        }
        // The deleted objective is gone.
        Assert.Equal(HttpStatusCode.NotFound, (await directeur.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_plan_as_a_document_and_its_pdf_hold_the_same_text_and_are_audited()
    {
        var (plan, action, _) = await PlanAsync("Projet associatif pour le conseil d'administration");
        var directeur = await factory.SignedIn("directeur");
        var url = $"/Plans/Document?id={plan.Id}";
        Assert.Contains($"href=\"{url}\"", await directeur.Html($"/Plans/Plan?id={plan.Id}"));
        var html = await directeur.Html(url);
        var article = new HtmlParser().ParseDocument(html).QuerySelector("article#plan-document")!.TextContent;
        var page = Normaliser(article);
        foreach (var attendu in new[] { "Projet associatif pour le conseil d'administration", "OG1 — Être connu et reconnu", "OG1-OP1 — Aller vers", "Camion mobile", "Premiers accueils", "Communes visitées : — / ", "à désigner", "Non commencée" })
            Assert.Contains(attendu, page);
        Assert.DoesNotContain("Modifier ou supprimer", page);

        int Exports()
        {
            using var db = factory.Db();
            return db.AuditLog.Count(a => a.Entity == "plan" && a.Action == AuditAction.Export && a.Detail!.Contains("(pdf)"));
        }
        var avant = Exports();
        var reponse = await directeur.GetAsync(url + "&format=pdf");
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{reponse.StatusCode}: {await reponse.Body()}");
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"plan-ML26001-{plan.AnneeDebut}-{plan.AnneeFin}.pdf", reponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        // One template: the PDF holds exactly the page's document, letter for letter, in the same order.
        Assert.Equal(SansEspaces(article), SansEspaces(LettresDuPdf(octets)));
        Assert.Equal(avant + 1, Exports());

        // Whoever reads the plan reads its document (the State of the region: measures withheld by statistical secrecy); others not.
        Assert.Contains("non mesuré", await (await factory.SignedIn("etat.region")).Html(url));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller.valence")).GetAsync(url + "&format=pdf")).StatusCode);
        Assert.Equal(avant + 1, Exports());
    }

    private static string LettresDuPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
    }

    private static string Normaliser(string texte) => Espaces().Replace(texte.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ").Trim();

    private static string SansEspaces(string texte) => Espaces().Replace(texte, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionRegex();

    public sealed class OnSqlite(JalonWebFactory factory) : PlanEditionWebTests(factory), IClassFixture<JalonWebFactory>;

    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : PlanEditionWebTests(factory), IClassFixture<PostgresWebFactory>;
}
