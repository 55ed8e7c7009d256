namespace Jalon.Domain.Alerts;

/// <summary>
/// One counsellor's activity (seed 000, « outil CEF »): the young people of their portfolio, those active today
/// (<see cref="PortfolioAlerts.IsFollowed"/>) and among them the JDI (an entretien within 5 months: no
/// <see cref="AlertKind.SansEntretien"/> alert), the entretiens of each of the last 12 months, and the alerts of the
/// active young people (<see cref="PortfolioAlerts.For"/>, as the portfolio shows them).
/// </summary>
public sealed class ActiviteConseiller
{
    public int Portefeuille { get; internal set; }
    public int Actifs { get; internal set; }
    public int Jdi { get; internal set; }

    /// <summary>Entretiens per month, aligned with <see cref="ActiviteConseillers.Mois"/> (oldest first).</summary>
    public int[] EntretiensParMois { get; } = new int[ActiviteConseillers.Months];

    /// <summary>Active young people with at least one alert.</summary>
    public int EnAlerte { get; internal set; }

    /// <summary>Active young people per kind of alert.</summary>
    public Dictionary<AlertKind, int> Alertes { get; } = Enum.GetValues<AlertKind>().ToDictionary(k => k, _ => 0);

    public int Entretiens => EntretiensParMois.Sum();

    /// <summary>Adds another counsellor's figures to these (a structure's total).</summary>
    public void Add(ActiviteConseiller other)
    {
        Portefeuille += other.Portefeuille;
        Actifs += other.Actifs;
        Jdi += other.Jdi;
        EnAlerte += other.EnAlerte;
        for (var m = 0; m < EntretiensParMois.Length; m++) EntretiensParMois[m] += other.EntretiensParMois[m];
        foreach (var (kind, n) in other.Alertes) Alertes[kind] += n;
    }
}

/// <summary>
/// The per-counsellor activity of a structure: pure, over the journeys of its young people and who follows each one.
/// The reference of seed 000 is <see cref="ReferenceActifsParEtp"/> active young people per FTE of counsellor.
/// </summary>
public static class ActiviteConseillers
{
    /// <summary>Seed 000: « l'objectif quantitatif n'est pas encore atteint (105 actifs par ETP) ».</summary>
    public const int ReferenceActifsParEtp = 105;

    public const int Months = 12;

    /// <summary>The first day of each of the last 12 calendar months, the current one last.</summary>
    public static DateOnly[] Mois(DateOnly today)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return Enumerable.Range(0, Months).Select(i => current.AddMonths(i - (Months - 1))).ToArray();
    }

    /// <summary>
    /// The activity per counsellor (key: the counsellor, null = young people without one) of the young people of
    /// <paramref name="package"/>; <paramref name="conseiller"/> gives the counsellor of a young person by index.
    /// Entretiens after today are not counted.
    /// </summary>
    public static Dictionary<int, ActiviteConseiller> Of(JourneyPackage package, Func<int, int?> conseiller, DateOnly today, out ActiviteConseiller? sansConseiller)
    {
        var first = Mois(today)[0];
        var result = new Dictionary<int, ActiviteConseiller>();
        sansConseiller = null;
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            ActiviteConseiller row;
            if (conseiller(i) is { } c)
            {
                if (!result.TryGetValue(c, out row!)) result[c] = row = new ActiviteConseiller();
            }
            else
            {
                row = sansConseiller ??= new ActiviteConseiller();
            }
            var journey = package.Journey(i);
            row.Portefeuille++;
            foreach (var contact in journey.Contacts)
            {
                if (contact.Mode != ModeContact.Entretien || contact.Date < first || contact.Date > today) continue;
                row.EntretiensParMois[((contact.Date.Year - first.Year) * 12) + contact.Date.Month - first.Month]++;
            }
            if (!PortfolioAlerts.IsFollowed(journey, today)) continue;
            row.Actifs++;
            var alerts = PortfolioAlerts.For(journey, today);
            if (!alerts.Exists(a => a.Kind == AlertKind.SansEntretien)) row.Jdi++;
            if (alerts.Count > 0) row.EnAlerte++;
            foreach (var kind in alerts.Select(a => a.Kind).Distinct()) row.Alertes[kind]++;
        }
        return result;
    }

    /// <summary>Active young people per FTE, or null when the FTE is unknown or zero.</summary>
    public static decimal? ActifsParEtp(int actifs, decimal? etp) =>
        etp is > 0 ? Math.Round(actifs / etp.Value, 1) : null;
}
