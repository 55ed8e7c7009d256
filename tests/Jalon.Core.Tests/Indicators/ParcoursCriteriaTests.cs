using Jalon.Domain;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Indicators;

/// <summary>I3 (entries), I4 (presence) and their "dont", I4.2 windows, I4.4, I6 on their boundaries.</summary>
public sealed class ParcoursCriteriaTests
{
    [Theory]
    [InlineData("2015-12-31", false)]
    [InlineData("2016-01-01", true)]
    [InlineData("2016-12-31", true)]
    [InlineData("2017-01-01", false)]
    public void I3_counts_entries_with_debut_within_the_period(string debut, bool expected)
    {
        var t = new Journeys();
        var national = t.Jeune();
        t.Parcours(national, Dispositif.GarantieJeunes, debut, neet: true);
        var regional = t.Jeune();
        t.Parcours(regional, Dispositif.Regional, debut);
        var p = t.Build();
        Assert.Equal(expected, Is("I3", p, national));
        Assert.Equal(expected, Is("I3.neet", p, national));
        Assert.Equal(expected, Is("I3.1", p, national));
        Assert.False(Is("I3.2", p, national));
        Assert.Equal(expected, Is("I3", p, regional));
        Assert.False(Is("I3.neet", p, regional));
        Assert.False(Is("I3.1", p, regional));
        Assert.Equal(expected, Is("I3.2", p, regional));
    }

    [Fact]
    public void I3_2_is_regional_only_within_the_period_a_national_path_begun_earlier_does_not_exclude()
    {
        var t = new Journeys();
        var both = t.Jeune();
        t.Parcours(both, Dispositif.Local, "2016-02-01", neet: true).Parcours(both, Dispositif.Civis, "2016-11-30");
        var earlierNational = t.Jeune();
        t.Parcours(earlierNational, Dispositif.Civis, "2015-12-31").Parcours(earlierNational, Dispositif.Regional, "2016-06-01", neet: true);
        var p = t.Build();
        Assert.False(Is("I3.2", p, both));
        Assert.False(Is("I3.2.neet", p, both));
        Assert.True(Is("I3.1", p, both));
        Assert.True(Is("I3.2", p, earlierNational));
        Assert.True(Is("I3.2.neet", p, earlierNational));
        Assert.False(Is("I3.1", p, earlierNational));
    }

