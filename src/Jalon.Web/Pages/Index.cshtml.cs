using Jalon.Domain;
using Jalon.Storage;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages;

public sealed class IndexModel(JalonDbContext db) : PageModel
{
    public string? StructureNom { get; private set; }
    public int JeunesStructure { get; private set; }
    public int JeunesPortefeuille { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.StructureCode() is not { } code) return;
        StructureNom = await db.Structures.Where(s => s.Code == code).Select(s => s.Nom).FirstOrDefaultAsync();
        if (User.Is(Policies.DossiersRoles)) JeunesStructure = await db.Jeunes.CountAsync(j => j.StructureCode == code && j.AnonymiseLe == null);
        if (User.Is(Role.Conseiller))
        {
            var me = User.UserId();
            JeunesPortefeuille = await db.Jeunes.CountAsync(j => j.StructureCode == code && j.ConseillerId == me);
        }
    }
}
