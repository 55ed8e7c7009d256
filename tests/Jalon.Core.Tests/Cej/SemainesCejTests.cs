using Jalon.Domain.Alerts;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;

namespace Jalon.Core.Tests.Cej;

/// <summary>The CEJ weeks: hours summed per Monday-to-Sunday week, the minimum of the rule set, the under-minimum alert, the caseload alert.</summary>
public sealed class SemainesCejTests
{
    private static readonly ReglesDispositifs R = ReglesDispositifs.Publiees;

    // Monday 5 January 2026.
    private static readonly DateOnly Lundi = new(2026, 1, 5);

    [Fact]
    public void The_monday_of_any_day()
    {
        Assert.Equal(Lundi, SemainesCej.Lundi(Lundi));
        Assert.Equal(Lundi, SemainesCej.Lundi(new DateOnly(2026, 1, 11)));
        Assert.Equal(Lundi.AddDays(7), SemainesCej.Lundi(new DateOnly(2026, 1, 12)));
    }

    [Fact]
    public void The_exchange_files_weeks_and_the_webs_weeks_give_the_same_hours()
    {
        // Done activities of activites.csv (a Sunday, a Monday, a session split over two rows) and a planned one that never counts.
        Activite[] activites =
        [
            new(0, Lundi.AddDays(6), CategorieActivite.Emploi, 7.5m, true, null),
            new(0, Lundi, CategorieActivite.Sante, 2m, true, null),
            new(0, Lundi.AddDays(7), CategorieActivite.Atelier, 3.25m, true, "S1"),
            new(0, Lundi.AddDays(8), CategorieActivite.Atelier, 3.25m, true, "S1"),
            new(0, Lundi.AddDays(9), CategorieActivite.Formation, 6m, false, null),
            new(0, Lundi.AddDays(21), CategorieActivite.Logement, 1m, true, null),
        ];
        var exchange = ActivitesAllocations.HeuresParSemaine(activites);
        Assert.Equal([Lundi, Lundi.AddDays(7), Lundi.AddDays(21)], exchange.Keys);
        Assert.Equal([9.5m, 6.5m, 1m], exchange.Values);

        // The same done actions recorded in Jalon, as the web counts them for the contract's weeks.
        var credits = activites.Where(a => a.Realisee).Select(a => new HeuresDatees(a.Date, a.Heures));
        var web = SemainesCej.Build(R, Lundi, null, Lundi.AddDays(28), credits, new Dictionary<DateOnly, decimal>());
        Assert.Equal(exchange, web.Where(w => w.HeuresComptees > 0).ToDictionary(w => w.Lundi, w => w.HeuresComptees));
        Assert.Equal(0m, web.Single(w => w.Lundi == Lundi.AddDays(14)).HeuresComptees); // a week without activity: not active
        Assert.Equal(exchange, SemainesCej.HeuresParSemaine(credits));
    }

    [Fact]
    public void Hours_are_summed_per_week_and_a_complete_week_under_15_hours_raises_the_alert()
    {
        var credits = new[]
        {
            new HeuresDatees(Lundi, 6m), new HeuresDatees(Lundi.AddDays(2), 8.5m), // 14.5 h: under
            new HeuresDatees(Lundi.AddDays(7), 10m), new HeuresDatees(Lundi.AddDays(13), 5m), // 15 h: enough
            new HeuresDatees(Lundi.AddDays(14), 2m), // the current week
        };
        var today = Lundi.AddDays(16);
        var weeks = SemainesCej.Build(R, Lundi, null, today, credits, new Dictionary<DateOnly, decimal>());
        Assert.Equal([Lundi.AddDays(14), Lundi.AddDays(7), Lundi], weeks.Select(w => w.Lundi));
        Assert.Equal([2m, 15m, 14.5m], weeks.Select(w => w.Heures));
        Assert.Equal([false, false, true], weeks.Select(w => w.SousMinimum));
        Assert.All(weeks, w => Assert.Equal(15m, w.Minimum));
        // The last complete week has 15 h: no alert, though an earlier week was under.
        Assert.Null(SemainesCej.SousMinimum(weeks));

        var a = SemainesCej.SousMinimum(SemainesCej.Build(R, Lundi, null, Lundi.AddDays(9), credits, new Dictionary<DateOnly, decimal>()));
        Assert.Equal(AlertKind.SemaineCejSousMinimum, a?.Kind);
        Assert.Contains("14,5 h", a?.Message.Replace('.', ','), StringComparison.Ordinal);
    }

    [Fact]
    public void Validated_hours_replace_the_counted_ones()
    {
        var credits = new[] { new HeuresDatees(Lundi, 4m) };
        var weeks = SemainesCej.Build(R, Lundi, null, Lundi.AddDays(8), credits, new Dictionary<DateOnly, decimal> { [Lundi] = 16m });
        Assert.Equal((4m, 16m, false), (weeks[^1].HeuresComptees, weeks[^1].Heures, weeks[^1].SousMinimum));
        Assert.Null(SemainesCej.SousMinimum(weeks));
    }

    [Fact]
    public void A_week_cut_by_the_start_or_the_end_of_the_contract_is_not_complete()
    {
        var mercredi = Lundi.AddDays(2);
        var weeks = SemainesCej.Build(R, mercredi, Lundi.AddDays(10), Lundi.AddDays(30), [], new Dictionary<DateOnly, decimal>());
        Assert.Equal(2, weeks.Count);
        Assert.All(weeks, w => Assert.False(w.Complete));
        Assert.Null(SemainesCej.SousMinimum(weeks));
    }

    [Fact]
    public void The_caseload_alert_starts_above_30_young_people()
    {
        var today = new DateOnly(2026, 1, 5);
        Assert.Null(SemainesCej.AlerteCharge(R, 30, today));
        Assert.Contains("31 jeunes", SemainesCej.AlerteCharge(R, 31, today), StringComparison.Ordinal);
        Assert.Null(SemainesCej.AlerteCharge(R, 500, new DateOnly(2021, 1, 1)));
    }
}
