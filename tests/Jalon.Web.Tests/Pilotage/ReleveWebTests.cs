using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>
/// Issue 10, item 6 through the web: the dialogue's plan d'action as action sheets of a plan, the review of N−1 that
/// dialogue N opens on, and the relevé de conclusions validated by both parties, frozen, audited, and its PDF.
/// </summary>
public abstract partial class ReleveWebTests(JalonWebFactory factory)
{
    private const string Dialogue2032 = "/Pilotage/Dialogue?structure=ML26001&annee=2032";
    private const string Dialogue2033 = "/Pilotage/Dialogue?structure=ML26001&annee=2033";
    private const string Releve = "/Pilotage/Releve?structure=ML26001&annee=2033";

    /// <summary>Dialogue 2032 with a target on R10 and an action; dialogue 2033 transmitted and opened by the State.</summary>
    private async Task PreparerAsync()
    {
        using (var db = factory.Db())
        {
            if (await db.Dialogues.AnyAsync(d => d.StructureCode == "ML26001" && d.Annee == 2033)) return;
        }
        var directeur = await factory.SignedIn("directeur");
        var etat = await factory.SignedIn("etat.region");
        foreach (var annee in new[] { "2032", "2033" })
            Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = "ML26001", ["annee"] = annee })).StatusCode);
        await directeur.PostForm(Dialogue2032 + "&handler=Objectif", new() { ["ratio"] = "R10", ["cible"] = "35" }, Dialogue2032);
        var r = await directeur.PostForm(Dialogue2032 + "&handler=Action", new() { ["theme"] = "Employeurs", ["titre"] = "Deux forums emploi", ["echeance"] = "2032-10-15" }, Dialogue2032);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        foreach (var etape in new[] { "Contexte", "Parcours", "Employeurs", "Conclusive" })
            await directeur.PostForm(Dialogue2033 + "&handler=Analyse", new() { ["etape"] = etape, ["texte"] = "Analyse " + etape }, Dialogue2033);
        await directeur.PostForm(Dialogue2033 + "&handler=Transition", new() { ["action"] = "Transmettre" }, Dialogue2033);
        await etat.PostForm(Dialogue2033 + "&handler=Transition", new() { ["action"] = "OuvrirDialogue" }, Dialogue2033);
    }

    [Fact]
    public async Task The_plan_d_action_is_a_plan_followed_on_Plans_and_dialogue_N_opens_on_the_review_of_N_minus_1()
    {
        await PreparerAsync();
        var parser = new HtmlParser();

        // The action is a sheet of the 2032 plan d'action, listed on /Plans like any plan.
        var directeur = await factory.SignedIn("directeur");
        var page2032 = parser.ParseDocument(await directeur.Html(Dialogue2032));
        Assert.Contains("Deux forums emploi", page2032.QuerySelector("#plan-action tr[data-theme=Employeurs]")!.TextContent);
        Assert.Contains("Plan d'action du dialogue de gestion 2032", await directeur.Html("/Plans"));

        foreach (var login in new[] { "directeur", "etat.region" })
        {
            var client = await factory.SignedIn(login);
            var page = parser.ParseDocument(await client.Html(Dialogue2033));
            var ligne = page.QuerySelector("#revue-objectifs tr[data-ratio=R10]")!;
            var cellules = ligne.QuerySelectorAll("td").Select(c => c.TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim()).ToList();
            Assert.Equal("35 %", cellules[1]);
            // The actual 2032 value is the figure the same page reads for 2032 (one publication: the step of statistical
            // secrecy for the State), written in the ratio's unit; the grid's option for R10 shows the same cell.
            var option = (page.QuerySelector("#ratio option[value=R10]")?.TextContent ?? "").Replace('\u00A0', ' ').Replace('\u202F', ' ');
            Assert.EndsWith("(2032 : " + cellules[2] + ")", option.Trim(), StringComparison.Ordinal);
            Assert.Contains(cellules[3], new[] { "atteint", "non atteint", "non connu" });
            var actions = page.QuerySelector("#revue-actions")!.TextContent;
            Assert.Contains("Deux forums emploi", actions);
            Assert.Contains("15/10/2032", actions);
            Assert.Contains("Non commencée", actions);
            Assert.Contains("0 réalisée sur 1 (1 non commencée)", actions);
        }
    }

    [Fact]
    public async Task Both_parties_validate_the_relevé_then_it_is_frozen_audited_and_its_pdf_holds_the_page_s_text()
    {
        await PreparerAsync();
        var etat = await factory.SignedIn("etat.region");
        var directeur = await factory.SignedIn("directeur");
        // Validating an empty relevé is refused in French, nothing written.
        var refus = await etat.PostForm(Releve + "&handler=Valider", new(), Releve);
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("il manque les conclusions", await refus.Body());

        var r = await etat.PostForm(Releve + "&handler=Rediger", new()
        {
            ["conclusions"] = "Les objectifs 2033 sont partagés.",
            ["engagementsMissionLocale"] = "Diagnostic dans les 4 semaines après le premier accueil.",
            ["engagementsEtat"] = "Versement de l'avance au premier trimestre.",
        }, Releve);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await etat.PostForm(Releve + "&handler=Valider", new(), Releve)).StatusCode);
        Assert.Contains("PROJET — non validé par les deux parties", await directeur.Html(Releve));
        // Neither a counsellor nor the ARML writes it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller1")).GetAsync(Releve)).StatusCode);
        var arml = await factory.SignedIn("arml");
        Assert.DoesNotContain("id=\"releve-saisie\"", await arml.Html(Releve));
        Assert.Equal(HttpStatusCode.Forbidden, (await arml.PostForm(Releve + "&handler=Valider", new(), Releve)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(Releve + "&handler=Valider", new(), Releve)).StatusCode);
        var html = await etat.Html(Releve);
        Assert.DoesNotContain("PROJET", html);
        Assert.DoesNotContain("id=\"releve-saisie\"", html);
        Assert.Contains("Pour l'État : validé par", html);
        Assert.Contains("Pour la Mission locale : validé par", html);
        refus = await directeur.PostForm(Releve + "&handler=Rediger", new() { ["conclusions"] = "x", ["engagementsMissionLocale"] = "y", ["engagementsEtat"] = "z" }, Releve);
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("il est validé par les deux parties, plus rien n'est modifiable", await refus.Body());

        using (var db = factory.Db())
        {
            var audits = await db.AuditLog.Where(a => a.Entity == "releve" && a.Action == AuditAction.Modification).Select(a => a.Detail).ToListAsync();
            Assert.Contains(audits, d => d!.Contains("validation (validé par les deux parties)", StringComparison.Ordinal));
            Assert.Contains(audits, d => d!.Contains("rédaction", StringComparison.Ordinal));
        }

        // The PDF beside the avenant: the same relevé, letter for letter, in the same order.
        var reponse = await etat.GetAsync(Releve + "&format=pdf");
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{reponse.StatusCode}: {await reponse.Body()}");
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("releve-conclusions-ML26001-2033.pdf", reponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var page = new HtmlParser().ParseDocument(await etat.GetStringAsync(Releve)).QuerySelector("article#releve")!.TextContent;
        string lettres;
        using (var document = PdfDocument.Open(octets)) lettres = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Contains("Diagnosticdansles4semaines", SansEspaces(lettres), StringComparison.Ordinal);
        Assert.Equal(SansEspaces(page).ToUpperInvariant(), SansEspaces(lettres).ToUpperInvariant());
        using (var db = factory.Db())
            Assert.True(await db.AuditLog.AnyAsync(a => a.Entity == "releve" && a.Action == AuditAction.Export && a.UserLogin == "etat.region"));
    }

    private static string SansEspaces(string texte) => Espaces().Replace(texte, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : ReleveWebTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : ReleveWebTests(factory), IClassFixture<PostgresWebFactory>;
}
