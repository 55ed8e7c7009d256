namespace Jalon.Domain.Rgpd;

/// <summary>
/// The retention rule of young people's files (docs/rgpd.md): a file with no actualité for
/// <see cref="AnneesParDefaut"/> years (configurable) is anonymised — identity removed, journey facts kept.
/// </summary>
public static class Conservation
{
    /// <summary>
    /// Default: two years without any actualité. The I-MILO decree (n° 2015-59, conservation article as amended)
    /// keeps a young person's data until the end of their eligibility (25 years) plus two years, then only in an
    /// anonymised form; Jalon counts the two years from the last actualité of the file (docs/rgpd.md, « Durées »).
    /// </summary>
    public const int AnneesParDefaut = 2;

    /// <summary>The day before which a last actualité makes a file due for anonymisation.</summary>
    public static DateOnly Limite(DateOnly today, int annees) => today.AddYears(-annees);

    /// <summary>True when a file whose last actualité is <paramref name="derniere"/> is kept no longer.</summary>
    public static bool EstEchu(DateOnly derniere, DateOnly today, int annees) => derniere < Limite(today, annees);

    /// <summary>
    /// What an anonymised file keeps of the birth date: its year and month (the first day of the month), as the
    /// anonymised archives of public employment services do. No indicator of the CPO catalogue reads the birth date
    /// (a test checks that every indicator is unchanged by anonymisation).
    /// </summary>
    public static DateOnly NaissanceAnonymisee(DateOnly naissance) => new(naissance.Year, naissance.Month, 1);
}
