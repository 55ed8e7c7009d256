using Jalon.Domain.Dispositifs;

namespace Jalon.Domain.Qualite;

/// <summary>Where an event's date stands against the young person's birth and first reception.</summary>
public enum DateAnterieure : byte
{
    Aucune,
    AvantNaissance,
    AvantPremierAccueil,
}

/// <summary>
/// The rules of a journey and of its schemes (docs/spec/format-echange.md, « Errors and anomalies »; docs/dispositifs.md),
/// written once: the exchange readers (<c>./jalon valider</c>, the import), the web forms' <c>JourneyRules</c>, the
/// portfolio alerts and the quality analysis (<see cref="QualityAnalysis"/>) call them. Each says whether the rule is
/// broken; every caller words the message for its medium (a file line, a form, a finding). The values (ages, lengths,
/// delays, hours) are the dated data of <see cref="ReglesDispositifs.Publiees"/>, read on the day that matters (the
/// first reception, the path's start, the week).
/// </summary>
public static class JourneyChecks
{
    private static ReglesDispositifs Regles => ReglesDispositifs.Publiees;

    private static int? Int(string cle, DateOnly date) => Regles[cle].EnVigueur(date) is { } v ? (int)v.Valeur : null;

    /// <summary>The expected age range at first reception on a day (16–25), or null when no rule is in force.</summary>
    public static (int Min, int Max)? AgeAccueil(DateOnly date) =>
        Int("accueil.age_min", date) is { } min && Int("accueil.age_max", date) is { } max ? (min, max) : null;

    /// <summary>True when the age at first reception is outside 16–25; <paramref name="age"/> is that age.</summary>
    public static bool AgeHorsTranche(DateOnly naissance, DateOnly premierAccueil, out int age)
    {
        age = Dates.AgeOn(naissance, premierAccueil);
        return AgeAccueil(premierAccueil) is { } range && (age < range.Min || age > range.Max);
    }

    /// <summary>Whether an event's date is before the young person's birth, or else before their first reception.</summary>
    public static DateAnterieure Anteriorite(DateOnly date, DateOnly naissance, DateOnly premierAccueil) =>
        date < naissance ? DateAnterieure.AvantNaissance : date < premierAccueil ? DateAnterieure.AvantPremierAccueil : DateAnterieure.Aucune;

    /// <summary>
    /// The longest a path started on <paramref name="debut"/> may last, in months, from the rules in force that day:
    /// Garantie jeunes 18, séquence de consolidation 4, CEJ 18 in all, PACEA 24; null for CIVIS (bounded by age), PPAE,
    /// regional and local paths.
    /// </summary>
    public static int? DureeMaxMois(Dispositif dispositif, DateOnly debut) => dispositif switch
    {
        Dispositif.GarantieJeunes => Int("gj.duree_max_mois", debut),
        Dispositif.Consolidation => Int("consolidation.duree_max_mois", debut),
        Dispositif.Cej => Regles.Cej(debut)?.DureeMaxTotaleMois,
        Dispositif.Pacea => Regles.Pacea(debut)?.DureeMaxMois,
        _ => null,
    };

    /// <summary>
    /// The last day a path may run: debut + its maximum length, or for a CIVIS the day before the 26th birthday; null
    /// when the path has no maximum.
    /// </summary>
    public static DateOnly? FinMaximale(Dispositif dispositif, DateOnly debut, DateOnly naissance) =>
        dispositif == Dispositif.Civis
            ? Int("civis.age_limite", debut) is { } limite ? naissance.AddYears(limite).AddDays(-1) : null
            : DureeMaxMois(dispositif, debut) is { } mois ? debut.AddMonths(mois) : null;

    /// <summary>
    /// True when a closed path of a scheme with a maximum length (in months: consolidation, Garantie jeunes, CEJ, PACEA)
    /// ends after debut + that length; <paramref name="maxMois"/> is the maximum. The day debut + N months itself is allowed.
    /// </summary>
    public static bool DureeDepassee(Dispositif dispositif, DateOnly debut, DateOnly? fin, out int maxMois)
    {
        maxMois = 0;
        if (fin is not { } f || DureeMaxMois(dispositif, debut) is not { } max) return false;
        maxMois = max;
        return debut.AddMonths(max) < f;
    }

