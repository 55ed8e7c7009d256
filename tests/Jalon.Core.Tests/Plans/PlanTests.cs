using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Domain.Structures;

namespace Jalon.Core.Tests.Plans;

public class PlanTests
{
    private static readonly DateOnly Jour = new(2011, 9, 15);

    internal static readonly IReadOnlyList<MembrePersonnel> Personnel =
    [
        new("P1", "Hélène Garnier", Sexe.F, StatutPersonnel.Salarie, ContratPersonnel.Cdi, true, 1m, Metier.Conseiller, new DateOnly(2008, 1, 1)),
        new("P2", "Yves Caron", Sexe.H, StatutPersonnel.Salarie, ContratPersonnel.Cdi, true, 1m, Metier.Conseiller, new DateOnly(2005, 1, 1), Fin: new DateOnly(2010, 12, 31)),
    ];

    private static ContenuAction Contenu(string titre, Pilote? pilote = null, DateOnly? echeance = null) =>
        new(titre, pilote, "Pôle emploi", "Jeunes en PPAE", "2 conseillers", echeance, []);

    private static (Plan Plan, ObjectifPlan Operationnel, ActionPlan Action) Offre()
    {
        var plan = Plan.Creer(TypePlan.OffreDeService, "Offre de service Accompagnement", 2011, 2013, "26001", "84");
        var general = plan.AjouterObjectif(null, "2", "Accompagner vers l'emploi durable");
        var operationnel = plan.AjouterObjectif(general.Id, "2-1", "Renforcer l'accompagnement des publics prioritaires");
        var action = plan.AjouterAction(operationnel.Id, Contenu("Piloter les entrées en PPAE", new Pilote("P1", "")), Personnel, Jour);
        return (plan, operationnel, action);
    }

    [Fact]
    public void A_plan_holds_objectives_at_any_depth_and_an_action_knows_its_path()
    {
        var (plan, operationnel, action) = Offre();
        var sous = plan.AjouterObjectif(operationnel.Id, "2-1-a", "Cohortes PPAE");
        Assert.Equal(["2", "2-1", "2-1-a"], plan.Chemin(sous.Id).Select(o => o.Code));
        Assert.Equal("Hélène Garnier", action.Contenu.Pilote!.Nom);
        Assert.Equal(StatutAction.NonCommencee, action.Statut);
        Assert.Contains("déjà", Assert.Throws<PlanException>(() => plan.AjouterObjectif(null, "2-1", "Doublon")).Message);
        Assert.Throws<PlanException>(() => plan.AjouterObjectif(Guid.NewGuid(), "9", "Orphelin"));
    }

    [Fact]
    public void The_pilot_must_be_a_present_member_of_the_staff_register()
    {
        var (plan, operationnel, _) = Offre();
        Assert.Contains("membre du personnel", Assert.Throws<PlanException>(() =>
            plan.AjouterAction(operationnel.Id, Contenu("X", new Pilote("P9", "Inconnu")), Personnel, Jour)).Message);
        Assert.Contains("ne fait plus partie", Assert.Throws<PlanException>(() =>
            plan.AjouterAction(operationnel.Id, Contenu("X", new Pilote("P2", "Yves Caron")), Personnel, Jour)).Message);
        Assert.Contains("titre de l'action est requis", Assert.Throws<PlanException>(() =>
            plan.AjouterAction(operationnel.Id, Contenu("  "), Personnel, Jour)).Message);
    }

    [Fact]
    public void Status_changes_are_dated_and_signed_and_the_last_one_is_the_status()
    {
        var (plan, _, action) = Offre();
        plan.ChangerStatutAction(action.Id, StatutAction.EnCours, new DateOnly(2011, 2, 1), "Pierre Brillaud");
        plan.ChangerStatutAction(action.Id, StatutAction.Realisee, new DateOnly(2011, 11, 30), "Pierre Brillaud");
        Assert.Equal(StatutAction.Realisee, action.Statut);
        Assert.Equal([StatutAction.EnCours, StatutAction.Realisee], action.Historique.Select(h => h.Statut));
        Assert.Equal(new DateOnly(2011, 11, 30), action.Historique[^1].Le);
        Assert.Throws<PlanException>(() => plan.ChangerStatutAction(action.Id, StatutAction.Realisee, Jour, "X"));
    }

    [Fact]
    public void Targets_are_per_year_of_the_plan_and_a_rate_target_stays_within_100_percent()
    {
        var (plan, _, action) = Offre();
        var ppae = plan.AjouterIndicateur(action.Id, "Entrées en PPAE", NatureIndicateur.Effectif, SensCible.AuMoins, "jeunes-ppae",
            new Dictionary<int, double> { [2011] = 353, [2012] = 360 }, ProgressionTests.ProfilSeed000);
        Assert.True(ppae.EstMesure);
        Assert.Contains("2014", Assert.Throws<PlanException>(() => plan.FixerCible(ppae.Id, 2014, 10)).Message);
        Assert.Throws<PlanException>(() => plan.AjouterIndicateur(action.Id, "Taux", NatureIndicateur.Taux, SensCible.AuMoins, null,
            new Dictionary<int, double> { [2011] = 25 }));
        Assert.Throws<PlanException>(() => plan.AjouterIndicateur(action.Id, "Taux", NatureIndicateur.Taux, SensCible.AuMoins, null,
            new Dictionary<int, double> { [2011] = 0.25 }, ProfilMensuel.Lineaire));

        var p = plan.Indicateur(ppae.Id).ProgressionAu(new DateOnly(2011, 8, 31), 218)!;
        Assert.Equal("en retard de 25", p.Libelle);
        Assert.Null(plan.Indicateur(ppae.Id).ProgressionAu(new DateOnly(2013, 8, 31), 218));
    }

