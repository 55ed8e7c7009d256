using Jalon.Domain.Plans;
using Jalon.Domain.Structures;

namespace Jalon.Domain.Pilotage;

/// <summary>
/// The plan d'action of a dialogue de gestion is a plan of the plans' model (<see cref="Plan"/>, kind
/// <see cref="TypePlan.PlanActionDialogue"/>): owned by the structure, for the dialogue's year, with the dialogue's id,
/// one general objective per theme of fiche n°1 (code « 1 » to « 5 ») and the priority actions as action sheets under
/// them — followed during the year on <c>/Plans</c> like any plan, reviewed in the next year's dialogue.
/// </summary>
public static class PlanActionDuDialogue
{
    /// <summary>The code of a theme's objective in the plan: « 1 » for the first theme of fiche n°1, and so on.</summary>
    public static string Code(ThemePlanAction theme) => ((int)theme + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The plan d'action of a dialogue, empty: its id is the dialogue's, one objective per theme.</summary>
    public static Plan Creer(DialogueDeGestion dialogue)
    {
        var plan = Plan.Creer(TypePlan.PlanActionDialogue, $"Plan d'action du dialogue de gestion {dialogue.Annee}", dialogue.Annee, dialogue.Annee,
            dialogue.Structure, dialogue.Region, dialogue.Id);
        foreach (var t in Referentiel.Themes) plan.AjouterObjectif(null, Code(t), t.Libelle());
        plan.ChangerStatut(StatutPlan.EnCours);
        return plan;
    }

    /// <summary>The objective of a theme in the plan (created if a stored plan lacks it).</summary>
    public static ObjectifPlan Objectif(Plan plan, ThemePlanAction theme) =>
        plan.Objectifs.FirstOrDefault(o => o.ParentId is null && o.Code == Code(theme)) ?? plan.AjouterObjectif(null, Code(theme), theme.Libelle());

    /// <summary>The action sheets of a theme, in the order they were added.</summary>
    public static IReadOnlyList<ActionPlan> Actions(Plan plan, ThemePlanAction theme)
    {
        var objectif = plan.Objectifs.FirstOrDefault(o => o.ParentId is null && o.Code == Code(theme));
        if (objectif is null) return [];
        var sous = plan.Objectifs.Where(o => plan.Chemin(o.Id)[0].Id == objectif.Id).Select(o => o.Id).ToHashSet();
        return plan.Actions.Where(a => sous.Contains(a.ObjectifId)).ToList();
    }

    /// <summary>The theme an action sits under (the general objective of its path), null if none.</summary>
    public static ThemePlanAction? ThemeDe(Plan plan, ActionPlan action)
    {
        var chemin = plan.Chemin(action.ObjectifId);
        var code = chemin.Count > 0 ? chemin[0].Code : null;
        return Referentiel.Themes.Where(t => Code(t) == code).Select(t => (ThemePlanAction?)t).FirstOrDefault();
    }

    /// <summary>
    /// Adds a priority action under a theme, through the plan's own rules (title, pilot from the staff register, deadline
    /// in the plan's years), once the dialogue has checked that this actor may change its plan d'action now (which
    /// withdraws the validations already given).
    /// </summary>
    public static ActionPlan AjouterAction(DialogueDeGestion dialogue, Plan plan, Acteur acteur, ThemePlanAction theme, ContenuAction contenu,
        IReadOnlyList<MembrePersonnel> personnel, DateOnly jour)
    {
        Verifier(dialogue, plan);
        if (contenu.Echeance is { } e && (e.Year < plan.AnneeDebut || e.Year > plan.AnneeFin + 1))
            throw new PilotageException($"L'échéance du {e:dd/MM/yyyy} tombe hors de l'année du plan d'action ({plan.AnneeDebut}).");
        dialogue.ModifierPlanAction(acteur);
        try
        {
            return plan.AjouterAction(Objectif(plan, theme).Id, contenu, personnel, jour);
        }
        catch (PlanException ex)
        {
            throw new PilotageException(ex.Message);
        }
    }

    private static void Verifier(DialogueDeGestion dialogue, Plan plan)
    {
        if (plan.Id != dialogue.Id || plan.Type != TypePlan.PlanActionDialogue)
            throw new PilotageException("Ce plan n'est pas le plan d'action de ce dialogue de gestion.");
    }
}
