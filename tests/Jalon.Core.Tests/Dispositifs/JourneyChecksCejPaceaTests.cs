using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Domain.Qualite;

namespace Jalon.Core.Tests.Dispositifs;

/// <summary>The CEJ, PACEA and 2015 path rules of <see cref="JourneyChecks"/>, each on the day before, the day and the day after its boundary.</summary>
public sealed class JourneyChecksCejPaceaTests
{
    private static readonly DateOnly Debut = new(2023, 1, 15);

    [Theory]
    [InlineData(false, 25, false)]
    [InlineData(false, 26, true)]
    [InlineData(true, 29, false)]
    [InlineData(true, 30, true)]
    [InlineData(false, 16, false)]
    [InlineData(false, 15, true)]
    public void Cej_entry_age_is_16_to_25_or_29_with_an_rqth(bool rqth, int age, bool horsTranche)
    {
        // Born so that the young person turns `age` on the entry day.
        var naissance = Debut.AddYears(-age);
        Assert.Equal(horsTranche, JourneyChecks.CejAgeHorsTranche(naissance, Debut, rqth, out var found, out _));
        Assert.Equal(age, found);
        // The day before their birthday they are one year younger.
        Assert.Equal(age - 1, Dates.AgeOn(naissance, Debut.AddDays(-1)));
    }

    [Fact]
    public void Cej_age_boundary_with_rqth_the_day_before_the_day_and_the_day_after_the_30th_birthday()
    {
        var naissance = new DateOnly(1993, 6, 10); // 30 on 2023-06-10
        Assert.False(JourneyChecks.CejAgeHorsTranche(naissance, new DateOnly(2023, 6, 9), rqth: true, out _, out _));
        Assert.True(JourneyChecks.CejAgeHorsTranche(naissance, new DateOnly(2023, 6, 10), rqth: true, out _, out var max));
        Assert.Equal(29, max);
        Assert.True(JourneyChecks.CejAgeHorsTranche(naissance, new DateOnly(2023, 6, 11), rqth: true, out _, out _));
    }

    [Fact]
    public void Cej_lasts_18_months_at_most_in_all()
    {
        var cap = Debut.AddMonths(18); // 2024-07-15
        Assert.False(JourneyChecks.DureeDepassee(Dispositif.Cej, Debut, cap.AddDays(-1), out _));
        Assert.False(JourneyChecks.DureeDepassee(Dispositif.Cej, Debut, cap, out var max));
        Assert.Equal(18, max);
        Assert.True(JourneyChecks.DureeDepassee(Dispositif.Cej, Debut, cap.AddDays(1), out _));
        Assert.False(JourneyChecks.DureeDepassee(Dispositif.Cej, Debut, null, out _));
    }

    [Fact]
    public void Pacea_lasts_24_months_and_2015_paths_keep_their_lengths()
    {
        Assert.False(JourneyChecks.DureeDepassee(Dispositif.Pacea, Debut, Debut.AddMonths(24), out _));
        Assert.True(JourneyChecks.DureeDepassee(Dispositif.Pacea, Debut, Debut.AddMonths(24).AddDays(1), out _));
        var d2016 = new DateOnly(2016, 3, 1);
        Assert.False(JourneyChecks.ConsolidationTropLongue(Dispositif.Consolidation, d2016, d2016.AddMonths(4)));
        Assert.True(JourneyChecks.ConsolidationTropLongue(Dispositif.Consolidation, d2016, d2016.AddMonths(4).AddDays(1)));
        Assert.Equal(d2016.AddMonths(18), JourneyChecks.FinMaximale(Dispositif.GarantieJeunes, d2016, new DateOnly(1996, 1, 1)));
        Assert.Equal(new DateOnly(2022, 4, 30), JourneyChecks.FinMaximale(Dispositif.Civis, d2016, new DateOnly(1996, 5, 1)));
        Assert.Null(JourneyChecks.FinMaximale(Dispositif.Ppae, d2016, new DateOnly(1996, 1, 1)));
        Assert.Null(JourneyChecks.FinMaximale(Dispositif.Regional, d2016, new DateOnly(1996, 1, 1)));
        // Before the PACEA existed, it has no maximum.
        Assert.Null(JourneyChecks.FinMaximale(Dispositif.Pacea, new DateOnly(2016, 12, 31), new DateOnly(1996, 1, 1)));
    }

