using Jalon.Domain;
using Jalon.Domain.Pilotage;
using static Jalon.Core.Tests.Pilotage.DialogueDeGestionTests;

namespace Jalon.Core.Tests.Pilotage;

public class FinancementTests
{
    private static readonly DateTimeOffset T0 = new(2015, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static ConventionPluriannuelle Convention() => ConventionPluriannuelle.Signer(
        Etat, "ML01", "84", "CPO-84-001", 2015, 2018,
        new MontantsAnnuels(100_000m, 5_000m, 3_000m, 2_000m), new DateOnly(2015, 5, 15), T0);

    private static DialogueDeGestion DialogueEnCours(int annee)
    {
        var d = DialogueDeGestion.Ouvrir(Directeur, "ML01", "84", annee, new DateTimeOffset(annee, 3, 1, 9, 0, 0, TimeSpan.Zero));
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "x");
        d.Transmettre(Directeur, new DateTimeOffset(annee, 3, 2, 9, 0, 0, TimeSpan.Zero));
        d.OuvrirDialogue(Etat, new DateTimeOffset(annee, 3, 3, 9, 0, 0, TimeSpan.Zero));
        return d;
    }

    private static MontantsAnnuels Subvention(decimal montant) => new(montant, 5_000m, 3_000m, 2_000m);

    [Fact]
    public void The_allowed_range_is_the_initial_yearly_amount_plus_or_minus_ten_percent()
    {
        var c = Convention();
        Assert.Equal(new Fourchette(90_000m, 110_000m), c.FourchetteAutorisee);
        Assert.Equal(110_000m, c.MontantsInitiaux.Total);
        Assert.Equal(5_000m, c.MontantsInitiaux.Fipj);
    }

    [Fact]
    public void Adjustments_add_up_over_the_convention_and_are_refused_beyond_ten_percent_of_the_initial_amount()
    {
        var c = Convention();
        c.Decider(Etat, DialogueEnCours(2016), Subvention(106_000m), T0);   // +6 %
        Assert.Equal(6_000m, c.AjustementCumule(2016));
        // +5 % more: only +4.7 % on the previous year, but +11 % on the initial amount over the convention.
        var ex = Assert.Throws<PilotageException>(() => c.Decider(Etat, DialogueEnCours(2017), Subvention(111_300m), T0));
        Assert.Equal(
            "Ajustement refusé : sur la durée de la convention 2015–2018, la subvention annuelle ne peut varier de plus de 10 % " +
            "par rapport au montant annuel initial de 100\u00A0000\u00A0€. Pour 2017, elle doit être comprise entre 90\u00A0000\u00A0€ et " +
            "110\u00A0000\u00A0€ ; le montant proposé, 111\u00A0300\u00A0€, représente une variation cumulée de +11,3\u00A0%.",
            ex.Message);
        Assert.Null(c.DecisionDe(2017));
        Assert.Equal(106_000m, c.MontantsDe(2017)!.SubventionCpo); // tacit renewal of the last decision
    }

    [Theory]
    [InlineData("110000", true)]
    [InlineData("90000", true)]
    [InlineData("110000.01", false)]
    [InlineData("89999.99", false)]
    [InlineData("80000", false)]
    public void The_bounds_are_included(string montant, bool accepte)
    {
        var c = Convention();
        var m = decimal.Parse(montant, System.Globalization.CultureInfo.InvariantCulture);
        if (accepte) Assert.Equal(m, c.Decider(Etat, DialogueEnCours(2018), Subvention(m), T0).Montants.SubventionCpo);
        else Assert.Throws<PilotageException>(() => c.Decider(Etat, DialogueEnCours(2018), Subvention(m), T0));
    }

    [Fact]
    public void A_decrease_then_an_increase_stays_measured_from_the_initial_amount()
    {
        var c = Convention();
        c.Decider(Etat, DialogueEnCours(2016), Subvention(91_000m), T0);   // −9 %
        c.Decider(Etat, DialogueEnCours(2017), Subvention(109_000m), T0);  // +9 % on the initial: allowed (+19.8 % on N−1)
        Assert.Equal(9_000m, c.AjustementCumule(2017));
        var msg = Assert.Throws<PilotageException>(() => c.Decider(Etat, DialogueEnCours(2018), Subvention(89_000m), T0)).Message;
        Assert.Contains("entre 90\u00A0000\u00A0€ et 110\u00A0000\u00A0€", msg);
        Assert.Contains("−11\u00A0%", msg.Replace("-", "−"));
    }

