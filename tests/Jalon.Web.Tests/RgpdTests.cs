using System.Net;
using System.Text.Json;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure.Rgpd;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Jalon.Web.Tests;

/// <summary>The rights of the person and the confidentiality of sensitive details (docs/rgpd.md).</summary>
public sealed class RgpdTests(JalonWebFactory factory) : IClassFixture<JalonWebFactory>
{
    /// <summary>A young person of the hand-made seed with a diagnostic, given a comment and a health note.</summary>
    private async Task<(string Jeune, long Diagnostic)> DiagnosedAsync(string note)
    {
        using var db = factory.Db();
        var contact = await db.Contacts.Include(c => c.DiagnosticDomaines).Where(c => c.StructureCode == "ML26001" && c.Diagnostic)
            .OrderByDescending(c => c.Id).FirstAsync(c => !c.DiagnosticDomaines.Any(d => d.Note != null));
        contact.Commentaire = "Synthèse : " + note;
        var sante = contact.DiagnosticDomaines.Single(d => d.Domaine == DomaineDiagnostic.Sante);
        sante.Appreciation = AppreciationDiagnostic.FreinImportant;
        sante.Note = note;
        await db.SaveChangesAsync();
        return (contact.JeuneId, contact.Id);
    }

    [Fact]
    public async Task Reception_sees_a_diagnostic_happened_but_not_its_health_or_housing_details()
    {
        var (jeune, diagnostic) = await DiagnosedAsync("suivi psychiatrique");
        var accueil = await factory.SignedIn("accueil");
        var conseiller = await factory.SignedIn("conseiller1");

        var seen = await accueil.Html($"/Jeunes/{jeune}");
        Assert.Contains("Entretien de diagnostic approfondi", seen);
        Assert.Contains("Contenu réservé aux conseillers et à la direction", seen);
        Assert.DoesNotContain("Freins importants", seen);
        Assert.DoesNotContain("suivi psychiatrique", seen);
        Assert.Equal(HttpStatusCode.Forbidden, (await accueil.GetAsync($"/Jeunes/{jeune}/Evenement/contact/{diagnostic}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accueil.GetAsync($"/Jeunes/{jeune}/Diagnostic/{diagnostic}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accueil.GetAsync($"/Jeunes/{jeune}/Acces")).StatusCode);

        var full = await conseiller.Html($"/Jeunes/{jeune}");
        Assert.Contains("Freins importants : ", full);
        Assert.Contains("Synthèse : suivi psychiatrique", full);
    }

    [Fact]
    public async Task The_personal_data_page_its_json_and_its_pdf_hold_everything_and_are_audited()
    {
        var (jeune, _) = await DiagnosedAsync("logement précaire");
        var accueil = await factory.SignedIn("accueil");
        await accueil.Html($"/Jeunes/{jeune}"); // a read to find in the report
        var conseiller = await factory.SignedIn("conseiller1");
        string nom;
        using (var db = factory.Db()) nom = (await db.Jeunes.SingleAsync(j => j.StructureCode == "ML26001" && j.JeuneId == jeune)).Nom!;

        var page = await conseiller.Html($"/Jeunes/{jeune}/Acces");
        Assert.Contains(nom, page);
        Assert.Contains("logement précaire", page);
        Assert.Contains("Camille Martin (accueil)", page); // who read the file

        var json = await conseiller.GetAsync($"/Jeunes/{jeune}/Acces?format=json");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(nom, root.GetProperty("identite").GetProperty("nom").GetString());
        var contacts = root.GetProperty("parcours").GetProperty("contacts").EnumerateArray().ToList();
        Assert.Contains(contacts, c => c.GetProperty("domainesDiagnostic").EnumerateArray().Any(d => d.GetProperty("observations").GetString() == "logement précaire"));
        Assert.Contains(root.GetProperty("consultationsEtModifications").EnumerateArray(), c => c.GetProperty("par").GetString() == "Camille Martin (accueil)");

        var pdf = await conseiller.GetAsync($"/Jeunes/{jeune}/Acces?format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using (var read = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", read.GetPages().Select(p => p.Text));
            Assert.Contains(nom, text);
            Assert.Contains("logement", text);
        }

        using var check = factory.Db();
        var audit = await check.AuditLog.Where(a => a.StructureCode == "ML26001" && a.JeuneId == jeune && a.UserLogin == "conseiller1").Select(a => a.Detail).ToListAsync();
        Assert.Contains("droit d'accès : toutes les données du dossier (JSON)", audit);
        Assert.Contains("droit d'accès : toutes les données du dossier (PDF)", audit);
        // Another structure's staff: not found.
        var autre = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.NotFound, (await autre.GetAsync($"/Jeunes/{jeune}/Acces?format=json")).StatusCode);
    }

    [Fact]
    public async Task The_directeur_erases_a_file_on_request_and_it_disappears_but_still_counts()
    {
        const string jeune = "J000007";
        var conseiller = await factory.SignedIn("conseiller1");
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.PostForm($"/Jeunes/{jeune}/Acces?handler=Effacer",
            new() { ["Motif"] = "demande", ["Confirmation"] = "true" }, $"/Jeunes/{jeune}/Acces")).StatusCode);
        var directeur = await factory.SignedIn("directeur");
        var refused = await (await directeur.PostForm($"/Jeunes/{jeune}/Acces?handler=Effacer", new() { ["Motif"] = "" }, $"/Jeunes/{jeune}/Acces")).Body();
        Assert.Contains("Indiquez la demande de la personne", refused);
        Assert.Contains("Cochez la case pour confirmer l'effacement", refused);
        int jeunes;
        using (var db = factory.Db()) jeunes = await db.Jeunes.CountAsync(j => j.StructureCode == "ML26001");

        var done = await directeur.PostForm($"/Jeunes/{jeune}/Acces?handler=Effacer",
            new() { ["Motif"] = "Courriel de la personne du 2 mars 2026", ["Confirmation"] = "true" }, $"/Jeunes/{jeune}/Acces");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await directeur.GetAsync($"/Jeunes/{jeune}")).StatusCode);
        using var check = factory.Db();
        Assert.Equal(jeunes, await check.Jeunes.CountAsync(j => j.StructureCode == "ML26001")); // still counted, anonymised
        Assert.True(await check.AuditLog.AnyAsync(a => a.JeuneId == jeune && a.Action == AuditAction.Suppression && a.UserLogin == "directeur"
            && a.Detail == "effacement à la demande de la personne : Courriel de la personne du 2 mars 2026"));
    }

    [Fact]
    public async Task The_nightly_job_anonymises_the_files_without_actualite_for_the_retention()
    {
        // Its own application: the job anonymises every stale file of the seed, which the other tests use.
        using var own = new JalonWebFactory();
        // A file whose last actualité is three years old.
        var client = await own.SignedIn("accueil");
        var old = DateTime.UtcNow.Year - 3;
        var created = await client.PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = "Ancien", ["Input.Prenom"] = "Dossier", ["Input.Naissance"] = $"{old - 18}-04-20", ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Qpv"] = "false", ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = $"{old}-01-05",
        });
        var url = created.Headers.Location!.OriginalString;

        var rapport = await own.Services.GetRequiredService<ConservationJob>().RunAsync();

        Assert.True(rapport.Dossiers >= 1);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        using var db = own.Db();
        Assert.False(await db.Jeunes.AnyAsync(j => j.Nom == "Ancien"));
        Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "anonymisation automatique" && a.JeuneId == url.Substring("/Jeunes/".Length)));
    }

    [Fact]
    public void Spreadsheet_formulas_are_neutralised_in_exports()
    {
        Assert.Equal("'=HYPERLINK(\"http://x\")", Exports.Neutraliser("=HYPERLINK(\"http://x\")"));
        Assert.Equal("'+cmd|' /C calc'!A0", Exports.Neutraliser("+cmd|' /C calc'!A0"));
        Assert.Equal("+33 6 12 34 56 78", Exports.Neutraliser("+33 6 12 34 56 78")); // a number, not a formula
        Assert.Equal("'@SUM(A1)", Exports.Neutraliser("@SUM(A1)"));
        Assert.Equal("-12,5", Exports.Neutraliser("-12,5"));
        Assert.Equal("-3,2 %", Exports.Neutraliser("-3,2 %"));
        Assert.Equal("Mission Locale", Exports.Neutraliser("Mission Locale"));
        var table = new TableExport("Essai", ["=Titre"], [["=1+1", CelluleExport.De(-2.5)]]);
        var csv = System.Text.Encoding.UTF8.GetString(Exports.Csv(table));
        Assert.Contains("'=Titre", csv);
        Assert.Contains("'=1+1;-2,5", csv);
        var xlsx = Exports.LireXlsx(Exports.Xlsx(table));
        Assert.Equal(["'=1+1", "-2.5"], xlsx[1]);
    }
}
