using Jalon.Domain;
using Jalon.Indicators.Engine;

namespace Jalon.Storage.Indicators;

/// <summary>
/// The tallies a view recomputed for a structure changed since its stored ones (<see cref="IndicatorStore.Compute"/>),
/// kept in memory so that N views after one write cost one recomputation, and recomputations of the same structure
/// coalesced: one at a time, and the views that waited for it take the next one (started after they arrived, so it
/// includes every write they must see) instead of each loading the structure again.
/// A view takes the kept tallies when they were computed at the structure's revision it read, or when their
/// computation started after the view asked (its journeys were read after every write committed before the view).
/// Per process; registered once (singleton) by the web.
/// </summary>
public sealed class TallyMemo
{
    /// <summary>Beyond this many kept (structure, catalogue, periods), the memo starts again empty.</summary>
    private const int MaxEntries = 4096;

    private sealed record Computed(long Revision, long Started, IReadOnlyList<(StructureTally Tally, long Revision)> Tallies);

    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public volatile Computed? Last;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;
    private int _computations;

    /// <summary>Recomputations done since the start (a diagnostic).</summary>
    public int Computations => _computations;

    /// <summary>
    /// The tallies of the structure for these periods, at least as recent as the <paramref name="revision"/> the view
    /// read: kept ones when they qualify, otherwise computed by <paramref name="compute"/> (which reads the structure's
    /// revision, then its journeys, and returns the tallies stamped with that revision), one computation at a time.
    /// </summary>
    public IReadOnlyList<(StructureTally Tally, long Revision)> Get(
        string structure, string catalogue, string layout, IReadOnlyList<Period> periods, long revision,
        Func<(long Revision, IReadOnlyList<(StructureTally Tally, long Revision)> Tallies)> compute)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(compute);
        var arrived = Interlocked.Increment(ref _clock);
        var key = $"{structure}|{catalogue}|{layout}|{string.Join(';', periods.Select(p => $"{p.Debut:yyyy-MM-dd}/{p.Fin:yyyy-MM-dd}"))}";
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key)) _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        if (Fresh(entry.Last, revision, arrived) is { } kept) return kept;
        lock (entry.Gate)
        {
            if (Fresh(entry.Last, revision, arrived) is { } computedMeanwhile) return computedMeanwhile;
            var started = Interlocked.Increment(ref _clock);
            var (read, tallies) = compute();
            Interlocked.Increment(ref _computations);
            entry.Last = new Computed(read, started, tallies);
            return tallies;
        }
    }

    private static IReadOnlyList<(StructureTally Tally, long Revision)>? Fresh(Computed? last, long revision, long arrived) =>
        last is not null && (last.Revision == revision || last.Started > arrived) ? last.Tallies : null;
}
