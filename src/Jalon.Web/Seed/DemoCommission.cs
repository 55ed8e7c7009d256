using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Web.Pages.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// Seed 004's follow-up commission in the demo (docs/plans.md): three meetings of Moulins' projet associatif commission
/// (those already held at <c>today</c>) and, once its due date (30 June of the plan's second year) is past, its 18-month
/// evaluation written and signed by Moulins' director — the report stored as signed, like any signature in the app.
/// </summary>
public static class DemoCommission
{
    public static async Task SeedAsync(JalonDbContext db, string moulins, DateOnly today, string directeur)
    {
        var plans = new PlanRepository(db);
        var id = (await plans.ListeAsync(moulins, null)).FirstOrDefault(p => p.Type == TypePlan.ProjetAssociatif)?.Id;
        if (id is null || await plans.PlanAsync(id.Value) is not { } plan) return;
        var suivi = new SuiviRepository(db);
        var n = plan.AnneeDebut;
        List<Guid> Actions(params int[] rangs) => [.. rangs.Where(r => r < plan.Actions.Count).Select(r => plan.Actions[r].Id)];
        var reunions = new (DateOnly Date, string[] Participants, List<Guid> Actions, string Decisions)[]
        {
            (new DateOnly(n, 3, 20), ["Présidente de l'association — gouvernance", "Directrice", "Deux conseillères de l'équipe"], Actions(0, 1, 2),
                "Lancer la phase test du camion mobile sur un an ; faire le point des permanences en tiers lieux à la prochaine réunion."),
            (new DateOnly(n, 10, 12), ["Présidente de l'association — gouvernance", "Trésorier", "Directrice", "Chargée de communication"], Actions(0, 5, 6, 7, 8),
                "Préparer l'inauguration de l'espace jeunes ; la newsletter devient trimestrielle ; préparer la lecture des critères pour le bilan intermédiaire."),
            (new DateOnly(n + 1, 5, 18), ["Présidente de l'association — gouvernance", "Directrice", "Représentant du conseil d'administration"], Actions(0, 9, 10, 11, 12),
                "Transmettre à la commission du bilan intermédiaire l'évaluation de chaque action ; recruter si le retour du camion mobile est positif."),
        };
        foreach (var (date, participants, actions, decisions) in reunions.Where(r => r.Date <= today))
            await suivi.EnregistrerReunionAsync(plan, ReunionCommission.Enregistrer(plan, date, participants, actions, decisions, today), null, directeur);

        var echeance = Evaluations.Echeance(plan, NatureEvaluation.DixHuitMois);
        if (echeance > today) return; // not due yet: the plan page shows it « à venir »
        var evaluation = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, today, []);
        evaluation.Rediger("À mi-parcours, l'axe « aller vers » est engagé (camion mobile en phase test, permanences en tiers lieux) et la " +
            "communication vers les financeurs a démarré. La commission préconise de concentrer les prochains mois sur l'accompagnement " +
            "autrement (outils d'accompagnement, entretiens hors les murs) et de préparer la lecture des critères du bilan final à 3 ans.");
        var porteur = (await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Code == moulins))?.Nom ?? moulins;
        // Moulins' projet associatif has no measured indicator: the state at the due date needs no measure.
        var etat = EtatPlan.Calculer(plan, porteur, evaluation.Date, new Dictionary<Guid, double?>());
        var rapport = RapportsEvaluation.Generer(etat, (await suivi.ReunionsAsync(plan.Id)).Select(x => x.Reunion));
        var signeLe = new DateOnly(n + 1, 7, 10) <= today ? new DateOnly(n + 1, 7, 10) : today;
        evaluation.Signer(new Acteur(directeur, Role.Directeur, moulins, plan.Region), rapport, signeLe.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        await suivi.EnregistrerEvaluationAsync(plan, evaluation, null, directeur);
    }
}
