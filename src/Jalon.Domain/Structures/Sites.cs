namespace Jalon.Domain.Structures;

/// <summary>The checks of a structure's sites (docs/structure.md): anomalies, never blocking.</summary>
public static class Sites
{
    public static bool IsActiveOn(this Site site, DateOnly day) =>
        (site.Debut is null || site.Debut.Value <= day) && (site.Fin is null || day <= site.Fin.Value);

    /// <summary>
    /// For one structure's sites: (site id or null for the structure as a whole, message) — no head office, more than one
    /// head office open at once, a site in a commune the structure's territory never covers (when a territory is given).
    /// </summary>
    public static IReadOnlyList<(string? Site, string Message)> Check(IReadOnlyList<Site> sites, IReadOnlyList<TerritoireCommune> territoire)
    {
        var result = new List<(string?, string)>();
        var sieges = sites.Where(s => s.Type == TypeSite.Siege).ToList();
        if (sites.Count > 0 && sieges.Count == 0) result.Add((null, "aucun site de type SIEGE (le siège de la structure)"));
        for (var i = 0; i < sieges.Count; i++)
        {
            for (var k = i + 1; k < sieges.Count; k++)
            {
                var a = new DateInterval(sieges[i].Debut ?? DateOnly.MinValue, sieges[i].Fin);
                var b = new DateInterval(sieges[k].Debut ?? DateOnly.MinValue, sieges[k].Fin);
                if (a.Overlaps(b)) result.Add((sieges[k].Id, $"deux sièges ouverts en même temps : « {sieges[i].Id} » et « {sieges[k].Id} »"));
            }
        }
        if (territoire.Count > 0)
        {
            var covered = territoire.Select(t => t.Commune).ToHashSet(StringComparer.Ordinal);
            foreach (var s in sites.Where(s => !covered.Contains(s.Commune)))
                result.Add((s.Id, $"commune {s.Commune} du site « {s.Id} » hors du territoire de la structure (territoires.csv)"));
        }
        return result;
    }
}
