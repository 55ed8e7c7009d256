namespace Jalon.Domain.Qualite;

/// <summary>Where an event's date stands against the young person's birth and first reception.</summary>
public enum DateAnterieure : byte
{
    Aucune,
    AvantNaissance,
    AvantPremierAccueil,
}

/// <summary>
/// The anomaly rules of a journey (docs/spec/format-echange.md, « Errors and anomalies »), written once: the exchange
/// readers, the web forms' <c>JourneyRules</c> and the quality analysis (<see cref="QualityAnalysis"/>) call them. Each
/// says whether the rule is broken; every caller words the message for its medium (a file line, a form, a finding).
/// </summary>
public static class JourneyChecks
{
    /// <summary>The expected age at first reception: 16 to 25 years.</summary>
    public const int AgeMin = 16;
    public const int AgeMax = 25;

    /// <summary>A séquence de consolidation lasts at most 4 months.</summary>
    public const int ConsolidationMaxMois = 4;

    /// <summary>True when the age at first reception is outside 16–25; <paramref name="age"/> is that age.</summary>
    public static bool AgeHorsTranche(DateOnly naissance, DateOnly premierAccueil, out int age)
    {
        age = Dates.AgeOn(naissance, premierAccueil);
        return age is < AgeMin or > AgeMax;
    }

    /// <summary>Whether an event's date is before the young person's birth, or else before their first reception.</summary>
    public static DateAnterieure Anteriorite(DateOnly date, DateOnly naissance, DateOnly premierAccueil) =>
        date < naissance ? DateAnterieure.AvantNaissance : date < premierAccueil ? DateAnterieure.AvantPremierAccueil : DateAnterieure.Aucune;

    /// <summary>True for a séquence de consolidation whose end is more than 4 months after its start.</summary>
    public static bool ConsolidationTropLongue(Dispositif dispositif, DateOnly debut, DateOnly? fin) =>
        dispositif == Dispositif.Consolidation && fin is { } f && debut.AddMonths(ConsolidationMaxMois) < f;

    /// <summary>
    /// True when two paths are both national and their intervals overlap — except a phase of the PACEA (CEJ, Garantie
    /// jeunes) inside a PACEA, which is how the CEJ is run in a Mission Locale.
    /// </summary>
    public static bool NationauxChevauchants(Dispositif a, DateInterval ia, Dispositif b, DateInterval ib) =>
        a.IsNational() && b.IsNational() && ia.Overlaps(ib)
        && !(a == Dispositif.Pacea && b.IsPhaseOfPacea()) && !(b == Dispositif.Pacea && a.IsPhaseOfPacea());
}
