using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// The plans a user may read (docs/plans.md): their structure's plans and their region's orientations, or, for the
/// regional and national roles, the orientations and the structures' plans of the region; creating a plan.
/// </summary>
public sealed class IndexModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public List<PlanEntity> Plans { get; private set; } = [];
    public Dictionary<string, string> Noms { get; private set; } = [];

    /// <summary>Where the user may create a plan: their structure (director) or their region (Région, State).</summary>
    public string? StructureCreation { get; private set; }
    public string? RegionCreation { get; private set; }
    public int AnneeParDefaut { get; private set; }

    /// <summary>The regional objectives no structure objective serves, per orientation (the « non couvert » ones).</summary>
    public Dictionary<Guid, IReadOnlyList<ObjectifPlan>> NonCouverts { get; } = [];

    [BindProperty] public TypePlan Type { get; set; }
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public int AnneeDebut { get; set; }
    [BindProperty] public int AnneeFin { get; set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ChargerAsync()) return Forbid();
        AnneeDebut = AnneeFin = AnneeParDefaut;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ChargerAsync()) return Forbid();
        var regional = Type == TypePlan.OrientationRegionale;
        if ((regional ? RegionCreation : StructureCreation) is null) return Forbid();
        try
        {
            var structure = regional ? null : StructureCreation;
            var region = regional ? RegionCreation! : Structures.First(s => s.Code == StructureCreation).Region;
            var plan = Plan.Creer(Type, Titre ?? "", AnneeDebut, AnneeFin, structure, region);
            await new PlanRepository(db).EnregistrerAsync(plan, null, User.Acteur().Nom);
            Audit.Add(db, User, Storage.Entities.AuditAction.Creation, "plan", structure, null, $"{plan.Type.Libelle()} « {plan.Titre} » {plan.AnneeDebut}-{plan.AnneeFin}");
            await db.SaveChangesAsync();
            return Redirect($"/Plans/Plan?id={plan.Id}");
        }
        catch (PlanException e)
        {
            Erreur = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private List<(string Code, string Nom, string Region)> Structures { get; set; } = [];

    private async Task<bool> ChargerAsync()
    {
        var acteur = User.Acteur();
        Structures = await indicateurs.StructuresAsync(null);
        Noms = Structures.ToDictionary(s => s.Code, s => s.Nom);
        if (acteur.Structure is { } code && Structures.FirstOrDefault(s => s.Code == code) is { Code: not null } s)
            acteur = acteur with { Region = s.Region };
        if (acteur.Role is not (Role.Conseiller or Role.Directeur or Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion or Role.AgentEtatNational or Role.Administrateur))
            return false;
        AnneeParDefaut = Dates.TodayInParis(clock).Year;
        var repo = new PlanRepository(db);
        var liste = acteur.Role is Role.Conseiller or Role.Directeur
            ? await repo.ListeAsync(acteur.Structure, acteur.Region)
            : await repo.ListeAsync(null, acteur.Region);
        if (acteur.Role is Role.AgentEtatNational or Role.Administrateur)
            liste = await db.Plans.AsNoTracking().OrderBy(p => p.RegionCode).ThenBy(p => p.StructureCode).ThenBy(p => p.Titre).ToListAsync();
        else if (acteur.Structure is null && acteur.Region is { } r)
            liste = await db.Plans.AsNoTracking().Where(p => p.RegionCode == r).OrderBy(p => p.StructureCode).ThenBy(p => p.Titre).ToListAsync();
        Plans = liste.Where(p => HabilitationsPlans.PeutLire(acteur, p.StructureCode, p.RegionCode)).ToList();
        if (acteur.Role == Role.Directeur) StructureCreation = acteur.Structure;
        if (acteur.Role is Role.AgentRegion or Role.AgentEtatRegional) RegionCreation = acteur.Region;

        foreach (var region in Plans.Where(p => p.StructureCode is null).Select(p => p.RegionCode).Distinct())
        {
            var tous = await repo.PlansDeLaRegionAsync(region);
            foreach (var o in tous.Where(p => p.EstRegional))
                NonCouverts[o.Id] = Couverture.NonCouverts(o, tous.Where(p => !p.EstRegional));
        }
        return true;
    }
}
