using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage.Api;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests.Api;

/// <summary>The demo start with a low per-client rate, so that the rate limit is tested without thousands of calls.</summary>
public class ApiFactory : JalonWebFactory
{
    public const int AppelsParMinute = 25;

    public ApiFactory()
    {
    }

    protected ApiFactory(Jalon.Storage.DatabaseProvider provider) : base(provider)
    {
    }

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jalon:Api:AppelsParMinute", AppelsParMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresApiFactory() : ApiFactory(Jalon.Storage.DatabaseProvider.Postgres);

/// <summary>
/// The REST API v1, every endpoint × client scope: a structure client reads and writes its structure's journeys and nothing else,
/// with the screens' rules and French problem details; a State client gets aggregates only, through statistical secrecy; a
/// revoked client's token stops at once; every call is audited; each client has its rate limit.
/// </summary>
public abstract class ApiV1Tests(ApiFactory factory)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);

    private (string Id, string Secret) NewClient(Role role, string? structure, string? region, params string[] scopes)
    {
        using var db = factory.Db();
        var created = ApiClients.Create(db, "Partenaire de test", role, structure, region, scopes, "test");
        return (created.Client.ClientId, created.Secret);
    }

    private async Task<HttpResponseMessage> TokenResponse(string id, string secret) =>
        await factory.Anonymous().PostAsync("/api/v1/jeton", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret,
        }));

    private async Task<HttpClient> Client((string Id, string Secret) credentials)
    {
        var response = await TokenResponse(credentials.Id, credentials.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", json.RootElement.GetProperty("tokenType").GetString());
        Assert.True(json.RootElement.GetProperty("expiresIn").GetInt32() > 0);
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Wrong_credentials_and_missing_tokens_get_french_problem_details()
    {
        var (id, _) = NewClient(Role.Conseiller, "ML26001", null, ApiScopes.ParcoursLecture);
        var refused = await Problem(await TokenResponse(id, "mauvais-secret"), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_client", refused.GetProperty("error").GetString());
        Assert.Contains("Identifiants du client refusés", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var anonymous = await Problem(await factory.Anonymous().GetAsync("/api/v1/referentiels"), HttpStatusCode.Unauthorized);
        Assert.Contains("Jeton absent, invalide ou expiré", anonymous.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A signed-in person's session cookie does not open the API.
        await Problem(await (await factory.SharedSession("conseiller1")).GetAsync("/api/v1/referentiels"), HttpStatusCode.Unauthorized);

        using var db = factory.Db();
        Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "api:" + id && a.Action == Jalon.Storage.Entities.AuditAction.EchecConnexion));
    }

    [Fact]
    public async Task A_structure_client_reads_its_structure_s_journeys_and_reference_data_never_another_structure_s()
    {
        var credentials = NewClient(Role.Conseiller, "ML26001", null, ApiScopes.ParcoursLecture, ApiScopes.Referentiels);
        var client = await Client(credentials);

        var parcours = await Json(await client.GetAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements"));
        Assert.Equal("J000001", parcours.GetProperty("jeune").GetString());
        var events = parcours.GetProperty("evenements").EnumerateArray().ToList();
        using (var db = factory.Db())
        {
            var expected = await db.Contacts.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Parcours.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Propositions.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Situations.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Orientations.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Droits.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001")
                + await db.Parrainages.CountAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000001");
            Assert.True(expected > 0);
            Assert.Equal(expected, events.Count);
            Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "api:" + credentials.Id && a.Action == Jalon.Storage.Entities.AuditAction.Lecture
                && a.StructureCode == "ML26001" && a.JeuneId == "J000001"));
        }
        Assert.DoesNotContain("ommentaire", parcours.GetRawText(), StringComparison.Ordinal);

        // Another structure's young person: not found, by either path.
        await Problem(await client.GetAsync("/api/v1/structures/ML26002/jeunes/V000001/evenements"), HttpStatusCode.NotFound);
        await Problem(await client.GetAsync("/api/v1/structures/ML26001/jeunes/V000001/evenements"), HttpStatusCode.NotFound);

        var referentiels = await Json(await client.GetAsync("/api/v1/referentiels"));
        Assert.Contains(referentiels.GetProperty("dispositifs").EnumerateArray(), d => d.GetProperty("valeur").GetString() == nameof(Dispositif.GarantieJeunes));
        Assert.Equal(7, referentiels.GetProperty("typesEvenement").GetArrayLength());

        // Without the scopes: refused.
        var write = await Problem(await client.PostAsJsonAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements/contact", new { date = Today, mode = "Entretien" }),
            HttpStatusCode.Forbidden);
        Assert.Contains("parcours:ecriture", write.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem(await client.GetAsync("/api/v1/indicateurs?debut=2025-01-01&fin=2025-12-31"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_structure_client_writes_an_event_with_the_screens_rules_and_the_audit_says_so()
    {
        var credentials = NewClient(Role.Conseiller, "ML26001", null, ApiScopes.ParcoursLecture, ApiScopes.ParcoursEcriture);
        var client = await Client(credentials);
        using (var db = factory.Db()) Assert.False(await db.Situations.AnyAsync(s => s.JeuneId == "J000002" && s.DureePrevueJours == 17));

        var invalid = await Problem(await client.PostAsJsonAsync("/api/v1/structures/ML26001/jeunes/J000002/evenements/situation",
            new { debut = Today, fin = Today.AddDays(-5), typeSituation = "Inconnu", dureePrevueJours = 17 }), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.Equal("Choisissez le type de situation.", errors.GetProperty("typeSituation")[0].GetString());
        Assert.Equal(Jalon.Web.Validation.JourneyRules.FinAvantDebut, errors.GetProperty("fin")[0].GetString());
        await Problem(await client.PostAsJsonAsync("/api/v1/structures/ML26001/jeunes/J000002/evenements/contact",
            new { date = Today.AddDays(10), mode = "Entretien" }), HttpStatusCode.BadRequest);
        using (var db = factory.Db()) Assert.False(await db.Situations.AnyAsync(s => s.JeuneId == "J000002" && s.DureePrevueJours == 17));

        var created = await Json(await client.PostAsJsonAsync("/api/v1/structures/ML26001/jeunes/J000002/evenements/situation",
            new { debut = Today, typeSituation = nameof(TypeSituation.Cdd), dureePrevueJours = 17 }));
        var id = created.GetProperty("id").GetInt64();
        using (var db = factory.Db())
        {
            var situation = await db.Situations.SingleAsync(s => s.Id == id);
            Assert.Equal(("ML26001", "J000002", TypeSituation.Cdd, Today, 17), (situation.StructureCode, situation.JeuneId, situation.Type, situation.Debut, situation.DureePrevueJours));
            Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "api:" + credentials.Id && a.Action == Jalon.Storage.Entities.AuditAction.Creation
                && a.Entity == "situation" && a.JeuneId == "J000002"));
        }
        var read = await Json(await client.GetAsync("/api/v1/structures/ML26001/jeunes/J000002/evenements"));
        Assert.Contains(read.GetProperty("evenements").EnumerateArray(), e => e.GetProperty("id").GetInt64() == id && e.GetProperty("code").GetString() == "Cdd");

        // Another structure's file cannot be written.
        int Contacts()
        {
            using var db = factory.Db();
            return db.Contacts.Count(c => c.StructureCode == "ML26002" && c.JeuneId == "V000001");
        }
        var before = Contacts();
        await Problem(await client.PostAsJsonAsync("/api/v1/structures/ML26002/jeunes/V000001/evenements/contact", new { date = Today, mode = "Entretien" }),
            HttpStatusCode.NotFound);
        Assert.Equal(before, Contacts());
    }

    [Fact]
    public async Task A_structure_client_changes_and_deletes_an_event_with_the_screens_rules_versions_and_audit()
    {
        var credentials = NewClient(Role.Conseiller, "ML26001", null, ApiScopes.ParcoursLecture, ApiScopes.ParcoursEcriture);
        var client = await Client(credentials);
        const string Url = "/api/v1/structures/ML26001/jeunes/J000003/evenements/situation";
        var created = await Json(await client.PostAsJsonAsync(Url, new { debut = Today, typeSituation = nameof(TypeSituation.Cdd), dureePrevueJours = 30 }));
        var (id, version) = (created.GetProperty("id").GetInt64(), created.GetProperty("version").GetInt32());

        // The screen's rules: nothing is changed by an invalid body.
        var invalid = await Problem(await client.PutAsJsonAsync($"{Url}/{id}", new { debut = Today, fin = Today.AddDays(-5), typeSituation = "Cdd", version }),
            HttpStatusCode.BadRequest);
        Assert.Equal(Jalon.Web.Validation.JourneyRules.FinAvantDebut, invalid.GetProperty("errors").GetProperty("fin")[0].GetString());
        var changed = await Json(await client.PutAsJsonAsync($"{Url}/{id}", new { debut = Today, typeSituation = nameof(TypeSituation.Cdi), dureePrevueJours = 45, version }));
        Assert.True(changed.GetProperty("version").GetInt32() > version);
        using (var db = factory.Db())
        {
            var situation = await db.Situations.SingleAsync(s => s.Id == id);
            Assert.Equal((TypeSituation.Cdi, 45), (situation.Type, situation.DureePrevueJours));
            Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "api:" + credentials.Id && a.Action == Jalon.Storage.Entities.AuditAction.Modification
                && a.Entity == "situation" && a.JeuneId == "J000003"));
        }
        // A stale version: 409 and nothing changed, by either verb.
        var stale = await Problem(await client.PutAsJsonAsync($"{Url}/{id}", new { debut = Today, typeSituation = nameof(TypeSituation.Cdd), version }), HttpStatusCode.Conflict);
        Assert.Contains("version", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem(await client.DeleteAsync($"{Url}/{id}?version={version}"), HttpStatusCode.Conflict);
        using (var db = factory.Db()) Assert.Equal(TypeSituation.Cdi, (await db.Situations.SingleAsync(s => s.Id == id)).Type);

        // Another structure's event, an unknown one, a diagnostic: refused.
        long autre;
        using (var db = factory.Db()) autre = (await db.Contacts.FirstAsync(c => c.StructureCode == "ML26002")).Id;
        await Problem(await client.DeleteAsync($"/api/v1/structures/ML26002/jeunes/V000001/evenements/contact/{autre}?version=0"), HttpStatusCode.NotFound);
        await Problem(await client.DeleteAsync($"/api/v1/structures/ML26001/jeunes/J000003/evenements/contact/{autre}?version=0"), HttpStatusCode.NotFound);
        using (var db = factory.Db())
        {
            if (await db.Contacts.FirstOrDefaultAsync(c => c.StructureCode == "ML26001" && c.Diagnostic) is { } diagnostic)
            {
                await Problem(await client.DeleteAsync($"/api/v1/structures/ML26001/jeunes/{diagnostic.JeuneId}/evenements/contact/{diagnostic.Id}?version={diagnostic.Version}"),
                    HttpStatusCode.Forbidden);
            }
        }
        // Without the writing scope: refused.
        var reader = await Client(NewClient(Role.Conseiller, "ML26001", null, ApiScopes.ParcoursLecture));
        await Problem(await reader.DeleteAsync($"{Url}/{id}?version={changed.GetProperty("version").GetInt32()}"), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Url}/{id}?version={changed.GetProperty("version").GetInt32()}")).StatusCode);
        using (var db = factory.Db())
        {
            Assert.False(await db.Situations.AnyAsync(s => s.Id == id));
            Assert.True(await db.AuditLog.AnyAsync(a => a.UserLogin == "api:" + credentials.Id && a.Action == Jalon.Storage.Entities.AuditAction.Suppression
                && a.Entity == "situation" && a.JeuneId == "J000003"));
        }
        await Problem(await client.DeleteAsync($"{Url}/{id}?version=0"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_national_state_client_gets_national_aggregates_masked_like_the_screens_and_never_an_event()
    {
        using (var db = factory.Db())
            Assert.Throws<ArgumentException>(() => ApiClients.Create(db, "trop large", Role.AgentEtatNational, null, null, [ApiScopes.Indicateurs, ApiScopes.ParcoursLecture], "test"));
        var client = await Client(NewClient(Role.AgentEtatNational, null, null, ApiScopes.Indicateurs, ApiScopes.Referentiels));
        var year = Today.Year;
        var result = await Json(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-01&fin={year}-12-31"));
        Assert.True(result.GetProperty("secretStatistique").GetBoolean());
        var valeurs = result.GetProperty("valeurs").EnumerateArray().ToList();
        Assert.NotEmpty(valeurs);
        Assert.All(valeurs, v => Assert.Equal("national", v.GetProperty("niveau").GetString()));
        // The demo's small counts are under the threshold: the same disclosure step as the screens masks them (« s »).
        Assert.Contains(valeurs, v => v.GetProperty("masque").GetBoolean() && v.GetProperty("nombre").ValueKind == JsonValueKind.Null);
        Assert.All(valeurs.Where(v => v.GetProperty("masque").GetBoolean()), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("nombre").ValueKind));
        var refused = await Problem(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-03&fin={year}-02-11"), HttpStatusCode.BadRequest);
        Assert.Contains("Période non autorisée", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Never a young person's event, whatever the path or verb.
        await Problem(await client.GetAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements"), HttpStatusCode.Forbidden);
        await Problem(await client.PostAsJsonAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements/contact", new { date = Today, mode = "Entretien" }),
            HttpStatusCode.Forbidden);
        await Problem(await client.DeleteAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements/contact/1?version=0"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_structure_client_reads_its_own_indicators_without_secrecy_and_only_its_own()
    {
        var client = await Client(NewClient(Role.Conseiller, "ML26001", null, ApiScopes.Indicateurs));
        var year = Today.Year;
        var result = await Json(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-01&fin={year}-12-31"));
        Assert.False(result.GetProperty("secretStatistique").GetBoolean());
        var valeurs = result.GetProperty("valeurs").EnumerateArray().ToList();
        Assert.NotEmpty(valeurs);
        Assert.All(valeurs, v => Assert.Equal(("structure", "ML26001", false), (v.GetProperty("niveau").GetString(), v.GetProperty("code").GetString(), v.GetProperty("masque").GetBoolean())));
        Assert.Contains(valeurs, v => v.GetProperty("nombre").ValueKind == JsonValueKind.Number && v.GetProperty("nombre").GetDouble() > 0);
        await Problem(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-01&fin={year}-12-31&catalogue=inconnu"), HttpStatusCode.NotFound);
        await Problem(await client.GetAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_state_client_gets_aggregates_only_through_statistical_secrecy()
    {
        Assert.NotNull(ApiScopes.Problem(Role.AgentEtatRegional, null, "84", [ApiScopes.ParcoursLecture]));
        using (var db = factory.Db())
            Assert.Throws<ArgumentException>(() => ApiClients.Create(db, "trop large", Role.AgentEtatRegional, null, "84", [ApiScopes.Indicateurs, ApiScopes.ParcoursLecture], "test"));
        var client = await Client(NewClient(Role.AgentEtatRegional, null, "84", ApiScopes.Indicateurs, ApiScopes.Referentiels));

        var year = Today.Year;
        var result = await Json(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-01&fin={year}-12-31"));
        Assert.True(result.GetProperty("secretStatistique").GetBoolean());
        var valeurs = result.GetProperty("valeurs").EnumerateArray().ToList();
        Assert.Contains(valeurs, v => v.GetProperty("niveau").GetString() == "region" && v.GetProperty("code").GetString() == "84");
        Assert.Contains(valeurs, v => v.GetProperty("masque").GetBoolean() && v.GetProperty("nombre").ValueKind == JsonValueKind.Null);
        // A period that is not a whole month, quarter or year is refused under secrecy.
        var refused = await Problem(await client.GetAsync($"/api/v1/indicateurs?debut={year}-01-03&fin={year}-02-11"), HttpStatusCode.BadRequest);
        Assert.Contains("Période non autorisée", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // No journey, whatever the path.
        await Problem(await client.GetAsync("/api/v1/structures/ML26001/jeunes/J000001/evenements"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_client_s_token_stops_at_once_and_its_credentials_are_refused()
    {
        var credentials = NewClient(Role.Conseiller, "ML26001", null, ApiScopes.Referentiels);
        var client = await Client(credentials);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/referentiels")).StatusCode);
        using (var db = factory.Db()) Assert.True(ApiClients.Revoke(db, credentials.Id, "test"));

        var revoked = await Problem(await client.GetAsync("/api/v1/referentiels"), HttpStatusCode.Unauthorized);
        Assert.Contains("révoqué", revoked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem(await TokenResponse(credentials.Id, credentials.Secret), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Each_client_has_its_own_rate_limit()
    {
        var first = await Client(NewClient(Role.Conseiller, "ML26001", null, ApiScopes.Referentiels));
        var second = await Client(NewClient(Role.Conseiller, "ML26001", null, ApiScopes.Referentiels));
        for (var i = 0; i < ApiFactory.AppelsParMinute; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/referentiels")).StatusCode);

        var limited = await Problem(await first.GetAsync("/api/v1/referentiels"), HttpStatusCode.TooManyRequests);
        Assert.Contains("Trop d'appels", limited.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/referentiels")).StatusCode);
    }

    [Fact]
    public async Task The_administrator_creates_a_client_on_its_page_sees_the_secret_once_and_revokes_it()
    {
        var admin = await factory.SignedIn("admin");
        var refused = await (await admin.PostForm("/ClientsApi?handler=Creer", new()
        {
            ["Input.Nom"] = "Sans structure", ["Input.Role"] = "Conseiller", ["Input.Portees"] = ApiScopes.ParcoursLecture,
        }, "/ClientsApi")).Body();
        Assert.Contains("Un client de structure demande le code de sa structure.", refused, StringComparison.Ordinal);
        using (var db = factory.Db()) Assert.False(await db.ApiClients.AnyAsync(c => c.Nom == "Sans structure"));

        var html = await (await admin.PostForm("/ClientsApi?handler=Creer", new()
        {
            ["Input.Nom"] = "Appli de la page", ["Input.Role"] = "Conseiller", ["Input.Structure"] = "ML26001", ["Input.Portees"] = ApiScopes.Referentiels,
        }, "/ClientsApi")).Body();
        var id = System.Text.RegularExpressions.Regex.Match(html, "Identifiant : <code>([^<]+)</code>").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"secret\">([^<]+)</code>").Groups[1].Value;
        Assert.StartsWith("jalon-", id, StringComparison.Ordinal);
        var client = await Client((id, secret));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/referentiels")).StatusCode);
        Assert.DoesNotContain(secret, await admin.Html("/ClientsApi"), StringComparison.Ordinal);

        var revoked = await admin.PostForm("/ClientsApi?handler=Revoquer", new() { ["clientId"] = id }, "/ClientsApi");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await Problem(await client.GetAsync("/api/v1/referentiels"), HttpStatusCode.Unauthorized);
        using (var db = factory.Db())
            Assert.Equal(2, await db.AuditLog.CountAsync(a => a.UserLogin == "admin" && a.Entity == "client-api" && a.Detail!.Contains(id)));
    }

    [Fact]
    public async Task The_openapi_document_and_its_interactive_page_are_served_anonymously()
    {
        var anonymous = factory.Anonymous();
        var document = await Json(await anonymous.GetAsync("/openapi/v1.json"));
        Assert.Equal("v1", document.GetProperty("info").GetProperty("version").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/structures/{structure}/jeunes/{jeune}/evenements", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        var page = await anonymous.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Its script is served by Jalon itself (no CDN: the instance may have no Internet access).
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]* src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("://", script, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(new Uri("http://localhost/scalar/v1"), script))).StatusCode);
        }
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(ApiFactory factory) : ApiV1Tests(factory), IClassFixture<ApiFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresApiFactory factory) : ApiV1Tests(factory), IClassFixture<PostgresApiFactory>;
}

/// <summary>
/// The published contract: <c>/openapi/v1.json</c> must equal the committed snapshot <c>docs/api/openapi-v1.json</c>. A v1 client
/// relies on it: a change of the document needs a new version (v2), or, for an addition that breaks no client, the snapshot updated
/// deliberately (<c>JALON_OPENAPI_INSTANTANE=1</c> rewrites it) and reviewed.
/// </summary>
public sealed class OpenApiContractTests(JalonWebFactory factory) : IClassFixture<JalonWebFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_published_document_equals_the_committed_snapshot_of_its_version()
    {
        var served = await factory.Anonymous().GetStringAsync("/openapi/v1.json");
        var normalized = JsonSerializer.Serialize(JsonDocument.Parse(served).RootElement, Indented) + "\n";
        var snapshot = Path.Combine(RepositoryRoot(), "docs", "api", "openapi-v1.json");
        if (Environment.GetEnvironmentVariable("JALON_OPENAPI_INSTANTANE") == "1") await File.WriteAllTextAsync(snapshot, normalized);
        Assert.True(File.Exists(snapshot), $"Instantané absent : {snapshot} (JALON_OPENAPI_INSTANTANE=1 l'écrit).");
        Assert.True(normalized == await File.ReadAllTextAsync(snapshot),
            "Le document OpenAPI v1 publié a changé : une version publiée ne change pas sans nouvelle version (v2). " +
            "Pour un ajout compatible, relancez avec JALON_OPENAPI_INSTANTANE=1 et faites relire docs/api/openapi-v1.json.");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jalon.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Racine du dépôt introuvable.");
    }
}
