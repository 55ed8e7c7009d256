using Jalon.Domain;
using Jalon.Domain.Employeurs;
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
/// The structure's companies (docs/employeurs.md): search by name, SIRET or commune, and record a new one. The list shows
/// no contact (personal data): the company's file does, and its reading is audited. Counsellors and directors of the
/// structure only (policy <see cref="Policies.Accompagnement"/>); aggregate-only roles never reach it.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxLignes = 100;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Recherche { get; set; }
    [BindProperty] public EntrepriseInput Input { get; set; } = new();

    public sealed class EntrepriseInput
    {
        public string? Siret { get; set; }
        public string? Nom { get; set; }
        public string? Naf { get; set; }
        public TailleEntreprise? Taille { get; set; }
        public string? Commune { get; set; }
        public string? ContactNom { get; set; }
        public string? ContactFonction { get; set; }
        public string? ContactTelephone { get; set; }
        public string? ContactEmail { get; set; }
    }

    public sealed record Ligne(long Id, string Nom, string Siret, string? Naf, string? Commune, int OffresOuvertes, DateOnly? DernierEchange);

    public IReadOnlyList<Ligne> Lignes { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var structure = User.StructureCode()!;
        try
        {
            var entreprise = EmployeurStore.AjouterEntreprise(db, structure, Input.Siret ?? "", Input.Nom ?? "", Input.Naf, Input.Taille, Input.Commune,
                Dates.TodayInParis(clock), Input.ContactNom, Input.ContactFonction, Input.ContactTelephone, Input.ContactEmail);
            Audit.Add(db, User, AuditAction.Creation, "entreprise", structure, null, $"entreprise {entreprise.Id} (SIRET {entreprise.Siret})");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Entreprise?id={entreprise.Id}");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("", e.Message);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var structure = User.StructureCode()!;
        var query = db.Entreprises.AsNoTracking().Where(e => e.StructureCode == structure);
        if (!string.IsNullOrWhiteSpace(Recherche))
        {
            var q = Recherche.Trim();
            var siret = string.Concat(q.Where(char.IsAsciiDigit));
            query = query.Where(e => EF.Functions.Like(e.Nom.ToLower(), "%" + q.ToLower() + "%") || (siret.Length >= 5 && e.Siret.StartsWith(siret)) || e.Commune == q);
        }
        Total = await query.CountAsync();
        var rows = await query.OrderBy(e => e.Nom).Take(MaxLignes).Select(e => new { e.Id, e.Nom, e.Siret, e.Naf, e.Commune }).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var offres = await db.Offres.Where(o => o.StructureCode == structure && ids.Contains(o.EntrepriseId) && o.Statut == StatutOffre.Ouverte)
            .GroupBy(o => o.EntrepriseId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var echanges = await db.EchangesEntreprises.Where(e => e.StructureCode == structure && ids.Contains(e.EntrepriseId))
            .GroupBy(e => e.EntrepriseId).Select(g => new { g.Key, Max = g.Max(e => e.Date) }).ToDictionaryAsync(g => g.Key, g => g.Max);
        Lignes = [.. rows.Select(r => new Ligne(r.Id, r.Nom, r.Siret, r.Naf, r.Commune, offres.GetValueOrDefault(r.Id),
            echanges.TryGetValue(r.Id, out var d) ? d : null))];
    }
}
