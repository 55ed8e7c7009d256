using System.Security.Claims;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>
/// The resource check of every file page: a young person is found only within the user's own structure.
/// A file of another structure is "not found" (404), never revealed; so is an anonymised file (a statistical record).
/// </summary>
public static class JeuneAccess
{
    public static Task<JeuneEntity?> FindAsync(JalonDbContext db, ClaimsPrincipal user, string? id, bool tracking = false)
    {
        var structure = user.StructureCode();
        if (structure is null || string.IsNullOrEmpty(id) || !user.Is(Policies.DossiersRoles)) return Task.FromResult<JeuneEntity?>(null);
        var query = tracking ? db.Jeunes : db.Jeunes.AsNoTracking();
        return query.FirstOrDefaultAsync(j => j.StructureCode == structure && j.JeuneId == id && j.AnonymiseLe == null);
    }
}
