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
        var entry = new AuditEntry
        {
            UserId = user.Identity?.IsAuthenticated == true ? user.UserId() : null,
            UserLogin = user.Identity?.IsAuthenticated == true ? user.Login() : null,
            Action = action,
            Entity = entity,
            StructureCode = structure,
            JeuneId = jeune,
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
        _ => action.ToString(),
    };
}
