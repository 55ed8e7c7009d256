using System.Net;
using Jalon.Tests.Shared;

namespace Jalon.Web.Tests;

/// <summary>Every route against every role: the status each one gets (302 = sent to the login page).</summary>
public abstract class RouteRoleMatrixTests(JalonWebFactory factory)
{
    // Columns: anonymous, accueil, conseiller1, directeur, admin, etat.region, etat.national, arml, region, conseiller.valence.
    public static readonly string[] Logins = ["", "accueil", "conseiller1", "directeur", "admin", "etat.region", "etat.national", "arml", "region", "conseiller.valence"];

    public static TheoryData<string, string, int> Cases()
    {
        var rows = new (string Route, int[] Expected)[]
        {
            ("/", [302, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/Jeunes", [302, 200, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Jeunes?q=a&p=2", [302, 200, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Jeunes/Nouveau", [302, 200, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Jeunes/J000001", [302, 200, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Identite", [302, 200, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Evenement/contact", [302, 200, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Evenement/parcours", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Evenement/situation", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Evenement/inconnu", [302, 404, 404, 404, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Diagnostic", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Acces", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/J000001/Acces?format=json", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/V000001", [302, 404, 404, 404, 403, 403, 403, 403, 403, 200]),
            ("/Jeunes/INCONNU", [302, 404, 404, 404, 403, 403, 403, 403, 403, 404]),
            ("/Portefeuille", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Portefeuille?alerte=SansEntretien&tri=nom&tous=true", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Portefeuille/Activite", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Portefeuille/Activite?conseiller=999999", [302, 403, 403, 403, 403, 403, 403, 403, 403, 403]),
            ("/Echanges", [302, 403, 403, 200, 200, 403, 403, 403, 403, 403]),
            ("/Journal", [302, 403, 403, 200, 200, 403, 403, 403, 403, 403]),
            ("/Comptes", [302, 403, 403, 200, 200, 403, 403, 403, 403, 403]),
            // The structure's screens: the staff of the structure, its region's State / ARML / Région, the national State and the
            // administrator read them (those without a structure first pick one: /Structure); BRH and budget are not for
            // counsellors and reception; the staff register is the director's; another structure's staff is refused.
            ("/Structure", [302, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/Structure?structure=ML26001", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Profil", [302, 200, 200, 200, 302, 302, 302, 302, 302, 200]),
            ("/Structure/Profil?structure=ML26001", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Profil?structure=ML26001&date=2020-01-01", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Profil?structure=INCONNUE", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Structure/Territoire?structure=ML26001", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Territoire?structure=ML26001&date=2010-12-31", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Sites?structure=ML26001", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Contexte?structure=ML26001", [302, 200, 200, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Brh?structure=ML26001", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Brh?structure=ML26001&annee=2010&prerempli=true", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Budget?structure=ML26001&annee=2019", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403]),
            ("/Structure/Personnel?structure=ML26001", [302, 403, 403, 200, 200, 403, 403, 403, 403, 403]),
            ("/Structure/Personnel", [302, 403, 403, 200, 302, 302, 302, 302, 302, 403]),
            ("/Campagnes", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403]),
            ("/Campagnes/Campagne?id=00000000-0000-0000-0000-000000000000", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            ("/Campagnes/Campagne?id=00000000-0000-0000-0000-000000000000&format=xlsx", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            ("/Campagnes/Soumission?campagne=00000000-0000-0000-0000-000000000000&structure=ML26001", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            // The Région's funding grid (docs/financement-region.md): the Région's agent (its region) and the administrator.
            ("/Financement", [302, 403, 403, 403, 200, 403, 403, 403, 200, 403]),
            ("/Financement?annee=2017&enveloppe=1500000&poids_RG2=2", [302, 403, 403, 403, 200, 403, 403, 403, 200, 403]),
            ("/Financement?region=11", [302, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
            // A structure's « notification de subvention »: the Région (its region), the administrator, the structure's director;
            // nothing is notified in the matrix's database (404 for those who may read it).
            ("/Financement/Notification?structure=ML26001&annee=2045", [302, 403, 403, 404, 404, 403, 403, 403, 404, 403]),
            ("/Financement/Notification?structure=ML26001&annee=2045&format=pdf", [302, 403, 403, 404, 404, 403, 403, 403, 404, 403]),
            ("/Financement/Notification?structure=INCONNUE&annee=2045", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            // The voted allocations of the region, read only: the State agent of the region (joint dialogue), the Région, the administrator.
            ("/Financement/Votees", [302, 403, 403, 403, 200, 200, 403, 403, 200, 403]),
            ("/Financement/Votees?region=11", [302, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
            // « Expliquer ce chiffre »: the young people behind a figure, for the structure's own staff only (never an aggregate-only role).
            ("/Pilotage/Expliquer?structure=ML26001&cle=I2&debut=2024-01-01&fin=2024-12-31", [302, 200, 200, 200, 403, 403, 403, 403, 403, 403]),
            ("/Pilotage/Expliquer?structure=ML26001&cle=R2&partie=denominateur&n1=true&debut=2024-01-01&fin=2024-12-31&format=csv", [302, 200, 200, 200, 403, 403, 403, 403, 403, 403]),
            ("/Pilotage/Expliquer?structure=ML26001&cle=I5&debut=2024-01-01&fin=2024-12-31", [302, 400, 400, 400, 403, 403, 403, 403, 403, 403]),
            // The relevé de conclusions of a dialogue that does not exist: the steering roles get 404, the others 403 (a real one: ReleveWebTests).
            ("/Pilotage/Releve?structure=ML26001&annee=1999", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            ("/Pilotage/Releve?structure=ML26001&annee=1999&format=pdf", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403]),
            // The data-quality assistant: the director (their structure) and the counsellor (their files); never an aggregate-only role.
            ("/Qualite", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Qualite?type=SortieSansMotif&format=csv", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Qualite?type=Inconnu", [302, 403, 400, 400, 403, 403, 403, 403, 403, 400]),
            // The employer side (docs/employeurs.md): the structure's counsellors and director; never an aggregate-only role nor the
            // administrator; a company, offer or file of another structure is « not found ».
            ("/Employeurs", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs?q=boulangerie", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs/Offres", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs/Offres?statut=Pourvue", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs/Entreprise?id=999999", [302, 403, 404, 404, 403, 403, 403, 403, 403, 404]),
            ("/Employeurs/Offre?id=999999", [302, 403, 404, 404, 403, 403, 403, 403, 403, 404]),
            ("/Employeurs/Jeune?id=J000001", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Employeurs/Jeune?id=V000001", [302, 403, 404, 404, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs/Immersion?id=999999", [302, 403, 404, 404, 403, 403, 403, 403, 403, 404]),
            ("/Employeurs/Parrains", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Employeurs/Conventions", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            // The plans (docs/plans.md): the structure's director and counsellors, the regional roles of its region, the national
            // State and the administrator; not the reception staff. An unknown plan is a 404 for everyone signed in.
            ("/Plans", [302, 403, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/Plans/Plan?id=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Modifier?id=00000000-0000-0000-0000-000000000000&objectif=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Document?id=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Document?id=00000000-0000-0000-0000-000000000000&format=pdf", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            // The démarches de progrès (docs/plans.md): the same readers as the plans; an unknown démarche is a 404 (the pages with
            // a démarche, per role and region: tests/Jalon.Web.Tests/Plans/ProgresWebTests.cs).
            ("/Plans/Progres", [302, 403, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/Plans/Progres/Demarche?id=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Progres/EtatDesLieux?demarche=00000000-0000-0000-0000-000000000000&structure=ML26001", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            // The follow-up commission and the evaluations of a plan that does not exist (a real one: CommissionWebTests).
            ("/Plans/Commission?id=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Evaluation?id=00000000-0000-0000-0000-000000000000&evaluation=00000000-0000-0000-0000-000000000000", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            ("/Plans/Evaluation?id=00000000-0000-0000-0000-000000000000&evaluation=00000000-0000-0000-0000-000000000000&format=pdf", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
            // The CEJ (docs/cej.md): the young person's CEJ page and the collective sessions for the accompaniment roles; the allowance's
            // validation and the ASP files for the structure's director only; never a State, ARML or Région role.
            ("/Jeunes/J000001/Cej", [302, 403, 200, 200, 403, 403, 403, 403, 403, 404]),
            ("/Jeunes/V000001/Cej", [302, 403, 404, 404, 403, 403, 403, 403, 403, 200]),
            ("/Cej/Sessions", [302, 403, 200, 200, 403, 403, 403, 403, 403, 200]),
            ("/Cej/Allocations", [302, 403, 403, 200, 403, 403, 403, 403, 403, 403]),
            ("/Cej/Allocations?mois=2026-01&handler=Demande", [302, 403, 403, 200, 403, 403, 403, 403, 403, 403]),
            ("/Cej/Allocations?mois=janvier", [302, 403, 403, 400, 403, 403, 403, 403, 403, 403]),
            ("/Connexion", [200, 302, 302, 302, 302, 302, 302, 302, 302, 302]),
            // Monitoring and the open API (docs/exploitation.md, docs/api.md): health and the OpenAPI document for anyone, the API
            // itself only with a partner client's bearer token, never with a person's session.
            ("/sante/vivant", [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/sante/pret", [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/openapi/v1.json", [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
            ("/ClientsApi", [302, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
            // The scheduler's jobs (docs/exploitation.md, « Tâches planifiées »): the administrator only.
            ("/Taches", [302, 403, 403, 403, 200, 403, 403, 403, 403, 403]),
            ("/api/v1/referentiels", [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
            ("/page-inexistante", [302, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
        };
        var data = new TheoryData<string, string, int>();
        foreach (var (route, expected) in rows)
        {
            for (var i = 0; i < Logins.Length; i++) data.Add(route, Logins[i] == "" ? "anonyme" : Logins[i], expected[i]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_gives_the_expected_status_to_each_role(string route, string login, int expected)
    {
        var client = login == "anonyme" ? factory.Anonymous() : await factory.SharedSession(login);
        var response = await client.GetAsync(route);
        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected == 302 && login == "anonyme")
            Assert.Contains("/Connexion?retour=", response.Headers.Location?.OriginalString);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : RouteRoleMatrixTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : RouteRoleMatrixTests(factory), IClassFixture<PostgresWebFactory>;
}
