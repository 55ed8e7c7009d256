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
/// Each entry also keeps the <see cref="TallyBase"/> its last computation left (the structure as read then), from which
/// the next one can recompute only the young people changed since; the bases kept hold at most
/// <see cref="MaxBaseJeunes"/> young people in all.
/// Per process; registered once (singleton) by the web.
/// </summary>
public sealed class TallyMemo
{
    /// <summary>Beyond this many kept (structure, catalogue, periods), the memo starts again empty.</summary>
    private const int MaxEntries = 4096;

    /// <summary>The young people that the kept bases may hold in all (about 1 KB each in memory).</summary>
    public const int MaxBaseJeunes = 300_000;

    private sealed record Computed(long Revision, long Started, IReadOnlyList<(StructureTally Tally, long Revision)> Tallies, TallyBase? Base);

    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public Computed? Last;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;
    private int _computations;
    private int _wholeReads;

    /// <summary>Recomputations done since the start (a diagnostic).</summary>
    public int Computations => _computations;

    /// <summary>Of <see cref="Computations"/>, those that read the whole structure (a new base); the others read only the young people changed.</summary>
    public int WholeReads => _wholeReads;

    /// <summary>
    /// The tallies of the structure for these periods, at least as recent as the <paramref name="revision"/> the view
    /// read: kept ones when they qualify, otherwise computed by <paramref name="compute"/> (which reads the structure's
    /// revision, then its journeys, and returns the tallies stamped with that revision), one computation at a time.
    /// <paramref name="compute"/> gets the base the last computation left (null: none) and returns the one to keep.
    /// </summary>
    public IReadOnlyList<(StructureTally Tally, long Revision)> Get(
        string structure, string catalogue, string layout, IReadOnlyList<Period> periods, long revision,
        Func<TallyBase?, (long Revision, IReadOnlyList<(StructureTally Tally, long Revision)> Tallies, TallyBase? Base)> compute)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(compute);
        var arrived = Interlocked.Increment(ref _clock);
        var key = $"{structure}|{catalogue}|{layout}|{string.Join(';', periods.Select(p => $"{p.Debut:yyyy-MM-dd}/{p.Fin:yyyy-MM-dd}"))}";
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key)) _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        if (Fresh(Volatile.Read(ref entry.Last), revision, arrived) is { } fresh) return fresh;
        lock (entry.Gate)
        {
            var last = Volatile.Read(ref entry.Last);
            if (Fresh(last, revision, arrived) is { } computedMeanwhile) return computedMeanwhile;
            var started = Interlocked.Increment(ref _clock);
            var (read, tallies, kept) = compute(last?.Base);
            Interlocked.Increment(ref _computations);
            Volatile.Write(ref entry.Last, new Computed(read, started, tallies, kept));
            if (kept is not null && !ReferenceEquals(kept, last?.Base))
            {
                Interlocked.Increment(ref _wholeReads);
                Trim(entry);
            }
            return tallies;
        }
    }

    /// <summary>When the bases kept hold more than <see cref="MaxBaseJeunes"/> young people, drops all but <paramref name="keep"/>'s.</summary>
    private void Trim(Entry keep)
    {
        var held = 0L;
        foreach (var e in _entries.Values) held += Volatile.Read(ref e.Last)?.Base?.Package.Jeunes.Length ?? 0;
        if (held <= MaxBaseJeunes) return;
        foreach (var e in _entries.Values)
        {
            if (ReferenceEquals(e, keep)) continue;
            // Without the entry's gate: a computation finishing meanwhile keeps its own base, at worst one too many.
            var last = Volatile.Read(ref e.Last);
            if (last?.Base is not null) Interlocked.CompareExchange(ref e.Last, last with { Base = null }, last);
        }
    }

    /// <summary>Beyond this many stored tallies kept decoded (a few KB each), the memo keeps none and starts again.</summary>
    private const int MaxStored = 50_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Structure, string Catalogue, string Layout, Period Period), (long Revision, StructureTally Tally)> _stored = new();

    /// <summary>
    /// The stored tally of the structure for the period as last read (<see cref="IndicatorStore"/>), if it was stored at
    /// the structure's current <paramref name="revision"/>; otherwise null, and the view reads the stored one. A tally is
    /// a function of its structure's data at a revision, and the store never puts a tally over one of a newer revision:
    /// the stored tally of a structure still at that revision is this one, without reading it and decoding it again.
    /// </summary>
    public StructureTally? Stored(string structure, string catalogue, string layout, Period period, long revision) =>
        _stored.TryGetValue((structure, catalogue, layout, period), out var kept) && kept.Revision == revision ? kept.Tally : null;

    /// <summary>Keeps a stored tally just read, stamped with the revision it was stored at.</summary>
    public void KeepStored(string catalogue, string layout, long revision, StructureTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (_stored.Count >= MaxStored) _stored.Clear();
        _stored[(tally.Structure, catalogue, layout, tally.Period)] = (revision, tally);
    }

    private static IReadOnlyList<(StructureTally Tally, long Revision)>? Fresh(Computed? last, long revision, long arrived) =>
        last is not null && (last.Revision == revision || last.Started > arrived) ? last.Tallies : null;
}

/// <summary>
/// A structure as a view's recomputation read it whole (<paramref name="Package"/>, at <paramref name="Revision"/>) and
/// the tallies computed from it: with the young people changed since (<see cref="RevisionMarkEntity"/>), the current
/// tallies are these with their old figures replaced by their new ones.
/// </summary>
public sealed class TallyBase(JourneyPackage package, long revision, IReadOnlyList<StructureTally> tallies)
{
    public JourneyPackage Package { get; } = package;
    public long Revision { get; } = revision;
    public IReadOnlyList<StructureTally> Tallies { get; } = tallies;

    /// <summary>The package's index of each young person.</summary>
    public Dictionary<string, int> Index { get; } = Enumerable.Range(0, package.Jeunes.Length)
        .ToDictionary(i => package.Jeunes[i].Id, StringComparer.Ordinal);
}
