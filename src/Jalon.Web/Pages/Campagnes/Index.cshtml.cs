using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Storage;
using Jalon.Storage.Campagnes;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Campagnes;

/// <summary>The CRA campaigns the user may read, the director's own submissions, and opening a campaign (State, region).</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class IndexModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public List<CampagneEntity> Campagnes { get; private set; } = [];

    /// <summary>The director's submission state per campaign.</summary>
    public Dictionary<Guid, EtatSoumission> MesSoumissions { get; private set; } = [];

    public bool PeutOuvrir { get; private set; }
    public DateOnly Aujourdhui { get; private set; }
    public string? Erreur { get; private set; }

    [BindProperty] public TypeCampagne Type { get; set; }
    [BindProperty] public int Annee { get; set; }
    [BindProperty] public DateOnly? Echeance { get; set; }

    public async Task OnGetAsync()
    {
        Annee = Dates.TodayInParis(clock).Year;
        Echeance = new DateOnly(Annee, 2, 28);
        await ChargerAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var acteur = User.Acteur();
        if (acteur.Role != Role.AgentEtatRegional || acteur.Region is null) return Forbid();
        var repo = new CampagneRepository(db);
        try
        {
            if (Echeance is not { } echeance) throw new CampagneException("Indiquez l'échéance (jj/mm/aaaa).");
            var campagne = Campagne.Ouvrir(acteur, acteur.Region, Annee, Type, echeance, Dates.TodayInParis(clock), clock.GetUtcNow());
            await repo.EnregistrerAsync(campagne, 0, acteur.Nom, User.UserId(), User.Login());
            TempData["Succes"] = $"{campagne.Titre} ouverte jusqu'au {echeance:dd/MM/yyyy}.";
            return Redirect($"/Campagnes/Campagne?id={campagne.Id}");
        }
        catch (CampagneException e)
        {
            Erreur = e.Message;
            await ChargerAsync();
            return Page();
        }
    }

    private async Task ChargerAsync()
    {
        var acteur = User.Acteur();
        Aujourdhui = Dates.TodayInParis(clock);
        PeutOuvrir = acteur.Role == Role.AgentEtatRegional && acteur.Region is not null;
        var toutes = await new CampagneRepository(db).ListeAsync(null);
        if (acteur.Role == Role.Directeur)
        {
            // A director's account carries their structure, not its region.
            var region = await db.Structures.AsNoTracking().Where(x => x.Code == acteur.Structure).Select(x => x.Region).FirstOrDefaultAsync();
            Campagnes = toutes.Where(c => c.StructureCode == region).ToList();
            var repo = new CampagneRepository(db);
            foreach (var c in Campagnes) MesSoumissions[c.Id] = (await repo.SoumissionAsync(c.Id, acteur.Structure!)).Soumission.Etat;
        }
        else
        {
            Campagnes = toutes.Where(c => Campagne.PeutLire(acteur, c.StructureCode)).ToList();
        }
    }
}
