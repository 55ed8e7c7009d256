using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Storage.Structures;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// Editing one element of an existing plan (docs/plans.md): an objective (<c>objectif=</c>), an action sheet with its
/// milestones and status (<c>fiche=</c>) or an indicator with its target per year and monthly profile
/// (<c>indicateur=</c>); deleting it after a confirmation that says what goes with it. The plan's editors only;
/// every change is audited; a refused change re-shows the form with the French message and what was typed (400).
/// </summary>
public sealed class ModifierModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "objectif")] public Guid? ObjectifId { get; set; }
    [BindProperty(SupportsGet = true, Name = "fiche")] public Guid? ActionId { get; set; }
    [BindProperty(SupportsGet = true, Name = "indicateur")] public Guid? IndicateurId { get; set; }
    [BindProperty] public int Version { get; set; }

    // Objective.
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Libelle { get; set; }
    [BindProperty] public Guid? ObjectifRegionalId { get; set; }

    // Action sheet.
    [BindProperty] public string? Titre { get; set; }
    [BindProperty] public string? PiloteId { get; set; }
    [BindProperty] public string? Partenaires { get; set; }
    [BindProperty] public string? PublicCible { get; set; }
    [BindProperty] public string? Moyens { get; set; }
    [BindProperty] public DateOnly? Echeance { get; set; }

    /// <summary>One milestone a line: « 31/03/2026 Premier bilan ».</summary>
    [BindProperty] public string? Jalons { get; set; }
    [BindProperty] public StatutAction Statut { get; set; }
    [BindProperty] public DateOnly? StatutLe { get; set; }

    // Indicator.
    [BindProperty] public SensCible Sens { get; set; }
    [BindProperty] public Dictionary<int, string?> Cibles { get; set; } = [];
    [BindProperty] public string? Profil { get; set; }

    /// <summary>The box ticked to confirm a deletion.</summary>
    [BindProperty] public bool Confirmer { get; set; }

    public Plan Plan { get; private set; } = null!;
    public string Porteur { get; private set; } = "";
    public DateOnly Jour { get; private set; }
    public ObjectifPlan? Objectif { get; private set; }
    public ActionPlan? Action { get; private set; }
    public IndicateurPlan? Indicateur { get; private set; }
    public Suppression? Suppression { get; private set; }
    public IReadOnlyList<MembrePersonnel> Personnel { get; private set; } = [];
    public List<(Plan Orientation, ObjectifPlan Objectif)> ObjectifsRegionaux { get; } = [];
    public string? Erreur { get; private set; }
    public string? ErreurSuppression { get; private set; }

    public string LienPlan => $"/Plans/Plan?id={Id}";

    /// <summary>What the element is called in messages: « l'objectif 2-1 », « la fiche action « … » », « l'indicateur « … » ».</summary>
    public string Designation =>
        Objectif is { } o ? $"l'objectif {(o.Code.Length > 0 ? o.Code : "« " + o.Libelle + " »")}"
        : Action is { } a ? $"la fiche action « {a.Contenu.Titre} »"
        : $"l'indicateur « {Indicateur!.Libelle} »";

    public async Task<IActionResult> OnGetAsync()
    {
        var r = await ChargerAsync();
        if (r is not null) return r;
        if (Objectif is { } o)
            (Code, Libelle, ObjectifRegionalId) = (o.Code, o.Libelle, o.ObjectifRegionalId);
        if (Action is { } a)
        {
            var c = a.Contenu;
            (Titre, PiloteId, Partenaires, PublicCible, Moyens, Echeance) = (c.Titre, c.Pilote?.Id, c.Partenaires, c.PublicCible, c.Moyens, c.Echeance);
            Jalons = string.Join("\n", c.Jalons.Select(j => $"{j.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} {j.Libelle}"));
            Statut = a.Statut;
            StatutLe = Jour;
        }
        if (Indicateur is { } i)
        {
            (Libelle, Sens) = (i.Libelle, i.Sens);
            for (var annee = Plan.AnneeDebut; annee <= Plan.AnneeFin; annee++)
                Cibles[annee] = i.Cibles.TryGetValue(annee, out var v) ? Nombre(i.Nature == NatureIndicateur.Taux ? v * 100 : v) : null;
            Profil = i.Profil is { } p ? string.Join(" ; ", p.Poids.Select(Nombre)) : null;
        }
        return Page();
    }

    public Task<IActionResult> OnPostObjectifAsync() => ModifierAsync(p =>
    {
        var regional = ObjectifsRegionaux.FirstOrDefault(o => o.Objectif.Id == ObjectifRegionalId).Objectif;
        var o = p.ModifierObjectif(Objectif!.Id, Code ?? "", Libelle ?? "", regional);
        return $"modification de l'objectif {o.Code} « {o.Libelle} »";
    });

    public Task<IActionResult> OnPostActionAsync() => ModifierAsync(p =>
    {
        var pilote = string.IsNullOrEmpty(PiloteId) ? null : new Pilote(PiloteId, "");
        p.ModifierAction(Action!.Id, new ContenuAction(Titre ?? "", pilote, Partenaires ?? "", PublicCible ?? "", Moyens ?? "", Echeance, LireJalons(Jalons)), Personnel, Jour);
        return $"modification de l'action « {p.Action(Action.Id).Contenu.Titre} »";
    });

    public Task<IActionResult> OnPostStatutAsync() => ModifierAsync(p =>
    {
        var le = StatutLe ?? throw new PlanException("La date du changement de statut est requise.");
        p.ChangerStatutActionLe(Action!.Id, Statut, le, User.Acteur().Nom, Jour);
        return $"statut de l'action « {Action.Contenu.Titre} » : {Statut.Libelle()} le {le:dd/MM/yyyy}";
    });

    public Task<IActionResult> OnPostIndicateurAsync() => ModifierAsync(p =>
    {
        var i = Indicateur!;
        var cibles = new Dictionary<int, double>();
        foreach (var (annee, texte) in Cibles)
        {
            if (PlanModel.LireNombre(texte, $"La cible {annee}") is { } v)
                cibles[annee] = i.Nature == NatureIndicateur.Taux ? v / 100 : v;
        }
        var m = p.ModifierIndicateur(i.Id, Libelle ?? "", Sens, cibles, PlanModel.LireProfil(Profil));
        return $"modification de l'indicateur « {m.Libelle} » (cibles : {string.Join(", ", m.Cibles.Select(c => $"{c.Key} {Nombre(c.Value)}"))}{(m.Profil is null ? "" : ", profil mensuel")})";
    });

    /// <summary>Deletes the element with what goes with it, once the box is ticked; otherwise says what would go and asks again.</summary>
    public async Task<IActionResult> OnPostSupprimerAsync()
    {
        var r = await ChargerAsync();
        if (r is not null) return r;
        if (!Confirmer)
        {
            ErreurSuppression = $"Cochez la case pour confirmer la suppression de {Designation} et de ce qui part avec.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var designation = Designation;
        var parti = Suppression!.Libelle;
        if (Objectif is { } o) Plan.SupprimerObjectif(o.Id);
        else if (Action is { } a) Plan.SupprimerAction(a.Id);
        else Plan.SupprimerIndicateur(Indicateur!.Id);
        try
        {
            await new PlanRepository(db).EnregistrerAsync(Plan, Version, User.Acteur().Nom);
        }
        catch (ModificationConcurrenteException e)
        {
            return await RefuserAsync($"Ce plan a été modifié entre-temps par {e.Par} : rechargez la page.");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Suppression, "plan", Plan.Structure, null, $"{Plan.Titre} — suppression de {designation} (avec {parti})");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Suppression enregistrée : {designation}{(Suppression.Libelle == "rien d'autre" ? "" : ", avec " + parti)}.";
        return Redirect(LienPlan);
    }

    private async Task<IActionResult> ModifierAsync(Func<Plan, string> changer)
    {
        var r = await ChargerAsync();
        if (r is not null) return r;
        string detail;
        try
        {
            detail = changer(Plan);
            await new PlanRepository(db).EnregistrerAsync(Plan, Version, User.Acteur().Nom);
        }
        catch (PlanException e)
        {
            return await RefuserAsync(e.Message);
        }
        catch (ModificationConcurrenteException e)
        {
            return await RefuserAsync($"Ce plan a été modifié entre-temps par {e.Par} : rechargez la page.");
        }
        Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "plan", Plan.Structure, null, $"{Plan.Titre} — {detail}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Plan enregistré.";
        return Redirect(LienPlan);
    }

    private async Task<IActionResult> RefuserAsync(string message)
    {
        db.ChangeTracker.Clear();
        ObjectifsRegionaux.Clear();
        await ChargerAsync();
        Erreur = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Loads the plan and the element; only the plan's editors get further (403), an unknown element is a 404.</summary>
    private async Task<IActionResult?> ChargerAsync()
    {
        var (lu, peutLire) = await PlanLu.ChargerAsync(db, indicateurs, User, Id);
        if (lu is null) return peutLire || await new PlanRepository(db).PlanAsync(Id) is null ? NotFound() : Forbid();
        if (!lu.PeutModifier) return Forbid();
        (Plan, Porteur) = (lu.Plan, lu.Porteur);
        if (HttpMethods.IsGet(Request.Method)) Version = lu.Version;
        Jour = Dates.TodayInParis(clock);
        Objectif = ObjectifId is { } o ? Plan.Objectifs.FirstOrDefault(x => x.Id == o) : null;
        Action = ActionId is { } a ? Plan.Actions.FirstOrDefault(x => x.Id == a) : null;
        Indicateur = IndicateurId is { } i ? Plan.Indicateurs.FirstOrDefault(x => x.Id == i) : null;
        if (new object?[] { Objectif, Action, Indicateur }.Count(x => x is not null) != 1) return NotFound();
        Suppression = Objectif is not null ? Plan.CeQuePartAvecObjectif(Objectif.Id)
            : Action is not null ? Plan.CeQuePartAvecAction(Action.Id)
            : new Suppression([], [], []);
        if (Plan.Structure is not null)
            Personnel = [.. (await new StructureRepository(db).PersonnelAsync(Plan.Structure)).Select(p => p.Membre).Where(m => m.IsActiveOn(Jour))];
        if (!Plan.EstRegional)
            foreach (var orientation in (await new PlanRepository(db).PlansDeLaRegionAsync(Plan.Region)).Where(p => p.EstRegional))
                foreach (var obj in orientation.Objectifs) ObjectifsRegionaux.Add((orientation, obj));
        return null;
    }

    /// <summary>One milestone a line, « jj/mm/aaaa libellé »; empty lines are skipped.</summary>
    internal static List<JalonAction> LireJalons(string? texte)
    {
        var jalons = new List<JalonAction>();
        var lignes = (texte ?? "").Split('\n');
        for (var n = 0; n < lignes.Length; n++)
        {
            var ligne = lignes[n].Trim();
            if (ligne.Length == 0) continue;
            var espace = ligne.IndexOf(' ', StringComparison.Ordinal);
            if (espace < 0 || !DateOnly.TryParseExact(ligne[..espace], "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new PlanException($"Jalon ligne {n + 1} : « {ligne} » doit commencer par une date jj/mm/aaaa suivie du libellé (exemple : 31/03/2026 Premier bilan).");
            jalons.Add(new JalonAction(date, ligne[(espace + 1)..].Trim()));
        }
        return jalons;
    }

    private static string Nombre(double v) => v.ToString("0.##", Libelles.Fr);
}
