using Jalon.Storage;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// The message of a stale save (optimistic concurrency, docs/stockage.md « Modifications concurrentes »): who changed the
/// file meanwhile and when, from the audit log; the form is shown again with what the user typed.
/// </summary>
public static class Concurrence
{
    private static readonly AuditAction[] Changes = [AuditAction.Creation, AuditAction.Modification, AuditAction.Suppression, AuditAction.Import];

    /// <summary>« Ce dossier a été modifié entre-temps par X le … » for a young person's file (or one of its events).</summary>
    public static async Task<string> MessageAsync(JalonDbContext db, string structure, string jeuneId, string quoi = "Ce dossier")
    {
        db.ChangeTracker.Clear();
        var last = await db.AuditLog.AsNoTracking()
            .Where(a => a.StructureCode == structure && (a.JeuneId == jeuneId || (a.JeuneId == null && a.Action == AuditAction.Import)) && Changes.Contains(a.Action))
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync();
        return Message(quoi, last is null ? null : await NomAsync(db, last), last?.At);
    }

    public static string Message(string quoi, string? par, DateTime? le) =>
        $"{quoi} a été modifié entre-temps par {par ?? "un autre utilisateur"}{(le is { } d ? " le " + Libelles.DateHeure(d) : "")} : " +
        "votre saisie n'a pas été enregistrée. Elle est conservée ci-dessous : vérifiez-la au regard de ces changements, puis enregistrez à nouveau.";

    private static async Task<string> NomAsync(JalonDbContext db, AuditEntry entry)
    {
        if (entry.UserId is { } id && await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync() is { } nom)
            return $"{nom} ({entry.UserLogin})";
        return entry.UserLogin ?? "un autre utilisateur";
    }
}