    /// <summary>True for a séquence de consolidation whose end is more than 4 months after its start.</summary>
    public static bool ConsolidationTropLongue(Dispositif dispositif, DateOnly debut, DateOnly? fin) =>
        dispositif == Dispositif.Consolidation && DureeDepassee(dispositif, debut, fin, out _);

    /// <summary>The maximum length of a séquence de consolidation started on a day (4 months).</summary>
    public static int ConsolidationMaxMois(DateOnly debut) => DureeMaxMois(Dispositif.Consolidation, debut) ?? 4;

    /// <summary>
    /// True when two paths are both national and their intervals overlap — except a phase of the PACEA (CEJ, Garantie
    /// jeunes) inside a PACEA, which is how the CEJ is run in a Mission Locale. Two CEJ never overlap.
    /// </summary>
    public static bool NationauxChevauchants(Dispositif a, DateInterval ia, Dispositif b, DateInterval ib) =>
        a.IsNational() && b.IsNational() && ia.Overlaps(ib)
        && !(a == Dispositif.Pacea && b.IsPhaseOfPacea()) && !(b == Dispositif.Pacea && a.IsPhaseOfPacea());

    /// <summary>
    /// True when a CEJ's entry age is outside 16–25, or 16–29 with an RQTH (<paramref name="rqth"/>); null rules (before
    /// the CEJ existed) break nothing. <paramref name="age"/> is the age on <paramref name="debut"/>, <paramref name="ageMax"/>
    /// the applicable maximum.
    /// </summary>
    public static bool CejAgeHorsTranche(DateOnly naissance, DateOnly debut, bool rqth, out int age, out int ageMax)
    {
        age = Dates.AgeOn(naissance, debut);
        ageMax = 0;
        if (Regles.Cej(debut) is not { } cej) return false;
        ageMax = cej.AgeMaxEntree(rqth);
        return age < cej.AgeMin || age > ageMax;
    }

    /// <summary>
    /// True when a CEJ starts before the minimum gap after the previous CEJ ends (6 months: the day fin + 6 months is
    /// the first allowed); <paramref name="possibleLe"/> is that first allowed day. A previous CEJ still open breaks it too
    /// (<paramref name="possibleLe"/> is then <see cref="DateOnly.MaxValue"/>).
    /// </summary>
    public static bool CejDelaiNonRespecte(DateOnly debutPrecedent, DateOnly? finPrecedent, DateOnly debut, out DateOnly possibleLe)
    {
        possibleLe = DateOnly.MaxValue;
        if (debut <= debutPrecedent) return false; // the earlier one is the other
        if (finPrecedent is not { } fin) return true;
        var mois = Regles.Cej(debut)?.DelaiEntreContratsMois ?? 0;
        possibleLe = fin.AddMonths(mois);
        return debut < possibleLe;
    }

    /// <summary>
    /// True when a PACEA is signed more than one month after the last diagnostic on or before its start, or with no
    /// such diagnostic (code du travail, art. R. 5131-5). An anomaly, never a rejection (docs/dispositifs.md).
    /// <paramref name="diagnostic"/> is the diagnostic found, if any.
    /// </summary>
    public static bool PaceaSignatureHorsDelai(DateOnly debut, IEnumerable<DateOnly> diagnostics, out DateOnly? diagnostic)
    {
        diagnostic = null;
        foreach (var d in diagnostics)
        {
            if (d <= debut && (diagnostic is null || d > diagnostic)) diagnostic = d;
        }
        if (Regles.Pacea(debut) is not { } pacea) return false;
        return diagnostic is not { } found || found.AddMonths(pacea.DelaiSignatureMois) < debut;
    }

    /// <summary>True when an active CEJ week (any hours) counts fewer hours than the minimum in force that week (15 h).</summary>
    public static bool SemaineSousMinimum(DateOnly semaine, decimal heures) =>
        Regles.Cej(semaine) is { } cej && heures > 0 && heures < cej.HeuresHebdoMin;
}
