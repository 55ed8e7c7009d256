using Jalon.Domain;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Engine;

/// <summary>The three levels an indicator is computed at.</summary>
public enum Level : byte
{
    Structure,
    Region,
    National,
}

public static class LevelNames
{
    /// <summary>The contract's name of a level: structure, region, national.</summary>
    public static string Code(this Level level) => level switch
    {
        Level.Structure => "structure",
        Level.Region => "region",
        _ => "national",
    };

    /// <summary>The code of the national level.</summary>
    public const string National = "FR";
}

/// <summary>One structure, one region or the nation.</summary>
public readonly record struct LevelRef(Level Level, string Code, string Nom);

/// <summary>
/// The value of one indicator at one level for one period. Counts have <see cref="Count"/> and breakdowns
/// (<see cref="Neet"/> only for the keys having it); other natures have <see cref="Number"/>, null when not computable.
/// A count that reads the employer side is null (and its breakdowns) when a package of the level has no employer file.
/// </summary>
public readonly record struct IndicatorValue(
    IndicatorDefinition Definition,
    long? Count,
    double? Number,
    long Femmes,
    long InfraV,
    long Qpv,
    long Zrr,
    long? Neet)
{
    public bool IsCount => Definition.Nature == Nature.Effectif;

    /// <summary>The value as a number, whatever the nature; null when not computable.</summary>
    public double? Value => Count is { } c ? c : Number;

    public long? Breakdown(Ventilation v) => !IsCount || Count is null ? null : v switch
    {
        Ventilation.Femmes => Femmes,
        Ventilation.InfraV => InfraV,
        Ventilation.Qpv => Qpv,
        Ventilation.Zrr => Zrr,
        _ => Neet,
    };
}

/// <summary>One row of the output: a level, a code, an indicator.</summary>
public readonly record struct IndicatorRow(LevelRef Level, IndicatorValue Value)
{
    public string Key => Value.Definition.Cle;
}

/// <summary>Every indicator of a catalogue at every level, for one period.</summary>
public sealed class PeriodResults
{
    private readonly IndicatorResults _owner;
    private readonly long[] _counts;          // [level, count, slot]
    private readonly double?[] _numbers;      // [level, catalogue indicator]

    private readonly bool[] _employeursConnus;  // [level]: every structure's package carries the employer files

    internal PeriodResults(IndicatorResults owner, Period period, long[] counts, double?[] numbers, bool[] employeursConnus)
    {
        _owner = owner;
        _employeursConnus = employeursConnus;
        Period = period;
        _counts = counts;
        _numbers = numbers;
    }

    public Period Period { get; }

    /// <summary>The value of <paramref name="key"/> for a structure, a region or the nation (code FR).</summary>
    public IndicatorValue Get(Level level, string code, string key) =>
        TryGet(level, code, key, out var value) ? value : throw new KeyNotFoundException($"{level.Code()} {code} {key}");

    public bool TryGet(Level level, string code, string key, out IndicatorValue value)
    {
        value = default;
        if (!_owner.TryGetLevelIndex(level, code, out var l) || !_owner.Catalogue.TryGet(key, out var d) || !d.Calculable) return false;
        value = At(l, key);
        return true;
    }

    /// <summary>Every (level, indicator) in the contract's order: structures, regions, nation; keys sorted ordinally.</summary>
    public IEnumerable<IndicatorRow> Rows()
    {
        var levels = _owner.Levels;
        for (var l = 0; l < levels.Count; l++)
        {
            foreach (var key in _owner.Catalogue.KeysInOutputOrder) yield return new IndicatorRow(levels[l], At(l, key));
        }
    }

    /// <summary>The rows of one level, keys sorted ordinally.</summary>
    public IEnumerable<IndicatorRow> Rows(Level level, string code)
    {
        if (!_owner.TryGetLevelIndex(level, code, out var l)) yield break;
        foreach (var key in _owner.Catalogue.KeysInOutputOrder) yield return new IndicatorRow(_owner.Levels[l], At(l, key));
    }

    private IndicatorValue At(int level, string key)
    {
        var plan = _owner.Catalogue.Plan;
        var definition = _owner.Catalogue[key];
        if (definition.Nature == Nature.Effectif)
        {
            if (!_employeursConnus[level] && plan.ReadsEmployeurs[_owner.IndicatorIndex(key)])
                return new IndicatorValue(definition, null, null, 0, 0, 0, 0, null); // the package has no employer files: unknown
            var b = (level * plan.CountCount + plan.CountIndex[key]) * EnginePlan.Slots;
            return new IndicatorValue(definition, _counts[b], null, _counts[b + 1], _counts[b + 2], _counts[b + 3], _counts[b + 4],
                definition.HasNeet ? _counts[b + 5] : null);
        }
        var number = _numbers[level * _owner.Catalogue.Indicateurs.Count + _owner.IndicatorIndex(key)];
        return new IndicatorValue(definition, null, number, 0, 0, 0, 0, null);
    }
}

/// <summary>
/// The result of <see cref="IndicatorEngine.Compute"/>: the period N and, when asked, N−1, at every level.
/// Lookups by level, code and key; rows in the contract's order.
/// </summary>
public sealed class IndicatorResults
{
    private readonly Dictionary<(Level, string), int> _levelIndex;
    private readonly Dictionary<string, int> _indicatorIndex;

    internal IndicatorResults(Catalogue catalogue, IReadOnlyList<LevelRef> levels)
    {
        Catalogue = catalogue;
        Levels = levels;
        _levelIndex = levels.Select((l, i) => (l, i)).ToDictionary(t => (t.l.Level, t.l.Code), t => t.i);
        _indicatorIndex = catalogue.Indicateurs.Select((d, i) => (d.Cle, i)).ToDictionary(t => t.Cle, t => t.i, StringComparer.Ordinal);
    }

    public Catalogue Catalogue { get; }

    /// <summary>The request computed.</summary>
    public IndicatorRequest Request { get; internal init; } = null!;

    /// <summary>The period a year before one of these results' (the N−1 of a ratio's denominator), by the request's reading.</summary>
    public Period Precedente(Period period) => Request.Precedente(period);

    /// <summary>Structures (codes sorted ordinally), then regions (sorted), then the nation (FR).</summary>
    public IReadOnlyList<LevelRef> Levels { get; }

    /// <summary>The period N.</summary>
    public PeriodResults Current { get; internal set; } = null!;

    /// <summary>The period N−1, when asked for.</summary>
    public PeriodResults? Previous { get; internal set; }

    public Period Period => Current.Period;

    public IEnumerable<LevelRef> Structures => Levels.Where(l => l.Level == Level.Structure);
    public IEnumerable<LevelRef> Regions => Levels.Where(l => l.Level == Level.Region);

    public IndicatorValue Get(Level level, string code, string key) => Current.Get(level, code, key);

    internal bool TryGetLevelIndex(Level level, string code, out int index) => _levelIndex.TryGetValue((level, code), out index);

    internal int IndicatorIndex(string key) => _indicatorIndex[key];
}
