using Jalon.Cli.Commands;
using Jalon.Storage;
using Jalon.Storage.Api;

namespace Jalon.Storage.Tests;

/// <summary><c>./jalon api clients creer</c>: a client never wider than a human role; the secret printed once, stored hashed.</summary>
public class ApiCommandTests
{
    [DatabaseTheory, BothProviders]
    public async Task Creer_refuses_a_client_wider_than_its_role_and_stores_only_the_secret_s_hash(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
        }
        foreach (var (role, structure, region, scopes, reason) in new (string, string?, string?, string[], string)[]
        {
            ("AgentEtatRegional", null, "84", ["indicateurs", "parcours:lecture"], "plus large(s) que le rôle"),
            ("Conseiller", null, null, ["parcours:lecture"], "demande le code de sa structure"),
            ("Conseiller", "INCONNUE", null, ["parcours:lecture"], "Structure inconnue"),
            ("Directeur", "S1", null, ["parcours:lecture"], "refusé"),
            ("Conseiller", "S1", null, ["tout"], "inconnue(s)"),
        })
        {
            var error = new StringWriter();
            Assert.Equal(ApiCommand.Refused, ApiCommand.Creer(database.CreateContext, "p", role, structure, region, scopes, new StringWriter(), error));
            Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        }
        using (var db = database.CreateContext()) Assert.Empty(db.ApiClients);

        var output = new StringWriter();
        Assert.Equal(0, ApiCommand.Creer(database.CreateContext, "Appli", "Conseiller", "S1", null, ["parcours:lecture,referentiels"], output, new StringWriter()));
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var id = lines.Single(l => l.StartsWith("client_id=", StringComparison.Ordinal))["client_id=".Length..];
        var secret = lines.Single(l => l.StartsWith("client_secret=", StringComparison.Ordinal))["client_secret=".Length..];
        using (var db = database.CreateContext())
        {
            var client = db.ApiClients.Single();
            Assert.Equal((id, "S1", "parcours:lecture referentiels"), (client.ClientId, client.StructureCode, client.Scopes));
            Assert.DoesNotContain(secret, client.SecretHash, StringComparison.Ordinal);
            Assert.NotNull(await ApiClients.AuthenticateAsync(db, id, secret));
            Assert.Null(await ApiClients.AuthenticateAsync(db, id, secret + "x"));
            Assert.True(ApiClients.Revoke(db, id, "test"));
            Assert.Null(await ApiClients.AuthenticateAsync(db, id, secret));
            Assert.Equal(2, db.AuditLog.Count(a => a.Entity == "client-api"));
        }
    }
}
