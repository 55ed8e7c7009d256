using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Indicators;

/// <summary>Levels, breakdowns, money and context, null propagation, zero denominators, N−1.</summary>
public sealed class EngineTests
{
    private static readonly Catalogue Cpo = Catalogue.Load("cpo-2015");

    [Fact]
    public void Counts_have_distinct_young_people_and_their_breakdowns()
    {
        var t = new Journeys();
        var all = t.Jeune("2016-02-01", Sexe.F, Niveau.V, diplome: false, qpv: true, zrr: true);
        t.Contact(all, "2016-03-01").Contact(all, "2016-04-01"); // several actualités: counted once
        t.Jeune("2016-03-01", Sexe.H, Niveau.V, diplome: true);
        t.Jeune("2016-04-01", Sexe.H, Niveau.VBis, diplome: true);
        t.Jeune("2016-05-01", Sexe.F, Niveau.VI);
        t.Jeune("2015-05-01");
        var i1 = IndicatorEngine.Compute(t.Build(), Cpo, Year2016).Get(Level.Structure, "ML01", "I1");
        Assert.Equal(4, i1.Count);
        Assert.Equal(2, i1.Femmes);
        Assert.Equal(3, i1.InfraV); // V without diploma, VBIS, VI
        Assert.Equal(1, i1.Qpv);
        Assert.Equal(1, i1.Zrr);
        Assert.Null(i1.Neet);
    }

