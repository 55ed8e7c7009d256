using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>The avenant as a PDF printed by Chromium: the same content as the printable page, the same access rules,
/// a French message (not a crash) when Chromium is missing.</summary>
public abstract partial class AvenantPdfTests(JalonWebFactory factory, ITestOutputHelper sortie)
{
    private const int Annee = 2026;
    private const string Page = "/Pilotage/Avenant?structure=ML26001&annee=2026";
    private const string Pdf = Page + "&format=pdf";

    /// <summary>A draft avenant: the director opens the dialogue with an objective and a line of action plan,
    /// the State records the convention (as PilotageFonctionnelTests).</summary>
    private async Task PreparerAsync()
    {
        using (var db = factory.Db())
        {
            if (await db.Dialogues.AnyAsync(d => d.StructureCode == "ML26001" && d.Annee == Annee)) return;
        }
        var directeur = await factory.SignedIn("directeur");
        var r = await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = "ML26001", ["annee"] = Annee.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var url = $"/Pilotage/Dialogue?structure=ML26001&annee={Annee}";
        await directeur.PostForm(url + "&handler=Objectif", new() { ["ratio"] = "R10", ["cible"] = "35", ["commentaire"] = "Progression attendue" }, url);
        await directeur.PostForm(url + "&handler=Plan", new() { ["theme"] = "Employeurs", ["forces"] = "Réseau d'entreprises", ["axes"] = "Les PME" }, url);
        await directeur.PostForm(url + "&handler=Action", new() { ["theme"] = "Employeurs", ["titre"] = "Deux forums" }, url);
        var etat = await factory.SignedIn("etat.region");
        r = await etat.PostForm(url + "&handler=Convention", new()
        {
            ["numero"] = "CPO-84-2025-07", ["anneeDebut"] = "2025", ["anneeFin"] = "2028", ["subvention"] = "243500",
            ["parrainage"] = "12000", ["fipjDirectes"] = "8000", ["fipjIndirectes"] = "4500", ["siret"] = "12345678900012", ["codeApe"] = "8899B",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
    }

    private static int AuditsAvenant(JalonWebFactory f)
    {
        using var db = f.Db();
        return db.AuditLog.Count(a => a.Entity == "avenant");
    }

    [Fact]
    public async Task The_pdf_holds_the_same_avenant_as_the_printable_page()
    {
        await PreparerAsync();
        var etat = await factory.SignedIn("etat.region");
        var html = await etat.Html(Page);
        Assert.Contains("href=\"/Pilotage/Avenant?structure=ML26001&annee=2026&format=pdf\"", html);
        Assert.Contains("Télécharger le PDF", html);
        var audits = AuditsAvenant(factory);

        var chrono = Stopwatch.StartNew();
        var reponse = await etat.GetAsync(Pdf);
        chrono.Stop();
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{reponse.StatusCode}: {await reponse.Body()}");
        sortie.WriteLine($"PDF de l'avenant : {chrono.ElapsedMilliseconds} ms, {octets.Length} octets");
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", reponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("avenant-ML26001-2026.pdf", reponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("%PDF-"u8.ToArray(), octets[..5]);

        var texte = TexteDuPdf(octets);
        var page = Normaliser(new HtmlParser().ParseDocument(await etat.GetStringAsync(Page)).QuerySelector("article#avenant")!.TextContent);
        string nom;
        using (var db = factory.Db()) nom = await db.Structures.Where(s => s.Code == "ML26001").Select(s => s.Nom).SingleAsync();
        foreach (var attendu in new[]
                 {
                     nom,
                     "La subvention annuelle 2026 accordée à l'association est fixée à 243 500 € (deux cent quarante-trois mille cinq cents euros)",
                     "une avance, dans la limite de 50 %", "soit un montant de 121 750 € (cent vingt et un mille sept cent cinquante euros)",
                     "le solde, sous réserve du respect des conditions de la convention",
                     "N° SIRET : 12345678900012",
                 })
        {
            Assert.Contains(attendu, page);
            Assert.Contains(attendu, texte);
        }
        // The annexes' tables (cells wrap on several lines: compared without spaces, in drawing order).
        var lettres = SansEspaces(LettresDuPdf(octets));
        foreach (var attendu in new[] { "R10", "35 %", "Progression attendue", "Réseau d'entreprises", "Les PME", "Deux forums" })
        {
            Assert.Contains(attendu, page);
            Assert.Contains(SansEspaces(attendu), lettres);
        }
        // A draft, as on the page (the DSFR badge is in capitals).
        Assert.Contains("PROJET — dialogue de gestion non conclu", page);
        Assert.Contains("PROJET — DIALOGUE DE GESTION NON CONCLU", texte);
        Assert.DoesNotContain("Télécharger le PDF", texte); // the avenant alone: no buttons, menu or footer
        Assert.DoesNotContain("Se déconnecter", texte);
        // One template: the PDF holds exactly the page's avenant, letter for letter and in the same order
        // (in the order Chromium draws them; capitals aside, which come from the stylesheet).
        Assert.Equal(SansEspaces(page).ToUpperInvariant(), lettres.ToUpperInvariant());
        Assert.True(PolicesDuPdf(octets).Any(p => p.Contains("Marianne", StringComparison.Ordinal)), "the DSFR stylesheet (Marianne font) applies");

        Assert.Equal(audits + 1, AuditsAvenant(factory));
        using var dbAudit = factory.Db();
        var entree = await dbAudit.AuditLog.OrderByDescending(a => a.Id).FirstAsync(a => a.Entity == "avenant");
        Assert.Equal(AuditAction.Export, entree.Action);
        Assert.Equal("etat.region", entree.UserLogin);
        Assert.Equal("ML26001", entree.StructureCode);
        Assert.Contains("(pdf)", entree.Detail);
    }

    [Theory]
    [InlineData("directeur.valence", HttpStatusCode.Forbidden)] // another structure's director
    [InlineData("conseiller1", HttpStatusCode.Forbidden)] // the structure's counsellor: no steering
    public async Task Users_who_cannot_read_the_avenant_get_no_pdf(string login, HttpStatusCode attendu)
    {
        await PreparerAsync();
        var audits = AuditsAvenant(factory);
        var client = await factory.SignedIn(login);
        Assert.Equal(attendu, (await client.GetAsync(Page)).StatusCode);
        var reponse = await client.GetAsync(Pdf);
        Assert.Equal(attendu, reponse.StatusCode);
        Assert.NotEqual("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(audits, AuditsAvenant(factory));
    }

    [Fact]
    public async Task Without_chromium_the_user_gets_a_french_message_and_nothing_is_recorded()
    {
        await PreparerAsync();
        var absent = Path.Combine(Path.GetTempPath(), $"pas-de-chromium-{Guid.NewGuid():N}");
        using var sansChromium = factory.WithWebHostBuilder(b => b.UseSetting("Jalon:Chromium", absent));
        var client = sansChromium.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var connexion = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "directeur", ["Input.MotDePasse"] = JalonWebFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, connexion.StatusCode);
        var audits = AuditsAvenant(factory);

        var reponse = await client.GetAsync(Pdf);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reponse.StatusCode);
        Assert.Equal("text/html", reponse.Content.Headers.ContentType?.MediaType);
        var html = await reponse.Body();
        Assert.Contains("La génération du PDF est indisponible : le navigateur Chromium est introuvable sur le serveur ; utilisez « Imprimer » de votre navigateur.", html);
        Assert.Contains("deux cent quarante-trois mille cinq cents euros", html); // the printable avenant is still there
        Assert.Equal(audits, AuditsAvenant(factory));
    }

    /// <summary>The words of the PDF, spaces normalised (no-break spaces as plain spaces, one space between words).</summary>
    private static string TexteDuPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Normaliser(string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
    }

    /// <summary>The letters of the PDF in the order they are drawn.</summary>
    private static string LettresDuPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
    }

    private static HashSet<string> PolicesDuPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").ToHashSet();
    }

    private static string Normaliser(string texte) => Espaces().Replace(texte.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ").Trim();

    private static string SansEspaces(string texte) => Espaces().Replace(texte, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory, ITestOutputHelper sortie) : AvenantPdfTests(factory, sortie), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory, ITestOutputHelper sortie) : AvenantPdfTests(factory, sortie), IClassFixture<PostgresWebFactory>;
}
