using Jalon.Core.Tests.Indicators;
using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Generator;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Qualite;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Qualite;

/// <summary>
/// The data-quality assistant on hand-built files: each kind of finding is found, and each kind's impact (the engine on
/// the data with the obvious fix applied) is the figures worked out by hand, and the same as the engine on the data fixed by
/// the test itself.
/// </summary>
public sealed class QualityAnalysisTests
{
    private static readonly DateOnly Today = D("2017-06-01");
    private static readonly Catalogue Cpo = Catalogue.Load(Catalogue.Defaut);

    /// <summary>A young person of ML01 with a commune (so that no « commune manquante » finding is made unless asked).</summary>
    private static int Jeune(Journeys t, string premierAccueil = "2016-02-01", string naissance = "1996-01-01", string? commune = "67482", bool qpv = false) =>
        t.Builder.AddJeune(new Jeune(0, "J" + t.Builder.Jeunes.Count, D(naissance), Sexe.F, Niveau.IV, true, commune, qpv, false, D(premierAccueil)));

    /// <summary>
    /// Checks the kind is found for <paramref name="jeune"/> only, then that its impact on <paramref name="period"/> holds
    /// <paramref name="expected"/> (worked out by hand) and equals the engine's figures on the data fixed by hand.
    /// </summary>
    private static KindImpact Check(Func<bool, JourneyPackage> scenario, QualityKind kind, int jeune, Period period, params (string Cle, Ventilation? V, double Avant, double Apres)[] expected)
    {
        var package = scenario(false);
        var report = QualityAnalysis.Analyse(package, Today);
        var found = Assert.Single(report.Findings);
        Assert.Equal(kind, found.Kind);
        Assert.Equal(jeune, found.Jeune);
        Assert.False(report.IsClean(jeune));

        var request = new IndicatorRequest(period);
        var impact = Assert.Single(QualityImpact.ParType(report, Cpo, request, "ML01"));
        Assert.Equal(kind, impact.Kind);
        Assert.Equal(1, impact.Constats);
        foreach (var (cle, v, avant, apres) in expected)
        {
            var shift = Assert.Single(impact.Indicateurs, s => s.Cle == cle && s.Ventilation == v);
            Assert.Equal(avant, shift.Avant);
            Assert.Equal(apres, shift.Apres);
        }
        var byHand = QualityImpact.Compare(IndicatorEngine.Compute(package, Cpo, request), IndicatorEngine.Compute(scenario(true), Cpo, request), "ML01");
        Assert.Equal(byHand, impact.Indicateurs);
        // The fixed data have no finding left.
        Assert.Empty(QualityAnalysis.Analyse(QualityAnalysis.Apply(package, report.Findings), Today).Findings);
        Assert.Equal(impact.Indicateurs, QualityImpact.PourDossier(report, Cpo, request, "ML01", jeune));
        return impact;
    }

    [Fact]
    public void A_complete_file_has_no_finding_and_the_share_counts_it()
    {
        var t = new Journeys();
        var clean = Jeune(t);
        t.Contact(clean, "2016-02-01").Parcours(clean, Dispositif.Civis, "2016-02-01", "2016-10-01", MotifFin.Autonomie);
        var missing = Jeune(t, commune: null);
        var report = QualityAnalysis.Analyse(t.Build(), Today);
        Assert.Empty(report.Of(clean));
        Assert.Equal(QualityKind.CommuneManquante, Assert.Single(report.Of(missing)).Kind);
        Assert.Equal(0.5, report.CleanShare());
        Assert.Equal(1.0, report.CleanShare([clean]));
        Assert.Equal((2, 1), report.ParStructure()["ML01"]);
    }

    [Fact]
    public void An_age_outside_16_25_and_an_event_before_birth_are_found_without_an_obvious_fix()
    {
        var t = new Journeys();
        var child = Jeune(t, naissance: "2005-01-01");
        var before = Jeune(t);
        t.Contact(before, "1990-01-01");
        var report = QualityAnalysis.Analyse(t.Build(), Today);
        var age = Assert.Single(report.Of(child));
        Assert.Equal(QualityKind.AgeHorsTranche, age.Kind);
        Assert.Null(age.Fix);
        Assert.Contains("11 ans", age.Message, StringComparison.Ordinal);
        var birth = Assert.Single(report.Of(before));
        Assert.Equal(QualityKind.DateAvantNaissance, birth.Kind);
        Assert.Equal("contacts.date", birth.Champ);
        var impacts = QualityImpact.ParType(report, Cpo, new IndicatorRequest(Year2016), "ML01");
        Assert.All(impacts, i => Assert.Equal(0, i.Corrigeables));
        Assert.All(impacts, i => Assert.Empty(i.Indicateurs));
    }

