using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// Periods in a company, sponsors and the conventions import on the web (docs/employeurs.md): a counsellor records a PMSMP,
/// its three-way review and the hire that followed (one job situation); builds the sponsor registry and assigns a sponsor
/// from the young person's space; imports a conventions file (a bad one writes nothing). Another structure sees none of it.
/// </summary>
public abstract partial class ImmersionsTests(JalonWebFactory factory)
{
    private const string Structure = "ML26001";

    private string NewJeune(string nom, string prenom, DateOnly naissance)
    {
        var id = "J8" + Guid.NewGuid().ToString("N")[..5];
        using var db = factory.Db();
        db.Jeunes.Add(new JeuneEntity
        {
            StructureCode = Structure, JeuneId = id, Nom = nom, Prenom = prenom, Naissance = naissance, Sexe = Sexe.F, Niveau = Niveau.IV, Commune = "26281",
            PremierAccueil = Dates.TodayInParis().AddMonths(-3),
        });
        db.SaveChanges();
        return id;
    }

    private long NewEntreprise(string siret, string nom)
    {
        using var db = factory.Db();
        var e = new EntrepriseEntity { StructureCode = Structure, Siret = siret, Nom = nom, CreeLe = Dates.TodayInParis() };
        db.Entreprises.Add(e);
        db.SaveChanges();
        return e.Id;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_counsellor_records_a_pmsmp_its_three_way_review_and_the_hire_that_followed()
    {
        var jeune = NewJeune("Immersion", "Alice", new DateOnly(2005, 2, 2));
        var entreprise = NewEntreprise(factory is PostgresWebFactory ? "44306184100047" : "55210055400013", "Garage des Tests");
        var client = await factory.SignedIn("conseiller1");
        var debut = Dates.TodayInParis().AddDays(-20);

        // Refused in French, nothing saved: the end before the start.
        var refuse = await client.PostForm($"/Employeurs/Jeune?id={jeune}&handler=Immersion", new()
        {
            ["NouvelleImmersion.Type"] = "Pmsmp", ["NouvelleImmersion.Entreprise"] = $"{entreprise}", ["NouvelleImmersion.Debut"] = Iso(debut),
            ["NouvelleImmersion.Fin"] = Iso(debut.AddDays(-1)),
        }, $"/Employeurs/Jeune?id={jeune}");
        Assert.Equal(HttpStatusCode.OK, refuse.StatusCode);
        Assert.Contains("La fin de la période précède son début.", await refuse.Body());

        var created = await client.PostForm($"/Employeurs/Jeune?id={jeune}&handler=Immersion", new()
        {
            ["NouvelleImmersion.Type"] = "Pmsmp", ["NouvelleImmersion.Entreprise"] = $"{entreprise}", ["NouvelleImmersion.Debut"] = Iso(debut),
            ["NouvelleImmersion.Fin"] = Iso(debut.AddDays(9)), ["NouvelleImmersion.Tuteur"] = "M. Tuteur 06 11 22 33 44",
            ["NouvelleImmersion.Objectif"] = "Découvrir le métier de mécanicien",
        }, $"/Employeurs/Jeune?id={jeune}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Employeurs/Immersion?id=", url);
        var id = long.Parse(url["/Employeurs/Immersion?id=".Length..], CultureInfo.InvariantCulture);
        var page = await client.Html(url);
        Assert.Contains("M. Tuteur 06 11 22 33 44", page);
        Assert.Contains("Garage des Tests", page);

        // Listed on the young person's space and on the company's page.
        Assert.Contains($"/Employeurs/Immersion?id={id}", await client.Html($"/Employeurs/Jeune?id={jeune}"));
        Assert.Contains($"/Employeurs/Immersion?id={id}", await client.Html($"/Employeurs/Entreprise?id={entreprise}"));

        // The review: a hire without its contract is refused; then with it, the CDD is in the journey once.
        var sansContrat = await client.PostForm($"/Employeurs/Immersion?id={id}&handler=Bilan", new()
        {
            ["Bilan.BilanLe"] = Iso(debut.AddDays(10)), ["Bilan.Suite"] = "Embauche", ["Bilan.DebutEmploi"] = Iso(debut.AddDays(15)),
        }, url);
        Assert.Equal(HttpStatusCode.OK, sansContrat.StatusCode);
        Assert.Contains("Indiquez le contrat de l'embauche.", await sansContrat.Body());
        var bilan = await client.PostForm($"/Employeurs/Immersion?id={id}&handler=Bilan", new()
        {
            ["Bilan.BilanLe"] = Iso(debut.AddDays(10)), ["Bilan.Jeune"] = "J'ai aimé l'atelier", ["Bilan.Tuteur"] = "Ponctuelle, curieuse",
            ["Bilan.Conseiller"] = "Projet confirmé", ["Bilan.Suite"] = "Embauche", ["Bilan.Contrat"] = "Cdd", ["Bilan.DebutEmploi"] = Iso(debut.AddDays(15)),
            ["Bilan.DureeMois"] = "6",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, bilan.StatusCode);
        var apres = await client.Html(url + "&message=bilan");
        Assert.Contains("Le bilan de la période est enregistré.", apres);
        Assert.Contains("CDD à partir du", apres);

        using (var db = factory.Db())
        {
            var row = await db.Immersions.SingleAsync(i => i.Id == id);
            Assert.Equal(("J'ai aimé l'atelier", "Ponctuelle, curieuse", "Projet confirmé", SuiteImmersion.Embauche),
                (row.BilanJeune, row.BilanTuteur, row.BilanConseiller, row.Suite!.Value));
            var situations = await db.Situations.Where(s => s.StructureCode == Structure && s.JeuneId == jeune).OrderBy(s => s.Debut).ToListAsync();
            Assert.Equal([TypeSituation.Pmsmp, TypeSituation.Cdd], situations.Select(s => s.Type));
            Assert.Equal(situations[1].Id, row.SuiteSituationId);
            // The tutor is personal data: each view of the period is a read of the young person's file.
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Lecture && a.JeuneId == jeune && a.Detail!.Contains("tuteur")));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Modification && a.JeuneId == jeune && a.Detail!.Contains("bilan")));
        }

        // Another structure: not found.
        var valence = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.NotFound, (await valence.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_sponsor_registry_and_a_sponsor_assigned_from_the_young_person_s_space()
    {
        var jeune = NewJeune("Filleul", "Bob", new DateOnly(2004, 3, 3));
        var client = await factory.SignedIn("conseiller1");
        var vide = await client.PostForm("/Employeurs/Parrains", new() { ["Input.Nom"] = " " });
        Assert.Equal(HttpStatusCode.OK, vide.StatusCode);
        Assert.Contains("Indiquez le nom du parrain ou de la marraine.", await vide.Body());
        var nom = "Mme Marraine " + jeune;
        var ajout = await client.PostForm("/Employeurs/Parrains", new()
        {
            ["Input.Nom"] = nom, ["Input.Profession"] = "Boulangère", ["Input.Disponibilites"] = "le lundi", ["Input.Telephone"] = "06 99 99 99 99",
        });
        Assert.Equal(HttpStatusCode.Redirect, ajout.StatusCode);
        long parrain;
        using (var db = factory.Db()) parrain = await db.Parrains.Where(p => p.Nom == nom).Select(p => p.Id).SingleAsync();

        var started = await client.PostForm($"/Employeurs/Jeune?id={jeune}&handler=Parrainer", new() { ["parrain"] = $"{parrain}" }, $"/Employeurs/Jeune?id={jeune}");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains($"parrain : {nom}", await client.Html($"/Employeurs/Jeune?id={jeune}"));
        var registre = await client.Html("/Employeurs/Parrains");
        Assert.Contains("06 99 99 99 99", registre);
        Assert.Contains($"/Employeurs/Jeune?id={jeune}#parrainage", registre);
        using (var db = factory.Db())
        {
            var parrainage = await db.Parrainages.SingleAsync(p => p.StructureCode == Structure && p.JeuneId == jeune);
            Assert.Equal(parrain, (await db.ParrainageParrains.SingleAsync(l => l.ParrainageId == parrainage.Id)).ParrainId);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Lecture && a.Entity == "parrain" && a.UserLogin == "conseiller1"));
        }
        Assert.DoesNotContain(nom, await (await factory.SignedIn("conseiller.valence")).Html("/Employeurs/Parrains"));
    }

    [Fact]
    public async Task A_conventions_file_is_imported_all_or_nothing_with_located_errors_and_twice_changes_nothing()
    {
        var naissance = new DateOnly(2003, 7, 14);
        var nom = "Convention" + Guid.NewGuid().ToString("N")[..4];
        var jeune = NewJeune(nom, "Chloé", naissance);
        var siret = factory is PostgresWebFactory ? "38012986643097" : "40483304800022";
        var debut = Dates.TodayInParis().AddDays(-30);
        string Ligne(string id, string prenom) =>
            $"{id};VALIDATED;{nom.ToUpperInvariant()};{prenom};{naissance:dd/MM/yyyy};{debut:dd/MM/yyyy};{debut.AddDays(4):dd/MM/yyyy};Vendeuse;Découvrir;Boutique Importée;{siret};Mme Tutrice\n";
        const string header = "Identifiant de la convention;Statut;Nom bénéficiaire;Prénom bénéficiaire;Date de naissance bénéficiaire;Date de Début;Date de fin;Métier;Objet de l'immersion;Entreprise d'accueil;Siret entreprise d'accueil;Tuteur\n";
        var client = await factory.SignedIn("conseiller1");
        var conv = "if-" + nom;

        var bad = await Upload(client, header + Ligne(conv, "Chloe") + Ligne(conv + "b", "Inconnue"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var body = await bad.Body();
        Assert.Contains("rien n'a été importé", body);
        Assert.Contains($"conventions.csv:3: Nom bénéficiaire: aucun jeune de la structure ne s'appelle Inconnue {nom.ToUpperInvariant()} né(e) le 14/07/2003", body);
        using (var db = factory.Db()) Assert.False(await db.Immersions.AnyAsync(i => i.JeuneId == jeune));

        var good = await Upload(client, header + Ligne(conv, "Chloe"));
        Assert.Contains("1 convention(s) importée(s), 0 déjà importée(s)", await good.Body());
        var again = await Upload(client, header + Ligne(conv, "Chloe"));
        Assert.Contains("0 convention(s) importée(s), 1 déjà importée(s)", await again.Body());
        using (var db = factory.Db())
        {
            var immersion = await db.Immersions.SingleAsync(i => i.JeuneId == jeune);
            Assert.Equal((conv, "Mme Tutrice", "Vendeuse — Découvrir"), (immersion.ConventionId, immersion.Tuteur, immersion.Objectif));
            Assert.Equal("Boutique Importée", (await db.Entreprises.SingleAsync(e => e.Id == immersion.EntrepriseId)).Nom);
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Creation && a.JeuneId == jeune && a.Detail!.Contains("Immersion facile")));
        }
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string text)
    {
        var page = await client.GetAsync("/Employeurs/Conventions");
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Fichier", "conventions.csv");
        return await client.PostAsync("/Employeurs/Conventions", form);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex Token();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : ImmersionsTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : ImmersionsTests(factory), IClassFixture<PostgresWebFactory>;
}
