using Jalon.Domain.Plans;

namespace Jalon.Core.Tests.Plans;

/// <summary>Editing and deleting an existing objective, action sheet or indicator (docs/plans.md).</summary>
public class PlanEditionTests
{
    private static readonly DateOnly Jour = new(2011, 9, 15);

    private static (Plan Plan, ObjectifPlan General, ObjectifPlan Operationnel, ActionPlan Action, IndicateurPlan Indicateur) Projet()
    {
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, "Projet associatif", 2011, 2013, "MOULINS", "84");
        var general = plan.AjouterObjectif(null, "OG1", "Favoriser l'accès à l'emploi");
        var operationnel = plan.AjouterObjectif(general.Id, "OG1-OP1", "Développer la relation entreprises");
        var action = plan.AjouterAction(operationnel.Id, new("Forums emploi", new Pilote("P1", ""), "", "", "", new DateOnly(2011, 12, 31), []), PlanTests.Personnel, Jour);
        var indicateur = plan.AjouterIndicateur(action.Id, "Forums organisés", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 4 });
        plan.AjouterIndicateur(action.Id, "Entreprises présentes", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 40 });
        return (plan, general, operationnel, action, indicateur);
    }

    [Fact]
    public void An_objective_is_renamed_and_recoded_but_its_code_stays_unique()
    {
        var (plan, general, operationnel, _, _) = Projet();
        var o = plan.ModifierObjectif(operationnel.Id, "OG1-OP2", "Développer la relation avec les entreprises", null);
        Assert.Equal(("OG1-OP2", "Développer la relation avec les entreprises", general.Id), (o.Code, o.Libelle, o.ParentId));
        Assert.Same(o, plan.Objectif(operationnel.Id));
        Assert.Equal("Le code « OG1 » est déjà celui d'un autre objectif de ce plan.",
            Assert.Throws<PlanException>(() => plan.ModifierObjectif(operationnel.Id, "OG1", "X", null)).Message);
        Assert.Equal("Le libellé de l'objectif est requis.", Assert.Throws<PlanException>(() => plan.ModifierObjectif(operationnel.Id, "OG1-OP2", " ", null)).Message);
        Assert.Equal("OG1-OP2", plan.Objectif(operationnel.Id).Code); // a refused change changes nothing
    }

    [Fact]
    public void Deleting_a_general_objective_takes_its_operational_objectives_their_actions_and_indicators()
    {
        var (plan, general, operationnel, action, _) = Projet();
        var autre = plan.AjouterObjectif(null, "OG2", "Autre");
        var avant = plan.CeQuePartAvecObjectif(general.Id);
        Assert.Equal([operationnel.Id], avant.Objectifs.Select(o => o.Id));
        Assert.Equal([action.Id], avant.Actions.Select(a => a.Id));
        Assert.Equal(2, avant.Indicateurs.Count);
        Assert.Equal("1 objectif, 1 fiche action et 2 indicateurs", avant.Libelle);

        plan.SupprimerObjectif(general.Id);
        Assert.Equal([autre.Id], plan.Objectifs.Select(o => o.Id));
        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Indicateurs);
        Assert.Equal("rien d'autre", plan.CeQuePartAvecObjectif(autre.Id).Libelle);
        Assert.Throws<PlanException>(() => plan.SupprimerObjectif(general.Id));
    }

    [Fact]
    public void Deleting_an_action_takes_its_indicators_only()
    {
        var (plan, _, operationnel, action, _) = Projet();
        var seconde = plan.AjouterAction(operationnel.Id, new("Parrainage", null, "", "", "", null, []), PlanTests.Personnel, Jour);
        plan.AjouterIndicateur(seconde.Id, "Parrainages", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 10 });
        Assert.Equal("2 indicateurs", plan.CeQuePartAvecAction(action.Id).Libelle);
        plan.SupprimerAction(action.Id);
        Assert.Equal([seconde.Id], plan.Actions.Select(a => a.Id));
        Assert.Equal(["Parrainages"], plan.Indicateurs.Select(i => i.Libelle));
        Assert.Equal(2, plan.Objectifs.Count);
    }

    [Fact]
    public void An_indicator_gets_new_targets_per_year_and_profile_and_a_rate_is_never_pro_rated()
    {
        var (plan, _, _, action, indicateur) = Projet();
        var profil = ProfilMensuel.De([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        var m = plan.ModifierIndicateur(indicateur.Id, "Forums emploi organisés", SensCible.AuMoins, new Dictionary<int, double> { [2012] = 5, [2013] = 6 }, profil);
        Assert.Equal([2012, 2013], m.Cibles.Keys); // 2011 left out: no target any more
        Assert.Equal(profil, m.Profil);
        Assert.Null(m.ProgressionAu(Jour, null));
        Assert.Contains("n'est pas une année du plan", Assert.Throws<PlanException>(() =>
            plan.ModifierIndicateur(indicateur.Id, "X", SensCible.AuMoins, new Dictionary<int, double> { [2014] = 1 }, null)).Message);

        var taux = plan.AjouterIndicateur(action.Id, "Taux de satisfaction", NatureIndicateur.Taux, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 0.8 });
        Assert.Equal("Un taux ne se proratise pas : il n'a pas de profil mensuel.", Assert.Throws<PlanException>(() =>
            plan.ModifierIndicateur(taux.Id, "Taux", SensCible.AuMoins, taux.Cibles, profil)).Message);
        Assert.Contains("entre 0 % et 100 %", Assert.Throws<PlanException>(() =>
            plan.ModifierIndicateur(taux.Id, "Taux", SensCible.AuMoins, new Dictionary<int, double> { [2011] = 80 }, null)).Message);
        plan.SupprimerIndicateur(taux.Id);
        Assert.DoesNotContain(plan.Indicateurs, i => i.Id == taux.Id);
    }

    [Fact]
    public void A_status_change_is_dated_never_in_the_future_nor_before_the_previous_one_and_the_status_at_a_date_follows_the_history()
    {
        var (plan, _, _, action, _) = Projet();
        plan.ChangerStatutActionLe(action.Id, StatutAction.EnCours, new DateOnly(2011, 3, 1), "Directrice", Jour);
        Assert.Contains("postérieure à aujourd'hui", Assert.Throws<PlanException>(() =>
            plan.ChangerStatutActionLe(action.Id, StatutAction.Realisee, Jour.AddDays(1), "Directrice", Jour)).Message);
        Assert.Equal("La date du changement de statut (28/02/2011) précède le changement précédent (le 01/03/2011).", Assert.Throws<PlanException>(() =>
            plan.ChangerStatutActionLe(action.Id, StatutAction.Realisee, new DateOnly(2011, 2, 28), "Directrice", Jour)).Message);
        plan.ChangerStatutActionLe(action.Id, StatutAction.Realisee, new DateOnly(2011, 9, 1), "Directrice", Jour);
        Assert.Equal(StatutAction.NonCommencee, action.StatutAu(new DateOnly(2011, 2, 28)));
        Assert.Equal(StatutAction.EnCours, action.StatutAu(new DateOnly(2011, 8, 31)));
        Assert.Equal(StatutAction.Realisee, action.StatutAu(new DateOnly(2011, 9, 1)));
        // Late at a past date is judged on the status of that date: in progress with its deadline passed on 2 January 2012
        // had it not been done; done on 1 September 2011, it is not late after.
        Assert.False(action.EstEnRetard(new DateOnly(2012, 1, 2), []));
        Assert.False(action.EstEnRetard(new DateOnly(2011, 8, 31), []));
    }
}
