namespace Jalon.Domain.Pilotage;

/// <summary>
/// Statistical secrecy for the roles that see aggregates only (State agents, association régionale): any count of
/// young people below 5 is shown as « &lt; 5 », and so is anything that would give it away — a rate or a change
/// whose count is hidden. The one helper used by every page and export those roles reach.
/// </summary>
public static class SecretStatistique
{
    public const int Seuil = 5;

    /// <summary>What is shown instead of a hidden count.</summary>
    public const string Masque = "< 5";

    /// <summary>Whether the figures shown to this role are subject to secrecy.</summary>
    public static bool SAppliqueA(Role role) => role.SeesAggregatesOnly();

    /// <summary>Is this count hidden?</summary>
    public static bool EstMasque(long? comptage, bool secret) => secret && comptage is { } c && c < Seuil;

    /// <summary>A count for display: « 1 234 », « &lt; 5 » under secrecy, « — » when unknown.</summary>
    public static string Comptage(long? comptage, bool secret) =>
        comptage is not { } c ? "—" : EstMasque(c, secret) ? Masque : Euros.Entier(c);

    /// <summary>A count for an export (plain digits, or « &lt; 5 », or empty).</summary>
    public static string ComptageBrut(long? comptage, bool secret) =>
        comptage is not { } c ? "" : EstMasque(c, secret) ? Masque : c.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A rate or ratio built on counts: hidden when one of those counts is hidden
    /// (a rate on 3 young people gives the 3 away).
    /// </summary>
    public static bool RatioMasque(bool secret, params long?[] comptages) => secret && comptages.Any(c => EstMasque(c, secret));

    /// <summary>The change between N−1 and N of a count: hidden when either count is hidden.</summary>
    public static long? Evolution(long? n, long? n1, bool secret) =>
        n is { } a && n1 is { } b && !EstMasque(a, secret) && !EstMasque(b, secret) ? a - b : null;

    /// <summary>The change of a count for display: « +12 », « −3 », « 0 », or « &lt; 5 » when it would reveal a hidden count.</summary>
    public static string EvolutionAffichee(long? n, long? n1, bool secret)
    {
        if (n is null || n1 is null) return "—";
        if (EstMasque(n, secret) || EstMasque(n1, secret)) return Masque;
        var d = n.Value - n1.Value;
        return d > 0 ? "+" + Euros.Entier(d) : d < 0 ? "−" + Euros.Entier(-d) : "0";
    }
}
