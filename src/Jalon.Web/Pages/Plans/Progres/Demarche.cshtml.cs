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
/// A démarche de progrès (docs/plans.md): where each structure of the region stands, the validated états des lieux side by
/// side by section (for those who read them), the regional cross-analysis and the recommendations — written by the
/// region's ARML, read by the Région, the State and the structures of the region. Readings and changes are audited.
/// </summary>
public sealed class DemarcheModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    public sealed record LigneStructure(string Code, string Nom, EtatDesLieux? Etat, bool Lisible);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public Dictionary<ThemeAnalyse, string?> Analyse { get; set; } = [];
    [BindProperty] public string? Preconisations { get; set; }

    public DemarcheProgres Demarche { get; private set; } = null!;
    public Acteur Acteur { get; private set; } = null!;

    /// <summary>Every structure of the region with its état des lieux (for the regional, national and administration roles).</summary>
    public List<LigneStructure> Structures { get; } = [];

    /// <summary>The validated états des lieux the user may read, side by side by section.</summary>
    public List<(string Nom, EtatDesLieux Etat)> Valides { get; } = [];

    /// <summary>The structure of a director or counsellor, and its état des lieux.</summary>
    public LigneStructure? Sienne { get; private set; }
    public bool PeutRedigerAnalyse { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        Audit.Add(db, User, Storage.Entities.AuditAction.Lecture, "demarche-progres", Acteur.Structure, null, Demarche.Titre);
        await db.SaveChangesAsync();
        Analyse = Demarche.Analyse.ToDictionary(x => x.Key, x => (string?)x.Value);
        Preconisations = string.Join("\n", Demarche.Preconisations);
        return Page();
    }

    public async Task<IActionResult> OnPostAnalyseAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        if (!PeutRedigerAnalyse) return Forbid();
        try
        {
            var etats = (await new ProgresRepository(db).EtatsAsync(Id)).Select(e => e.Etat);
            Demarche.RedigerAnalyse(Analyse, (Preconisations ?? "").Split('\n'), etats, Acteur.Nom, Dates.TodayInParis(clock));
            await new ProgresRepository(db).EnregistrerAsync(Demarche, Version, Acteur.Nom);
        }
        catch (PlanException e)
        {
            return Refuser(e.Message);
        }
        catch (ModificationConcurrenteException e)
        {
            return Refuser($"L'analyse a été modifiée entre-temps par {e.Par} : rechargez la page.");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "demarche-progres", null, null,
            $"{Demarche.Titre} — analyse transversale et préconisations ({Demarche.Preconisations.Count})");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Analyse transversale et préconisations enregistrées.";
        return Redirect($"/Plans/Progres/Demarche?id={Id}");
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
        if (await repo.DemarcheAsync(Id) is not { } lue) return NotFound();
        Demarche = lue.Demarche;
        if (!HttpMethods.IsPost(Request.Method)) Version = lue.Version;
        var (acteur, structures) = await ActeurProgres.ChargerAsync(User, indicateurs);
        Acteur = acteur;
        if (!HabilitationsProgres.PeutLireDemarche(acteur, Demarche.Region)) return Forbid();
        PeutRedigerAnalyse = HabilitationsProgres.PeutRedigerAnalyse(acteur, Demarche.Region);
        var etats = (await repo.EtatsAsync(Id)).ToDictionary(e => e.Etat.Structure, e => e.Etat);
        foreach (var s in structures.Where(s => s.Region == Demarche.Region))
        {
            var etat = etats.GetValueOrDefault(s.Code);
            var lisible = HabilitationsProgres.PeutLireEtat(acteur, s.Code, Demarche.Region, etat?.Validation is not null);
            var ligne = new LigneStructure(s.Code, s.Nom, etat, lisible);
            if (s.Code == acteur.Structure) Sienne = ligne;
            if (acteur.Structure is null) Structures.Add(ligne);
            if (lisible && etat?.Validation is not null) Valides.Add((s.Nom, etat));
        }
        return null;
    }
}
