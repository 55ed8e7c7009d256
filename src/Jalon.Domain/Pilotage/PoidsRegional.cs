namespace Jalon.Domain.Pilotage;

/// <summary>The context figures of a structure for a year: JANO and DEFM (moyens), JDI (indicator I2bis).</summary>
public sealed record DonneesPoids(string Structure, long? Jano, long? Defm, long? Jdi);

/// <summary>A structure's share of its region (0..1), for each figure; null when a figure is missing.</summary>
public sealed record PoidsRegional(string Structure, double? Jano, double? Defm, double? Jdi);

/// <summary>
/// The poids régional of a Mission Locale (fiche n°1 §1): its share of the region's young people actifs non occupés
/// (JANO), of its young job seekers (DEFM) and of its young people en demande d'insertion (JDI). Indicative, to
/// put the structure's activity in perspective. A regional total is unknown (null) if any structure's figure is
/// missing, as for every regional sum of the catalogue.
/// </summary>
public static class PoidsRegionalCalcul
{
    public static IReadOnlyList<PoidsRegional> Calculer(IReadOnlyList<DonneesPoids> region)
    {
        var jano = Total(region.Select(d => d.Jano));
        var defm = Total(region.Select(d => d.Defm));
        var jdi = Total(region.Select(d => d.Jdi));
        return region.Select(d => new PoidsRegional(d.Structure, Part(d.Jano, jano), Part(d.Defm, defm), Part(d.Jdi, jdi))).ToList();
    }

    private static long? Total(IEnumerable<long?> valeurs)
    {
        long total = 0;
        foreach (var v in valeurs)
        {
            if (v is null) return null;
            total += v.Value;
        }
        return total;
    }

    private static double? Part(long? valeur, long? total) => valeur is { } v && total is > 0 ? (double)v / total.Value : null;
}
