using System.Numerics;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Financement;

namespace Jalon.Core.Tests.Financement;

/// <summary>The allocation mechanism on a hand-checked example (docs/financement-region.md, « Exemple »).</summary>
public sealed class AllocationTests
{
    internal static readonly GrilleFinancement Grille = Catalogue.Load("region-alsace-2015").Financement!;

    /// <summary>
    /// Three structures. Axis 1: JANO 1000 / 2000 / 1000, first receptions 10 / 30 / 0, JDI 50 / 50 / 100, nobody had a
    /// professional situation (RG4 drops out). Axis 2: nobody entered a scheme (equal shares).
    /// </summary>
    internal static AllocationRequest Exemple(decimal enveloppe = 100_000.01m) => new()
    {
        Grille = Grille,
        Enveloppe = enveloppe,
        Structures = ["C", "A", "B"],
        Valeurs = new Dictionary<(string, string), long>
        {
            [("A", "RG1")] = 1000, [("B", "RG1")] = 2000, [("C", "RG1")] = 1000,
            [("A", "RG2")] = 10, [("B", "RG2")] = 30, [("C", "RG2")] = 0,
            [("A", "RG3")] = 50, [("B", "RG3")] = 50, [("C", "RG3")] = 100,
            [("A", "RG4")] = 0, [("B", "RG4")] = 0, [("C", "RG4")] = 0,
            [("A", "RG5")] = 0, [("B", "RG5")] = 0, [("C", "RG5")] = 0,
            [("A", "RG6")] = 0, [("B", "RG6")] = 0, [("C", "RG6")] = 0,
            [("A", "RG7")] = 0, [("B", "RG7")] = 0, [("C", "RG7")] = 0,
        },
    };

    [Fact]
    public void The_hand_checked_example()
    {
        var r = Allocation.Allouer(Exemple());

        // 10 000 001 cents: 5 000 000,5 / 3 500 000,35 / 1 500 000,15 → the cent left goes to axis 1 (largest remainder).
        Assert.Equal([50_000.01m, 35_000.00m, 15_000.00m], r.Axes.Select(a => a.Montant));
        Assert.Equal([0.5m, 0.35m, 0.15m], r.Axes.Select(a => a.Part));
        Assert.Equal(["A", "B", "C"], r.Structures.Select(s => s.Structure));
        // Axis 1 shares (RG1, RG2, RG3 equal weights; RG4 has a zero regional total and drops out): A 1/4, B 1/2, C 1/4.
        Assert.Equal([12_500.00m, 25_000.01m, 12_500.00m], r.Structures.Select(s => s.ParAxe[0]));
        // Axis 2: no entry in the region, equal shares; the 2 cents left go to the first structures.
        Assert.Equal([11_666.67m, 11_666.67m, 11_666.66m], r.Structures.Select(s => s.ParAxe[1]));
        Assert.Equal([5_000m, 5_000m, 5_000m], r.Structures.Select(s => s.ParAxe[2]));
        Assert.Equal([29_166.67m, 41_666.68m, 29_166.66m], r.Structures.Select(s => s.Total));
        Assert.Equal([23_333.34m, 33_333.34m, 23_333.33m], r.Structures.Select(s => s.PremierVersement));
        Assert.Equal([5_833.33m, 8_333.34m, 5_833.33m], r.Structures.Select(s => s.Solde));
        Assert.Equal(0m, r.NonAttribue);
    }

    [Fact]
    public void Weights_change_the_shares_of_their_axis_only()
    {
        var r = Allocation.Allouer(Exemple() with { Poids = new Dictionary<(int, string), decimal> { [(1, "RG3")] = 3m } });
        // A (1/4 + 1/4 + 3 × 1/4) / 5 = 1/4; B (1/2 + 3/4 + 3 × 1/4) / 5 = 2/5; C (1/4 + 0 + 3 × 1/2) / 5 = 7/20.
        Assert.Equal([12_500.00m, 20_000.01m, 17_500.00m], r.Structures.Select(s => s.ParAxe[0]));
        Assert.Equal([11_666.67m, 11_666.67m, 11_666.66m], r.Structures.Select(s => s.ParAxe[1]));
    }

    [Fact]
    public void Decided_structures_get_their_amount_and_the_others_share_the_rest()
    {
        var decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [3] = [new("A", 9_000m, "Projet coopératif"), new("B", 1_000m, "Rien")] };
        var r = Allocation.Allouer(Exemple() with { Decisions = decisions });
        Assert.Equal([9_000m, 1_000m, 5_000m], r.Structures.Select(s => s.ParAxe[2]));
        Assert.Equal(0m, r.NonAttribue);
        // The first payment keeps the equal share of axis 3; the balance follows the decision.
        Assert.Equal([23_333.34m, 33_333.34m, 23_333.33m], r.Structures.Select(s => s.PremierVersement));
        Assert.Equal([9_833.33m, 4_333.34m, 5_833.33m], r.Structures.Select(s => s.Solde));
    }

    [Fact]
    public void When_every_structure_is_decided_the_rest_is_reported_unspent()
    {
        var decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>>
        {
            [3] = [new("A", 9_000m, "x"), new("B", 1_000m, "y"), new("C", 2_000.5m, "z")],
        };
        var r = Allocation.Allouer(Exemple() with { Decisions = decisions });
        Assert.Equal(2_999.50m, r.NonAttribue);
        Assert.Equal(15_000m, r.Structures.Sum(s => s.ParAxe[2]) + r.NonAttribue);
        Assert.Equal(37_666.68m, r.Of("B").Total);
        Assert.Equal(4_333.34m, r.Of("B").Solde);
        Assert.Equal(2_833.83m, r.Of("C").Solde);
    }

    [Fact]
    public void Decisions_above_the_axis_envelope_are_refused_in_french()
    {
        var decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [3] = [new("A", 10_000m, "x"), new("B", 5_000.01m, "y")] };
        var e = Assert.Throws<AllocationException>(() => Allocation.Allouer(Exemple() with { Decisions = decisions }));
        Assert.Equal("Axe 3 : les montants décidés (15000.01 €) dépassent l'enveloppe de l'axe (15000.00 €).", e.Message);
    }

    [Fact]
    public void Largest_remainder_gives_every_cent_and_breaks_ties_by_order()
    {
        Assert.Equal([34L, 33L, 33L], Allocation.Apportion(100, [BigInteger.One, BigInteger.One, BigInteger.One]));
        Assert.Equal([0L, 1L], Allocation.Apportion(1, [new BigInteger(1), new BigInteger(2)]));
        Assert.Equal([7L, 0L], Allocation.Apportion(7, [new BigInteger(5), BigInteger.Zero]));
    }

    [Fact]
    public void Simulation_says_what_ten_percent_more_brings()
    {
        var (avant, apres) = Allocation.Simuler(Exemple(), "A", "RG2", 1.10m);
        // A's first receptions 10 → 11: RG2 total 41, A's axis-1 share (1/4 + 11/41 + 1/4) / 3.
        Assert.Equal(29_166.67m, avant.Total);
        Assert.True(apres.Total > avant.Total);
        var attendu = Math.Round(5_000_001m * (0.25m + 11m / 41m + 0.25m) / 3m, 0, MidpointRounding.ToZero) / 100m;
        Assert.InRange(apres.ParAxe[0] - attendu, 0m, 0.01m);
    }
}
