using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans.Progres;

/// <summary>The signed-in user as an actor of the démarches de progrès: a structure's staff get their structure's region.</summary>
public static class ActeurProgres
{
    public static async Task<(Acteur Acteur, List<(string Code, string Nom, string Region)> Structures)> ChargerAsync(System.Security.Claims.ClaimsPrincipal user, IndicateursPilotage indicateurs)
    {
        var acteur = user.Acteur();
        var structures = await indicateurs.StructuresAsync(null);
        if (acteur.Structure is { } code && structures.FirstOrDefault(s => s.Code == code) is { Code: not null } s)
            acteur = acteur with { Region = s.Region };
        return (acteur, structures);
    }
}

/// <summary>
/// The démarches de progrès a user may read (docs/plans.md, « La démarche de progrès »): their region's, every region's for
/// the national State and the administrator; opening one (the region's ARML, Région or State).
/// </summary>
public sealed class IndexModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public sealed record Ligne(DemarcheProgres Demarche, int Valides, int Structures, EtatDesLieux? Sien);

    public List<Ligne> Demarches { get; } = [];
    public Acteur Acteur { get; private set; } = null!;
    public bool PeutOuvrir { get; private set; }
    public string? Erreur { get; private set; }

    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public int AnneeDebut { get; set; }
    [BindProperty] public int AnneeFin { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ChargerAsync()) return Forbid();
        AnneeDebut = AnneeFin = Dates.TodayInParis(clock).Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ChargerAsync()) return Forbid();
        if (!PeutOuvrir) return Forbid();
        try
        {
            var d = DemarcheProgres.Ouvrir(Acteur.Region!, Titre ?? "", AnneeDebut, AnneeFin, Acteur.Nom, Dates.TodayInParis(clock));
            await new ProgresRepository(db).EnregistrerAsync(d, null, Acteur.Nom);
            Audit.Add(db, User, Storage.Entities.AuditAction.Creation, "demarche-progres", null, null, $"« {d.Titre} » {d.AnneeDebut}-{d.AnneeFin}, région {d.Region}");
            await db.SaveChangesAsync();
            return Redirect($"/Plans/Progres/Demarche?id={d.Id}");
        }
        catch (PlanException e)
        {
            Erreur = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<bool> ChargerAsync()
    {
        var (acteur, structures) = await ActeurProgres.ChargerAsync(User, indicateurs);
        Acteur = acteur;
        if (acteur.Role is not (Role.Conseiller or Role.Directeur or Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion or Role.AgentEtatNational or Role.Administrateur))
            return false;
        PeutOuvrir = acteur.Region is { } r && HabilitationsProgres.PeutOuvrir(acteur, r);
        var repo = new ProgresRepository(db);
        var toutes = acteur.Role is Role.AgentEtatNational or Role.Administrateur;
        foreach (var (d, _) in await repo.DemarchesAsync(toutes ? null : acteur.Region ?? ""))
        {
            if (!HabilitationsProgres.PeutLireDemarche(acteur, d.Region)) continue;
            var etats = (await repo.EtatsAsync(d.Id)).Select(e => e.Etat).ToList();
            Demarches.Add(new Ligne(d, etats.Count(e => e.Validation is not null), structures.Count(s => s.Region == d.Region),
                etats.FirstOrDefault(e => e.Structure == acteur.Structure)));
        }
        return true;
    }
}