    [Fact]
    public void A_manual_indicator_takes_the_last_value_entered_that_year_and_a_measured_one_refuses_entries()
    {
        var (plan, _, action) = Offre();
        var animations = plan.AjouterIndicateur(action.Id, "Animations collectives", NatureIndicateur.Effectif, SensCible.AuMoins, null,
            new Dictionary<int, double> { [2011] = 6, [2012] = 8, [2013] = 10 });
        plan.SaisirValeur(animations.Id, new DateOnly(2011, 4, 30), 1);
        plan.SaisirValeur(animations.Id, new DateOnly(2011, 7, 31), 5);
        plan.SaisirValeur(animations.Id, new DateOnly(2012, 1, 31), 1);
        var i = plan.Indicateur(animations.Id);
        Assert.Equal(5, i.ValeurSaisieAu(new DateOnly(2011, 9, 1)));
        Assert.Equal(1, i.ValeurSaisieAu(new DateOnly(2011, 5, 1)));
        Assert.Null(i.ValeurSaisieAu(new DateOnly(2011, 3, 1)));
        Assert.Equal("en avance de 1", i.ProgressionAu(new DateOnly(2011, 8, 31), valeurMesuree: 999)!.Libelle);
        Assert.Throws<PlanException>(() => plan.SaisirValeur(animations.Id, new DateOnly(2015, 1, 1), 1));

        var mesure = plan.AjouterIndicateur(action.Id, "PPAE", NatureIndicateur.Effectif, SensCible.AuMoins, "jeunes-ppae", new Dictionary<int, double> { [2011] = 353 });
        Assert.Contains("mesuré", Assert.Throws<PlanException>(() => plan.SaisirValeur(mesure.Id, Jour, 3)).Message);
    }

    [Fact]
    public void An_action_is_late_when_its_deadline_is_past_or_an_indicator_is_behind_unless_done_or_dropped()
    {
        var (plan, operationnel, action) = Offre();
        var echue = plan.AjouterAction(operationnel.Id, Contenu("Convention ZUS", echeance: new DateOnly(2011, 6, 30)), Personnel, Jour);
        Assert.True(echue.EstEnRetard(Jour, []));
        Assert.False(echue.EstEnRetard(new DateOnly(2011, 6, 30), []));
        plan.ChangerStatutAction(echue.Id, StatutAction.Realisee, Jour, "Pierre Brillaud");
        Assert.False(echue.EstEnRetard(Jour, []));

        var ppae = plan.AjouterIndicateur(action.Id, "PPAE", NatureIndicateur.Effectif, SensCible.AuMoins, "jeunes-ppae", new Dictionary<int, double> { [2011] = 353 });
        Assert.True(action.EstEnRetard(new DateOnly(2011, 8, 31), [ppae.ProgressionAu(new DateOnly(2011, 8, 31), 218)!]));
        Assert.False(action.EstEnRetard(new DateOnly(2011, 8, 31), [ppae.ProgressionAu(new DateOnly(2011, 8, 31), 240)!]));
    }

    [Fact]
    public void A_regional_objective_no_structure_objective_serves_is_not_covered()
    {
        var region = Plan.Creer(TypePlan.OrientationRegionale, "Orientations régionales Rhône-Alpes", 2011, 2013, null, "84");
        var axe2 = region.AjouterObjectif(null, "2", "Accompagnement");
        var o21 = region.AjouterObjectif(axe2.Id, "2-1", "Publics prioritaires");
        var o23 = region.AjouterObjectif(axe2.Id, "2-3", "Mobilité");
        var ml = Plan.Creer(TypePlan.OffreDeService, "Offre", 2011, 2013, "26001", "84");
        ml.AjouterObjectif(null, "A", "Publics prioritaires de la ML", o21);

        Assert.Equal([o23.Id], Couverture.NonCouverts(region, [ml]).Select(o => o.Id));
        Assert.Equal(["2-1", "2-3"], Couverture.NonCouverts(region, []).Select(o => o.Code));
        Assert.Throws<PlanException>(() => region.AjouterObjectif(null, "X", "Y", o21));
        Assert.Throws<PlanException>(() => Plan.Creer(TypePlan.OrientationRegionale, "R", 2011, 2013, "26001", "84"));
        Assert.Throws<PlanException>(() => Plan.Creer(TypePlan.ProjetAssociatif, "P", 2011, 2013, null, "84"));
        Assert.Throws<PlanException>(() => Plan.Creer(TypePlan.ProjetAssociatif, "P", 2013, 2011, "26001", "84"));
    }
}
