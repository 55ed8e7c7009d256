namespace Jalon.Domain.Amont;

/// <summary>What is wrong with the <c>amont</c> of a path (<see cref="DispositifsAmont.Verifier"/>).</summary>
public enum ProblemeAmont : byte
{
    Aucun,

    /// <summary>Not 1 to 32 characters among A–Z, 0–9 and « _ », starting with a letter.</summary>
    MalForme,

    /// <summary>On a national path (only REGIONAL or LOCAL paths are « amont » schemes).</summary>
    ParcoursNational,
}

/// <summary>A scheme « amont » of the Région (seed 001, axis 2): its code in the exchange format and its label.</summary>
public sealed record DispositifAmont(string Code, string Libelle);

/// <summary>
/// The reference list of the « amont » schemes (seed 001, « Les modalités d'intervention », indicators 5 to 7):
/// schemes upstream of training or employment that the Région funds — DPA, orientation workshops, immersions.
/// A regional or local path (parcours.csv, dispositif <c>REGIONAL</c> or <c>LOCAL</c>) records which scheme it is in
/// the optional column <c>amont</c> (docs/spec/format-echange.md). This list is the one place of the codes: a Région
/// extends it by adding a line here; a code outside it is read (the Région may use it before the list knows it) and
/// reported as an anomaly.
/// </summary>
public static class DispositifsAmont
{
    /// <summary>The longest code accepted in the <c>amont</c> column.</summary>
    public const int LongueurMaximale = 32;

    /// <summary>The known schemes, in display order.</summary>
    public static IReadOnlyList<DispositifAmont> Reference { get; } =
    [
        new("DPA", "Dispositif préparatoire à l'apprentissage (DPA)"),
        new("ATELIER_ORIENTATION", "Atelier d'orientation"),
        new("IMMERSION", "Immersion en entreprise ou en centre de formation"),
        new("PREQUALIFICATION", "Action de préqualification ou de remise à niveau"),
    ];

    /// <summary>The label of a code, or the code itself when the list does not know it.</summary>
    public static string Libelle(string code)
    {
        foreach (var d in Reference) if (d.Code == code) return d.Libelle;
        return code;
    }

    /// <summary>The code as the list spells it (a shared instance), or null when the list does not know it.</summary>
    public static string? Connu(ReadOnlySpan<char> code)
    {
        foreach (var d in Reference) if (code.SequenceEqual(d.Code)) return d.Code;
        return null;
    }

    /// <summary>Is this a well-formed code: 1 to 32 characters among A–Z, 0–9 and « _ », starting with a letter?</summary>
    public static bool EstBienForme(ReadOnlySpan<char> code)
    {
        if (code.Length is 0 or > LongueurMaximale || code[0] is < 'A' or > 'Z') return false;
        foreach (var c in code) if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')) return false;
        return true;
    }

    /// <summary>
    /// The rule of the <c>amont</c> of a path, written once for the import and the path form: a well-formed code
    /// (<see cref="EstBienForme"/>), on a <c>REGIONAL</c> or <c>LOCAL</c> path only. A code the list does not know is
    /// not an error (the import reports it as an anomaly; the form only offers the list).
    /// </summary>
    public static ProblemeAmont Verifier(ReadOnlySpan<char> code, Dispositif? dispositif)
    {
        if (!EstBienForme(code)) return ProblemeAmont.MalForme;
        if (dispositif is { } d && !d.IsRegionalOrLocal()) return ProblemeAmont.ParcoursNational;
        return ProblemeAmont.Aucun;
    }

    /// <summary>
    /// « Suite à » (indicators 6 and 7): an entry into a situation follows an amont scheme when it begins on or after
    /// the scheme's first day and at most <see cref="DelaiSuiteMois"/> calendar months after its last day (any day
    /// after its first while it is still open).
    /// </summary>
    public const int DelaiSuiteMois = 12;

    /// <summary>Does an entry dated <paramref name="entree"/> follow the scheme <paramref name="amont"/> (see <see cref="DelaiSuiteMois"/>)?</summary>
    public static bool EstSuiteA(in Parcours amont, DateOnly entree) =>
        amont.Amont is not null && entree >= amont.Debut && (amont.Fin is not { } fin || entree <= fin.AddMonths(DelaiSuiteMois));
}
