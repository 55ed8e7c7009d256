using Jalon.Domain.Plans;

namespace Jalon.Core.Tests.Plans;

public class ProgressionTests
{
    private static readonly DateOnly FinAout2011 = new(2011, 8, 31);

    /// <summary>
    /// A monthly profile that reproduces seed 000 (« 218 entrées à fin août 2011, soit 25 entrées de retard sur les 353
    /// en objectifs 2011 »): 243 of the 353 entries expected by the end of August, the autumn weighing a little less.
    /// </summary>
    internal static readonly ProfilMensuel ProfilSeed000 = ProfilMensuel.De([30, 30, 30, 30, 31, 31, 31, 30, 27, 28, 28, 27]);

    private static Progression Effectif(DateOnly jour, double cible, double? valeur, ProfilMensuel? profil = null, SensCible sens = SensCible.AuMoins) =>
        Progression.Calculer(jour.Year, jour, NatureIndicateur.Effectif, sens, cible, valeur, profil);

    [Fact]
    public void Seed_000_linear_pro_rating_puts_PPAE_17_behind_and_CIVIS_13_ahead_at_the_end_of_August()
    {
        var ppae = Effectif(FinAout2011, 353, 218);
        Assert.Equal(353 * 8 / 12.0, ppae.Attendu, 9);
        Assert.Equal(SituationCible.EnRetard, ppae.Situation);
        Assert.Equal("en retard de 17", ppae.Libelle);

        var civis = Effectif(FinAout2011, 230, 166);
        Assert.Equal(SituationCible.EnAvance, civis.Situation);
        Assert.Equal("en avance de 13", civis.Libelle);
    }

    [Fact]
    public void Seed_000_monthly_profile_reproduces_the_25_entries_behind_the_seed_states_and_keeps_CIVIS_ahead()
    {
        Assert.Equal(353, ProfilSeed000.Poids.Sum());
        var ppae = Effectif(FinAout2011, 353, 218, ProfilSeed000);
        Assert.Equal(243, ppae.Attendu, 9);
        Assert.Equal(-25, ppae.Ecart!.Value, 9);
        Assert.Equal("en retard de 25", ppae.Libelle);

        var civis = Effectif(FinAout2011, 230, 166, ProfilSeed000);
        Assert.Equal(230 * 243 / 353.0, civis.Attendu, 9);
        Assert.Equal("en avance de 8", civis.Libelle);
    }

