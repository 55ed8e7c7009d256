using Jalon.Domain;
using Jalon.Domain.Dispositifs;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Core.Tests.Indicators;

/// <summary>The hours indicators of the cej catalogue (CEJ5.heures, CEJ5.sous_minimum) on a hand-built package.</summary>
public sealed class CejHeuresTests
{
    // Mondays of 2024.
    private static readonly DateOnly S1 = new(2024, 3, 4);
    private static readonly DateOnly S2 = new(2024, 3, 11);
    private static readonly DateOnly S3 = new(2024, 3, 18);

    /// <summary>
    /// A: a CEJ from 2024-03-04 to 2024-03-17; week 1 has 6 + 4 h done (10 h, under 15 h) and 5 h planned (never counted),
    /// week 2 has 20 h done, week 3 (after the contract) 8 h done: not a CEJ week. B: a CEJ from 2024-03-04, still open; its
    /// week 1 has 16 h done on a Sunday; a week of 2023 (before the period) 3 h. C: no CEJ, 12 h done: not counted.
    /// The structure ML2 has nothing. Weeks: 10, 20, 16 → 46 / 3 h; one under 15 h of three.
    /// </summary>
    private static JourneyPackage Package()
    {
        var b = new JourneyPackageBuilder();
        var s = b.AddStructure(new Structure("ML1", "Mission Locale 1", "84", "26"));
        b.AddStructure(new Structure("ML2", "Mission Locale 2", "84", "26"));
        int Jeune(string id) => b.AddJeune(new Jeune(s, id, new DateOnly(2004, 5, 1), Sexe.F, Niveau.V, false, null, false, false, new DateOnly(2023, 1, 2)));
        var a = Jeune("A");
        var bb = Jeune("B");
        var c = Jeune("C");
        b.Parcours.Add(new Parcours(a, Dispositif.Cej, S1, S2.AddDays(6), MotifFin.Autre, true));
        b.Parcours.Add(new Parcours(bb, Dispositif.Cej, S1, null, null, true));
        b.Activites.Add(new Activite(a, S1, CategorieActivite.Emploi, 6m, true, null));
        b.Activites.Add(new Activite(a, S1.AddDays(2), CategorieActivite.Atelier, 4m, true, "S-1"));
        b.Activites.Add(new Activite(a, S1.AddDays(3), CategorieActivite.Formation, 5m, false, null));
        b.Activites.Add(new Activite(a, S2.AddDays(1), CategorieActivite.Formation, 20m, true, null));
        b.Activites.Add(new Activite(a, S3, CategorieActivite.Sante, 8m, true, null));
        b.Activites.Add(new Activite(bb, S1.AddDays(6), CategorieActivite.CultureSport, 16m, true, null));
        b.Activites.Add(new Activite(bb, new DateOnly(2023, 12, 4), CategorieActivite.Logement, 3m, true, null));
        b.Activites.Add(new Activite(c, S1, CategorieActivite.Emploi, 12m, true, null));
        return b.Build();
    }

    [Fact]
    public void Mean_hours_and_share_under_15_hours_of_the_active_cej_weeks()
    {
        var results = IndicatorEngine.Compute(Package(), Catalogue.Load("cej"), new IndicatorRequest(Period.Year(2024)));
        var heures = results.Get(Level.Structure, "ML1", "CEJ5.heures");
        Assert.Equal(46.0 / 3, heures.Number!.Value, 9);
        Assert.Equal(1.0 / 3, results.Get(Level.Structure, "ML1", "CEJ5.sous_minimum").Number!.Value, 9);
        // The population the means are over (statistical secrecy): the young people in a CEJ in the period.
        Assert.Equal(2, results.Get(Level.Structure, "ML1", "CEJ2").Count);
        // No active week: no mean (unknown), not zero.
        Assert.Null(results.Get(Level.Structure, "ML2", "CEJ5.heures").Number);
        // Added up before dividing: the nation is the same three weeks.
        Assert.Equal(46.0 / 3, results.Get(Level.National, "FR", "CEJ5.heures").Number!.Value, 9);
    }

    [Fact]
    public void A_week_of_exactly_15_hours_is_not_under_the_minimum_and_a_period_takes_the_weeks_whose_monday_it_holds()
    {
        var b = new JourneyPackageBuilder();
        var s = b.AddStructure(new Structure("ML1", "Mission Locale 1", "84", "26"));
        var j = b.AddJeune(new Jeune(s, "A", new DateOnly(2004, 5, 1), Sexe.H, Niveau.IV, true, null, false, false, new DateOnly(2023, 1, 2)));
        b.Parcours.Add(new Parcours(j, Dispositif.Cej, new DateOnly(2024, 1, 1), null, null, true));
        b.Activites.Add(new Activite(j, S1, CategorieActivite.Emploi, 15m, true, null));
        b.Activites.Add(new Activite(j, S2, CategorieActivite.Emploi, 14.75m, true, null));
        var package = b.Build();
        var cej = Catalogue.Load("cej");
        var march = IndicatorEngine.Compute(package, cej, new IndicatorRequest(new Period(S1, S1.AddDays(6))));
        Assert.Equal(0.0, march.Get(Level.Structure, "ML1", "CEJ5.sous_minimum").Number);
        Assert.Equal(15.0, march.Get(Level.Structure, "ML1", "CEJ5.heures").Number);
        var both = IndicatorEngine.Compute(package, cej, new IndicatorRequest(new Period(S1, S2)));
        Assert.Equal(0.5, both.Get(Level.Structure, "ML1", "CEJ5.sous_minimum").Number);
        Assert.Equal(14.875, both.Get(Level.Structure, "ML1", "CEJ5.heures").Number!.Value, 9);
    }

    [Fact]
    public void The_hours_indicators_are_means_that_the_explanation_refuses()
    {
        var cej = Catalogue.Load("cej");
        Assert.Equal((Nature.Moyenne, Unite.Heures), (cej["CEJ5.heures"].Nature, cej["CEJ5.heures"].Unite));
        Assert.Equal((Nature.Moyenne, Unite.Pourcentage), (cej["CEJ5.sous_minimum"].Nature, cej["CEJ5.sous_minimum"].Unite));
        var e = Assert.Throws<ExplanationException>(() => IndicatorEngine.Explain(Package(), cej, new IndicatorRequest(Period.Year(2024)), "ML1",
            new ExplainRequest("CEJ5.heures")));
        Assert.Contains("moyenne", e.Message, StringComparison.Ordinal);
    }
}
