using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans.Progres;

/// <summary>
/// A structure's état des lieux in a démarche de progrès: written by its director, who validates it (then it is frozen and
/// shared with the region's ARML, Région and State); read by its staff, and once validated by the regional roles of its
/// region, the national State and the administrator. Readings and changes are audited.
/// </summary>
public sealed class EtatDesLieuxModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Demarche { get; set; }
    [BindProperty(SupportsGet = true)] public string? Structure { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public Dictionary<SectionEtatDesLieux, string?> Sections { get; set; } = [];
    [BindProperty] public bool Confirmer { get; set; }

    public DemarcheProgres DemarcheLue { get; private set; } = null!;
    public EtatDesLieux Etat { get; private set; } = null!;
    public string NomStructure { get; private set; } = "";

    /// <summary>False while the structure has written nothing (no row yet).</summary>
    public bool Existe { get; private set; }
    public bool PeutRediger { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        Audit.Add(db, User, Storage.Entities.AuditAction.Lecture, "etat-des-lieux", Etat.Structure, null, DemarcheLue.Titre);
        await db.SaveChangesAsync();
        Sections = Etat.Sections.ToDictionary(x => x.Key, x => (string?)x.Value);
        return Page();
    }

    public Task<IActionResult> OnPostAsync() => ModifierAsync(false);

    public Task<IActionResult> OnPostValiderAsync() => ModifierAsync(true);

    private async Task<IActionResult> ModifierAsync(bool valider)
    {
        if (await ChargerAsync() is { } r) return r;
        if (!PeutRediger) return Forbid();
        var nom = User.Acteur().Nom;
        try
        {
            if (Etat.Validation is null) Etat.Rediger(Sections);
            if (valider)
            {
                if (!Confirmer) throw new PlanException("Cochez la case de confirmation pour valider : l'état des lieux sera figé et partagé avec la région.");
                Etat.Valider(nom, Dates.TodayInParis(clock));
            }
            await new ProgresRepository(db).EnregistrerAsync(Etat, Existe ? Version : null, nom);
        }
        catch (PlanException e)
        {
            return Refuser(e.Message);
        }
        catch (ModificationConcurrenteException e)
        {
            return Refuser($"Cet état des lieux a été modifié entre-temps par {e.Par} : rechargez la page.");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "etat-des-lieux", Etat.Structure, null,
            $"{DemarcheLue.Titre} — {(valider ? "validation de l'état des lieux" : "rédaction de l'état des lieux")}");
        await db.SaveChangesAsync();
        TempData["Succes"] = valider ? "État des lieux validé : il est figé et partagé avec la région." : "État des lieux enregistré.";
        return Redirect($"/Plans/Progres/EtatDesLieux?demarche={Demarche}&structure={Etat.Structure}");
    }

    private PageResult Refuser(string message)
    {
        Erreur = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> ChargerAsync()
    {
        var repo = new ProgresRepository(db);
        if (await repo.DemarcheAsync(Demarche) is not { } lue) return NotFound();
        DemarcheLue = lue.Demarche;
        var (acteur, structures) = await ActeurProgres.ChargerAsync(User, indicateurs);
        Structure ??= acteur.Structure;
        var structure = structures.FirstOrDefault(s => s.Code == Structure && s.Region == DemarcheLue.Region);
        if (structure.Code is null)
            return HabilitationsProgres.PeutLireDemarche(acteur, DemarcheLue.Region) ? NotFound() : Forbid();
        NomStructure = structure.Nom;
        var etats = await repo.EtatsAsync(Demarche);
        var stocke = etats.FirstOrDefault(e => e.Etat.Structure == structure.Code);
        Existe = stocke.Etat is not null;
        Etat = stocke.Etat ?? EtatDesLieux.Nouveau(DemarcheLue, structure.Code, structure.Region);
        if (!HttpMethods.IsPost(Request.Method)) Version = stocke.Version;
        if (!HabilitationsProgres.PeutLireEtat(acteur, structure.Code, DemarcheLue.Region, Etat.Validation is not null)) return Forbid();
        PeutRediger = HabilitationsProgres.PeutRedigerEtat(acteur, structure.Code) && Etat.Validation is null;
        return null;
    }
}
