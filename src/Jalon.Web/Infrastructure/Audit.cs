using System.Security.Claims;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Security;

namespace Jalon.Web.Infrastructure;

/// <summary>Adds rows to the append-only audit log (saved with the caller's next SaveChanges).</summary>
public static class Audit
{
    public static AuditEntry Add(JalonDbContext db, ClaimsPrincipal user, AuditAction action, string entity, string? structure, string? jeune, string? detail = null)
    {
        var signedIn = user.Identity?.IsAuthenticated == true;
        return Add(db, signedIn ? user.UserId() : null, signedIn ? user.Login() : null, action, entity, structure, jeune, detail);
    }

    /// <summary>
    /// A line about access to an account — login, failure, lockout, logout — with the client's address (after the reverse
    /// proxy's forwarded headers). <paramref name="account"/> is null for an unknown identifier.
    /// </summary>
    public static AuditEntry Access(JalonDbContext db, HttpContext http, UserEntity? account, AuditAction action, string detail)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "inconnue";
        return Add(db, account?.Id, account?.Login, action, "compte", account?.StructureCode, null, $"{detail} (adresse {address})");
    }

    private static AuditEntry Add(JalonDbContext db, int? userId, string? login, AuditAction action, string entity, string? structure, string? jeune, string? detail)
    {
        var entry = new AuditEntry
        {
            UserId = userId, UserLogin = login, Action = action, Entity = entity, StructureCode = structure, JeuneId = jeune,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    public static string Libelle(this AuditAction action) => action switch
    {
        AuditAction.Lecture => "Lecture",
        AuditAction.Creation => "Création",
        AuditAction.Modification => "Modification",
        AuditAction.Suppression => "Suppression",
        AuditAction.Import => "Import",
        AuditAction.Export => "Export",
        AuditAction.Connexion => "Connexion",
        AuditAction.EchecConnexion => "Échec de connexion",
        AuditAction.Verrouillage => "Verrouillage",
        AuditAction.Deconnexion => "Déconnexion",
        _ => action.ToString(),
    };
}
