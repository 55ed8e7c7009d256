using System.Security.Cryptography;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Api;

/// <summary>Creates, lists, revokes and authenticates the partner clients of the REST API v1 (docs/api.md).</summary>
public static class ApiClients
{
    /// <summary>A created client and its secret, shown once and never stored.</summary>
    public sealed record Created(ApiClientEntity Client, string Secret);

    /// <summary>Creates a client (audited) or throws <see cref="ArgumentException"/> with the French reason.</summary>
    public static Created Create(JalonDbContext db, string nom, Role role, string? structure, string? region, IReadOnlyCollection<string> scopes, string creePar)
    {
        if (string.IsNullOrWhiteSpace(nom)) throw new ArgumentException("Donnez le nom du client.");
        if (ApiScopes.Problem(role, structure, region, scopes) is { } problem) throw new ArgumentException(problem);
        if (structure is not null && !db.Structures.Any(s => s.Code == structure)) throw new ArgumentException($"Structure inconnue : {structure}.");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var client = new ApiClientEntity
        {
            ClientId = "jalon-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            SecretHash = Hash(secret),
            Nom = nom.Trim(),
            Role = role,
            StructureCode = string.IsNullOrWhiteSpace(structure) ? null : structure.Trim(),
            RegionCode = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            CreeLe = DateTime.UtcNow,
            CreePar = creePar,
        };
        db.ApiClients.Add(client);
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = creePar, Action = AuditAction.Creation, Entity = "client-api", StructureCode = client.StructureCode,
            Detail = $"client d'API {client.ClientId} « {client.Nom} » : {role.Libelle()}, {client.Scopes}",
        });
        db.SaveChanges();
        return new Created(client, secret);
    }

    /// <summary>Revokes a client (its tokens stop working at their next call); false when it does not exist or is already revoked.</summary>
    public static bool Revoke(JalonDbContext db, string clientId, string par)
    {
        var client = db.ApiClients.FirstOrDefault(c => c.ClientId == clientId && c.RevoqueLe == null);
        if (client is null) return false;
        client.RevoqueLe = DateTime.UtcNow;
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = par, Action = AuditAction.Suppression, Entity = "client-api", StructureCode = client.StructureCode,
            Detail = $"client d'API {client.ClientId} « {client.Nom} » révoqué",
        });
        db.SaveChanges();
        return true;
    }

    /// <summary>The active client with this id and secret, or null (compared in constant time).</summary>
    public static async Task<ApiClientEntity?> AuthenticateAsync(JalonDbContext db, string? clientId, string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret)) return null;
        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId && c.RevoqueLe == null, cancellationToken);
        if (client is null) return null;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(client.SecretHash)) ? client : null;
    }

    /// <summary>Whether the client is still active (checked at every call: a revoked client's token stops at once).</summary>
    public static Task<bool> ActiveAsync(JalonDbContext db, string clientId, CancellationToken cancellationToken = default) =>
        db.ApiClients.AnyAsync(c => c.ClientId == clientId && c.RevoqueLe == null, cancellationToken);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