    [Fact]
    public void I3_neet_breakdowns_read_the_entries_each_indicator_counts()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Local, "2016-02-01", neet: true).Parcours(j, Dispositif.Ppae, "2016-05-01", neet: false);
        var earlierNeet = t.Jeune();
        t.Parcours(earlierNeet, Dispositif.Civis, "2015-05-01", neet: true).Parcours(earlierNeet, Dispositif.Civis, "2016-05-01", neet: false);
        var p = t.Build();
        Assert.True(Is("I3.neet", p, j));
        Assert.False(Is("I3.1.neet", p, j));
        Assert.False(Is("I3.neet", p, earlierNeet));
    }

    [Theory]
    [InlineData("2015-01-10", true)]  // long before the first entry
    [InlineData("2016-03-01", true)]  // on the debut of the first entry
    [InlineData("2016-03-02", false)] // after the first entry, even though before the second
    public void R6_numerator_needs_a_diagnostic_on_or_before_the_first_entry_within_the_period(string diagnostic, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune("2015-01-10");
        t.Parcours(j, Dispositif.Local, "2016-06-01").Parcours(j, Dispositif.GarantieJeunes, "2016-03-01");
        t.Contact(j, diagnostic, ModeContact.Entretien, diagnostic: true);
        Assert.Equal(expected, Is("R6.numerateur", t.Build(), j));
    }

    [Fact]
    public void R6_numerator_needs_an_entry_within_the_period()
    {
        var t = new Journeys();
        var j = t.Jeune("2015-01-10");
        t.Parcours(j, Dispositif.Civis, "2015-12-31").Contact(j, "2015-01-10", ModeContact.Entretien, diagnostic: true);
        Assert.False(Is("R6.numerateur", t.Build(), j));
    }

    [Theory]
    [InlineData("2015-01-01", "2015-12-31", false)]
    [InlineData("2015-01-01", "2016-01-01", true)]
    [InlineData("2016-12-31", null, true)]
    [InlineData("2017-01-01", null, false)]
    [InlineData("2010-01-01", null, true)]
    public void I4_counts_paths_overlapping_the_period(string debut, string? fin, bool expected)
    {
        var t = new Journeys();
        var national = t.Jeune();
        t.Parcours(national, Dispositif.Consolidation, debut, fin);
        var regional = t.Jeune();
        t.Parcours(regional, Dispositif.Local, debut, fin);
        var p = t.Build();
        Assert.Equal(expected, Is("I4", p, national));
        Assert.Equal(expected, Is("I4.1", p, national));
        Assert.False(Is("I4.3", p, national));
        Assert.Equal(expected, Is("I4", p, regional));
        Assert.False(Is("I4.1", p, regional));
        Assert.Equal(expected, Is("I4.3", p, regional));
    }

    [Theory]
    [InlineData("2016-02-29", false)] // before the national path
    [InlineData("2016-03-01", true)]  // its first day
    [InlineData("2016-06-30", true)]  // its last day
    [InlineData("2016-07-01", false)] // the day after
    public void I4_1_f_needs_a_start_on_a_day_a_national_path_is_active(string debut, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.GarantieJeunes, "2016-03-01", "2016-06-30").Parcours(j, Dispositif.Local, "2016-01-01", "2016-12-31");
        t.Situation(j, TypeSituation.Cdd, debut, null, 60);
        var p = t.Build();
        Assert.Equal(expected, Is("I4.1.f", p, j));
        Assert.Equal(expected, Is("I4.1.f.emploi", p, j));
    }

    [Fact]
    public void I4_1_f_needs_the_start_within_the_period()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-06-01").Situation(j, TypeSituation.Cdi, "2015-12-31");
        Assert.False(Is("I4.1.f", t.Build(), j));
    }

    [Theory]
    [InlineData(TypeSituation.Pmsmp, "I4.1.f I4.1.f.immersion")]
    [InlineData(TypeSituation.Stage, "I4.1.f I4.1.f.immersion")]
    [InlineData(TypeSituation.Apprentissage, "I4.1.f I4.1.f.emploi I4.1.f.alternance I4.1.f.apprentissage I4.1.f.durable")]
    [InlineData(TypeSituation.ContratPro, "I4.1.f I4.1.f.emploi I4.1.f.alternance I4.1.f.durable")]
    [InlineData(TypeSituation.Cdi, "I4.1.f I4.1.f.emploi I4.1.f.durable")]
    [InlineData(TypeSituation.Eav, "I4.1.f I4.1.f.emploi I4.1.f.durable")]
    [InlineData(TypeSituation.Creation, "I4.1.f I4.1.f.emploi")]
    [InlineData(TypeSituation.ServiceCivique, "I4.1.f I4.1.f.service_civique")]
    [InlineData(TypeSituation.Formation, "I4.1.g")]
    [InlineData(TypeSituation.FormationQualifiante, "I4.1.g I4.1.g.1")]
    [InlineData(TypeSituation.FormationInitiale, "I4.1.g")]
    public void I4_1_f_and_g_sub_keys_follow_the_type_started(TypeSituation type, string expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-01-01").Situation(j, type, "2016-05-01", "2016-12-31");
        var p = t.Build();
        var keys = new[] { "I4.1.f", "I4.1.f.immersion", "I4.1.f.emploi", "I4.1.f.alternance", "I4.1.f.apprentissage", "I4.1.f.durable", "I4.1.f.service_civique", "I4.1.g", "I4.1.g.1" };
        Assert.Equal(expected.Split(' '), keys.Where(k => Is(k, p, j)));
    }

    [Theory]
    [InlineData("2016-03-01", null, 183, true)]
    [InlineData("2016-03-01", null, 182, false)]
    [InlineData("2016-03-01", "2016-08-30", null, true)]   // 183 days, both ends included
    [InlineData("2016-03-01", "2016-08-29", null, false)]  // 182 days
    [InlineData("2016-03-01", "2016-12-31", 90, false)]    // the planned length wins over the dates
    [InlineData("2016-03-01", null, null, false)]          // unknown length
    public void I4_1_f_durable_needs_183_days(string debut, string? fin, int? planned, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Ppae, "2016-01-01").Situation(j, TypeSituation.Cdd, debut, fin, planned);
        Assert.Equal(expected, Is("I4.1.f.durable", t.Build(), j));
    }

    [Fact]
    public void I4_1_h_needs_a_parrainage_overlapping_the_period_and_a_national_path()
    {
        var t = new Journeys();
        var ok = t.Jeune();
        t.Parcours(ok, Dispositif.Civis, "2015-01-01", "2016-01-01").Parrainage(ok, "2016-01-01", "2016-03-01");
        var notWithNational = t.Jeune();
        t.Parcours(notWithNational, Dispositif.Civis, "2016-01-01", "2016-03-31").Parcours(notWithNational, Dispositif.Local, "2016-04-01")
            .Parrainage(notWithNational, "2016-04-01", "2016-06-30");
        var beforePeriod = t.Jeune();
        t.Parcours(beforePeriod, Dispositif.Civis, "2015-01-01").Parrainage(beforePeriod, "2015-02-01", "2015-12-31");
        var open = t.Jeune();
        t.Parcours(open, Dispositif.GarantieJeunes, "2016-12-31").Parrainage(open, "2014-01-01");
        var p = t.Build();
        Assert.True(Is("I4.1.h", p, ok));
        Assert.False(Is("I4.1.h", p, notWithNational));
        Assert.False(Is("I4.1.h", p, beforePeriod));
        Assert.True(Is("I4.1.h", p, open));
    }

    [Theory]
    [InlineData("2016-12-30", false)]
    [InlineData("2016-12-31", true)]
    [InlineData(null, true)]
    public void I4_1_fin_needs_a_national_path_active_on_fin(string? fin, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-01-01", fin).Parcours(j, Dispositif.Regional, "2016-01-01");
        Assert.Equal(expected, Is("I4.1.fin", t.Build(), j));
    }

    [Theory]
    [InlineData("2016-09-30", true)]  // fin − 3 months: outside the window
    [InlineData("2016-10-01", false)]
    [InlineData("2016-12-31", false)]
    [InlineData("2017-01-01", true)]
    public void I4_1_i_needs_no_proposition_in_the_three_months_before_fin(string proposition, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-01-01").Proposition(j, proposition);
        Assert.Equal(expected, Is("I4.1.i", t.Build(), j));
    }

    [Theory]
    [InlineData(TypeSituation.Cdd, "2016-12-31", false)]
    [InlineData(TypeSituation.Formation, null, false)]
    [InlineData(TypeSituation.Cdd, "2016-12-30", true)]
    [InlineData(TypeSituation.Pmsmp, "2016-12-31", true)]
    [InlineData(TypeSituation.ServiceCivique, null, true)]
    public void I4_1_i_excludes_emploi_or_formation_active_on_fin(TypeSituation type, string? fin, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2016-01-01").Situation(j, type, "2016-06-01", fin);
        var p = t.Build();
        Assert.Equal(expected, Is("I4.1.i", p, j));
        Assert.True(Is("I4.1.fin", p, j));
    }

    [Theory]
    [InlineData("2015-08-31", false)] // + 4 months = 2015-12-31
    [InlineData("2015-09-01", true)]  // + 4 months = 2016-01-01
    [InlineData("2016-08-31", true)]  // + 4 months = 2016-12-31
    [InlineData("2016-09-01", false)] // + 4 months = 2017-01-01
    [InlineData("2015-10-31", true)]  // + 4 months = 2016-02-29 (AddMonths clamps)
    public void I4_2_c4_places_the_first_national_debut_plus_4_months_in_the_period(string debut, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, debut, null);
        Assert.Equal(expected, Is("I4.2.c4", t.Build(), j));
    }

    [Theory]
    [InlineData("2014-12-31", false)]
    [InlineData("2015-01-01", true)]
    [InlineData("2015-12-31", true)]
    [InlineData("2016-01-01", false)]
    public void I4_2_c12_places_the_first_national_debut_plus_12_months_in_the_period(string debut, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.GarantieJeunes, debut);
        Assert.Equal(expected, Is("I4.2.c12", t.Build(), j));
    }

    [Fact]
    public void I4_2_reads_the_first_ever_national_path_only()
    {
        var t = new Journeys();
        var j = t.Jeune();
        // A later national path whose anniversary falls in 2016 does not count: the first is 2015-01-01.
        t.Parcours(j, Dispositif.Civis, "2015-09-01").Parcours(j, Dispositif.Consolidation, "2015-01-01", "2015-04-30")
            .Parcours(j, Dispositif.Regional, "2014-01-01");
        var p = t.Build();
        Assert.False(Is("I4.2.c4", p, j));
        Assert.True(Is("I4.2.c12", p, j));
    }

    [Theory]
    [InlineData("2015-08-31", TypeSituation.Cdd, false)] // before the first debut
    [InlineData("2015-09-01", TypeSituation.Cdd, true)]  // the first debut
    [InlineData("2016-01-01", TypeSituation.Formation, true)] // first debut + 4 months, included
    [InlineData("2016-01-02", TypeSituation.Cdd, false)]
    [InlineData("2015-10-01", TypeSituation.Pmsmp, false)]   // immersion is no emploi or formation
    public void I4_2_s4_needs_a_situation_started_in_the_first_four_months(string debut, TypeSituation type, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-09-01").Situation(j, type, debut);
        var p = t.Build();
        Assert.True(Is("I4.2.c4", p, j));
        Assert.Equal(expected, Is("I4.2.s4", p, j));
    }

    [Theory]
    [InlineData("2016-06-01", true)]  // first + 12 months
    [InlineData("2016-06-02", false)]
    public void I4_2_s12_needs_a_situation_started_in_the_first_twelve_months(string debut, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-06-01").Situation(j, TypeSituation.Apprentissage, debut);
        var p = t.Build();
        Assert.True(Is("I4.2.c12", p, j));
        Assert.Equal(expected, Is("I4.2.s12", p, j));
    }

    [Fact]
    public void I4_4_needs_presence_and_a_droit_within_the_period_per_domaine()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Local, "2016-01-01").Droit(j, "2016-12-31", DomaineDroit.Logement).Droit(j, "2017-01-01", DomaineDroit.Sante);
        var notPresent = t.Jeune();
        t.Droit(notPresent, "2016-05-01", DomaineDroit.Logement);
        var p = t.Build();
        Assert.True(Is("I4.4", p, j));
        Assert.True(Is("I4.4.LOGEMENT", p, j));
        Assert.False(Is("I4.4.SANTE", p, j));
        Assert.False(Is("I4.4.MOBILITE", p, j));
        Assert.False(Is("I4.4", p, notPresent));
        Assert.False(Is("I4.4.LOGEMENT", p, notPresent));
    }

    [Theory]
    [InlineData("2016-01-01", "2016-05-31", false)] // path ends the day before the situation
    [InlineData("2016-01-01", "2016-06-01", true)]  // one common day
    [InlineData("2016-12-31", null, true)]
    public void I6_needs_a_situation_and_a_path_active_on_a_same_day(string debut, string? fin, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, debut, fin).Situation(j, TypeSituation.Cdd, "2016-06-01");
        var p = t.Build();
        Assert.Equal(expected, Is("I6", p, j));
        Assert.Equal(expected, Is("I6.1", p, j));
        Assert.Equal(expected, Is("I6.1.emploi", p, j));
        Assert.False(Is("I6.2", p, j));
    }

    [Fact]
    public void I6_needs_the_common_day_within_the_period()
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, Dispositif.Civis, "2015-01-01").Situation(j, TypeSituation.Cdi, "2015-06-01", "2015-12-31");
        var k = t.Jeune();
        t.Parcours(k, Dispositif.Civis, "2015-01-01", "2016-01-01").Situation(k, TypeSituation.FormationQualifiante, "2016-01-01", "2016-06-30");
        var p = t.Build();
        Assert.False(Is("I6", p, j));
        Assert.True(Is("I4.1", p, j));
        Assert.True(Is("I6.1.formation", p, k));
        Assert.False(Is("I6.1.emploi", p, k));
    }

    [Theory]
    [InlineData(TypeSituation.Eav, Dispositif.Civis, "I6 I6.1 I6.1.emploi I6.1.eav")]
    [InlineData(TypeSituation.Formation, Dispositif.Civis, "I6 I6.1 I6.1.formation")]
    [InlineData(TypeSituation.Cdi, Dispositif.Regional, "I6 I6.2")]
    [InlineData(TypeSituation.Pmsmp, Dispositif.Civis, "")]
    [InlineData(TypeSituation.ServiceCivique, Dispositif.Local, "")]
    public void I6_sub_keys_follow_the_situation_and_the_path(TypeSituation type, Dispositif dispositif, string expected)
    {
        var t = new Journeys();
        var j = t.Jeune();
        t.Parcours(j, dispositif, "2016-01-01", "2016-12-31").Situation(j, type, "2016-03-01", "2016-04-01");
        var p = t.Build();
        var keys = new[] { "I6", "I6.1", "I6.1.formation", "I6.1.emploi", "I6.1.eav", "I6.2" };
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), keys.Where(k => Is(k, p, j)));
    }
}
