using System.Net;
using Jalon.Tests.Shared;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>Every steering page and export against every role (302 = sent to the login page).</summary>
public abstract class PilotageAccesTests(JalonWebFactory factory)
{
    // Columns: anonymous, accueil, conseiller1, directeur, admin, etat.region, etat.national, arml, region, conseiller.valence, directeur.valence (the hand-made seed's other structure).
    public static readonly string[] Logins = ["", "accueil", "conseiller1", "directeur", "admin", "etat.region", "etat.national", "arml", "region", "conseiller.valence", "directeur.valence"];

    public static TheoryData<string, string, int> Cases()
    {
        var rows = new (string Route, int[] Expected)[]
        {
            ("/Pilotage", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage?format=csv", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage?format=xlsx", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage?niveau=structure&code=ML26001", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403]),
            ("/Pilotage?niveau=structure&code=ML26001&format=csv", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403]),
            ("/Pilotage?niveau=structure&code=ML26002", [302, 403, 403, 403, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage?niveau=region&code=84", [302, 403, 403, 403, 200, 200, 200, 200, 200, 403, 403]),
            ("/Pilotage?niveau=region&code=84&format=xlsx", [302, 403, 403, 403, 200, 200, 200, 200, 200, 403, 403]),
            ("/Pilotage?niveau=national", [302, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403]),
            ("/Pilotage?niveau=national&format=csv", [302, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403]),
            ("/Pilotage?niveau=structure&code=INCONNU", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403, 404]),
            ("/Pilotage/Indicateurs", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage/Dialogues", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage/Matrice?region=84", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 200]),
            ("/Pilotage/Moyens?structure=ML26001&annee=2015", [302, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403]),
            ("/Pilotage/Dialogue?structure=ML26001&annee=2099", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403, 404]),
            ("/Pilotage/Avenant?structure=ML26001&annee=2099", [302, 403, 403, 404, 404, 404, 404, 404, 404, 403, 404]),
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
    public async Task Steering_route_gives_the_expected_status_to_each_role(string route, string login, int expected)
    {
        var client = login == "anonyme" ? factory.Anonymous() : await factory.SharedSession(login);
        var response = await client.GetAsync(route);
        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : PilotageAccesTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : PilotageAccesTests(factory), IClassFixture<PostgresWebFactory>;
}
