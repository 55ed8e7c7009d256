using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using static Jalon.Core.Tests.Pilotage.DialogueDeGestionTests;

namespace Jalon.Core.Tests.Pilotage;

/// <summary>The dialogue's plan d'action as a plan, the review of N−1 and the relevé de conclusions (issue 10, item 6).</summary>
public class PlanActionReleveTests
{
    private static readonly DateTimeOffset T1 = new(2016, 4, 20, 9, 0, 0, TimeSpan.Zero);

    private static ContenuAction Action(string titre, DateOnly? echeance = null) => new(titre, null, "", "", "", echeance, []);

    [Fact]
    public void The_plan_d_action_is_a_plan_of_the_structure_for_the_year_with_one_objective_per_theme()
    {
        var d = Nouveau();
        var plan = PlanActionDuDialogue.Creer(d);
        Assert.Equal((d.Id, TypePlan.PlanActionDialogue, "ML01", "84", 2016, 2016), (plan.Id, plan.Type, plan.Structure, plan.Region, plan.AnneeDebut, plan.AnneeFin));
        Assert.Equal(Referentiel.Themes.Select(t => t.Libelle()), plan.Objectifs.Select(o => o.Libelle));
        var a = PlanActionDuDialogue.AjouterAction(d, plan, Directeur, ThemePlanAction.Employeurs, Action("Deux forums emploi"), [], new DateOnly(2016, 3, 2));
        Assert.Equal([a], PlanActionDuDialogue.Actions(plan, ThemePlanAction.Employeurs));
        Assert.Empty(PlanActionDuDialogue.Actions(plan, ThemePlanAction.Parcours));
    }

    [Fact]
    public void Adding_an_action_follows_the_dialogue_s_rules_and_withdraws_validations()
    {
        var d = EnDialogue();
        var plan = PlanActionDuDialogue.Creer(d);
        d.FixerObjectif(Etat, Grille, "R10", 0.35);
        d.ValiderConclusions(Directeur, T1);
        PlanActionDuDialogue.AjouterAction(d, plan, Etat, ThemePlanAction.Parcours, Action("Suivi à 3 mois"), [], new DateOnly(2016, 4, 20));
        Assert.Empty(d.Validations);
        Assert.Throws<PilotageException>(() => PlanActionDuDialogue.AjouterAction(d, plan, Conseiller, ThemePlanAction.Parcours, Action("x"), [], new DateOnly(2016, 4, 20)));
        Assert.Throws<PilotageException>(() => PlanActionDuDialogue.AjouterAction(d, plan, Etat, ThemePlanAction.Parcours, Action(""), [], new DateOnly(2016, 4, 20)));
        var autre = PlanActionDuDialogue.Creer(Nouveau());
        Assert.Throws<PilotageException>(() => PlanActionDuDialogue.AjouterAction(d, autre, Etat, ThemePlanAction.Parcours, Action("x"), [], new DateOnly(2016, 4, 20)));
        d.ValiderConclusions(Directeur, T1);
        d.ValiderConclusions(Etat, T1);
        var ex = Assert.Throws<PilotageException>(() => PlanActionDuDialogue.AjouterAction(d, plan, Etat, ThemePlanAction.Parcours, Action("Trop tard"), [], new DateOnly(2016, 4, 21)));
        Assert.Contains("plus rien n'est modifiable", ex.Message);
        Assert.Single(plan.Actions);
        // Followed during the year through the plan itself, once the dialogue is concluded.
        plan.ChangerStatutAction(plan.Actions[0].Id, StatutAction.Realisee, new DateOnly(2016, 9, 1), "Claire Martin");
        Assert.Equal(StatutAction.Realisee, plan.Actions[0].Statut);
    }

