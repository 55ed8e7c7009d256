using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// A meeting of a plan's follow-up commission (docs/plans.md): recorded, edited or deleted by whoever may change the plan —
/// date, participants (one per line), the action sheets reviewed (each noted with its status at that date), decisions.
/// Every change is audited; a refused one shows the page again with the French reason and what was typed.
/// </summary>
public sealed class CommissionModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Reunion { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Participants { get; set; }
    [BindProperty] public List<Guid> Actions { get; set; } = [];
    [BindProperty] public string? Decisions { get; set; }
    [BindProperty] public bool Confirmer { get; set; }

    public Plan Plan { get; private set; } = null!;
    public ReunionCommission? Existante { get; private set; }
    public DateOnly Jour { get; private set; }
    public string? Erreur { get; private set; }

    public string LienPlan => $"/Plans/Plan?id={Id}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        if (Existante is { } e)
        {
            (Date, Participants, Actions, Decisions) = (e.Date, string.Join("\n", e.Participants), [.. e.ActionsRevues.Select(a => a.ActionId)], e.Decisions);
        }
        else
        {
            Date = Jour;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEnregistrerAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        try
        {
            var reunion = ReunionCommission.Enregistrer(Plan, Date ?? throw new PlanException("La date de la réunion est requise."),
                (Participants ?? "").Split('\n'), Actions, Decisions, Jour, Existante?.Id);
            await new SuiviRepository(db).EnregistrerReunionAsync(Plan, reunion, Existante is null ? null : Version ?? -1, User.Acteur().Nom);
            Audit.Add(db, User, Existante is null ? AuditAction.Creation : AuditAction.Modification, "plan", Plan.Structure, null,
                $"{Plan.Titre} — commission de suivi : réunion du {reunion.Date:dd/MM/yyyy} ({reunion.Participants.Count} participant(s), {reunion.ActionsRevues.Count} action(s) revue(s))");
            await db.SaveChangesAsync();
        }
        catch (PlanException e)
        {
            return await Refuser(e.Message);
        }
        catch (ModificationConcurrenteException e)
        {
            return await Refuser($"Cette réunion a été modifiée ou supprimée entre-temps{(e.Par is null ? "" : " par " + e.Par)} : rechargez la page.");
        }
        TempData["Succes"] = "Réunion de la commission enregistrée.";
        return Redirect(LienPlan + "#commission");
    }

    public async Task<IActionResult> OnPostSupprimerAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        if (Existante is null) return NotFound();
        if (!Confirmer) return await Refuser("Cochez la case pour confirmer la suppression de la réunion.");
        try
        {
            await new SuiviRepository(db).SupprimerReunionAsync(Plan.Id, Existante.Id, Version ?? -1);
        }
        catch (ModificationConcurrenteException e)
        {
            return await Refuser($"Cette réunion a été modifiée ou supprimée entre-temps{(e.Par is null ? "" : " par " + e.Par)} : rechargez la page.");
        }
        Audit.Add(db, User, AuditAction.Suppression, "plan", Plan.Structure, null, $"{Plan.Titre} — commission de suivi : suppression de la réunion du {Existante.Date:dd/MM/yyyy}");
        await db.SaveChangesAsync();
        TempData["Succes"] = "Réunion de la commission supprimée.";
        return Redirect(LienPlan + "#commission");
    }

    /// <summary>Loads the plan and the meeting; 404 when either is unknown, 403 for whoever may not change the plan.</summary>
    private async Task<IActionResult?> ChargerAsync()
    {
        var (lu, peutLire) = await PlanLu.ChargerAsync(db, indicateurs, User, Id);
        if (lu is null) return peutLire || await new PlanRepository(db).PlanAsync(Id) is null ? NotFound() : Forbid();
        if (!lu.PeutModifier) return Forbid();
        Plan = lu.Plan;
        Jour = Dates.TodayInParis(clock);
        if (Reunion is { } id)
        {
            var trouvee = (await new SuiviRepository(db).ReunionsAsync(Plan.Id)).FirstOrDefault(x => x.Reunion.Id == id);
            if (trouvee.Reunion is null) return NotFound();
            Existante = trouvee.Reunion;
            if (HttpMethods.IsGet(Request.Method)) Version = trouvee.Version;
        }
        return null;
    }

    private async Task<IActionResult> Refuser(string message)
    {
        db.ChangeTracker.Clear();
        var (date, participants, actions, decisions, version) = (Date, Participants, Actions, Decisions, Version);
        if (await ChargerAsync() is { } r) return r;
        (Date, Participants, Actions, Decisions, Version) = (date, participants, actions, decisions, version);
        Erreur = message;
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
