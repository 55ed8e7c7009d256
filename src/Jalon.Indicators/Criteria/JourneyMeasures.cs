using Jalon.Domain;

namespace Jalon.Indicators.Criteria;

/// <summary>
/// The measures of the means of the CPO catalogues: each adds a young person's items to a sum (in days) and a
/// count; the engine adds them up per structure, region and nation and divides at the end (never averages means).
/// </summary>
public static class JourneyMeasures
{
    /// <summary>
    /// I5: every path (any dispositif; each row once) whose fin is within the period is one item, valued at its
    /// length fin − debut in days (shown in months: days / 30.4375).
    /// </summary>
    [Measure("duree_parcours_termines")]
    public static void DureeParcoursTermines(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Fin is { } f && p.Contains(f))
            {
                sum += f.DayNumber - x.Debut.DayNumber;
                count++;
            }
        }
    }

    /// <summary>
    /// I7: every path (any) whose fin is within the period and which has at least one day on which an emploi-family
    /// situation is active is one item, valued at the number of such days of the path (debut and fin included, each
    /// day once however many situations are active).
    /// </summary>
    [Measure("jours_emploi_parcours_termines")]
    public static void JoursEmploiParcoursTermines(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        var situations = j.Situations;
        if (situations.IsEmpty) return;
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Fin is not { } f || !p.Contains(f)) continue;
            var days = EmploiDays(situations, x.Debut.DayNumber, f.DayNumber);
            if (days > 0)
            {
                sum += days;
                count++;
            }
        }
    }

    // ------------------------------------------------------------ CPO 2011: numbers of events (nature nombre)
    // Each adds the young person's events to the sum (the indicator's value) and 1 to the count when there is one.

    /// <summary>
    /// 2011, entretiens: every contact of mode ENTRETIEN dated in the period, plus the premier_accueil when it is in the
    /// period and no ENTRETIEN contact is recorded that same day (the « premier entretien » is counted once).
    /// </summary>
    [Measure("2011.entretiens")]
    public static void Entretiens(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        var n = 0;
        var premierAccueilEnregistre = false;
        foreach (ref readonly var c in j.Contacts)
        {
            if (c.Mode != ModeContact.Entretien || !p.Contains(c.Date)) continue;
            n++;
            if (c.Date == j.Jeune.PremierAccueil) premierAccueilEnregistre = true;
        }
        if (p.Contains(j.Jeune.PremierAccueil) && !premierAccueilEnregistre) n++;
        Add(n, ref sum, ref count);
    }

    /// <summary>2011, entries into a dispositif: every path (any dispositif, each row) whose debut is in the period.</summary>
    [Measure("2011.entrees")]
    public static void Entrees(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        var n = 0;
        foreach (ref readonly var x in j.Parcours)
        {
            if (p.Contains(x.Debut)) n++;
        }
        Add(n, ref sum, ref count);
    }

    /// <summary>2011, periods in a company: every immersion-family situation (PMSMP, STAGE) overlapping the period.</summary>
    [Measure("2011.periodes_entreprise")]
    public static void PeriodesEntreprise(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        var n = 0;
        foreach (ref readonly var s in j.Situations)
        {
            if (s.Type.IsImmersion() && s.Interval.Overlaps(p.Debut, p.Fin)) n++;
        }
        Add(n, ref sum, ref count);
    }

    /// <summary>2011, professional situations: every emploi- or formation-family situation whose debut is in the period.</summary>
    [Measure("2011.situations")]
    public static void Situations(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        SituationsStarted(j, p, JourneyCriteria.SituationKind.EmploiOrFormation, ref sum, ref count);

    /// <summary>2011: among them, the formation-family situations.</summary>
    [Measure("2011.situations.formation")]
    public static void SituationsFormation(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        SituationsStarted(j, p, JourneyCriteria.SituationKind.Formation, ref sum, ref count);

    /// <summary>2011: among them, the emploi-family situations.</summary>
    [Measure("2011.situations.emploi")]
    public static void SituationsEmploi(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        SituationsStarted(j, p, JourneyCriteria.SituationKind.Emploi, ref sum, ref count);

    /// <summary>2011: among the emploi ones, the emplois durables (<see cref="Situation.IsEmploiDurable"/>).</summary>
    [Measure("2011.situations.emploi_durable")]
    public static void SituationsEmploiDurable(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        SituationsStarted(j, p, JourneyCriteria.SituationKind.EmploiDurable, ref sum, ref count);

    /// <summary>2011: among the emploi ones, APPRENTISSAGE and CONTRAT_PRO.</summary>
    [Measure("2011.situations.alternance")]
    public static void SituationsAlternance(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        SituationsStarted(j, p, JourneyCriteria.SituationKind.Alternance, ref sum, ref count);

    private static void SituationsStarted(in JeuneJourney j, in Period p, JourneyCriteria.SituationKind kind, ref long sum, ref long count)
    {
        var n = 0;
        foreach (ref readonly var s in j.Situations)
        {
            if (p.Contains(s.Debut) && JourneyCriteria.Is(s, kind)) n++;
        }
        Add(n, ref sum, ref count);
    }

    private static void Add(int events, ref long sum, ref long count)
    {
        if (events == 0) return;
        sum += events;
        count++;
    }

    /// <summary>Days of [from, to] (day numbers, both included) on which an emploi-family situation is active.</summary>
    internal static int EmploiDays(ReadOnlySpan<Situation> situations, int from, int to)
    {
        const int StackLimit = 32;
        Span<int> starts = situations.Length <= StackLimit ? stackalloc int[StackLimit] : new int[situations.Length];
        Span<int> ends = situations.Length <= StackLimit ? stackalloc int[StackLimit] : new int[situations.Length];
        var n = 0;
        foreach (ref readonly var s in situations)
        {
            if (!s.Type.IsEmploi()) continue;
            var a = Math.Max(s.Debut.DayNumber, from);
            var b = s.Fin is { } sf ? Math.Min(sf.DayNumber, to) : to;
            if (a > b) continue;
            // Insertion sort by start: a young person has a handful of situations.
            var k = n++;
            while (k > 0 && starts[k - 1] > a)
            {
                starts[k] = starts[k - 1];
                ends[k] = ends[k - 1];
                k--;
            }
            starts[k] = a;
            ends[k] = b;
        }
        var days = 0;
        var coveredUntil = int.MinValue;
        for (var i = 0; i < n; i++)
        {
            var a = Math.Max(starts[i], coveredUntil + 1);
            if (ends[i] >= a)
            {
                days += ends[i] - a + 1;
                coveredUntil = ends[i];
            }
        }
        return days;
    }
}
