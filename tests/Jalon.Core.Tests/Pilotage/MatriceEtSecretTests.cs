using Jalon.Domain;
using Jalon.Domain.Pilotage;

namespace Jalon.Core.Tests.Pilotage;

public class MatriceEtSecretTests
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
        Assert.Same(ConfigurationMatrice.Defaut, ConfigurationMatrice.Defaut.Valider());
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", -1, Sens.Hausse)], [new("B", 1, Sens.Hausse)]).Valider());
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", 1, Sens.Neutre)], [new("B", 1, Sens.Hausse)]).Valider());
        Assert.Throws<PilotageException>(() => new ConfigurationMatrice([new("A", 0, Sens.Hausse)], [new("B", 1, Sens.Hausse)]).Valider());
    }

    [Fact]
    public void The_regional_weight_is_the_share_of_jano_defm_and_jdi()
    {
        var poids = PoidsRegionalCalcul.Calculer(
        [
            new DonneesPoids("ML01", 3000, 1000, 600),
            new DonneesPoids("ML02", 1000, 1000, 400),
        ]);
        Assert.Equal(0.75, poids[0].Jano);
        Assert.Equal(0.5, poids[0].Defm);
        Assert.Equal(0.6, poids[0].Jdi);
        Assert.Equal(0.25, poids[1].Jano);
        var incomplet = PoidsRegionalCalcul.Calculer([new DonneesPoids("ML01", 3000, null, 10), new DonneesPoids("ML02", null, 5, 0)]);
        Assert.Null(incomplet[0].Jano);
        Assert.Null(incomplet[0].Defm);
        Assert.Equal(1.0, incomplet[0].Jdi);
    }

    [Theory]
    [InlineData(0L, "< 5")]
    [InlineData(4L, "< 5")]
    [InlineData(5L, "5")]
    [InlineData(12345L, "12\u00A0345")]
    public void Counts_below_five_are_hidden_for_aggregate_only_roles(long valeur, string attendu)
    {
        Assert.True(SecretStatistique.SAppliqueA(Role.AgentEtatRegional));
        Assert.True(SecretStatistique.SAppliqueA(Role.AgentEtatNational));
        Assert.True(SecretStatistique.SAppliqueA(Role.AssociationRegionale));
        Assert.False(SecretStatistique.SAppliqueA(Role.Directeur));
        Assert.Equal(attendu, SecretStatistique.Comptage(valeur, secret: true));
        Assert.Equal(Euros.Entier(valeur), SecretStatistique.Comptage(valeur, secret: false));
    }

    [Fact]
    public void Rates_and_changes_that_would_reveal_a_hidden_count_are_hidden()
    {
        Assert.True(SecretStatistique.RatioMasque(true, 3, 100));
        Assert.False(SecretStatistique.RatioMasque(false, 3, 100));
        Assert.False(SecretStatistique.RatioMasque(true, 30, 100));
        Assert.Equal("< 5", SecretStatistique.EvolutionAffichee(12, 3, true));
        Assert.Null(SecretStatistique.Evolution(12, 3, true));
        Assert.Equal("+9", SecretStatistique.EvolutionAffichee(12, 3, false));
        Assert.Equal("−2", SecretStatistique.EvolutionAffichee(10, 12, true));
        Assert.Equal("< 5", SecretStatistique.ComptageBrut(2, true));
        Assert.Equal("2", SecretStatistique.ComptageBrut(2, false));
        Assert.Equal("—", SecretStatistique.Comptage(null, true));
    }
}