    [Fact]
    public void The_review_compares_each_target_of_N_minus_1_with_its_actual_value_in_the_ratio_s_direction()
    {
        var precedent = EnDialogue();
        precedent.FixerObjectif(Etat, Grille, "R10", 0.35);
        precedent.FixerObjectif(Etat, Grille, "R8", 0.20);
        precedent.FixerObjectif(Etat, Grille, "R5", 0.50);
        precedent.FixerObjectif(Etat, Grille, "R1", 0.50);
        var plan = PlanActionDuDialogue.Creer(precedent);
        var a = PlanActionDuDialogue.AjouterAction(precedent, plan, Etat, ThemePlanAction.Parcours, Action("Suivi à 3 mois"), [], new DateOnly(2016, 4, 1));
        PlanActionDuDialogue.AjouterAction(precedent, plan, Etat, ThemePlanAction.Employeurs, Action("Deux forums"), [], new DateOnly(2016, 4, 1));
        plan.ChangerStatutAction(a.Id, StatutAction.Realisee, new DateOnly(2016, 11, 30), "Claire Martin");
        var sens = new Dictionary<string, Sens> { ["R10"] = Sens.Hausse, ["R8"] = Sens.Baisse, ["R5"] = Sens.Hausse, ["R1"] = Sens.Neutre };
        var realise = new Dictionary<string, (double?, bool)> { ["R10"] = (0.36, false), ["R8"] = (0.25, false), ["R5"] = (null, true), ["R1"] = (0.4, false) };

        var revue = RevueAnneePrecedente.Etablir(precedent, plan, r => sens[r], r => realise[r])!;

        Assert.Equal(2016, revue.Annee);
        Assert.Equal(
            [("R1", AtteinteObjectif.SansSens), ("R5", AtteinteObjectif.Inconnue), ("R8", AtteinteObjectif.NonAtteint), ("R10", AtteinteObjectif.Atteint)],
            revue.Objectifs.Select(l => (l.Objectif.Ratio, l.Atteinte)));
        Assert.True(revue.Objectifs.Single(l => l.Objectif.Ratio == "R5").Masque);
        Assert.Null(revue.Objectifs.Single(l => l.Objectif.Ratio == "R5").Realise);
        Assert.Equal("1 réalisée sur 2 (1 non commencée)", revue.BilanActions());
        Assert.Equal(AtteinteObjectif.Atteint, RevueAnneePrecedente.Atteinte(Sens.Baisse, 0.2, 0.2)); // at the target is reached
        Assert.Null(RevueAnneePrecedente.Etablir(null, null, r => Sens.Hausse, r => (1, false)));
    }

    [Fact]
    public void The_relevé_is_written_once_the_dialogue_is_held_validated_by_both_parties_then_frozen()
    {
        var enPreparation = Nouveau();
        var ex = Assert.Throws<PilotageException>(() => ReleveDeConclusions.De(enPreparation).Rediger(Directeur, enPreparation, "a", "b", "c"));
        Assert.Contains("une fois celui-ci ouvert", ex.Message);

        var d = EnDialogue();
        var r = ReleveDeConclusions.De(d);
        Assert.Throws<PilotageException>(() => r.Rediger(Conseiller, d, "a", "b", "c"));
        Assert.Throws<PilotageException>(() => r.Rediger(Arml, d, "a", "b", "c"));
        Assert.Throws<PilotageException>(() => r.Rediger(EtatAutreRegion, d, "a", "b", "c"));
        r.Rediger(Etat, d, "Objectifs partagés", "", "Avance au 1er trimestre");
        ex = Assert.Throws<PilotageException>(() => r.Valider(Directeur, d, T1));
        Assert.Contains("il manque les engagements de la Mission locale", ex.Message);
        r.Rediger(Directeur, d, "Objectifs partagés", "Diagnostic à 4 semaines", "Avance au 1er trimestre");
        Assert.Equal(Partie.Etat, r.Valider(Etat, d, T1));
        Assert.Throws<PilotageException>(() => r.Valider(Etat, d, T1));
        r.Rediger(Directeur, d, "Objectifs partagés.", "Diagnostic à 4 semaines", "Avance au 1er trimestre");
        Assert.Empty(r.Validations); // a change withdraws the validations
        r.Valider(Etat, d, T1);
        Assert.False(r.EstFige);
        r.Valider(Directeur, d, T1.AddHours(1));
        Assert.True(r.EstFige);
        Assert.False(r.PeutModifier(Directeur, d));
        ex = Assert.Throws<PilotageException>(() => r.Rediger(Etat, d, "x", "y", "z"));
        Assert.Contains("validé par les deux parties", ex.Message);
    }
}
