using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>
/// The structure's sponsor registry (parrains, marraines): profession, company, availability, contact details (personal
/// data: every view is written in the audit log) and the young people each one follows now (parrainages of the journey
/// pointing to them); the form of a new sponsor. A sponsor is assigned from the young person's employment space.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class ParrainsModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ParrainInput Input { get; set; } = new();

    public sealed class ParrainInput
    {
        public string? Nom { get; set; }
        public string? Profession { get; set; }
        public long? Entreprise { get; set; }
        public string? Disponibilites { get; set; }
        public string? Telephone { get; set; }
        public string? Email { get; set; }
    }

    public sealed record Ligne(long Id, string Nom, string? Profession, long? EntrepriseId, string? Entreprise, string? Disponibilites, string? Coordonnees, IReadOnlyList<string> Jeunes);

    public IReadOnlyList<Ligne> Lignes { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> EntreprisesOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var structure = User.StructureCode()!;
        try
        {
            var parrain = EmployeurStore.AjouterParrain(db, structure, Input.Nom ?? "", Input.Profession, Input.Entreprise, Input.Disponibilites, Input.Telephone, Input.Email);
            Audit.Add(db, User, AuditAction.Creation, "parrain", structure, null, $"parrain {parrain.Id}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Parrains#parrain-{parrain.Id}");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("Input.Nom", e.Message);
            db.ChangeTracker.Clear();
            await LoadAsync();
            await db.SaveChangesAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var structure = User.StructureCode()!;
        var suivis = ParrainStore.Suivis(db, structure, Dates.TodayInParis(clock));
        var rows = await (from p in db.Parrains.AsNoTracking()
                          join e in db.Entreprises on p.EntrepriseId equals (long?)e.Id into ee
                          from e in ee.DefaultIfEmpty()
                          where p.StructureCode == structure
                          orderby p.Nom
                          select new { p.Id, p.Nom, p.Profession, p.EntrepriseId, Entreprise = e != null ? e.Nom : null, p.Disponibilites, p.Telephone, p.Email }).ToListAsync();
        Lignes = [.. rows.Select(r => new Ligne(r.Id, r.Nom, r.Profession, r.EntrepriseId, r.Entreprise, r.Disponibilites,
            string.Join(" — ", new[] { r.Telephone, r.Email }.Where(x => x is not null)) is { Length: > 0 } c ? c : null, suivis.GetValueOrDefault(r.Id) ?? []))];
        EntreprisesOptions = [.. (await db.Entreprises.AsNoTracking().Where(e => e.StructureCode == structure).OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync())
            .Select(e => (e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Nom))];
        Audit.Add(db, User, AuditAction.Lecture, "parrain", structure, null, "registre des parrains (coordonnées)");
    }
}
