using Jalon.Domain;
using Jalon.Indicators.Financement;
using Jalon.Storage;
using Jalon.Storage.Financement;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Financement;

/// <summary>
/// The voted and notified allocations of a region, read only (docs/financement-region.md, « L'État dans le dialogue
/// régional »): for the joint dialogue Région–État–structure, the State agent of the region reads the money the Région
/// voted — each structure's amount per axis, first payment and balance, the délibération, the status — as stored at the
/// vote, never recomputed. No grid counts (young people) here: those stay on <c>/Financement</c>, the funder's page.
/// Also open to the Région's agent of the region and the administrator (<c>region=CODE</c>). No form.
/// </summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class VoteesModel(JalonDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public string CodeRegion { get; private set; } = "";
    public List<(AllocationRegionaleEntity Allocation, AllocationResult Figures)> Allocations { get; } = [];
    public Dictionary<string, string> Noms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        if (acteur.Role is not (Role.AgentEtatRegional or Role.AgentRegion or Role.Administrateur)) return Forbid();
        if (acteur.Role == Role.Administrateur)
        {
            CodeRegion = Region ?? await db.Structures.OrderBy(s => s.Region).Select(s => s.Region).FirstOrDefaultAsync() ?? "";
        }
        else
        {
            CodeRegion = acteur.Region ?? "";
            if (Region is not null && Region != CodeRegion) return Forbid();
        }
        Noms = await db.Structures.AsNoTracking().Where(s => s.Region == CodeRegion).ToDictionaryAsync(s => s.Code, s => s.Nom);
        var repo = new AllocationRepository(db);
        var votees = await db.AllocationsRegionales.AsNoTracking()
            .Where(a => a.RegionCode == CodeRegion && a.Grille == IndexModel.Grille && a.Statut != StatutAllocation.Simulation).ToListAsync();
        foreach (var a in votees.OrderByDescending(a => a.Annee))
        {
            if (await repo.VoteeAsync(a) is { } figures) Allocations.Add((a, figures));
        }
        return Page();
    }

    public string Nom(string code) => Noms.GetValueOrDefault(code, code);
}
