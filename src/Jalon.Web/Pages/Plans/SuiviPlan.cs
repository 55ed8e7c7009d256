using System.Security.Claims;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Pages.Plans;

/// <summary>
/// A plan's follow-up as its page shows it (docs/plans.md): the commission's meetings newest first, the evaluations, the
/// 18-month and 3-year evaluations it owes with their due dates and whether each is done.
/// </summary>
public sealed record SuiviPlan(
    Plan Plan, bool PeutModifier, DateOnly Jour,
    IReadOnlyList<(ReunionCommission Reunion, int Version)> Reunions,
    IReadOnlyList<(EvaluationPlan Evaluation, int Version)> Evaluations)
{
    public static async Task<SuiviPlan> ChargerAsync(JalonDbContext db, Plan plan, bool peutModifier, DateOnly jour)
    {
        var repo = new SuiviRepository(db);
        return new SuiviPlan(plan, peutModifier, jour, await repo.ReunionsAsync(plan.Id), await repo.EvaluationsAsync(plan.Id));
    }

    /// <summary>The evaluations owed (<see cref="Domain.Plans.Evaluations.Prevues"/>) with the one done, if any.</summary>
    public IEnumerable<(NatureEvaluation Nature, DateOnly Echeance, EvaluationPlan? Faite)> Prevues() =>
        Domain.Plans.Evaluations.Prevues(Plan).Select(p => (p.Nature, p.Echeance, Evaluations.Select(e => e.Evaluation).FirstOrDefault(e => e.Nature == p.Nature)));

    /// <summary>The kinds of evaluation that may be created today: those due and not done, and a dated one.</summary>
    public IEnumerable<NatureEvaluation> Creables() =>
        Plan.Structure is null ? [] : Prevues().Where(p => p.Faite is null && p.Echeance <= Jour).Select(p => p.Nature).Append(NatureEvaluation.Datee);
}

/// <summary>The report of an evaluation generated from the plan's state at its date (<see cref="EtatPlan"/>) and the meetings up to then.</summary>
public static class RapportsEvaluation
{
    public static RapportEvaluation Generer(EtatPlan etat, IEnumerable<ReunionCommission> reunions)
    {
        var p = etat.Plan;
        var objectifs = etat.ObjectifsOrdonnes().Select(o => new ObjectifRapport(o.Code, o.Libelle, etat.Profondeur(o),
            [.. p.Actions.Where(a => a.ObjectifId == o.Id).Select(a => new ActionRapport(
                a.Contenu.Titre, a.Contenu.Pilote?.Nom, a.Contenu.Echeance, a.StatutAu(etat.Jour), etat.DernierChangement(a)?.Le, etat.EnRetard.Contains(a.Id),
                [.. etat.Indicateurs[a.Id].Select(l => new IndicateurRapport(l.Indicateur.Libelle, l.Indicateur.Nature, l.Indicateur.EstMesure,
                    l.Progression?.Valeur, l.Progression?.Attendu, l.Progression?.Cible, l.Progression?.Libelle ?? $"pas de cible en {etat.Jour.Year}"))]))]));
        return new RapportEvaluation(p.Titre, p.Type, p.AnneeDebut, p.AnneeFin, etat.Porteur, etat.Jour, [.. objectifs],
            [.. reunions.Where(r => r.Date <= etat.Jour).OrderBy(r => r.Date)]);
    }

    /// <summary>
    /// The report of <paramref name="e"/> as <paramref name="user"/> reads it: as signed once signed, generated from the plan's
    /// state at its date before; without the measured values for an aggregate-only role (statistical secrecy).
    /// </summary>
    public static RapportEvaluation Pour(EvaluationPlan e, PlanLu lu, IEnumerable<ReunionCommission> reunions, IndicateursPilotage indicateurs, ClaimsPrincipal user)
    {
        var rapport = e.Rapport ?? Generer(EtatPlan.Pour(lu, indicateurs, user, e.Date), reunions);
        return user.Secret() ? rapport.SansValeursMesurees() : rapport;
    }
}
