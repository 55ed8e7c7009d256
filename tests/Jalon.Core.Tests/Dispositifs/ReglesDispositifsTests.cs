using Jalon.Domain;
using Jalon.Domain.Dispositifs;

namespace Jalon.Core.Tests.Dispositifs;

/// <summary>The published rule set: its values on both sides of each date, its checks, and a future value added as data.</summary>
public sealed class ReglesDispositifsTests
{
    private static readonly ReglesDispositifs R = ReglesDispositifs.Publiees;

    [Fact]
    public void Every_value_of_the_published_set_has_a_source_and_a_start()
    {
        Assert.NotEmpty(R.Regles);
        foreach (var regle in R.Regles)
        {
            Assert.False(string.IsNullOrWhiteSpace(regle.Libelle), regle.Cle);
            Assert.All(regle.Valeurs, v => Assert.False(string.IsNullOrWhiteSpace(v.Source), regle.Cle));
        }
    }

    [Fact]
    public void The_cej_exists_from_1_march_2022_only()
    {
        Assert.Null(R.Cej(new DateOnly(2022, 2, 28)));
        var cej = R.Cej(new DateOnly(2022, 3, 1));
        Assert.NotNull(cej);
        Assert.Equal(15m, cej.HeuresHebdoMin);
        Assert.Equal(20m, cej.HeuresHebdoMax);
        Assert.Equal(12, cej.DureeMaxMois);
        Assert.Equal(18, cej.DureeMaxTotaleMois);
        Assert.Equal(6, cej.DelaiEntreContratsMois);
        Assert.Equal(16, cej.AgeMin);
        Assert.Equal(25, cej.AgeMaxEntree(rqth: false));
        Assert.Equal(29, cej.AgeMaxEntree(rqth: true));
        Assert.Equal(30, cej.JeunesParConseillerAlerte);
        Assert.Equal([0.25m, 0.5m, 1m], cej.RetenueAbsenceInjustifiee);
    }

