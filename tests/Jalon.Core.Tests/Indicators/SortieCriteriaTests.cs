using Jalon.Domain;
using Jalon.Indicators.Criteria;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Indicators;

/// <summary>I8 exits and the I8.1 outcome (latest exit, first match wins), I5 and I7 means' measures.</summary>
public sealed class SortieCriteriaTests
{
    private static readonly string[] OutcomeKeys =
    [
        "I8.1", "I8.1.f", "I8.1.f.durable", "I8.1.f.cui", "I8.1.f.cui_cae", "I8.1.f.cui_cie", "I8.1.f.eav", "I8.1.f.alternance",
        "I8.1.f.apprentissage", "I8.1.f.creation", "I8.1.g", "I8.1.g.initiale", "I8.1.g.qualifiante", "I8.1.h", "I8.1.r", "I8.1.i",
    ];

    private static string[] Outcomes(JourneyPackage p, int j) => OutcomeKeys.Where(k => Is(k, p, j)).ToArray();

    [Theory]
    [InlineData("2015-12-31", false)]
    [InlineData("2016-01-01", true)]
    [InlineData("2016-12-31", true)]
    [InlineData("2017-01-01", false)]
    [InlineData(null, false)]
    public void I8_counts_exits_with_fin_within_the_period(string? fin, bool expected)
    {
        var t = new Journeys();
        var national = t.Jeune();
        t.Parcours(national, Dispositif.Ppae, "2015-01-01", fin);
        var regional = t.Jeune();
        t.Parcours(regional, Dispositif.Regional, "2015-01-01", fin);
        var p = t.Build();
        Assert.Equal(expected, Is("I8", p, national));
        Assert.Equal(expected, Is("I8.1", p, national));
        Assert.False(Is("I8.2", p, national));
        Assert.Equal(expected, Is("I8", p, regional));
        Assert.False(Is("I8.1", p, regional));
        Assert.Equal(expected, Is("I8.2", p, regional));
    }

    [Theory]
    [InlineData(TypeSituation.Cdi, "I8.1 I8.1.f I8.1.f.durable")]
    [InlineData(TypeSituation.CuiCae, "I8.1 I8.1.f I8.1.f.cui I8.1.f.cui_cae")]
    [InlineData(TypeSituation.CuiCie, "I8.1 I8.1.f I8.1.f.cui I8.1.f.cui_cie")]
    [InlineData(TypeSituation.Eav, "I8.1 I8.1.f I8.1.f.durable I8.1.f.eav")]
    [InlineData(TypeSituation.ContratPro, "I8.1 I8.1.f I8.1.f.alternance")]
    [InlineData(TypeSituation.Apprentissage, "I8.1 I8.1.f I8.1.f.alternance I8.1.f.apprentissage")]
    [InlineData(TypeSituation.Creation, "I8.1 I8.1.f I8.1.f.creation")]
    [InlineData(TypeSituation.Interim, "I8.1 I8.1.f")]
    [InlineData(TypeSituation.FormationInitiale, "I8.1 I8.1.g I8.1.g.initiale")]
    [InlineData(TypeSituation.FormationQualifiante, "I8.1 I8.1.g I8.1.g.qualifiante")]
    [InlineData(TypeSituation.Formation, "I8.1 I8.1.g")]
    [InlineData(TypeSituation.ServiceCivique, "I8.1 I8.1.h")]
    [InlineData(TypeSituation.Pmsmp, "I8.1 I8.1.i")]
    public void I8_1_outcome_is_read_on_the_exit_date(TypeSituation type, string expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        // Ending on the exit date still counts (active that day); 120 planned days is not durable.
        t.Parcours(j, Dispositif.Civis, "2015-06-01", "2016-06-30").Situation(j, type, "2016-03-01", "2016-06-30", 120);
        Assert.Equal(expected.Split(' '), Outcomes(t.Build(), j));
    }

