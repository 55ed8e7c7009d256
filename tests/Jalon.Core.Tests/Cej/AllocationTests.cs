using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;

namespace Jalon.Core.Tests.Cej;

/// <summary>
/// The CEJ allowance on hand-worked cases (docs/cej.md, « Le calcul »), with the published rule set: 561,68 € / 337 € / 224,68 €
/// from 1 April 2025 (552,29 € / 331,17 € / 220,92 € before), reductions of ¼, ½, then the whole allowance by rank of the unjustified
/// absence in the contract, 300 € of other income combinable.
/// </summary>
public sealed class AllocationTests
{
    private static readonly ReglesDispositifs R = ReglesDispositifs.Publiees;
    private static readonly DateOnly Adulte = new(2000, 5, 20);

    private static MontantAllocation Calcul(DateOnly mois, DateOnly naissance, FoyerFiscal foyer = FoyerFiscal.NonImposable,
        decimal revenus = 0, bool rsa = false, int absences = 0, int anterieures = 0) =>
        Allocation.Calculer(R, new EntreeAllocation(mois, naissance, foyer, revenus, rsa, absences, anterieures));

    [Fact]
    public void Each_situation_gets_its_amount_of_the_month()
    {
        var mai2025 = new DateOnly(2025, 5, 1);
        Assert.Equal((561.68m, SituationAllocation.MajeurNonImposable), (Calcul(mai2025, Adulte).Montant, Calcul(mai2025, Adulte).Situation));
        Assert.Equal((337m, SituationAllocation.MajeurPremiereTranche),
            (Calcul(mai2025, Adulte, FoyerFiscal.PremiereTranche).Montant, Calcul(mai2025, Adulte, FoyerFiscal.PremiereTranche).Situation));
        var mineur = new DateOnly(2008, 9, 1);
        Assert.Equal((224.68m, SituationAllocation.Mineur), (Calcul(mai2025, mineur).Montant, Calcul(mai2025, mineur).Situation));
        // A minor's amount does not depend on the household (within the first tax band).
        Assert.Equal(224.68m, Calcul(mai2025, mineur, FoyerFiscal.PremiereTranche).Montant);
    }

    [Fact]
    public void The_revaluation_of_1_April_applies_from_the_April_allowance()
    {
        Assert.Equal(552.29m, Calcul(new DateOnly(2025, 3, 1), Adulte).Montant);
        Assert.Equal(561.68m, Calcul(new DateOnly(2025, 4, 1), Adulte).Montant);
        // Any day of the month stands for the month.
        Assert.Equal(552.29m, Calcul(new DateOnly(2025, 3, 31), Adulte).Montant);
        Assert.Equal(500m, Calcul(new DateOnly(2022, 3, 1), Adulte).Montant);
    }

    [Fact]
    public void A_minor_turning_18_during_the_month_is_paid_as_a_minor_that_month_and_as_an_adult_from_the_next()
    {
        var naissance = new DateOnly(2008, 3, 10);
        Assert.Equal((224.68m, SituationAllocation.Mineur), (Calcul(new DateOnly(2026, 3, 1), naissance).Montant, Calcul(new DateOnly(2026, 3, 1), naissance).Situation));
        Assert.Equal(561.68m, Calcul(new DateOnly(2026, 4, 1), naissance).Montant);
        // 18 on the first day of the month: an adult for the whole month.
        Assert.Equal(561.68m, Calcul(new DateOnly(2026, 3, 1), new DateOnly(2008, 3, 1)).Montant);
        Assert.Equal(224.68m, Calcul(new DateOnly(2026, 2, 1), new DateOnly(2008, 3, 1)).Montant);
    }

    [Fact]
    public void Unjustified_absences_reduce_by_their_rank_in_the_contract()
    {
        var juin = new DateOnly(2025, 6, 1);
        // First absence of the contract: a quarter of 561,68 € = 140,42 €.
        var une = Calcul(juin, Adulte, absences: 1);
        Assert.Equal((421.26m, 140.42m), (une.Montant, une.RetenueAbsences));
        // Second absence of the contract (one earlier): half, 280,84 €.
        Assert.Equal(280.84m, Calcul(juin, Adulte, absences: 1, anterieures: 1).Montant);
        // Ranks 1 and 2 in the same month: ¼ + ½ = ¾ of 337 € = 252,75 € withheld.
        Assert.Equal(84.25m, Calcul(juin, Adulte, FoyerFiscal.PremiereTranche, absences: 2).Montant);
        // Third absence onwards: the whole allowance; never below zero.
        Assert.Equal(0m, Calcul(juin, Adulte, absences: 1, anterieures: 2).Montant);
        Assert.Equal(0m, Calcul(juin, Adulte, absences: 3).Montant);
        // A quarter of a minor's 224,68 € is 56,17 €.
        Assert.Equal(168.51m, Calcul(juin, new DateOnly(2009, 1, 1), absences: 1).Montant);
    }

    [Fact]
    public void Other_income_is_combinable_up_to_300_euros_then_deducted()
    {
        var juin = new DateOnly(2025, 6, 1);
        Assert.Equal(561.68m, Calcul(juin, Adulte, revenus: 300m).Montant);
        var plus = Calcul(juin, Adulte, revenus: 400.50m);
        Assert.Equal((461.18m, 100.50m), (plus.Montant, plus.DeductionRevenus));
        Assert.Equal(0m, Calcul(juin, Adulte, revenus: 2000m).Montant);
        // After a quarter withheld (421,26 €), 50 € above the cap: 371,26 €.
        Assert.Equal(371.26m, Calcul(juin, Adulte, revenus: 350m, absences: 1).Montant);
    }

    [Fact]
    public void Nothing_is_due_with_the_RSA_or_the_prime_d_activite()
    {
        var m = Calcul(new DateOnly(2025, 6, 1), Adulte, rsa: true);
        Assert.Equal(0m, m.Montant);
        Assert.Contains("non cumulable", m.Calcul, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_before_the_CEJ_or_negative_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Calcul(new DateOnly(2022, 2, 1), Adulte));
        Assert.Throws<ArgumentException>(() => Calcul(new DateOnly(2025, 6, 1), Adulte, revenus: -1m));
        Assert.Throws<ArgumentException>(() => Calcul(new DateOnly(2025, 6, 1), Adulte, absences: -1));
    }

    [Fact]
    public void A_future_value_of_the_rule_set_changes_that_month_on_and_no_earlier_month()
    {
        var reforme = R.Avec("cej.allocation_majeur_non_imposable", new ValeurDatee(600m, new DateOnly(2027, 4, 1), null, "revalorisation d'essai"));
        Assert.Equal(600m, Allocation.Calculer(reforme, new EntreeAllocation(new DateOnly(2027, 4, 1), Adulte, FoyerFiscal.NonImposable, 0, false, 0, 0)).Montant);
        Assert.Equal(561.68m, Allocation.Calculer(reforme, new EntreeAllocation(new DateOnly(2027, 3, 1), Adulte, FoyerFiscal.NonImposable, 0, false, 0, 0)).Montant);
    }
}
