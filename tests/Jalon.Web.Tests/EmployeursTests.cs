using System.Net;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// The employer side on the web (docs/employeurs.md): a counsellor records a company and an offer, finds the young person
/// who fits, records a MER that ends in a hire; the journey holds one proposal and one job situation.
/// </summary>
public abstract class EmployeursTests(JalonWebFactory factory)
{
    private const string Structure = "ML26001";
    private const string Romans = "26281";

    private static long IdFrom(HttpResponseMessage response, string prefix)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        return long.Parse(location[prefix.Length..].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_counsellor_records_a_company_and_an_offer_finds_the_young_person_and_records_a_mer_ending_in_a_hire()
    {
        var jeune = "J9" + Guid.NewGuid().ToString("N")[..5];
        var siret = factory is PostgresWebFactory ? "73282932000074" : "35600000000048";
        using (var db = factory.Db())
        {
            db.Jeunes.Add(new JeuneEntity
            {
                StructureCode = Structure, JeuneId = jeune, Nom = "Testeur", Prenom = "Emploi", Naissance = new DateOnly(2005, 5, 5), Sexe = Sexe.H,
                Niveau = Niveau.V, Commune = Romans, PremierAccueil = Dates.TodayInParis().AddMonths(-2),
            });
            await db.SaveChangesAsync();
        }
        var client = await factory.SignedIn("conseiller1");

        // A wrong SIRET is refused with a French message, nothing is saved.
        var refuse = await client.PostForm("/Employeurs", new() { ["Input.Siret"] = "73282932000075", ["Input.Nom"] = "Erreur" });
        Assert.Equal(HttpStatusCode.OK, refuse.StatusCode);
        Assert.Contains("clé de contrôle", await refuse.Body());

        var entreprise = IdFrom(await client.PostForm("/Employeurs", new()
        {
            ["Input.Siret"] = siret, ["Input.Nom"] = "Restaurant des Collines", ["Input.Naf"] = "56.10A", ["Input.Taille"] = "De10A49",
            ["Input.Commune"] = Romans, ["Input.ContactNom"] = "Mme Contact", ["Input.ContactTelephone"] = "04 75 00 00 00",
        }), "/Employeurs/Entreprise?id=");
        var fiche = await client.Html($"/Employeurs/Entreprise?id={entreprise}");
        Assert.Contains("Restauration traditionnelle (56.10A)", fiche);
        Assert.Contains("Mme Contact", fiche);

        await client.PostForm($"/Employeurs/Jeune?id={jeune}&handler=Recherche",
            new() { ["Recherche.Romes"] = "G1602", ["Recherche.Mobilite"] = "Commune" }, $"/Employeurs/Jeune?id={jeune}");
        var offre = IdFrom(await client.PostForm($"/Employeurs/Entreprise?id={entreprise}&handler=Offre", new()
        {
            ["Offre.Intitule"] = "Commis de cuisine", ["Offre.Rome"] = "G1602", ["Offre.Contrat"] = "Cdd", ["Offre.DureeMois"] = "6",
            ["Offre.HeuresHebdo"] = "35",
        }, $"/Employeurs/Entreprise?id={entreprise}"), "/Employeurs/Offre?id=");

        // Matching both ways: the offer lists the young person, the young person's space lists the offer.
        var page = await client.Html($"/Employeurs/Offre?id={offre}");
        Assert.Contains($"href=\"/Jeunes/{jeune}\"", page);
        Assert.Contains($"href=\"/Employeurs/Offre?id={offre}\"", await client.Html($"/Employeurs/Jeune?id={jeune}"));

        var mer = await client.PostForm($"/Employeurs/Offre?id={offre}&handler=Mer", new() { ["jeune"] = jeune }, $"/Employeurs/Offre?id={offre}");
        Assert.Equal(HttpStatusCode.Redirect, mer.StatusCode);
        long merId;
        using (var db = factory.Db()) merId = await db.MisesEnRelation.Where(m => m.JeuneId == jeune).Select(m => m.Id).SingleAsync();
        var issue = await client.PostForm($"/Employeurs/Offre?id={offre}&handler=Issue",
            new() { ["Issue.Mer"] = merId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Issue.Issue"] = "Embauche" }, $"/Employeurs/Offre?id={offre}");
        Assert.Equal(HttpStatusCode.Redirect, issue.StatusCode);
        Assert.Contains("pourvue", await client.Html($"/Employeurs/Offre?id={offre}"));

        using (var db = factory.Db())
        {
            var proposition = await db.Propositions.SingleAsync(p => p.StructureCode == Structure && p.JeuneId == jeune);
            Assert.Equal(Theme.Emploi, proposition.Theme);
            var situation = await db.Situations.SingleAsync(s => s.StructureCode == Structure && s.JeuneId == jeune);
            Assert.Equal(TypeSituation.Cdd, situation.Type);
            var row = await db.MisesEnRelation.SingleAsync(m => m.Id == merId);
            Assert.Equal((proposition.Id, situation.Id, IssueMiseEnRelation.Embauche), (row.PropositionId, row.SituationId!.Value, row.Issue!.Value));
            var pourvue = await db.Offres.SingleAsync(o => o.Id == offre);
            Assert.Equal((StatutOffre.Pourvue, ModePourvoi.MiseEnRelation), (pourvue.Statut, pourvue.Pourvoi!.Value));
            // The company's contact is personal data: its reading is in the audit log; so is the young person's.
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Lecture && a.Entity == "entreprise" && a.UserLogin == "conseiller1"));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Creation && a.Entity == "mise en relation" && a.JeuneId == jeune));
        }

        // The young person's file shows the job situation once, and links to their employment space.
        var dossier = await client.Html($"/Jeunes/{jeune}");
        Assert.Contains($"/Employeurs/Jeune?id={jeune}", dossier);

        // Another structure never sees the company nor the offer.
        var valence = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.NotFound, (await valence.GetAsync($"/Employeurs/Entreprise?id={entreprise}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await valence.GetAsync($"/Employeurs/Offre?id={offre}")).StatusCode);
        Assert.DoesNotContain("Restaurant des Collines", await valence.Html("/Employeurs"));
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : EmployeursTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : EmployeursTests(factory), IClassFixture<PostgresWebFactory>;
}