    [Fact]
    public void Only_the_state_agent_of_the_region_decides_during_the_dialogue_of_that_year()
    {
        var c = Convention();
        Assert.Throws<PilotageException>(() => c.Decider(Directeur, DialogueEnCours(2016), Subvention(100_000m), T0));
        Assert.Throws<PilotageException>(() => c.Decider(EtatAutreRegion, DialogueEnCours(2016), Subvention(100_000m), T0));
        var enPreparation = DialogueDeGestion.Ouvrir(Directeur, "ML01", "84", 2016, T0);
        Assert.Contains("pendant le dialogue", Assert.Throws<PilotageException>(() => c.Decider(Etat, enPreparation, Subvention(100_000m), T0)).Message);
        Assert.Throws<PilotageException>(() => c.Decider(Etat, DialogueEnCours(2019), Subvention(100_000m), T0));
        Assert.Throws<PilotageException>(() => c.Decider(Etat, DialogueEnCours(2016), new MontantsAnnuels(100_000m, -1m, 0, 0), T0));
    }

    [Fact]
    public void A_new_decision_for_the_same_year_replaces_the_previous_one()
    {
        var c = Convention();
        var d = DialogueEnCours(2016);
        c.Decider(Etat, d, Subvention(104_000m), T0, "Hausse de l'activité");
        c.Decider(Etat, d, Subvention(103_000m), T0);
        Assert.Equal(2, c.Decisions.Count);
        Assert.Equal(103_000m, c.MontantsDe(2016)!.SubventionCpo);
    }

    [Fact]
    public void The_avenant_carries_amounts_in_figures_and_words_the_advance_and_the_annexes()
    {
        var c = ConventionPluriannuelle.Signer(Etat, "ML01", "84", "CPO-84-001", 2015, 2018,
            new MontantsAnnuels(243_500m, 12_000m, 8_000m, 4_500m), new DateOnly(2015, 5, 15), T0);
        var d = DialogueEnCours(2016);
        c.Decider(Etat, d, new MontantsAnnuels(243_500.01m, 12_000m, 8_000m, 4_500m), T0);
        d.FixerObjectif(Etat, Grille, "R10", 0.35);
        d.RedigerPlanAction(Etat, ThemePlanAction.Parcours, "Diagnostic systématique", "Sorties sans solution");
        var plan = PlanActionDuDialogue.Creer(d);
        PlanActionDuDialogue.AjouterAction(d, plan, Etat, ThemePlanAction.Parcours,
            new Jalon.Domain.Plans.ContenuAction("Suivi à 3 mois", null, "", "", "", new DateOnly(2016, 6, 30), []), [], new DateOnly(2016, 3, 1));
        var projet = Avenant.Etablir(d, c, new Association("Mission locale du Bassin"), "Le Préfet de la région", plan);
        Assert.True(projet.EstProjet);
        d.ValiderConclusions(Etat, T0.AddYears(1));
        d.ValiderConclusions(Directeur, T0.AddYears(1));
        var a = Avenant.Etablir(d, c, new Association("Mission locale du Bassin"), "Le Préfet de la région", plan);
        Assert.False(a.EstProjet);
        Assert.Equal(1, a.Numero);
        Assert.Equal(2016, a.Annee);
        Assert.Equal("deux cent quarante-trois mille cinq cents euros et un centime", a.Subvention.EnLettres);
        Assert.Equal(121_750.00m, a.Avance.Montant);          // within the limit of 50 %
        Assert.Equal(121_750.01m, a.Solde.Montant);
        Assert.Equal(a.Subvention.Montant, a.Avance.Montant + a.Solde.Montant);
        Assert.Equal(268_000.01m, a.Total.Montant);
        Assert.Equal("douze mille cinq cents euros", a.Fipj.EnLettres);
        Assert.Equal("268\u00A0000,01\u00A0€", a.Total.EnChiffres);
        Assert.Single(a.Objectifs);
        Assert.Equal("Sorties sans solution", a.PlanAction.Single(l => l.Theme == ThemePlanAction.Parcours).AxesDeProgres);
        Assert.Equal((ThemePlanAction.Parcours, "Suivi à 3 mois", new DateOnly(2016, 6, 30)), (a.Actions.Single().Theme, a.Actions.Single().Titre, a.Actions.Single().Echeance));
        Assert.Equal(new DateOnly(2016, 12, 31), a.DateFin);
    }
}
