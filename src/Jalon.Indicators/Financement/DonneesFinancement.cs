using System.Globalization;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Financement;

/// <summary>
/// The inputs of an allocation read from a package: the region's structures and their values of the computed axes'
/// indicators over the activity the grid is anchored on (N−1 for the envelope of N). Pure: the package is in memory.
/// </summary>
public static class DonneesFinancement
{
    /// <summary>
    /// The region of the allocation: <paramref name="region"/> (an INSEE region code the package holds), or the only
    /// region of the package. Throws <see cref="AllocationException"/> with a French message otherwise.
    /// </summary>
    public static string Region(JourneyPackage package, string? region)
    {
        var regions = package.Structures.Select(s => s.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (region is not null)
        {
            if (!regions.Contains(region, StringComparer.Ordinal))
                throw new AllocationException($"Région « {region} » absente du paquet (régions présentes : {string.Join(", ", regions)}).");
            return region;
        }
        return regions.Length switch
        {
            0 => throw new AllocationException("Le paquet n'a aucune structure."),
            1 => regions[0],
            _ => throw new AllocationException($"Le paquet couvre plusieurs régions ({string.Join(", ", regions)}) : préciser --region CODE (code INSEE de la région)."),
        };
    }

    /// <summary>The period the grid's computed axes read for the envelope of <paramref name="annee"/>: N−1 (or N for a grid anchored on N).</summary>
    public static Period Periode(Catalogue catalogue, int annee) =>
        Period.Year(catalogue.Ancrage == PeriodeRelative.NMoins1 ? annee - 1 : annee);

    /// <summary>
    /// The allocation request for the structures of <paramref name="region"/> and the envelope of <paramref name="annee"/>:
    /// their values of every indicator of the computed axes over <see cref="Periode"/> (counts of young people;
    /// amounts such as JANO, which must be known for every structure: a missing one is refused, never taken as 0).
    /// </summary>
    public static AllocationRequest Request(JourneyPackage package, Catalogue catalogue, string region, int annee, decimal enveloppe)
    {
        if (catalogue.Financement is null)
            throw new AllocationException($"La grille « {catalogue.Id} » n'a pas de section financement : ce n'est pas une grille de financement.");
        var structures = package.Structures.Where(s => s.Region == region).Select(s => s.Code).Order(StringComparer.Ordinal).ToArray();
        var results = IndicatorEngine.Compute(package, catalogue, new IndicatorRequest(Periode(catalogue, annee)) { Structures = structures });
        return Request(results, catalogue, structures, enveloppe);
    }

    /// <summary>
    /// The allocation request from computed results (the command's package, or the web's stored tallies) over
    /// <see cref="Periode"/>: the values of the computed axes' indicators for each structure given.
    /// </summary>
    public static AllocationRequest Request(IndicatorResults results, Catalogue catalogue, IReadOnlyList<string> structures, decimal enveloppe)
    {
        var grille = catalogue.Financement
            ?? throw new AllocationException($"La grille « {catalogue.Id} » n'a pas de section financement : ce n'est pas une grille de financement.");
        var periode = results.Period;
        var valeurs = new Dictionary<(string, string), long>();
        var manquants = new List<string>();
        foreach (var axe in grille.Axes)
        {
            foreach (var cle in axe.Indicateurs)
            {
                var d = catalogue[cle];
                foreach (var s in structures)
                {
                    var v = results.Get(Level.Structure, s, cle);
                    if (v.Value is not { } x)
                    {
                        var source = d.Moyens is { } col ? $" (moyens.csv, colonne {col}, année {periode.Fin.Year})" : "";
                        manquants.Add($"{d.LibelleCourt} ({cle}) manquant pour la structure {s}{source}");
                        continue;
                    }
                    valeurs[(s, cle)] = (long)Math.Round(x, MidpointRounding.AwayFromZero);
                }
            }
        }
        if (manquants.Count > 0)
        {
            throw new AllocationException(string.Join(Environment.NewLine, manquants)
                + Environment.NewLine + "La répartition a besoin de ces valeurs pour toutes les structures de la région.");
        }
        return new AllocationRequest { Grille = grille, Enveloppe = enveloppe, Structures = structures, Valeurs = valeurs };
    }

    internal static string Texte(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
