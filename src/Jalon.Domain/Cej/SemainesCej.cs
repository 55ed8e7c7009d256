using Jalon.Domain.Alerts;
using Jalon.Domain.Dispositifs;

namespace Jalon.Domain.Cej;

/// <summary>Hours credited to a young person on a day: a done action, an appointment or a collective session they came to.</summary>
public readonly record struct HeuresDatees(DateOnly Date, decimal Heures);

/// <summary>
/// One week (Monday to Sunday) of a CEJ: the hours counted from what was recorded, the hours the counsellor validated (if
/// any), the minimum in force that Monday, and whether the week is complete (over, and wholly inside the contract).
/// </summary>
public sealed record SemaineCej(DateOnly Lundi, decimal HeuresComptees, decimal? HeuresValidees, decimal Minimum, bool Complete)
{
    /// <summary>The week's hours: the validated ones once the counsellor validated the week, else the counted ones.</summary>
    public decimal Heures => HeuresValidees ?? HeuresComptees;

    /// <summary>A complete week whose hours are under the minimum of the rule set.</summary>
    public bool SousMinimum => Complete && Heures < Minimum;
}

/// <summary>The CEJ weeks of a young person and the alerts they raise (docs/cej.md, « La semaine »).</summary>
public static class SemainesCej
{
    /// <summary>The Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly Lundi(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The one definition of a CEJ week's hours (docs/cej.md, « La semaine »): the sum of the hours credited on its days, Monday
    /// to Sunday, by Monday. A week without any credit does not appear (it is not active). Used by the web's weeks
    /// (<see cref="Build"/>) and by the exchange format's (<see cref="Dispositifs.ActivitesAllocations.HeuresParSemaine"/>).
    /// </summary>
    public static SortedDictionary<DateOnly, decimal> HeuresParSemaine(IEnumerable<HeuresDatees> credits)
    {
        ArgumentNullException.ThrowIfNull(credits);
        var weeks = new SortedDictionary<DateOnly, decimal>();
        foreach (var c in credits)
        {
            var l = Lundi(c.Date);
            weeks[l] = weeks.GetValueOrDefault(l) + c.Heures;
        }
        return weeks;
    }

    /// <summary>
    /// The weeks of a contract from <paramref name="debut"/> to its end or today (whichever first), most recent first. A week is
    /// complete when its Sunday is before today, its Monday on or after the start and its Sunday on or before the end.
    /// </summary>
    public static List<SemaineCej> Build(
        ReglesDispositifs regles, DateOnly debut, DateOnly? fin, DateOnly today,
        IEnumerable<HeuresDatees> credits, IReadOnlyDictionary<DateOnly, decimal> validees)
    {
        ArgumentNullException.ThrowIfNull(regles);
        var last = fin is { } f && f < today ? f : today;
        var sums = HeuresParSemaine(credits.Where(c => c.Date >= debut && c.Date <= last));
        var weeks = new List<SemaineCej>();
        for (var lundi = Lundi(debut); lundi <= last; lundi = lundi.AddDays(7))
        {
            var dimanche = lundi.AddDays(6);
            var minimum = regles.Cej(lundi)?.HeuresHebdoMin ?? 0m;
            var complete = dimanche < today && lundi >= debut && (fin is not { } end || dimanche <= end);
            weeks.Add(new SemaineCej(lundi, sums.GetValueOrDefault(lundi), validees.TryGetValue(lundi, out var v) ? v : null, minimum, complete));
        }
        weeks.Reverse();
        return weeks;
    }

    /// <summary>The alert of the last complete week when it is under the minimum (the most recent weeks first in <paramref name="weeks"/>).</summary>
    public static Alert? SousMinimum(IReadOnlyList<SemaineCej> weeks)
    {
        foreach (var w in weeks)
        {
            if (!w.Complete) continue;
            return w.SousMinimum
                ? new Alert(AlertKind.SemaineCejSousMinimum, w.Lundi.AddDays(7),
                    $"Semaine du {w.Lundi:dd/MM/yyyy} : {w.Heures:0.##} h d'activité, sous les {w.Minimum:0.##} h du contrat d'engagement jeune.")
                : null;
        }
        return null;
    }

    /// <summary>
    /// The caseload alert of a counsellor: more young people in a CEJ today than the rule's value per dedicated counsellor (an
    /// alert, not a rule). Null when within it, or before the CEJ existed.
    /// </summary>
    public static string? AlerteCharge(ReglesDispositifs regles, int jeunesEnCej, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(regles);
        var max = regles.Cej(today)?.JeunesParConseillerAlerte;
        return max is { } m && jeunesEnCej > m
            ? $"{jeunesEnCej} jeunes en contrat d'engagement jeune dans ce portefeuille, au-delà des {m} par conseiller dédié."
            : null;
    }
}
