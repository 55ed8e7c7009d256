using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;

namespace Jalon.Core.Tests.Plans;

/// <summary>The follow-up commission's meetings and the evaluations at 18 months and 3 years (docs/plans.md, seed 004).</summary>
public class CommissionTests
{
    private static readonly Acteur Directeur = new("Direction Moulins", Role.Directeur, "MOULINS", "84");

    private static (Plan Plan, ActionPlan Camion, ActionPlan Newsletter) Projet()
    {
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, "Projet associatif", 2020, 2022, "MOULINS", "84");
        var og = plan.AjouterObjectif(null, "OG1", "Être connu et reconnu");
        var camion = plan.AjouterAction(og.Id, new("Camion mobile", null, "", "", "", null, []), [], new DateOnly(2020, 1, 15));
        var newsletter = plan.AjouterAction(og.Id, new("Newsletter", null, "", "", "", null, []), [], new DateOnly(2020, 1, 15));
        plan.ChangerStatutAction(camion.Id, StatutAction.EnCours, new DateOnly(2020, 3, 1), "Direction");
        plan.ChangerStatutAction(camion.Id, StatutAction.Realisee, new DateOnly(2021, 3, 1), "Direction");
        return (plan, camion, newsletter);
    }

    private static RapportEvaluation Rapport(DateOnly jour) => new("Projet associatif", TypePlan.ProjetAssociatif, 2020, 2022, "Moulins", jour, [], []);

    [Fact]
    public void The_due_dates_are_the_last_days_of_the_18th_and_36th_months_and_a_short_plan_owes_none()
    {
        var (plan, _, _) = Projet();
        Assert.Equal(new DateOnly(2021, 6, 30), Evaluations.Echeance(plan, NatureEvaluation.DixHuitMois));
        Assert.Equal(new DateOnly(2022, 12, 31), Evaluations.Echeance(plan, NatureEvaluation.TroisAns));
        Assert.Equal([(NatureEvaluation.DixHuitMois, new DateOnly(2021, 6, 30)), (NatureEvaluation.TroisAns, new DateOnly(2022, 12, 31))], Evaluations.Prevues(plan));
        // A plan of two years owes the 18-month evaluation only; of one year, none; a regional orientation, none.
        Assert.Equal([NatureEvaluation.DixHuitMois], Evaluations.Prevues(Plan.Creer(TypePlan.ProjetDeStructure, "P", 2020, 2021, "S", "84")).Select(p => p.Nature));
        Assert.Empty(Evaluations.Prevues(Plan.Creer(TypePlan.PlanActionDialogue, "P", 2020, 2020, "S", "84")));
        Assert.Empty(Evaluations.Prevues(Plan.Creer(TypePlan.OrientationRegionale, "P", 2020, 2022, null, "84")));
        // A leap year changes nothing: the 18th month ends on 30 June.
        Assert.Equal(new DateOnly(2024, 6, 30), Evaluations.Echeance(Plan.Creer(TypePlan.ProjetAssociatif, "P", 2023, 2025, "S", "84"), NatureEvaluation.DixHuitMois));
    }

    [Fact]
    public void A_meeting_notes_each_reviewed_action_with_its_status_at_the_meeting_date_and_refuses_what_is_wrong_in_French()
    {
        var (plan, camion, newsletter) = Projet();
        var jour = new DateOnly(2021, 9, 1);
        var r = ReunionCommission.Enregistrer(plan, new DateOnly(2020, 10, 5), ["Présidente — gouvernance", " ", "Directrice", "Directrice"], [camion.Id, newsletter.Id, camion.Id], "  Poursuivre la phase test.\r\n", jour);
        Assert.Equal(["Présidente — gouvernance", "Directrice"], r.Participants);
        Assert.Equal([("Camion mobile", StatutAction.EnCours), ("Newsletter", StatutAction.NonCommencee)], r.ActionsRevues.Select(a => (a.Titre, a.Statut)));
        Assert.Equal("Poursuivre la phase test.", r.Decisions);
        // Later, the same action is noted done.
        Assert.Equal(StatutAction.Realisee, ReunionCommission.Enregistrer(plan, new DateOnly(2021, 4, 1), ["Directrice"], [camion.Id], "", jour).ActionsRevues.Single().Statut);
        // Editing keeps its id.
        Assert.Equal(r.Id, ReunionCommission.Enregistrer(plan, r.Date, ["Directrice"], [], "", jour, r.Id).Id);

        Assert.Equal("La réunion du 02/09/2021 n'a pas encore eu lieu : on l'enregistre une fois tenue.",
            Assert.Throws<PlanException>(() => ReunionCommission.Enregistrer(plan, new DateOnly(2021, 9, 2), ["Directrice"], [], "", jour)).Message);
        Assert.Equal("La réunion du 31/12/2019 précède le début du plan (01/01/2020).",
            Assert.Throws<PlanException>(() => ReunionCommission.Enregistrer(plan, new DateOnly(2019, 12, 31), ["Directrice"], [], "", jour)).Message);
        Assert.Equal("Indiquez au moins un participant (un nom et son rôle par ligne).",
            Assert.Throws<PlanException>(() => ReunionCommission.Enregistrer(plan, new DateOnly(2020, 10, 5), [" "], [], "", jour)).Message);
        Assert.Equal("Cette action n'existe pas dans ce plan.",
            Assert.Throws<PlanException>(() => ReunionCommission.Enregistrer(plan, new DateOnly(2020, 10, 5), ["Directrice"], [Guid.NewGuid()], "", jour)).Message);
    }

    [Fact]
    public void The_18_month_and_3_year_evaluations_are_dated_at_their_due_date_done_once_and_never_before_it()
    {
        var (plan, _, _) = Projet();
        var e = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, new DateOnly(2020, 2, 2), new DateOnly(2021, 7, 1), []);
        Assert.Equal((new DateOnly(2021, 6, 30), "MOULINS", false), (e.Date, e.Structure, e.EstFigee));
        Assert.Equal("Le bilan intermédiaire à 18 mois de ce plan existe déjà.",
            Assert.Throws<PlanException>(() => EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, new DateOnly(2021, 7, 1), [e])).Message);
        Assert.Equal("L'évaluation au 31/12/2022 ne peut pas encore se faire : elle rend compte de l'état du plan à cette date, qui n'est pas passée.",
            Assert.Throws<PlanException>(() => EvaluationPlan.Creer(plan, NatureEvaluation.TroisAns, null, new DateOnly(2022, 12, 30), [e])).Message);
        // The due date itself is enough.
        Assert.Equal(new DateOnly(2022, 12, 31), EvaluationPlan.Creer(plan, NatureEvaluation.TroisAns, null, new DateOnly(2022, 12, 31), [e]).Date);
        // A dated evaluation: any day of the plan's years, as many as wanted, never in the future.
        Assert.Equal(new DateOnly(2020, 12, 31), EvaluationPlan.Creer(plan, NatureEvaluation.Datee, new DateOnly(2020, 12, 31), new DateOnly(2021, 7, 1), [e]).Date);
        Assert.Equal("La date de l'évaluation (01/01/2023) doit tomber dans les années du plan (2020–2022).",
            Assert.Throws<PlanException>(() => EvaluationPlan.Creer(plan, NatureEvaluation.Datee, new DateOnly(2023, 1, 1), new DateOnly(2023, 7, 1), [])).Message);
        Assert.Equal("La date de l'évaluation est requise.",
            Assert.Throws<PlanException>(() => EvaluationPlan.Creer(plan, NatureEvaluation.Datee, null, new DateOnly(2021, 7, 1), [])).Message);
        Assert.Throws<PlanException>(() => EvaluationPlan.Creer(Plan.Creer(TypePlan.OrientationRegionale, "O", 2020, 2022, null, "84"), NatureEvaluation.Datee, new DateOnly(2020, 5, 1), new DateOnly(2021, 1, 1), []));
    }

    [Theory]
    [InlineData(Role.Directeur, "MOULINS", true)]
    [InlineData(Role.Directeur, "AUTRE", false)]
    [InlineData(Role.Conseiller, "MOULINS", false)]
    [InlineData(Role.AgentEtatRegional, null, false)]
    [InlineData(Role.AgentRegion, null, false)]
    [InlineData(Role.Administrateur, null, false)]
    public void Only_a_director_of_the_owning_structure_signs(Role role, string? structure, bool signe)
    {
        var (plan, _, _) = Projet();
        var e = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, new DateOnly(2021, 7, 1), []);
        e.Rediger("Objectifs atteints pour l'axe « aller vers ».");
        var acteur = new Acteur("Quelqu'un", role, structure, "84");
        Assert.Equal(signe, Evaluations.PeutSigner(acteur, plan.Structure));
        if (signe)
        {
            e.Signer(acteur, Rapport(e.Date), new DateTime(2021, 7, 2, 10, 0, 0, DateTimeKind.Utc));
            Assert.True(e.EstFigee);
        }
        else
        {
            Assert.Equal("Seul le directeur de la Mission locale qui porte le plan signe ses évaluations.",
                Assert.Throws<PlanException>(() => e.Signer(acteur, Rapport(e.Date), DateTime.UtcNow)).Message);
            Assert.False(e.EstFigee);
            Assert.Null(e.Rapport);
        }
    }

    [Fact]
    public void A_signed_evaluation_is_frozen_with_its_report_as_signed()
    {
        var (plan, _, _) = Projet();
        var e = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, new DateOnly(2021, 7, 1), []);
        Assert.Equal("L'évaluation ne peut pas être signée sans l'appréciation de la commission.",
            Assert.Throws<PlanException>(() => e.Signer(Directeur, Rapport(e.Date), DateTime.UtcNow)).Message);
        e.Rediger("  Bilan positif.\r\nÀ poursuivre. ");
        Assert.Equal("Bilan positif.\nÀ poursuivre.", e.Appreciation);
        e.VerifierSuppression();
        Assert.Equal("Le rapport signé doit être celui de la date de l'évaluation.",
            Assert.Throws<PlanException>(() => e.Signer(Directeur, Rapport(new DateOnly(2021, 7, 1)), DateTime.UtcNow)).Message);
        var rapport = Rapport(e.Date);
        e.Signer(Directeur, rapport, new DateTime(2021, 7, 2, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(("Direction Moulins", rapport), (e.Signature!.Par, e.Rapport));

        var fige = "Cette évaluation est figée : signée par Direction Moulins le 02/07/2021, on ne peut plus {0}.";
        Assert.Equal(string.Format(fige, "modifier son appréciation"), Assert.Throws<PlanException>(() => e.Rediger("Autre")).Message);
        Assert.Equal(string.Format(fige, "la signer"), Assert.Throws<PlanException>(() => e.Signer(Directeur, rapport, DateTime.UtcNow)).Message);
        Assert.Equal(string.Format(fige, "la supprimer"), Assert.Throws<PlanException>(e.VerifierSuppression).Message);
        Assert.Equal("Bilan positif.\nÀ poursuivre.", e.Appreciation);
    }

    [Fact]
    public void Aggregate_only_roles_read_a_report_without_its_measured_values()
    {
        var action = new ActionRapport("Accueil", null, null, StatutAction.EnCours, null, false,
        [
            new IndicateurRapport("Premiers accueils", NatureIndicateur.Effectif, true, 120, 100, 200, "en avance de 20"),
            new IndicateurRapport("Animations", NatureIndicateur.Effectif, false, 3, 4, 8, "en retard de 1"),
        ]);
        var rapport = Rapport(new DateOnly(2021, 6, 30)) with { Objectifs = [new ObjectifRapport("OG1", "Être connu", 0, [action])] };
        var secret = rapport.SansValeursMesurees().ToutesLesActions().Single().Indicateurs;
        Assert.Equal((null, 100d, RapportEvaluation.NonDiffuse), (secret[0].Valeur, secret[0].Attendu, secret[0].Situation));
        Assert.Equal(action.Indicateurs[1], secret[1]);
        Assert.Equal([(StatutAction.EnCours, 1)], rapport.ParStatut());
    }
}
