namespace Jalon.Domain.Dispositifs;

/// <summary>The category of a CEJ activity (activites.csv, column <c>categorie</c>). Stored as bytes: append only.</summary>
public enum CategorieActivite : byte { Emploi, Formation, Sante, Logement, Citoyennete, ProjetPro, CultureSport, Atelier, Information }

/// <summary>
/// Where a month's CEJ allowance stands (allocations.csv, column <c>statut</c>): computed, validated by the counsellor,
/// validated by the director (frozen), sent to the ASP, paid or rejected by the ASP. Stored as bytes: append only.
/// </summary>
public enum StatutAllocation : byte { Calcule, ValideConseiller, ValideDirection, Demande, Paye, Rejete }

/// <summary>
/// One activity of a young person (activites.csv): a day, a category, hours, planned or done, and the collective
/// session it was part of, if any. The hours of a CEJ week are the sum of the done activities of the week.
/// </summary>
public readonly record struct Activite(int Jeune, DateOnly Date, CategorieActivite Categorie, decimal Heures, bool Realisee, string? Session) : IJeuneEvent
{
    /// <summary>The Monday of the activity's week (<see cref="Cej.SemainesCej.Lundi"/>).</summary>
    public DateOnly Semaine => Cej.SemainesCej.Lundi(Date);
}

/// <summary>
/// The CEJ allowance of a young person for a month (allocations.csv): <see cref="Mois"/> is the first day of the month;
/// the amount due from the rules, the amount requested from the ASP (null before the request), the status and the
/// ASP's return (a rejection reason, a payment reference).
/// </summary>
public readonly record struct AllocationMensuelle(int Jeune, DateOnly Mois, decimal MontantDu, decimal? MontantDemande, StatutAllocation Statut, string? RetourAsp) : IJeuneEvent;

/// <summary>
/// The rules of CEJ activities and allowances, written once (the exchange readers and the web call them); the amount due for
/// a month is <see cref="Cej.Allocation.Calculer"/>.
/// </summary>
public static class ActivitesAllocations
{
    /// <summary>An activity lasts more than 0 and at most 24 hours.</summary>
    public const decimal HeuresMax = 24m;

    public static bool HeuresValides(decimal heures) => heures > 0 && heures <= HeuresMax;

    /// <summary>
    /// The hours of each active week of a young person's done activities, by Monday; a week with no done activity is
    /// not active and does not appear.
    /// </summary>
    public static SortedDictionary<DateOnly, decimal> HeuresParSemaine(ReadOnlySpan<Activite> activites)
    {
        var credits = new List<Cej.HeuresDatees>(activites.Length);
        foreach (ref readonly var a in activites)
        {
            if (a.Realisee) credits.Add(new Cej.HeuresDatees(a.Date, a.Heures));
        }
        return Cej.SemainesCej.HeuresParSemaine(credits);
    }

    /// <summary>
    /// The most a month's allowance can be under the rules in force on its first day: the non-taxable adult's amount
    /// (the highest); null before the CEJ existed.
    /// </summary>
    public static decimal? MontantMaximal(DateOnly mois) => ReglesDispositifs.Publiees.Cej(mois)?.AllocationMajeurNonImposable;
}
