using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>The avenant of a dialogue's year (fiche n°4), printable; a draft until the dialogue is concluded.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class AvenantModel(JalonDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Structure { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Annee { get; set; }

    public Avenant? Avenant { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var acteur = User.Acteur();
        var repo = new PilotageRepository(db);
        var dialogue = await repo.DialogueAsync(Structure, Annee);
        if (dialogue is null) return NotFound();
        if (!Habilitations.PeutLire(acteur, dialogue.Structure, dialogue.Region)) return Forbid();
        var convention = await repo.ConventionAsync(Structure, Annee);
        if (convention is null)
        {
            Erreur = "Aucune convention pluriannuelle n'est enregistrée pour cette Mission locale : l'avenant ne peut pas être établi.";
            return Page();
        }
        var s = await db.Structures.AsNoTracking().FirstAsync(x => x.Code == Structure);
        var c = await db.Conventions.AsNoTracking().FirstAsync(x => x.Id == convention.Id);
        var adresse = string.Join(" ", new[] { s.Adresse, s.CodePostal, s.Commune }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var association = new Association(s.Nom, adresse, s.Email ?? "", s.Telephone ?? "", c.StatutJuridique, c.Siret, c.CodeApe);
        try
        {
            Avenant = Avenant.Etablir(dialogue, convention, association, $"Le Préfet de la région {dialogue.Region}, représenté par le directeur régional de l'économie, de l'emploi, du travail et des solidarités");
        }
        catch (PilotageException e)
        {
            Erreur = e.Message;
        }
        return Page();
    }
}
