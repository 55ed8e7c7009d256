using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The dialogues de gestion the user may read, and opening a new one.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class DialoguesModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public List<DialogueEntity> Dialogues { get; private set; } = [];
    public List<(string Code, string Nom, string Region)> Structures { get; private set; } = [];
    public Dictionary<string, string> Noms { get; private set; } = [];
    public bool PeutOuvrir { get; private set; }
    public int AnneeParDefaut { get; private set; }

    public async Task OnGetAsync()
    {
        var acteur = User.Acteur();
        var toutes = await indicateurs.StructuresAsync(null);
        Noms = toutes.ToDictionary(s => s.Code, s => s.Nom);
        Structures = toutes.Where(s => Habilitations.PartieDe(acteur, s.Code, s.Region) is not null).ToList();
        PeutOuvrir = Structures.Count > 0;
        AnneeParDefaut = Dates.TodayInParis(clock).Year;
        var liste = await new PilotageRepository(db).ListeDialoguesAsync(null, null);
        Dialogues = liste.Where(d => Habilitations.PeutLire(acteur, d.StructureCode, d.Region)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(string structure, int annee)
    {
        var acteur = User.Acteur();
        var s = (await indicateurs.StructuresAsync(null)).FirstOrDefault(x => x.Code == structure);
        if (s.Code is null) return NotFound();
        if (Habilitations.PartieDe(acteur, s.Code, s.Region) is null) return Forbid();
        var repo = new PilotageRepository(db);
        if (await repo.DialogueAsync(s.Code, annee) is null)
        {
            try
            {
                var d = DialogueDeGestion.Ouvrir(acteur, s.Code, s.Region, annee, clock.GetUtcNow());
                await repo.EnregistrerAsync(d);
                TempData["Succes"] = $"Dialogue de gestion {annee} ouvert.";
            }
            catch (PilotageException e)
            {
                TempData["ErreurPilotage"] = e.Message;
                return RedirectToPage();
            }
        }
        return Redirect($"/Pilotage/Dialogue?structure={Uri.EscapeDataString(s.Code)}&annee={annee}");
    }
}
