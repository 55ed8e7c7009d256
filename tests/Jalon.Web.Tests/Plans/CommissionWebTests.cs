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
/// A plan's follow-up commission and its evaluations on both databases (docs/plans.md): meetings recorded, edited and deleted
/// with French refusals; the 18-month evaluation prepared, written, signed by the director, frozen with its report as signed;
/// its PDF holds the page's text; who may do what (route × role on a real plan); audit.
/// </summary>
public abstract partial class CommissionWebTests(JalonWebFactory factory)
{
    private static string Version(string html) => VersionRegex().Match(html).Groups[1].Value;

    /// <summary>A plan of ML26001 started two years ago (its 18-month evaluation is due), one objective, two actions (one measured indicator).</summary>
    private async Task<(Plan Plan, ActionPlan Camion, ActionPlan Newsletter)> PlanAsync(string titre)
    {
        var annee = Dates.TodayInParis().Year;
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, titre, annee - 2, annee, "ML26001", "84");
        var og = plan.AjouterObjectif(null, "OG1", "Être connu et reconnu");
        var camion = plan.AjouterAction(og.Id, new ContenuAction("Camion mobile", null, "Communes", "Jeunes ruraux", "", null, []), [], Dates.TodayInParis());
        var newsletter = plan.AjouterAction(og.Id, new ContenuAction("Newsletter", null, "", "", "", null, []), [], Dates.TodayInParis());
        plan.ChangerStatutAction(camion.Id, StatutAction.EnCours, new DateOnly(annee - 2, 3, 1), "Direction");
        plan.AjouterIndicateur(camion.Id, "Premiers accueils", NatureIndicateur.Effectif, SensCible.AuMoins, "I2", new Dictionary<int, double> { [annee - 1] = 400 });
        plan.AjouterIndicateur(camion.Id, "Communes visitées", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [annee - 1] = 12 });
        using var db = factory.Db();
        await new PlanRepository(db).EnregistrerAsync(plan, null, "Test");
        return (plan, camion, newsletter);
    }

    [Fact]
    public async Task A_director_records_edits_and_deletes_commission_meetings_listed_newest_first_and_refusals_are_explained_in_French()
    {
        var annee = Dates.TodayInParis().Year;
        var (plan, camion, newsletter) = await PlanAsync("Projet associatif avec commission");
        var directeur = await factory.SignedIn("directeur");
        var planUrl = $"/Plans/Plan?id={plan.Id}";
        var nouvelle = $"/Plans/Commission?id={plan.Id}";
        Assert.Contains($"href=\"{nouvelle}\"", await directeur.Html(planUrl));

        // A meeting in the future is refused: 400, the French reason, what was typed kept.
        var futur = Dates.TodayInParis().AddDays(1);
        var refus = await directeur.PostForm(nouvelle + "&handler=Enregistrer", new()
        {
            ["Date"] = futur.ToString("yyyy-MM-dd"), ["Participants"] = "Marie Durand — présidente", ["Decisions"] = "Décision tapée", ["Actions[0]"] = camion.Id.ToString(),
        }, nouvelle);
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var texte = await refus.Body();
        Assert.Contains($"La réunion du {futur:dd/MM/yyyy} n'a pas encore eu lieu", texte);
        Assert.Contains("Marie Durand — présidente</textarea>", texte);
        Assert.Contains("Décision tapée</textarea>", texte);
        Assert.Matches($"id=\"action-{camion.Id}\"[^>]*checked", texte);

        // Two meetings: the actions reviewed are noted with their status at each meeting's date.
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(nouvelle + "&handler=Enregistrer", new()
        {
            ["Date"] = $"{annee - 2}-02-10", ["Participants"] = "Marie Durand — présidente\nHélène Robert — directrice", ["Decisions"] = "Lancer la phase test.",
            ["Actions[0]"] = camion.Id.ToString(), ["Actions[1]"] = newsletter.Id.ToString(),
        }, nouvelle)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(nouvelle + "&handler=Enregistrer", new()
        {
            ["Date"] = $"{annee - 2}-09-15", ["Participants"] = "Hélène Robert — directrice", ["Decisions"] = "Poursuivre.", ["Actions[0]"] = camion.Id.ToString(),
        }, nouvelle)).StatusCode);
        var page = await directeur.Html(planUrl);
        var reunions = Regex.Matches(page, "data-reunion=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([$"{annee - 2}-09-15", $"{annee - 2}-02-10"], reunions);
        var section = new HtmlParser().ParseDocument(page).QuerySelector("#commission")!.TextContent;
        Assert.Contains("Camion mobile : non commencée", section); // on 10 February, before it started on 1 March
        Assert.Contains("Camion mobile : en cours", section);
        Assert.Contains("Marie Durand — présidente, Hélène Robert — directrice", section);

        // Edited, then deleted after confirming.
        using (var db = factory.Db())
        {
            var premiere = (await new SuiviRepository(db).ReunionsAsync(plan.Id)).Single(r => r.Reunion.Date.Month == 2).Reunion;
            var url = $"/Plans/Commission?id={plan.Id}&reunion={premiere.Id}";
            Assert.Contains($"href=\"/Plans/Commission?id={plan.Id}&reunion={premiere.Id}\"", page);
            var form = await directeur.Html(url);
            Assert.Contains("Lancer la phase test.</textarea>", form);
            Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(url + "&handler=Enregistrer", new()
            {
                ["Version"] = Version(form), ["Date"] = $"{annee - 2}-02-10", ["Participants"] = "Marie Durand — présidente", ["Decisions"] = "Lancer la phase test sur un an.",
            }, url)).StatusCode);
            // The version read is stale now.
            Assert.Equal(HttpStatusCode.BadRequest, (await directeur.PostForm(url + "&handler=Enregistrer", new()
            {
                ["Version"] = Version(form), ["Date"] = $"{annee - 2}-02-10", ["Participants"] = "X",
            }, url)).StatusCode);
            form = await directeur.Html(url);
            var sansConfirmation = await directeur.PostForm(url + "&handler=Supprimer", new() { ["Version"] = Version(form) }, url);
            Assert.Equal(HttpStatusCode.BadRequest, sansConfirmation.StatusCode);
            Assert.Contains("Cochez la case pour confirmer la suppression de la réunion.", await sansConfirmation.Body());
            Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(url + "&handler=Supprimer", new() { ["Version"] = Version(form), ["Confirmer"] = "true" }, url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await directeur.GetAsync(url)).StatusCode);
            Assert.Equal($"{annee - 2}-09-15", Assert.Single(Regex.Matches(await directeur.Html(planUrl), "data-reunion=\"([^\"]+)\"")).Groups[1].Value);

            var audits = await db.AuditLog.Where(a => a.Entity == "plan" && a.Detail!.StartsWith("Projet associatif avec commission — commission de suivi")).Select(a => a.Action).ToListAsync();
            Assert.Equal(2, audits.Count(a => a == AuditAction.Creation));
            Assert.Equal(1, audits.Count(a => a == AuditAction.Modification));
            Assert.Equal(1, audits.Count(a => a == AuditAction.Suppression));
        }

        // Readers of the plan read the meetings without the links; only whoever changes the plan opens the form.
        var conseiller = await factory.SignedIn("conseiller1");
        var lu = await conseiller.Html(planUrl);
        Assert.Contains("Réunion du", lu);
        Assert.DoesNotContain("/Plans/Commission", lu);
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.GetAsync(nouvelle)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.PostForm(nouvelle + "&handler=Enregistrer", new() { ["Date"] = $"{annee - 2}-03-01", ["Participants"] = "X" }, planUrl)).StatusCode);
    }

    [Fact]
    public async Task The_18_month_evaluation_is_generated_at_its_date_signed_by_the_director_frozen_as_signed_and_its_pdf_holds_the_page_s_text()
    {
        var annee = Dates.TodayInParis().Year;
        var echeance = new DateOnly(annee - 1, 6, 30);
        var (plan, camion, _) = await PlanAsync("Projet associatif évalué");
        var directeur = await factory.SignedIn("directeur");
        var planUrl = $"/Plans/Plan?id={plan.Id}";
        var page = await directeur.Html(planUrl);
        var prevues = new HtmlParser().ParseDocument(page).QuerySelector("#evaluations-prevues")!.TextContent;
        Assert.Contains($"Bilan intermédiaire à 18 mois : état du plan au {echeance:dd/MM/yyyy} — à faire", Normaliser(prevues));
        Assert.Contains($"Bilan final à 3 ans : état du plan au 31/12/{annee} — à venir", Normaliser(prevues));

        // A meeting before the due date, one after: the report holds the first only.
        using (var db = factory.Db())
        {
            var suivi = new SuiviRepository(db);
            await suivi.EnregistrerReunionAsync(plan, ReunionCommission.Enregistrer(plan, new DateOnly(annee - 2, 10, 5), ["Marie Durand — présidente"], [camion.Id], "Recruter si positif.", Dates.TodayInParis()), null, "Test");
            await suivi.EnregistrerReunionAsync(plan, ReunionCommission.Enregistrer(plan, new DateOnly(annee - 1, 9, 5), ["Réunion d'après"], [], "", Dates.TodayInParis()), null, "Test");
        }

        // Prepared by the director: a draft at the due date.
        var creation = await directeur.PostForm($"/Plans/Evaluation?id={plan.Id}&handler=Creer", new() { ["Nature"] = "DixHuitMois" }, planUrl);
        Assert.Equal(HttpStatusCode.Redirect, creation.StatusCode);
        var url = creation.Headers.Location!.OriginalString;
        Assert.StartsWith($"/Plans/Evaluation?id={plan.Id}&evaluation=", url, StringComparison.Ordinal);
        // A second one is refused, back on the plan with the reason.
        var double_ = await directeur.PostForm($"/Plans/Evaluation?id={plan.Id}&handler=Creer", new() { ["Nature"] = "DixHuitMois" }, planUrl);
        Assert.Equal(HttpStatusCode.Redirect, double_.StatusCode);
        Assert.Contains("Le bilan intermédiaire à 18 mois de ce plan existe déjà.", await directeur.Html(double_.Headers.Location!.OriginalString));

        var html = await directeur.Html(url);
        var article = Normaliser(new HtmlParser().ParseDocument(html).QuerySelector("article#evaluation")!.TextContent);
        Assert.Contains("PROJET — non signé par la direction", article);
        Assert.Contains($"état du plan au {echeance:dd/MM/yyyy}", article);
        Assert.Contains($"En cours depuis le 01/03/{annee - 2}", article);
        Assert.Contains("Communes visitées : — / 6 / 12, non mesuré", article); // half of 12 expected at 30 June (linear)
        Assert.Contains("Réunion du 05/10/", article);
        Assert.DoesNotContain("Réunion d'après", article);
        Assert.DoesNotContain("signer-evaluation", html); // no assessment yet

        // Signing without an assessment is refused; the counsellor may neither write nor sign.
        var sansTexte = await directeur.PostForm(url + "&handler=Signer", new() { ["Version"] = Version(html) }, url);
        Assert.Equal(HttpStatusCode.BadRequest, sansTexte.StatusCode);
        Assert.Contains("L'évaluation ne peut pas être signée sans l'appréciation de la commission.", await sansTexte.Body());
        var conseiller = await factory.SignedIn("conseiller1");
        Assert.DoesNotContain("evaluation-saisie", await conseiller.Html(url));
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.PostForm(url + "&handler=Signer", new() { ["Version"] = Version(html) }, url)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(url + "&handler=Rediger", new() { ["Version"] = Version(html), ["Appreciation"] = "Objectifs de l'axe « aller vers » engagés." }, url)).StatusCode);
        html = await directeur.Html(url);
        Assert.Contains("signer-evaluation", html);
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(url + "&handler=Signer", new() { ["Version"] = Version(html) }, url)).StatusCode);

        html = await directeur.Html(url);
        var signee = new HtmlParser().ParseDocument(html).QuerySelector("article#evaluation")!.TextContent;
        Assert.DoesNotContain("PROJET", signee);
        Assert.Contains("Signée par Hélène Robert (direction) le ", signee);
        Assert.DoesNotContain("evaluation-saisie", html);
        Assert.Contains("faite, signée le ", await directeur.Html(planUrl));

        // Frozen: no more edits, no deletion; later changes of the plan do not alter it.
        var apres = await directeur.PostForm(url + "&handler=Rediger", new() { ["Version"] = Version(html), ["Appreciation"] = "Autre" }, url);
        Assert.Equal(HttpStatusCode.BadRequest, apres.StatusCode);
        Assert.Contains("Cette évaluation est figée : signée par Hélène Robert le ", await apres.Body());
        Assert.Equal(HttpStatusCode.BadRequest, (await directeur.PostForm(url + "&handler=Supprimer", new() { ["Version"] = Version(html), ["Confirmer"] = "true" }, url)).StatusCode);
        using (var db = factory.Db())
        {
            var repo = new PlanRepository(db);
            var p = (await repo.PlanAsync(plan.Id))!;
            p.ModifierAction(camion.Id, p.Action(camion.Id).Contenu with { Titre = "Camion mobile renommé" }, [], Dates.TodayInParis());
            await repo.EnregistrerAsync(p, null, "Test");
        }
        Assert.Equal(Normaliser(signee), Normaliser(new HtmlParser().ParseDocument(await directeur.Html(url)).QuerySelector("article#evaluation")!.TextContent));

        // The PDF: the page's text, letter for letter.
        var reponse = await directeur.GetAsync(url + "&format=pdf");
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{reponse.StatusCode}: {await reponse.Body()}");
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"evaluation-ML26001-{echeance:yyyy-MM-dd}.pdf", reponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(SansEspaces(signee), SansEspaces(LettresDuPdf(octets)));

        // The State of the region reads it, the measured values withheld (statistical secrecy); another structure does not.
        var etat = await (await factory.SignedIn("etat.region")).Html(url);
        Assert.Contains("Premiers accueils : — / ", etat);
        Assert.Contains(RapportEvaluation.NonDiffuse, etat);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller.valence")).GetAsync(url)).StatusCode);

        using (var db = factory.Db())
        {
            var audits = await db.AuditLog.Where(a => a.Entity == "plan" && a.Detail!.StartsWith("Projet associatif évalué — bilan intermédiaire")).Select(a => new { a.Action, a.Detail }).ToListAsync();
            Assert.Contains(audits, a => a.Action == AuditAction.Creation);
            Assert.Contains(audits, a => a.Action == AuditAction.Modification && a.Detail!.EndsWith("signature (évaluation figée)", StringComparison.Ordinal));
            Assert.Contains(audits, a => a.Action == AuditAction.Export && a.Detail!.EndsWith("(pdf)", StringComparison.Ordinal));
            Assert.Contains(audits, a => a.Action == AuditAction.Lecture);
        }
    }

    [Fact]
    public async Task Route_by_role_on_a_real_plan_commission_form_for_whoever_changes_the_plan_evaluation_for_its_readers()
    {
        var (plan, _, _) = await PlanAsync("Projet associatif des rôles");
        var e = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, Dates.TodayInParis(), []);
        using (var db = factory.Db()) await new SuiviRepository(db).EnregistrerEvaluationAsync(plan, e, null, "Test");
        // Columns: RouteRoleMatrixTests.Logins (anonymous, accueil, conseiller1, directeur, admin, etat.region, etat.national, arml, region, conseiller.valence).
        var cas = new (string Route, int[] Attendu)[]
        {
            ($"/Plans/Commission?id={plan.Id}", [302, 403, 403, 200, 403, 403, 403, 403, 403, 403]),
            ($"/Plans/Commission?id={plan.Id}&reunion={Guid.Empty}", [302, 403, 403, 404, 403, 403, 403, 403, 403, 403]),
            ($"/Plans/Evaluation?id={plan.Id}&evaluation={e.Id}", [302, 403, 200, 200, 200, 200, 200, 200, 200, 403]),
            ($"/Plans/Evaluation?id={plan.Id}&evaluation={Guid.Empty}", [302, 403, 404, 404, 404, 404, 404, 404, 404, 403]),
        };
        foreach (var (route, attendu) in cas)
        {
            for (var i = 0; i < RouteRoleMatrixTests.Logins.Length; i++)
            {
                var login = RouteRoleMatrixTests.Logins[i];
                var client = login.Length == 0 ? factory.Anonymous() : await factory.SharedSession(login);
                Assert.True((int)(await client.GetAsync(route)).StatusCode == attendu[i], $"{route} pour « {login} » : attendu {attendu[i]}");
            }
        }
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

    public sealed class OnSqlite(JalonWebFactory factory) : CommissionWebTests(factory), IClassFixture<JalonWebFactory>;

    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : CommissionWebTests(factory), IClassFixture<PostgresWebFactory>;
}