    [Fact]
    public void A_new_cej_only_6_months_after_the_previous_one_ends()
    {
        var fin = new DateOnly(2023, 1, 31);
        var possible = new DateOnly(2023, 7, 31);
        Assert.True(JourneyChecks.CejDelaiNonRespecte(new DateOnly(2022, 6, 1), fin, possible.AddDays(-1), out var le));
        Assert.Equal(possible, le);
        Assert.False(JourneyChecks.CejDelaiNonRespecte(new DateOnly(2022, 6, 1), fin, possible, out _));
        Assert.False(JourneyChecks.CejDelaiNonRespecte(new DateOnly(2022, 6, 1), fin, possible.AddDays(1), out _));
        // A previous CEJ still open forbids a new one.
        Assert.True(JourneyChecks.CejDelaiNonRespecte(new DateOnly(2022, 6, 1), null, possible, out _));
    }

    [Fact]
    public void Two_cej_never_overlap_but_a_cej_inside_a_pacea_is_the_expected_shape()
    {
        var a = new DateInterval(new DateOnly(2023, 1, 1), new DateOnly(2023, 6, 30));
        var b = new DateInterval(new DateOnly(2023, 6, 30), null);
        var c = new DateInterval(new DateOnly(2023, 7, 1), null);
        Assert.True(JourneyChecks.NationauxChevauchants(Dispositif.Cej, a, Dispositif.Cej, b));
        Assert.False(JourneyChecks.NationauxChevauchants(Dispositif.Cej, a, Dispositif.Cej, c));
        Assert.False(JourneyChecks.NationauxChevauchants(Dispositif.Pacea, b, Dispositif.Cej, a));
        Assert.False(JourneyChecks.NationauxChevauchants(Dispositif.Cej, a, Dispositif.Pacea, b));
        Assert.True(JourneyChecks.NationauxChevauchants(Dispositif.Pacea, a, Dispositif.Civis, b));
        Assert.True(JourneyChecks.NationauxChevauchants(Dispositif.Pacea, a, Dispositif.Pacea, b));
    }

    [Fact]
    public void Pacea_is_signed_within_one_month_after_the_diagnostic()
    {
        var diagnostic = new DateOnly(2023, 1, 15);
        var limit = new DateOnly(2023, 2, 15);
        Assert.False(JourneyChecks.PaceaSignatureHorsDelai(limit.AddDays(-1), [diagnostic], out _));
        Assert.False(JourneyChecks.PaceaSignatureHorsDelai(limit, [diagnostic], out var found));
        Assert.Equal(diagnostic, found);
        Assert.True(JourneyChecks.PaceaSignatureHorsDelai(limit.AddDays(1), [diagnostic], out _));
        // The latest diagnostic before the signature counts; one after it does not; none at all breaks the rule.
        Assert.False(JourneyChecks.PaceaSignatureHorsDelai(new DateOnly(2023, 6, 1), [diagnostic, new DateOnly(2023, 5, 20), new DateOnly(2023, 6, 2)], out found));
        Assert.Equal(new DateOnly(2023, 5, 20), found);
        Assert.True(JourneyChecks.PaceaSignatureHorsDelai(new DateOnly(2023, 1, 14), [diagnostic], out found));
        Assert.Null(found);
    }

    [Fact]
    public void A_cej_week_under_15_hours_is_flagged()
    {
        var semaine = new DateOnly(2024, 5, 13);
        Assert.True(JourneyChecks.SemaineSousMinimum(semaine, 14.99m));
        Assert.False(JourneyChecks.SemaineSousMinimum(semaine, 15m));
        Assert.False(JourneyChecks.SemaineSousMinimum(semaine, 15.01m));
        Assert.False(JourneyChecks.SemaineSousMinimum(semaine, 0m)); // an inactive week is not an under-15-hours week
        Assert.False(JourneyChecks.SemaineSousMinimum(new DateOnly(2022, 2, 21), 10m)); // before the CEJ
    }

    [Fact]
    public void The_portfolio_alerts_an_open_cej_at_18_months()
    {
        var jeune = new Jeune(0, "J1", new DateOnly(2002, 1, 10), Sexe.F, Niveau.V, false, null, false, false, new DateOnly(2022, 9, 1));
        var cej = new Parcours(0, Dispositif.Cej, new DateOnly(2023, 1, 15), null, null, true);
        var paths = new[] { cej };
        JeuneJourney Journey() => new(0, jeune, Array.Empty<Contact>(), Array.Empty<Orientation>(), paths, Array.Empty<Proposition>(),
            Array.Empty<Situation>(), Array.Empty<Droit>(), Array.Empty<Parrainage>());
        var day = new DateOnly(2024, 7, 15);
        Assert.DoesNotContain(PortfolioAlerts.For(Journey(), day.AddDays(-1)), a => a.Kind == AlertKind.CejDureeMaximale);
        Assert.Equal(day, PortfolioAlerts.For(Journey(), day).Single(a => a.Kind == AlertKind.CejDureeMaximale).Depuis);
        Assert.Contains(PortfolioAlerts.For(Journey(), day.AddDays(1)), a => a.Kind == AlertKind.CejDureeMaximale);
    }
}
