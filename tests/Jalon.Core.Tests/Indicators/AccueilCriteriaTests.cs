using Jalon.Domain;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Indicators;

/// <summary>I1, I2, I2.1, I2.2, I2bis on their boundaries.</summary>
public sealed class AccueilCriteriaTests
{
    [Theory]
    [InlineData("2015-12-31", false)]
    [InlineData("2016-01-01", true)]
    [InlineData("2016-12-31", true)]
    [InlineData("2017-01-01", false)]
    public void I1_and_I2_count_a_premier_accueil_within_the_period(string premierAccueil, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune(premierAccueil);
        var p = t.Build();
        Assert.Equal(expected, Is("I1", p, j));
        Assert.Equal(expected, Is("I2", p, j));
    }

    [Theory]
    [InlineData("contact")]
    [InlineData("orientation")]
    [InlineData("proposition")]
    [InlineData("droit")]
    [InlineData("parcours.debut")]
    [InlineData("parcours.fin")]
    [InlineData("situation.debut")]
    [InlineData("situation.fin")]
    [InlineData("parrainage.debut")]
    [InlineData("parrainage.fin")]
    public void I1_counts_every_kind_of_actualite_on_the_last_day_but_not_the_day_after(string kind)
    {
        foreach (var (day, expected) in new[] { ("2016-12-31", true), ("2017-01-01", false), ("2015-12-31", false) })
        {
            var t = new Journeys();
            var j = t.Jeune("2014-01-01");
            switch (kind)
            {
                case "contact": t.Contact(j, day, ModeContact.Sms); break;
                case "orientation": t.Orientation(j, day); break;
                case "proposition": t.Proposition(j, day); break;
                case "droit": t.Droit(j, day); break;
                case "parcours.debut": t.Parcours(j, Dispositif.Local, day, "2017-06-30"); break;
                case "parcours.fin": t.Parcours(j, Dispositif.Local, "2014-06-01", day); break;
                case "situation.debut": t.Situation(j, TypeSituation.Cdd, day, "2017-06-30"); break;
                case "situation.fin": t.Situation(j, TypeSituation.Cdd, "2014-06-01", day); break;
                case "parrainage.debut": t.Parrainage(j, day, "2017-06-30"); break;
                case "parrainage.fin": t.Parrainage(j, "2014-06-01", day); break;
            }
            Assert.True(expected == Is("I1", t.Build(), j), $"{kind} on {day}");
        }
    }

    [Fact]
    public void I1_does_not_count_a_path_merely_active_during_the_period()
    {
        var t = new Journeys();
        var j = t.Jeune("2014-01-01");
        t.Parcours(j, Dispositif.Civis, "2015-03-01").Situation(j, TypeSituation.Cdi, "2015-06-01");
        var p = t.Build();
        Assert.False(Is("I1", p, j));
        Assert.True(Is("I4", p, j));
    }

    [Theory]
    [InlineData("2016-02-29", false)] // before premier_accueil
    [InlineData("2016-03-01", true)]  // the day of premier_accueil
    [InlineData("2016-12-31", true)]  // the period's fin
    [InlineData("2017-01-01", false)]
    public void I2_1_needs_a_diagnostic_from_premier_accueil_to_fin(string date, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune("2016-03-01");
        t.Contact(j, date, ModeContact.Entretien, diagnostic: true);
        Assert.Equal(expected, Is("I2.1", t.Build(), j));
    }

    [Fact]
    public void I2_1_ignores_entretiens_without_diagnostic_and_young_people_received_earlier()
    {
        var t = new Journeys();
        var plain = t.Jeune("2016-03-01");
        t.Contact(plain, "2016-04-01", ModeContact.Entretien, diagnostic: false);
        var earlier = t.Jeune("2015-12-31");
        t.Contact(earlier, "2016-04-01", ModeContact.Entretien, diagnostic: true);
        var p = t.Build();
        Assert.False(Is("I2.1", p, plain));
        Assert.False(Is("I2.1", p, earlier));
    }

    [Theory]
    [InlineData("2016-02-29", false)]
    [InlineData("2016-03-01", true)]
    [InlineData("2016-12-31", true)]
    [InlineData("2017-01-01", false)]
    public void I2_2_needs_an_orientation_from_premier_accueil_to_fin(string date, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune("2016-03-01");
        t.Orientation(j, date, Operateur.Epide);
        Assert.Equal(expected, Is("I2.2", t.Build(), j));
    }

    [Theory]
    [InlineData("2016-07-31", false)] // fin − 5 months: excluded
    [InlineData("2016-08-01", true)]
    [InlineData("2016-12-31", true)]
    [InlineData("2017-01-01", false)]
    public void I2bis_needs_an_entretien_in_the_five_months_before_fin(string date, bool expected)
    {
        var t = new Journeys();
        var j = t.Jeune("2014-01-01");
        t.Contact(j, date, ModeContact.Entretien);
        var viaPremierAccueil = t.Jeune(date);
        var p = t.Build();
        Assert.Equal(expected, Is("I2bis", p, j));
        Assert.Equal(expected, Is("I2bis", p, viaPremierAccueil));
    }

    [Fact]
    public void I2bis_uses_calendar_months_and_only_entretiens()
    {
        // Period ending 2016-07-31: 5 months before is 2016-02-29 (leap year, AddMonths).
        var period = new Period(D("2016-01-01"), D("2016-07-31"));
        var t = new Journeys();
        var onBound = t.Jeune("2014-01-01");
        t.Contact(onBound, "2016-02-29");
        var after = t.Jeune("2014-01-01");
        t.Contact(after, "2016-03-01");
        var phone = t.Jeune("2014-01-01");
        t.Contact(phone, "2016-06-01", ModeContact.Telephone).Contact(phone, "2016-06-02", ModeContact.Atelier);
        var p = t.Build();
        Assert.False(Is("I2bis", p, onBound, period));
        Assert.True(Is("I2bis", p, after, period));
        Assert.False(Is("I2bis", p, phone, period));
    }
}
