using Jalon.Domain;
using Jalon.Domain.Pilotage;

namespace Jalon.Core.Tests.Pilotage;

public class MatriceTests
{
    private static RatiosStructure S(string code, params (string Cle, double? Valeur)[] v) =>
        new(code, "ML " + code, v.ToDictionary(x => x.Cle, x => x.Valeur));

    [Fact]
    public void Scores_are_weighted_means_of_z_scores_within_the_region()
    {
        var config = new ConfigurationMatrice([new("A", 1, Sens.Hausse)], [new("B", 1, Sens.Baisse)]);
        var points = MatricePerformance.Calculer(
            [S("1", ("A", 10), ("B", 0.1)), S("2", ("A", 20), ("B", 0.3)), S("3", ("A", 30), ("B", 0.2))], config);
        // A: mean 20, population sd sqrt(200/3) = 8.165 → z = −1.2247, 0, +1.2247
        Assert.Equal(-1.2247, points[0].Efficacite!.Value, 4);
        Assert.Equal(0, points[1].Efficacite!.Value, 6);
        Assert.Equal(1.2247, points[2].Efficacite!.Value, 4);
        // B: lower is better, so the lowest value gets the highest score.
        Assert.Equal(1.2247, points[0].Performance!.Value, 4);
        Assert.Equal(-1.2247, points[1].Performance!.Value, 4);
        Assert.Equal(0, points.Sum(p => p.Efficacite!.Value), 9);
    }

    [Fact]
    public void Weights_are_data_and_missing_ratios_are_left_out()
    {
        var config = new ConfigurationMatrice(
            [new("A", 3, Sens.Hausse), new("C", 1, Sens.Hausse)],
            [new("B", 1, Sens.Hausse)]);
        var points = MatricePerformance.Calculer(
            [S("1", ("A", 0), ("C", 1), ("B", null)), S("2", ("A", 1), ("C", 0), ("B", null)), S("3", ("A", 2))], config);
        // A: z = −1.2247, 0, 1.2247; C (known for 1 and 2 only): z = +1, −1.
        Assert.Equal((3 * -1.2247 + 1 * 1) / 4, points[0].Efficacite!.Value, 3);
        Assert.Equal((3 * 0 + 1 * -1) / 4.0, points[1].Efficacite!.Value, 6);
        Assert.Equal(1.2247, points[2].Efficacite!.Value, 4); // only A known: re-normalized
        Assert.All(points, p => Assert.Null(p.Performance));
        Assert.Null(points[0].Lecture);
    }

    [Fact]
    public void Identical_values_give_zero_and_the_default_configuration_is_valid()
    {
        var config = new ConfigurationMatrice([new("A", 1, Sens.Hausse)], [new("A", 1, Sens.Hausse)]);
        var points = MatricePerformance.Calculer([S("1", ("A", 5)), S("2", ("A", 5))], config);
        Assert.All(points, p => Assert.Equal(0, p.Efficacite));
        var defaut = Jalon.Indicators.Catalogues.Catalogue.Load("cpo-2015").Matrice!;
        Assert.Equal(["R1", "R3", "R5", "R12", "R13", "I10.1.e"], defaut.Efficacite.Select(p => p.Cle));
        Assert.Equal(["R7", "R8", "R9", "R10", "R11"], defaut.Performance.Select(p => p.Cle));
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", -1, Sens.Hausse)], [new("B", 1, Sens.Hausse)]).Valider());
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", 1, Sens.Neutre)], [new("B", 1, Sens.Hausse)]).Valider());
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", 0, Sens.Hausse)], [new("B", 1, Sens.Hausse)]).Valider());
    }
}