    [Fact]
    public void An_event_before_the_first_reception_moves_the_first_reception_into_the_year()
    {
        // Received 15 January 2017 but seen in an interview on 1 November 2016: fixed, the first reception is in 2016 (I2 0 → 1).
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var j = Jeune(t, premierAccueil: fixedByHand ? "2016-11-01" : "2017-01-15");
            t.Contact(j, "2016-11-01");
            return t.Build();
        }
        Check(Scenario, QualityKind.DateAvantPremierAccueil, 0, Year2016, ("I2", null, 0, 1), ("I2", Ventilation.Femmes, 0, 1));
    }

    [Fact]
    public void A_consolidation_longer_than_4_months_closed_after_4_months_exits_within_the_half_year()
    {
        // Consolidation from 10 January to 30 September 2016: fixed, it ends on 10 May, within the first half-year (I8, I8.1 0 → 1).
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var j = Jeune(t, premierAccueil: "2016-01-05");
            t.Parcours(j, Dispositif.Consolidation, "2016-01-10", fixedByHand ? "2016-05-10" : "2016-09-30", MotifFin.Autonomie);
            return t.Build();
        }
        Check(Scenario, QualityKind.ConsolidationTropLongue, 0, new Period(D("2016-01-01"), D("2016-06-30")), ("I8", null, 0, 1), ("I8.1", null, 0, 1));
    }

    [Fact]
    public void Overlapping_national_paths_close_the_first_the_day_before_the_second_as_a_reorientation()
    {
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var j = Jeune(t, premierAccueil: "2016-01-01");
            if (fixedByHand) t.Parcours(j, Dispositif.Civis, "2016-01-01", "2016-05-31", MotifFin.Reorientation);
            else t.Parcours(j, Dispositif.Civis, "2016-01-01");
            t.Parcours(j, Dispositif.GarantieJeunes, "2016-06-01", neet: true);
            return t.Build();
        }
        Check(Scenario, QualityKind.NationauxChevauchants, 0, Year2016, ("I8.1", null, 0, 1), ("I8.1.r", null, 0, 1));
    }

    /// <summary>Two clean exits from CIVIS as réorientations, and a third exit whose reason is <paramref name="motif"/>.</summary>
    private static JourneyPackage ThreeExits(MotifFin? motif)
    {
        var t = new Journeys();
        for (var k = 0; k < 3; k++)
        {
            var j = Jeune(t);
            t.Parcours(j, Dispositif.Civis, "2016-02-01", "2016-04-01", k < 2 ? MotifFin.Reorientation : motif);
        }
        return t.Build();
    }

    [Fact]
    public void An_exit_without_reason_takes_the_most_frequent_reason_of_the_structure()
    {
        // Fixed, the third exit is a réorientation like the others: I8.1.r 2 → 3, sans solution I8.1.i 1 → 0.
        var impact = Check(fixedByHand => ThreeExits(fixedByHand ? MotifFin.Reorientation : null), QualityKind.SortieSansMotif, 2, Year2016,
            ("I8.1.r", null, 2, 3), ("I8.1.i", null, 1, 0));
        Assert.Equal(1, impact.Corrigeables);
    }

    [Fact]
    public void An_exit_reason_autre_takes_the_most_frequent_reason_of_the_structure()
    {
        Check(fixedByHand => ThreeExits(fixedByHand ? MotifFin.Reorientation : MotifFin.Autre), QualityKind.MotifAutre, 2, Year2016,
            ("I8.1.r", null, 2, 3), ("I8.1.i", null, 1, 0));
    }

    [Fact]
    public void A_garantie_jeunes_open_past_18_months_is_closed_at_its_maximum_length()
    {
        // GJ from 1 January 2015, still open on 1 June 2017: fixed, it ends on 1 July 2016 (an exit of 2016 without solution;
        // no longer in a national path at the end of 2016).
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var j = Jeune(t, premierAccueil: "2015-01-01");
            t.Parcours(j, Dispositif.GarantieJeunes, "2015-01-01", fixedByHand ? "2016-07-01" : null, fixedByHand ? MotifFin.FinDispositif : null, neet: true);
            return t.Build();
        }
        Check(Scenario, QualityKind.ParcoursSansFinAuDelaDuree, 0, Year2016, ("I8.1", null, 0, 1), ("I8.1.i", null, 0, 1), ("I4.1.fin", null, 1, 0));
    }

    [Fact]
    public void A_garantie_jeunes_without_the_neet_flag_counts_in_the_neet_breakdown_once_fixed()
    {
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var j = Jeune(t);
            t.Parcours(j, Dispositif.GarantieJeunes, "2016-03-01", neet: fixedByHand);
            return t.Build();
        }
        Check(Scenario, QualityKind.NeetManquant, 0, Year2016, ("I3", Ventilation.Neet, 0, 1), ("I3.1", Ventilation.Neet, 0, 1));
    }

    [Fact]
    public void A_missing_commune_takes_the_structure_s_most_frequent_commune_and_its_zones()
    {
        // Two young people of a QPV commune, one without commune: fixed, all three are in the QPV (I1 qpv 2 → 3).
        JourneyPackage Scenario(bool fixedByHand)
        {
            var t = new Journeys();
            var a = Jeune(t, commune: "67482", qpv: true);
            var b = Jeune(t, commune: "67482", qpv: true);
            var c = Jeune(t, commune: fixedByHand ? "67482" : null, qpv: fixedByHand);
            foreach (var j in new[] { a, b, c }) t.Contact(j, "2016-03-01");
            return t.Build();
        }
        Check(Scenario, QualityKind.CommuneManquante, 2, Year2016, ("I1", Ventilation.Qpv, 2, 3), ("I2", Ventilation.Qpv, 2, 3));
    }

    [Fact]
    public void The_trend_reads_the_files_as_they_stood_at_each_month_end()
    {
        var t = new Journeys();
        var j = Jeune(t, premierAccueil: "2016-05-10");
        t.Parcours(j, Dispositif.Civis, "2016-05-10", "2016-09-15");
        var late = Jeune(t, premierAccueil: "2016-10-02");
        t.Contact(late, "2016-10-02");
        var trend = QualityAnalysis.Tendance(t.Build(), D("2017-01-10"), 12);
        Assert.Equal(12, trend.Count);
        Assert.Equal(D("2016-01-31"), trend[0].FinDeMois);
        Assert.Equal(D("2016-12-31"), trend[^1].FinDeMois);
        Assert.Equal((0, (double?)null), (trend[3].Dossiers, trend[3].Part));          // April: nobody received yet
        Assert.Equal((1, (double?)1.0), (trend[7].Dossiers, trend[7].Part));           // August: the CIVIS is open, the file is clean
        Assert.Equal((1, (double?)0.0), (trend[8].Dossiers, trend[8].Part));           // September: the exit has no reason
        Assert.Equal((2, (double?)0.5), (trend[9].Dossiers, trend[9].Part));           // October: a clean file more
    }

    [Fact]
    public void On_a_generated_package_the_share_is_a_proportion_and_fixing_a_file_leaves_the_clean_files_clean()
    {
        var package = JourneyGenerator.Generate(new GeneratorOptions { Structures = 3, Jeunes = 3000, Seed = 5, Annee = 2016 });
        var today = D("2017-03-15");
        var report = QualityAnalysis.Analyse(package, today);
        Assert.InRange(report.CleanShare()!.Value, 0.0, 1.0);
        foreach (var (_, (dossiers, sansConstat)) in report.ParStructure()) Assert.InRange(sansConstat, 0, dossiers);
        Assert.NotEmpty(report.Findings);
        var clean = report.Jeunes.Where(report.IsClean).ToArray();
        Assert.NotEmpty(clean);
        var rng = new Random(7);
        var withFindings = report.Jeunes.Where(j => !report.IsClean(j)).ToArray();
        for (var trial = 0; trial < 20; trial++)
        {
            var file = withFindings[rng.Next(withFindings.Length)];
            var fixedPackage = QualityAnalysis.Apply(package, report.Of(file));
            var after = QualityAnalysis.Analyse(fixedPackage, today);
            Assert.All(clean, j => Assert.True(after.IsClean(j), $"le dossier {package.Jeunes[j].Id} avait zéro constat"));
            Assert.All(report.Jeunes.Where(j => j != file), j => Assert.Equal(report.Of(j).Count, after.Of(j).Count));
            Assert.True(after.Of(file).Count(f => f.Fix is not null) < report.Of(file).Count(f => f.Fix is not null) || report.Of(file).All(f => f.Fix is null));
        }
    }
}