    [Fact]
    public void The_neet_breakdown_is_given_for_the_I3_family_only()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Regional, "2016-02-01", neet: true);
        var k = t.Jeune();
        t.Parcours(k, Dispositif.Civis, "2016-02-01", neet: false);
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        Assert.Equal((2L, 1L), (r.Get(Level.National, "FR", "I3").Count!.Value, r.Get(Level.National, "FR", "I3").Neet!.Value));
        Assert.Equal(0, r.Get(Level.National, "FR", "I3.1").Neet);
        Assert.Equal(1, r.Get(Level.National, "FR", "I3.2").Neet);
        Assert.Null(r.Get(Level.National, "FR", "I4").Neet);
    }

    [Fact]
    public void Money_and_context_are_read_for_the_year_of_fin_and_summed()
    {
        var t = new Journeys(("ML01", "84"), ("ML02", "84"));
        t.Moyens(0, 2015, jano: 1).Moyens(0, 2016, jano: 1000).Moyens(1, 2016, jano: 3000, etpTotal: 5m, etpAccompagnement: 2.5m);
        var period = new Period(D("2015-07-01"), D("2016-06-30"));
        var r = IndicatorEngine.Compute(t.Build(), Cpo, period);
        Assert.Equal(1000.0, r.Get(Level.Structure, "ML01", "C0.1").Number);
        Assert.Equal(4000.0, r.Get(Level.Region, "84", "C0.1").Number);
        Assert.Equal(15.0, r.Get(Level.National, "FR", "I9").Number);
        Assert.Equal(10.5 / 15.0, r.Get(Level.National, "FR", "R12").Number);
        Assert.Equal(0.4, r.Get(Level.National, "FR", "I10.1.b.part").Number);
    }

    [Fact]
    public void A_missing_figure_is_null_and_so_is_every_sum_and_ratio_built_on_it()
    {
        var t = new Journeys(("ML01", "84"), ("ML02", "84"), ("ML03", "11"));
        var j = t.Jeune("2016-03-01", structure: 0);
        t.Parcours(j, Dispositif.Civis, "2016-03-01");
        t.Jeune("2016-03-01", structure: 2);
        t.Moyens(0, 2016, fse: null).Moyens(2, 2016); // ML02 has no moyens row at all
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        Assert.Null(r.Get(Level.Structure, "ML01", "I10.1.c").Number);
        Assert.Null(r.Get(Level.Structure, "ML01", "I10.1.c.part").Number);
        Assert.Equal(200_000.0, r.Get(Level.Structure, "ML01", "I10.1.b").Number);
        Assert.Equal(200_000.0, r.Get(Level.Structure, "ML01", "I10.1.e").Number); // 200 000 / 1 accompanied
        Assert.Null(r.Get(Level.Structure, "ML02", "C0.1").Number);
        Assert.Null(r.Get(Level.Structure, "ML02", "R1").Number);
        Assert.Null(r.Get(Level.Region, "84", "C0.1").Number);  // one term missing
        Assert.Null(r.Get(Level.Region, "84", "R1").Number);
        Assert.Null(r.Get(Level.National, "FR", "I9").Number);
        Assert.Equal(1000.0, r.Get(Level.Region, "11", "C0.1").Number);
        Assert.Equal(0.001, r.Get(Level.Region, "11", "R1").Number);
    }

    [Fact]
    public void Ratios_and_means_with_a_zero_denominator_are_null()
    {
        var t = new Journeys();
        t.Jeune("2014-01-01");
        t.Moyens(0, 2016, jano: 0, etpAccompagnement: 0m, total: 0m);
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        foreach (var key in new[] { "R1", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R13", "I10.1.a.part", "I10.1.d", "I10.1.e", "I5", "I7", "R2" })
            Assert.True(r.Get(Level.National, "FR", key).Number is null, key);
        Assert.Equal(0.0, r.Get(Level.National, "FR", "C0.1").Number);
        Assert.Equal(0, r.Get(Level.National, "FR", "I1").Count);
    }

    [Fact]
    public void R2_divides_by_I2_of_the_previous_year_and_the_previous_year_by_the_year_before()
    {
        var t = new Journeys();
        t.Jeune("2014-06-01");
        t.Jeune("2015-01-01");
        t.Jeune("2015-12-31");
        t.Jeune("2016-01-01");
        t.Jeune("2016-06-01");
        t.Jeune("2016-12-31");
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016, withPreviousYear: true);
        Assert.Equal(1.5, r.Get(Level.Structure, "ML01", "R2").Number);
        Assert.Equal(Period.Year(2015), r.Previous!.Period);
        Assert.Equal(2, r.Previous.Get(Level.Structure, "ML01", "I2").Count);
        Assert.Equal(2.0, r.Previous.Get(Level.Structure, "ML01", "R2").Number);
        var alone = IndicatorEngine.Compute(t.Build(), Cpo, Period.Year(2014));
        Assert.Null(alone.Get(Level.Structure, "ML01", "R2").Number); // nobody received in 2013
    }

    [Fact]
    public void Means_are_recomputed_from_summed_days_and_counts_never_averaged()
    {
        var t = new Journeys(("ML01", "84"), ("ML02", "84"));
        var a = t.Jeune(structure: 0);
        t.Parcours(a, Dispositif.Civis, "2016-01-01", "2016-01-31"); // 30 days
        var b = t.Jeune(structure: 1);
        t.Parcours(b, Dispositif.Civis, "2016-01-01", "2016-03-01")  // 60 days
            .Parcours(b, Dispositif.Local, "2016-01-01", "2016-04-30"); // 120 days
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        Assert.Equal(30 / Dates.DaysPerMonth, r.Get(Level.Structure, "ML01", "I5").Number!.Value, 12);
        Assert.Equal(90 / Dates.DaysPerMonth, r.Get(Level.Structure, "ML02", "I5").Number!.Value, 12);
        // (30 + 60 + 120) / 3, not the mean of the two structures' means (60).
        Assert.Equal(70 / Dates.DaysPerMonth, r.Get(Level.Region, "84", "I5").Number!.Value, 12);
    }

    [Fact]
    public void Overlapping_paths_count_the_young_person_once_and_each_path_row_in_the_means()
    {
        var t = new Journeys();
        var j = t.Jeune("2016-01-15", Sexe.F);
        t.Parcours(j, Dispositif.Civis, "2016-01-15", "2016-06-30", neet: true)
            .Parcours(j, Dispositif.GarantieJeunes, "2016-03-01", "2016-09-30", neet: true)
            .Parcours(j, Dispositif.Local, "2016-02-01", "2016-04-30")
            .Situation(j, TypeSituation.Cdi, "2016-04-01");
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        foreach (var key in new[] { "I1", "I2", "I3", "I3.1", "I4", "I4.1", "I4.3", "I6", "I6.1", "I6.2", "I8", "I8.1", "I8.2", "I8.1.f", "I8.1.f.durable" })
            Assert.True(r.Get(Level.Structure, "ML01", key).Count == 1, key);
        Assert.Equal(1, r.Get(Level.Structure, "ML01", "I3").Neet);
        Assert.Equal(1, r.Get(Level.Structure, "ML01", "I1").Femmes);
        Assert.Equal(0, r.Get(Level.Structure, "ML01", "I3.2").Count);
        // I5: three rows (167 + 213 + 89 days); I7: CDI days in each path (91 + 183 + 30).
        Assert.Equal((167 + 213 + 89) / 3.0 / Dates.DaysPerMonth, r.Get(Level.Structure, "ML01", "I5").Number!.Value, 12);
        Assert.Equal((91 + 183 + 30) / 3.0 / Dates.DaysPerMonth, r.Get(Level.Structure, "ML01", "I7").Number!.Value, 12);
    }

    [Fact]
    public void The_levels_are_structures_then_regions_then_the_nation_sorted_ordinally()
    {
        var t = new Journeys(("ml-b", "84"), ("ML-A", "93"), ("ML-C", "11"));
        var r = IndicatorEngine.Compute(t.Build(), Cpo, Year2016);
        Assert.Equal(["ML-A", "ML-C", "ml-b", "11", "84", "93", "FR"], r.Levels.Select(l => l.Code));
        Assert.Equal(Level.National, r.Levels[^1].Level);
        Assert.False(r.Current.TryGet(Level.Region, "ML-A", "I1", out _));
        Assert.Throws<KeyNotFoundException>(() => r.Get(Level.Structure, "ML-A", "I99"));
    }

    [Fact]
    public void A_reversed_period_is_refused()
    {
        var t = new Journeys();
        Assert.Throws<ArgumentException>(() => IndicatorEngine.Compute(t.Build(), Cpo, new Period(D("2016-12-31"), D("2016-01-01"))));
    }
}
