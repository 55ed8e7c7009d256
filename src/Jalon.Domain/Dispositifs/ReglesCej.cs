namespace Jalon.Domain.Dispositifs;

/// <summary>The situation that sets the CEJ monthly allowance (code du travail, art. D. 5131-19 and following).</summary>
public enum SituationAllocation : byte { MajeurNonImposable, MajeurPremiereTranche, Mineur }

/// <summary>
/// The CEJ values in force on <see cref="Date"/> (<see cref="ReglesDispositifs.Cej"/>). In a Mission Locale the CEJ is
/// an intensive phase of the PACEA (décret 2022-199).
/// </summary>
public sealed record ReglesCej(
    DateOnly Date,
    decimal HeuresHebdoMin,
    decimal HeuresHebdoMax,
    int DureeMaxMois,
    int DureeMaxTotaleMois,
    int DelaiEntreContratsMois,
    int AgeMin,
    int AgeMax,
    int AgeMaxRqth,
    decimal AllocationMajeurNonImposable,
    decimal AllocationMajeurPremiereTranche,
    decimal AllocationMineur,
    IReadOnlyList<decimal> RetenueAbsenceInjustifiee,
    int JeunesParConseillerAlerte)
{
    /// <summary>The full monthly allowance for a situation, before any reduction.</summary>
    public decimal Allocation(SituationAllocation situation) => situation switch
    {
        SituationAllocation.MajeurNonImposable => AllocationMajeurNonImposable,
        SituationAllocation.MajeurPremiereTranche => AllocationMajeurPremiereTranche,
        _ => AllocationMineur,
    };

    /// <summary>The oldest age (whole years) at entry: 25, or 29 with an RQTH.</summary>
    public int AgeMaxEntree(bool rqth) => rqth ? AgeMaxRqth : AgeMax;

    internal static ReglesCej From(ReglesDispositifs r, DateOnly d) => new(
        d,
        r.Valeur("cej.heures_hebdo_min", d),
        r.Valeur("cej.heures_hebdo_max", d),
        (int)r.Valeur("cej.duree_max_mois", d),
        (int)r.Valeur("cej.duree_max_totale_mois", d),
        (int)r.Valeur("cej.delai_entre_contrats_mois", d),
        (int)r.Valeur("cej.age_min", d),
        (int)r.Valeur("cej.age_max", d),
        (int)r.Valeur("cej.age_max_rqth", d),
        r.Valeur("cej.allocation_majeur_non_imposable", d),
        r.Valeur("cej.allocation_majeur_premiere_tranche", d),
        r.Valeur("cej.allocation_mineur", d),
        r["cej.retenue_absence_injustifiee"].EnVigueur(d)?.Bareme ?? [],
        (int)r.Valeur("cej.jeunes_par_conseiller_alerte", d));
}
