using System.Runtime.CompilerServices;
using Jalon.Domain;

namespace Jalon.Indicators.Criteria;

/// <summary>
/// The criteria of the <c>cej</c> catalogue (Catalogues/cej.json): entries, stock and exits of contrats d'engagement
/// jeune and what followed. Pure functions of a journey and a period, like <see cref="JourneyCriteria"/>.
/// </summary>
public static class CejCriteria
{
    /// <summary>CEJ1: a CEJ with debut within the period.</summary>
    [Criterion("CEJ.entrees")]
    public static bool Entre(in JeuneJourney j, in Period p) => Entry(j, p, neetOnly: false, qpvOnly: false);

    /// <summary>CEJ1, NEET breakdown: one of those entries has neet = 1.</summary>
    [Criterion("CEJ.entrees.neet")]
    public static bool EntreNeet(in JeuneJourney j, in Period p) => Entry(j, p, neetOnly: true, qpvOnly: false);

    /// <summary>Numerator of the QPV share: among CEJ1, young people living in a QPV (jeunes.csv, qpv = 1).</summary>
    [Criterion("CEJ.entrees.qpv")]
    public static bool EntreQpv(in JeuneJourney j, in Period p) => Entry(j, p, neetOnly: false, qpvOnly: true);

    /// <summary>CEJ2: a CEJ open on at least one day of the period.</summary>
    [Criterion("CEJ.stock")]
    public static bool EnCej(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif == Dispositif.Cej && x.Interval.Overlaps(p.Debut, p.Fin)) return true;
        }
        return false;
    }

    /// <summary>CEJ3: a CEJ with fin within the period.</summary>
    [Criterion("CEJ.sorties")]
    public static bool Sorti(in JeuneJourney j, in Period p) => Exit(j, p, autreOnly: false);

    /// <summary>Among CEJ3: one of those exits has the reason AUTRE.</summary>
    [Criterion("CEJ.sorties.autre")]
    public static bool SortiAutre(in JeuneJourney j, in Period p) => Exit(j, p, autreOnly: true);

    /// <summary>Among CEJ3: an emploi durable situation active on the day of one of those exits.</summary>
    [Criterion("CEJ.sorties.emploi_durable")]
    public static bool SortiEmploiDurable(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif != Dispositif.Cej || x.Fin is not { } fin || !p.Contains(fin)) continue;
            foreach (ref readonly var s in j.Situations)
            {
                if (s.IsEmploiDurable && s.Interval.IsActiveOn(fin)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Among CEJ1: an emploi-family situation active on the day 6 calendar months after one of those entries (the
    /// national « emploi à 6 mois » reading; an entry less than 6 months before the data's end counts no job yet).
    /// </summary>
    [Criterion("CEJ.emploi_6_mois")]
    public static bool EmploiSixMois(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif != Dispositif.Cej || !p.Contains(x.Debut)) continue;
            var day = x.Debut.AddMonths(6);
            foreach (ref readonly var s in j.Situations)
            {
                if (s.Type.IsEmploi() && s.Interval.IsActiveOn(day)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// CEJ5.heures: every active CEJ week of the period is one item, valued at its hours in hundredths of an hour. A week is
    /// one of <see cref="Domain.Dispositifs.ActivitesAllocations.HeuresParSemaine"/> (done activities of activites.csv, summed
    /// Monday to Sunday — the one definition of a week's hours); it is of the period when its Monday is, and of a CEJ when
    /// a CEJ path of the young person is open on one of its days and on one day of the period.
    /// </summary>
    [Measure("cej.heures_semaines_actives")]
    public static void HeuresSemainesActives(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        if (j.Activites.IsEmpty) return;
        foreach (var (lundi, heures) in Domain.Dispositifs.ActivitesAllocations.HeuresParSemaine(j.Activites))
        {
            if (!SemaineDuCej(j, p, lundi)) continue;
            sum += (long)Math.Round(heures * 100m, MidpointRounding.AwayFromZero);
            count++;
        }
    }

    /// <summary>
    /// CEJ5.sous_minimum: the same weeks as <see cref="HeuresSemainesActives"/>, each valued 1 when its hours are under the
    /// minimum in force that Monday (15 h; <see cref="Domain.Qualite.JourneyChecks.SemaineSousMinimum"/>), else 0: the mean
    /// is the share of active weeks under the minimum.
    /// </summary>
    [Measure("cej.semaines_sous_minimum")]
    public static void SemainesSousMinimum(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        if (j.Activites.IsEmpty) return;
        foreach (var (lundi, heures) in Domain.Dispositifs.ActivitesAllocations.HeuresParSemaine(j.Activites))
        {
            if (!SemaineDuCej(j, p, lundi)) continue;
            if (Domain.Qualite.JourneyChecks.SemaineSousMinimum(lundi, heures)) sum++;
            count++;
        }
    }

    /// <summary>The week of <paramref name="lundi"/> is of the period (its Monday is) and of a CEJ open during the period.</summary>
    private static bool SemaineDuCej(in JeuneJourney j, in Period p, DateOnly lundi)
    {
        if (!p.Contains(lundi)) return false;
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif == Dispositif.Cej && x.Interval.Overlaps(p.Debut, p.Fin) && x.Interval.Overlaps(lundi, lundi.AddDays(6))) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Entry(in JeuneJourney j, in Period p, bool neetOnly, bool qpvOnly)
    {
        if (qpvOnly && !j.Jeune.Qpv) return false;
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif == Dispositif.Cej && p.Contains(x.Debut) && (!neetOnly || x.Neet)) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Exit(in JeuneJourney j, in Period p, bool autreOnly)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Dispositif == Dispositif.Cej && p.Contains(x.Fin) && (!autreOnly || x.MotifFin == MotifFin.Autre)) return true;
        }
        return false;
    }
}
