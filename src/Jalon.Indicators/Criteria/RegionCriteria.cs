using Jalon.Domain;
using Jalon.Domain.Amont;

namespace Jalon.Indicators.Criteria;

/// <summary>
/// The criteria of the Région's grid <c>region-alsace-2015</c> (seed 001, « Les modalités d'intervention »; definitions
/// in docs/financement-region.md) that the CPO criteria do not already give: indicators 2 and 3 reuse I2 and I2bis.
/// Same contract as <see cref="JourneyCriteria"/>: self-contained, reads only the journey, allocates nothing.
/// </summary>
public static class RegionCriteria
{
    /// <summary>
    /// Indicator 4, young people who had a professional situation: a situation of the emploi, immersion or service
    /// civique family (the CPO's « situation professionnelle ») overlapping the period.
    /// </summary>
    [Criterion("RG4")]
    public static bool SituationProfessionnelle(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var s in j.Situations)
        {
            if (s.Type.IsProfessional() && s.Interval.Overlaps(p.Debut, p.Fin)) return true;
        }
        return false;
    }

    /// <summary>Indicator 5: entered an « amont » scheme (a path with an <c>amont</c> code) with debut within the period.</summary>
    [Criterion("RG5")]
    public static bool EntreeAmont(in JeuneJourney j, in Period p)
    {
        foreach (ref readonly var x in j.Parcours)
        {
            if (x.Amont is not null && p.Contains(x.Debut)) return true;
        }
        return false;
    }

    /// <summary>
    /// Indicator 6: entered, within the period, a training (formation family) or a job (emploi family other than
    /// apprenticeship, which is indicator 7) « suite à » an amont scheme (<see cref="DispositifsAmont.EstSuiteA"/>).
    /// </summary>
    [Criterion("RG6")]
    public static bool SuiteFormationOuEmploi(in JeuneJourney j, in Period p) =>
        EntreeSuiteAmont(j, p, apprentissage: false);

    /// <summary>Indicator 7: entered an apprenticeship (APPRENTISSAGE) within the period « suite à » an amont scheme.</summary>
    [Criterion("RG7")]
    public static bool SuiteApprentissage(in JeuneJourney j, in Period p) =>
        EntreeSuiteAmont(j, p, apprentissage: true);

    private static bool EntreeSuiteAmont(in JeuneJourney j, in Period p, bool apprentissage)
    {
        foreach (ref readonly var s in j.Situations)
        {
            if (!p.Contains(s.Debut)) continue;
            var kind = apprentissage
                ? s.Type == TypeSituation.Apprentissage
                : s.Type.IsFormation() || (s.Type.IsEmploi() && s.Type != TypeSituation.Apprentissage);
            if (!kind) continue;
            foreach (ref readonly var x in j.Parcours)
            {
                if (DispositifsAmont.EstSuiteA(x, s.Debut)) return true;
            }
        }
        return false;
    }
}
