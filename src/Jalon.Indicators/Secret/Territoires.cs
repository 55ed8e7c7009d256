using Jalon.Domain;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Secret;

/// <summary>
/// The territories of the nation as statistical secrecy sees them: every structure (sorted by code), every region
/// (sorted by code) and the nation, indexed in that order; a region is the sum of its structures, the nation the sum
/// of its regions.
/// </summary>
public sealed class Territoires
{
    private readonly Dictionary<(Level, string), int> _index = [];
    private readonly int[] _regionOf;
    private readonly int[][] _structuresOf;
    private readonly string[] _codes;

    public Territoires(IEnumerable<Structure> structures)
    {
        ArgumentNullException.ThrowIfNull(structures);
        var sorted = structures.OrderBy(s => s.Code, StringComparer.Ordinal).ToArray();
        if (sorted.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != sorted.Length)
            throw new ArgumentException("Une structure apparaît deux fois.", nameof(structures));
        var regions = sorted.Select(s => s.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        StructureCount = sorted.Length;
        RegionCount = regions.Length;
        Count = StructureCount + RegionCount + 1;
        _codes = [.. sorted.Select(s => s.Code), .. regions, LevelNames.National];
        _regionOf = new int[Count];
        for (var s = 0; s < sorted.Length; s++)
        {
            _regionOf[s] = StructureCount + Array.IndexOf(regions, sorted[s].Region);
            _index[(Level.Structure, sorted[s].Code)] = s;
        }
        for (var r = 0; r < regions.Length; r++)
        {
            _regionOf[StructureCount + r] = Nation;
            _index[(Level.Region, regions[r])] = StructureCount + r;
        }
        _regionOf[Nation] = -1;
        _index[(Level.National, LevelNames.National)] = Nation;
        _structuresOf = new int[Count][];
        for (var r = 0; r < regions.Length; r++)
            _structuresOf[StructureCount + r] = Enumerable.Range(0, StructureCount).Where(s => _regionOf[s] == StructureCount + r).ToArray();
        _structuresOf[Nation] = Enumerable.Range(StructureCount, RegionCount).ToArray();
        for (var s = 0; s < StructureCount; s++) _structuresOf[s] = [];
        Signature = string.Join(';', sorted.Select(s => s.Code + "@" + s.Region));
    }

    /// <summary>Structures, regions and the nation.</summary>
    public int Count { get; }

    public int StructureCount { get; }

    public int RegionCount { get; }

    /// <summary>The index of the nation (the last one).</summary>
    public int Nation => Count - 1;

    /// <summary>The structures and their regions, to tell two hierarchies apart (cache keys).</summary>
    public string Signature { get; }

    public Level LevelOf(int t) => t < StructureCount ? Level.Structure : t < Nation ? Level.Region : Level.National;

    public string Code(int t) => _codes[t];

    /// <summary>The territory a structure or region adds up into (−1 for the nation).</summary>
    public int Parent(int t) => _regionOf[t];

    /// <summary>The territories that add up into this one: a region's structures, the nation's regions (none for a structure).</summary>
    public IReadOnlyList<int> Children(int t) => _structuresOf[t];

    public bool TryIndex(Level level, string code, out int t) => _index.TryGetValue((level, code), out t);
}