    [Fact]
    public void I8_1_ignores_a_situation_starting_the_day_after_the_exit()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-06-01", "2016-06-30").Situation(j, TypeSituation.Cdi, "2016-07-01");
        Assert.Equal(["I8.1", "I8.1.i"], Outcomes(t.Build(), j));
    }

    [Fact]
    public void I8_1_reads_the_latest_exit_of_the_period()
    {
        var t = new Journeys();
        var emploiAtFirstExitOnly = t.Jeune();
        t.Parcours(emploiAtFirstExitOnly, Dispositif.Consolidation, "2016-01-01", "2016-03-31")
            .Parcours(emploiAtFirstExitOnly, Dispositif.Civis, "2016-04-01", "2016-09-30")
            .Situation(emploiAtFirstExitOnly, TypeSituation.Cdi, "2016-03-01", "2016-04-15");
        var emploiAtLatestExit = t.Jeune();
        t.Parcours(emploiAtLatestExit, Dispositif.Civis, "2016-04-01", "2016-09-30")
            .Parcours(emploiAtLatestExit, Dispositif.Consolidation, "2016-01-01", "2016-03-31", MotifFin.Reorientation)
            .Situation(emploiAtLatestExit, TypeSituation.Cdi, "2016-09-30");
        var p = t.Build();
        Assert.Equal(["I8.1", "I8.1.i"], Outcomes(p, emploiAtFirstExitOnly));
        Assert.Equal(["I8.1", "I8.1.f", "I8.1.f.durable"], Outcomes(p, emploiAtLatestExit));
        Assert.Equal(ExitOutcome.Emploi, JourneyCriteria.Exit(p.Journey(emploiAtLatestExit), Year2016, out var day));
        Assert.Equal(D("2016-09-30"), day);
    }

    [Fact]
    public void I8_1_outcome_first_match_wins()
    {
        var t = new Journeys();
        var emploiAndFormation = t.Jeune();
        t.Parcours(emploiAndFormation, Dispositif.Civis, "2016-01-01", "2016-06-30", MotifFin.Reorientation)
            .Situation(emploiAndFormation, TypeSituation.Formation, "2016-06-01").Situation(emploiAndFormation, TypeSituation.Cdd, "2016-06-30", null, 30);
        var formationAndCivique = t.Jeune();
        t.Parcours(formationAndCivique, Dispositif.Civis, "2016-01-01", "2016-06-30", MotifFin.Reorientation)
            .Situation(formationAndCivique, TypeSituation.ServiceCivique, "2016-06-01").Situation(formationAndCivique, TypeSituation.FormationInitiale, "2016-06-01");
        var civiqueAndReorientation = t.Jeune();
        t.Parcours(civiqueAndReorientation, Dispositif.Civis, "2016-01-01", "2016-06-30", MotifFin.Reorientation)
            .Situation(civiqueAndReorientation, TypeSituation.ServiceCivique, "2016-06-01");
        var reorientation = t.Jeune();
        t.Parcours(reorientation, Dispositif.Civis, "2016-01-01", "2016-06-30", MotifFin.Reorientation)
            .Situation(reorientation, TypeSituation.Stage, "2016-06-01");
        var p = t.Build();
        Assert.Equal(["I8.1", "I8.1.f"], Outcomes(p, emploiAndFormation));
        Assert.Equal(["I8.1", "I8.1.g", "I8.1.g.initiale"], Outcomes(p, formationAndCivique));
        Assert.Equal(["I8.1", "I8.1.h"], Outcomes(p, civiqueAndReorientation));
        Assert.Equal(["I8.1", "I8.1.r"], Outcomes(p, reorientation));
    }

    [Fact]
    public void I8_1_reorientation_is_read_on_the_path_ended_on_the_exit_date_only()
    {
        var t = new Journeys();
        var earlierReorientation = t.Jeune();
        t.Parcours(earlierReorientation, Dispositif.Consolidation, "2016-01-01", "2016-03-31", MotifFin.Reorientation)
            .Parcours(earlierReorientation, Dispositif.Civis, "2016-04-01", "2016-09-30", MotifFin.Abandon);
        var regionalReorientation = t.Jeune();
        t.Parcours(regionalReorientation, Dispositif.Civis, "2016-01-01", "2016-09-30", MotifFin.Abandon)
            .Parcours(regionalReorientation, Dispositif.Local, "2016-01-01", "2016-09-30", MotifFin.Reorientation);
        var p = t.Build();
        Assert.Equal(["I8.1", "I8.1.i"], Outcomes(p, earlierReorientation));
        Assert.Equal(["I8.1", "I8.1.i"], Outcomes(p, regionalReorientation));
        Assert.True(Is("I8.2", p, regionalReorientation));
    }

    [Fact]
    public void I8_1_f_durable_uses_the_183_day_rule_on_the_exit_date()
    {
        var t = new Journeys();
        var j183 = t.Jeune();
        t.Parcours(j183, Dispositif.Civis, "2015-01-01", "2016-06-30").Situation(j183, TypeSituation.Interim, "2016-06-01", null, 183);
        var j182 = t.Jeune();
        t.Parcours(j182, Dispositif.Civis, "2015-01-01", "2016-06-30").Situation(j182, TypeSituation.Interim, "2016-06-01", null, 182);
        var p = t.Build();
        Assert.True(Is("I8.1.f.durable", p, j183));
        Assert.False(Is("I8.1.f.durable", p, j182));
        Assert.True(Is("I8.1.f", p, j182));
    }

    [Fact]
    public void I5_measures_each_path_ended_within_the_period_in_days()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-06-01", "2016-06-30")      // 395 days
            .Parcours(j, Dispositif.Local, "2016-12-31", "2016-12-31")  // 0 days, still one path
            .Parcours(j, Dispositif.Local, "2016-01-01", "2017-01-01")  // ends after the period
            .Parcours(j, Dispositif.Ppae, "2016-01-01");                // open
        var p = t.Build();
        Assert.Equal((395L, 2L), Measure("duree_parcours_termines", p, j));
    }

    [Fact]
    public void I7_counts_each_employed_day_of_the_path_once()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-01-01", "2016-06-30")
            .Situation(j, TypeSituation.Cdd, "2016-06-01", "2016-06-20")
            .Situation(j, TypeSituation.Interim, "2016-06-10", "2016-06-30")  // overlaps the CDD: days once
            .Situation(j, TypeSituation.Cdi, "2016-06-15")                     // open, inside the union
            .Situation(j, TypeSituation.FormationQualifiante, "2016-01-01");   // not emploi
        var k = t.Jeune();
        t.Parcours(k, Dispositif.Local, "2015-01-01", "2016-03-31").Situation(k, TypeSituation.Eav, "2016-03-31") // 1 day (fin day included)
            .Parcours(k, Dispositif.Civis, "2016-01-01", "2016-02-01")                                            // no emploi day: not an item
            .Parcours(k, Dispositif.Civis, "2016-04-01", "2017-01-01");                                           // ends after the period
        var p = t.Build();
        Assert.Equal((30L, 1L), Measure("jours_emploi_parcours_termines", p, j));
        Assert.Equal((1L, 1L), Measure("jours_emploi_parcours_termines", p, k));
    }

    [Fact]
    public void I7_clips_situations_to_the_path()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-03-01", "2016-03-31")
            .Situation(j, TypeSituation.Cdd, "2016-01-01", "2016-03-10")  // 10 days in the path
            .Situation(j, TypeSituation.Cdd, "2016-03-30", "2016-05-31"); // 2 days in the path
        Assert.Equal((12L, 1L), Measure("jours_emploi_parcours_termines", t.Build(), j));
    }
}
