using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// Two people saving the same thing: the second, stale save says « modifié entre-temps par X le … », shows the form
/// again with what was typed, and writes nothing; identifiers of new files are never given twice.
/// </summary>
public sealed partial class ConcurrenceTests(JalonWebFactory factory) : IClassFixture<JalonWebFactory>
{
    private static string VersionOf(string html, string name = "Input.Version")
    {
        var m = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"(\\d+)\"");
        Assert.True(m.Success, "pas de version dans le formulaire");
        return m.Groups[1].Value;
    }

    private static Dictionary<string, string> Identite(string nom, string version) => new()
    {
        ["Input.Nom"] = nom, ["Input.Prenom"] = "Inès", ["Input.Naissance"] = "2004-03-15", ["Input.Sexe"] = "F",
        ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "false",
        ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05", ["Input.Telephone"] = "06 11 22 33 44", ["Input.Version"] = version,
    };

    [Fact]
    public async Task A_stale_identity_save_names_who_changed_the_file_and_keeps_what_was_typed()
    {
        var sophie = await factory.SignedIn("conseiller1");
        var karim = await factory.SignedIn("conseiller2");
        const string url = "/Jeunes/J000003/Identite";
        var seen = VersionOf(await sophie.Html(url));
        var karimVersion = VersionOf(await karim.Html(url));

        var saved = await karim.PostForm(url, Identite("Leclerc", karimVersion));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await sophie.PostForm(url, Identite("Lemoine", seen));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Body();
        Assert.Contains("a été modifié entre-temps par Karim Haddad (conseiller2) le ", html);
        Assert.Contains("value=\"Lemoine\"", html); // what Sophie typed is still in the form
        using (var db = factory.Db())
            Assert.Equal("Leclerc", (await db.Jeunes.SingleAsync(j => j.StructureCode == "ML26001" && j.JeuneId == "J000003")).Nom);

        // Saving again (the form now carries the current version) is a deliberate overwrite.
        var again = await sophie.PostForm(url, Identite("Lemoine", VersionOf(html)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using (var db = factory.Db())
            Assert.Equal("Lemoine", (await db.Jeunes.SingleAsync(j => j.StructureCode == "ML26001" && j.JeuneId == "J000003")).Nom);
    }

    [Fact]
    public async Task A_stale_event_or_diagnostic_save_is_refused_with_the_typed_text()
    {
        long contact, diagnostic;
        using (var db = factory.Db())
        {
            contact = await db.Contacts.Where(c => c.StructureCode == "ML26001" && c.JeuneId == "J000004" && !c.Diagnostic).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            diagnostic = await db.Contacts.Where(c => c.StructureCode == "ML26001" && c.Diagnostic).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }
        var sophie = await factory.SignedIn("conseiller1");
        var directeur = await factory.SignedIn("directeur");
        var url = $"/Jeunes/J000004/Evenement/contact/{contact}";
        var seen = VersionOf(await sophie.Html(url));
        Dictionary<string, string> Form(string texte, string version) => new()
        {
            ["Input.Date"] = "2026-01-10", ["Input.Mode"] = "Telephone", ["Input.Commentaire"] = texte, ["Input.Version"] = version,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(url, Form("Note de la direction", VersionOf(await directeur.Html(url))))).StatusCode);

        var stale = await sophie.PostForm(url, Form("Ma note du jour", seen));

        var html = await stale.Body();
        Assert.Contains("Cet événement a été modifié entre-temps par Hélène Robert (directeur) le ", html);
        Assert.Contains("Ma note du jour", html);
        using (var db = factory.Db()) Assert.Equal("Note de la direction", (await db.Contacts.SingleAsync(c => c.Id == contact)).Commentaire);

        // The diagnostic: its domains hang on the contact, whose version guards them.
        string jeune;
        using (var db = factory.Db()) jeune = await db.Contacts.Where(c => c.Id == diagnostic).Select(c => c.JeuneId).SingleAsync();
        var durl = $"/Jeunes/{jeune}/Diagnostic/{diagnostic}";
        var dseen = VersionOf(await sophie.Html(durl));
        Dictionary<string, string> Diagnostic(string note, string version)
        {
            var form = new Dictionary<string, string> { ["Input.Date"] = "2026-01-12", ["Input.Version"] = version };
            for (var i = 0; i < 9; i++) form[$"Input.Domaines[{i}].Appreciation"] = "FreinLeger";
            form["Input.Domaines[4].Note"] = note;
            return form;
        }
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(durl, Diagnostic("Vu par la direction", VersionOf(await directeur.Html(durl))))).StatusCode);
        var dstale = await (await sophie.PostForm(durl, Diagnostic("Mon observation", dseen))).Body();
        Assert.Contains("Ce diagnostic a été modifié entre-temps par Hélène Robert (directeur)", dstale);
        Assert.Contains("Mon observation", dstale);
        using (var db = factory.Db())
            Assert.Equal("Vu par la direction", (await db.DiagnosticDomaines.SingleAsync(d => d.ContactId == diagnostic && d.Domaine == DomaineDiagnostic.Sante)).Note);
    }

    [Fact]
    public async Task A_stale_dialogue_change_names_who_saved_it_and_keeps_the_typed_analysis()
    {
        var annee = DateTime.UtcNow.Year + 3;
        var directeur = await factory.SignedIn("directeur");
        var autre = await factory.SignedIn("directeur");
        await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = "ML26001", ["annee"] = annee.ToString(CultureInfo.InvariantCulture) });
        var url = $"/Pilotage/Dialogue?structure=ML26001&annee={annee}";
        var seen = VersionOf(await directeur.Html(url), "Version");
        var saved = await autre.PostForm(url + "&handler=Analyse", new() { ["etape"] = "Contexte", ["texte"] = "Analyse de l'autre onglet", ["Version"] = VersionOf(await autre.Html(url), "Version") }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stale = await directeur.PostForm(url + "&handler=Analyse", new() { ["etape"] = "Contexte", ["texte"] = "Mon analyse du contexte", ["Version"] = seen }, url);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Body();
        Assert.Contains("Le dialogue a été modifié entre-temps par Hélène Robert le ", html);
        Assert.Contains("Mon analyse du contexte</textarea>", html);
        using var db = factory.Db();
        var dialogue = await db.Dialogues.Include(d => d.Etapes).SingleAsync(d => d.StructureCode == "ML26001" && d.Annee == annee);
        Assert.Equal("Analyse de l'autre onglet", dialogue.Etapes.Single(e => e.Etape == Jalon.Domain.Pilotage.EtapeDialogue.Contexte).AnalyseMissionLocale);
    }

    [Fact]
    public async Task Files_created_at_the_same_time_get_distinct_identifiers()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => factory.SignedIn("accueil")));
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => clients[i % 3].PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = $"Simultané{i}", ["Input.Prenom"] = "Noé", ["Input.Naissance"] = "2005-06-01", ["Input.Sexe"] = "H",
            ["Input.Niveau"] = "IV", ["Input.Diplome"] = "true", ["Input.Qpv"] = "false", ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05",
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var ids = responses.Select(r => r.Headers.Location!.OriginalString).ToList();
        Assert.Equal(12, ids.Distinct().Count());
        using var db = factory.Db();
        Assert.Equal(12, await db.Jeunes.CountAsync(j => j.Nom!.StartsWith("Simultané")));
    }

    [Fact]
    public async Task A_comment_over_its_limit_is_refused_in_french()
    {
        var client = await factory.SignedIn("conseiller1");
        var response = await client.PostForm("/Jeunes/J000005/Evenement/contact", new()
        {
            ["Input.Date"] = "2026-01-10", ["Input.Mode"] = "Telephone", ["Input.Commentaire"] = new string('x', 2001),
        });
        var html = await response.Body();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Jalon.Domain.TextLimits.Message("Le commentaire", 2000), html); // « … 2 000 caractères. »
        Assert.Contains("maxlength=\"2000\"", html);
    }
}
