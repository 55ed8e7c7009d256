namespace Jalon.Cli;

/// <summary>
/// Reading a package builds its young people and events in memory (about 1.5 bytes per byte of CSV), all kept until the
/// command ends: a garbage collection during the read finds nothing to free and only walks and copies. One no-GC region
/// sized for the package says so to the runtime (national package: 11 full collections during the read → 1, wall ×0.96,
/// docs/benchmarks-duckdb.md). Best effort: a package too small to matter, or a size the runtime refuses, keeps the
/// default; past the size the runtime collects as usual. Called by the command's process only, never by a test host.
/// </summary>
internal static class NoGcRead
{
    private const long MinBytes = 64L << 20;
    private const long MaxBytes = 2L << 30;

    public static void Begin(string directory)
    {
        long csv;
        try
        {
            csv = new DirectoryInfo(directory).EnumerateFiles("*.csv").Sum(f => (f.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? f).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        var size = Math.Min(csv + csv / 2, MaxBytes);
        if (size < MinBytes) return;
        try
        {
            // Two thirds for the large object heap: the read's rows live in large arrays (national package: 630 to 690 MB
            // of them, and 190 to 250 MB of small objects, the identifiers' strings mostly); past either share the runtime
            // collects (a 0.2 s pause).
            GC.TryStartNoGCRegion(size, size * 2 / 3);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Refused: the default collections.
        }
    }
}