    [Fact]
    public void Within_a_month_the_months_weight_builds_up_day_by_day_and_leap_february_has_29_days()
    {
        var profil = ProfilMensuel.De([0, 29, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        Assert.Equal(14 / 30.0, profil.PartAttendue(2024, new DateOnly(2024, 2, 14)), 9);
        Assert.Equal(29 / 30.0, profil.PartAttendue(2024, new DateOnly(2024, 2, 29)), 9);
        Assert.Equal(29 / 30.0, profil.PartAttendue(2024, new DateOnly(2024, 11, 30)), 9);
        Assert.Equal(0, profil.PartAttendue(2024, new DateOnly(2024, 1, 31)), 9);
        Assert.Equal(29 / 30.0, ProfilMensuel.De([0, 29, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).PartAttendue(2023, new DateOnly(2023, 2, 28)), 9);
    }

    [Fact]
    public void Year_boundaries_nothing_expected_before_the_year_the_whole_target_on_31_December_and_after()
    {
        Assert.Equal(0, Progression.Calculer(2012, new DateOnly(2011, 12, 31), NatureIndicateur.Effectif, SensCible.AuMoins, 120, 0).Attendu);
        Assert.Equal(120 / 12.0 / 31, Progression.Calculer(2012, new DateOnly(2012, 1, 1), NatureIndicateur.Effectif, SensCible.AuMoins, 120, 0).Attendu, 9);
        Assert.Equal(120, Progression.Calculer(2012, new DateOnly(2012, 12, 31), NatureIndicateur.Effectif, SensCible.AuMoins, 120, 120).Attendu, 9);
        var apres = Progression.Calculer(2012, new DateOnly(2013, 3, 1), NatureIndicateur.Effectif, SensCible.AuMoins, 120, 100);
        Assert.Equal(120, apres.Attendu);
        Assert.Equal("en retard de 20", apres.Libelle);
    }

    [Fact]
    public void Rates_are_never_pro_rated_and_their_gap_is_in_points()
    {
        var mi = Progression.Calculer(2011, new DateOnly(2011, 3, 31), NatureIndicateur.Taux, SensCible.AuMoins, 0.25, 0.22);
        Assert.Equal(0.25, mi.Attendu);
        Assert.Equal(SituationCible.EnRetard, mi.Situation);
        Assert.Equal("en retard de 3 points", mi.Libelle);
        Assert.Throws<PlanException>(() => Progression.Calculer(2011, new DateOnly(2011, 3, 31), NatureIndicateur.Taux, SensCible.AuMoins, 1.5, 0.2));
    }

    [Fact]
    public void A_decreasing_target_is_ahead_under_it_and_behind_above_it()
    {
        // « taux de MER non résolues ≤ 15 % »
        var sous = Progression.Calculer(2011, new DateOnly(2011, 6, 30), NatureIndicateur.Taux, SensCible.AuPlus, 0.15, 0.12);
        Assert.Equal(SituationCible.EnAvance, sous.Situation);
        Assert.Equal("en avance de 3 points", sous.Libelle);
        var dessus = Progression.Calculer(2011, new DateOnly(2011, 6, 30), NatureIndicateur.Taux, SensCible.AuPlus, 0.15, 0.19);
        Assert.Equal("en retard de 4 points", dessus.Libelle);
        Assert.Equal(SituationCible.DansLaCible, Progression.Calculer(2011, new DateOnly(2011, 6, 30), NatureIndicateur.Taux, SensCible.AuPlus, 0.15, 0.152).Situation);

        // A ceiling on a count is pro-rated too: at most 24 ruptures in the year, 14 by the end of June is 2 behind.
        var ruptures = Effectif(new DateOnly(2011, 6, 30), 24, 14, sens: SensCible.AuPlus);
        Assert.Equal("en retard de 2", ruptures.Libelle);
    }

    [Fact]
    public void A_target_of_zero_is_met_by_any_count_at_least_and_missed_by_any_count_at_most()
    {
        Assert.Equal(SituationCible.DansLaCible, Effectif(new DateOnly(2011, 5, 1), 0, 0).Situation);
        Assert.Equal("en avance de 3", Effectif(new DateOnly(2011, 5, 1), 0, 3).Libelle);
        Assert.Equal("en retard de 1", Effectif(new DateOnly(2011, 5, 1), 0, 1, sens: SensCible.AuPlus).Libelle);
        Assert.Equal(SituationCible.DansLaCible, Effectif(new DateOnly(2011, 5, 1), 0, 0, sens: SensCible.AuPlus).Situation);
    }

    [Fact]
    public void Less_than_half_a_unit_off_is_within_the_target_and_no_value_is_not_measured()
    {
        Assert.Equal(SituationCible.DansLaCible, Effectif(new DateOnly(2011, 6, 30), 12, 6.4).Situation);
        Assert.Equal(SituationCible.EnRetard, Effectif(new DateOnly(2011, 6, 30), 12, 5.4).Situation);
        var rien = Effectif(new DateOnly(2011, 6, 30), 12, null);
        Assert.Equal(SituationCible.NonMesure, rien.Situation);
        Assert.Equal("non mesuré", rien.Libelle);
    }

    [Fact]
    public void A_profile_has_twelve_non_negative_weights_not_all_zero()
    {
        Assert.Contains("12 valeurs", Assert.Throws<PlanException>(() => ProfilMensuel.De([1, 2, 3])).Message);
        Assert.Throws<PlanException>(() => ProfilMensuel.De([.. Enumerable.Repeat(1.0, 11), -1]));
        Assert.Throws<PlanException>(() => ProfilMensuel.De([.. Enumerable.Repeat(0.0, 12)]));
        Assert.Equal(ProfilMensuel.Lineaire, ProfilMensuel.De([.. Enumerable.Repeat(1.0, 12)]));
        Assert.Throws<PlanException>(() => Effectif(new DateOnly(2011, 6, 30), -1, 3));
    }
}