    [Theory]
    [InlineData("2022-03-01", 500, 300, 200)]
    [InlineData("2023-03-31", 500, 300, 200)]
    [InlineData("2023-04-01", 528, 316.80, 211.20)]
    [InlineData("2024-03-31", 528, 316.80, 211.20)]
    [InlineData("2024-04-01", 552.29, 331.17, 220.92)]
    [InlineData("2025-03-31", 552.29, 331.17, 220.92)]
    [InlineData("2025-04-01", 561.68, 337, 224.68)]
    [InlineData("2025-04-02", 561.68, 337, 224.68)]
    public void The_cej_allowance_changes_on_each_1_april(string date, double majeur, double tranche, double mineur)
    {
        var cej = R.Cej(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal((decimal)majeur, cej.Allocation(SituationAllocation.MajeurNonImposable));
        Assert.Equal((decimal)tranche, cej.Allocation(SituationAllocation.MajeurPremiereTranche));
        Assert.Equal((decimal)mineur, cej.Allocation(SituationAllocation.Mineur));
    }

    [Fact]
    public void The_pacea_caps_follow_the_rsa_and_the_2021_change()
    {
        Assert.Null(R.Pacea(new DateOnly(2016, 12, 31)));
        var p2020 = R.Pacea(new DateOnly(2020, 12, 31))!;
        Assert.Equal(3m, p2020.PlafondAnnuelEnRsa);
        var p2021 = R.Pacea(new DateOnly(2021, 1, 1))!;
        Assert.Equal(6m, p2021.PlafondAnnuelEnRsa);
        var p = R.Pacea(new DateOnly(2025, 4, 1))!;
        Assert.Equal(1, p.DelaiSignatureMois);
        Assert.Equal(24, p.DureeMaxMois);
        Assert.Equal(646.52m, p.MontantRsa);
        Assert.Equal(568.94m, p.AllocationMensuelleMax); // 646.52 × 0.88
        Assert.Equal(3879.12m, p.AllocationAnnuelleMax); // 6 × 646.52
        Assert.Equal(300m, p.AutresRevenusCumulables);
        Assert.Equal(635.71m, R.Pacea(new DateOnly(2025, 3, 31))!.MontantRsa);
    }

    [Fact]
    public void Dispositif_codes_keep_the_stored_byte_values_and_read_CEJ_and_PACEA()
    {
        Assert.Equal(5, (byte)Dispositif.Local);
        Assert.Equal(6, (byte)Dispositif.Cej);
        Assert.Equal(7, (byte)Dispositif.Pacea);
        Assert.True(Codes.TryParse<Dispositif>("CEJ", out var cej) && cej == Dispositif.Cej);
        Assert.True(Codes.TryParse<Dispositif>("PACEA", out var pacea) && pacea == Dispositif.Pacea);
        Assert.True(Dispositif.Cej.IsNational());
        Assert.True(Dispositif.Pacea.IsNational());
        Assert.False(Dispositif.Cej.IsRegionalOrLocal());
        Assert.True(Dispositif.Local.IsRegionalOrLocal());
    }

    [Fact]
    public void A_future_value_added_as_data_changes_future_months_and_not_past_ones()
    {
        // A revaluation of 1 April 2027, written as data: the JSON text gains one dated value, no code changes.
        var json = ReglesDispositifs.PublieesJson.Replace(
            "{ \"valeur\": 561.68, \"debut\": \"2025-04-01\", \"source\"",
            "{ \"valeur\": 561.68, \"debut\": \"2025-04-01\", \"fin\": \"2027-03-31\", \"source\"",
            StringComparison.Ordinal);
        var marker = "Revalorisation du 1er avril 2025 (+ 1,7 %, art. L. 161-25 du code de la sécurité sociale) : 561,68 €\" }";
        Assert.Contains(marker, json, StringComparison.Ordinal);
        json = json.Replace(marker, marker + ",\n { \"valeur\": 575, \"debut\": \"2027-04-01\", \"source\": \"Revalorisation du 1er avril 2027 (essai)\" }", StringComparison.Ordinal);
        var changed = ReglesDispositifs.Parse(json);

        foreach (var month in Months(new DateOnly(2022, 3, 1), new DateOnly(2027, 3, 1)))
            Assert.Equal(R.Cej(month), changed.Cej(month)! with { RetenueAbsenceInjustifiee = R.Cej(month)!.RetenueAbsenceInjustifiee });
        Assert.Equal(561.68m, changed.Cej(new DateOnly(2027, 3, 31))!.AllocationMajeurNonImposable);
        Assert.Equal(575m, changed.Cej(new DateOnly(2027, 4, 1))!.AllocationMajeurNonImposable);
        Assert.Equal(561.68m, R.Cej(new DateOnly(2027, 4, 1))!.AllocationMajeurNonImposable);

        // The same through the API: the open value is closed the day before.
        var avec = R.Avec("cej.heures_hebdo_min", new ValeurDatee(16, new DateOnly(2028, 1, 1), null, "Réforme d'essai"));
        Assert.Equal(15m, avec.Cej(new DateOnly(2027, 12, 31))!.HeuresHebdoMin);
        Assert.Equal(16m, avec.Cej(new DateOnly(2028, 1, 1))!.HeuresHebdoMin);
        foreach (var month in Months(new DateOnly(2022, 3, 1), new DateOnly(2027, 12, 1)))
            Assert.Equal(R.Cej(month)!.HeuresHebdoMin, avec.Cej(month)!.HeuresHebdoMin);
        Assert.Throws<ReglesException>(() => R.Avec("cej.heures_hebdo_min", new ValeurDatee(16, new DateOnly(2022, 3, 1), null, "rétroactif")));
    }

    [Fact]
    public void A_malformed_rule_set_is_refused_with_every_problem_in_french()
    {
        const string json = """
            { "regles": [
              { "cle": "a", "libelle": "A", "unite": "mois", "valeurs": [
                { "valeur": 1, "debut": "2020-01-01", "source": "s" },
                { "valeur": 2, "debut": "2021-01-01", "source": "s" } ] },
              { "cle": "b", "libelle": "B", "unite": "mois", "valeurs": [ { "valeur": 1, "debut": "2020-13-01" } ] },
              { "cle": "a", "libelle": "A", "unite": "mois", "valeurs": [] } ] }
            """;
        var e = Assert.Throws<ReglesException>(() => ReglesDispositifs.Parse(json));
        Assert.Contains(e.Problemes, p => p.StartsWith("a : la valeur du 2021-01-01 chevauche", StringComparison.Ordinal));
        Assert.Contains(e.Problemes, p => p.Contains("« 2020-13-01 » invalide", StringComparison.Ordinal));
        Assert.Contains(e.Problemes, p => p == "b : la valeur du 0001-01-01 n'a pas de source.");
        Assert.Contains(e.Problemes, p => p == "a : clé en double.");
        Assert.Contains(e.Problemes, p => p == "a : aucune valeur.");
    }

    private static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddMonths(1)) yield return d;
    }
}
