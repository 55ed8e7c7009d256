using System.Globalization;
using System.Runtime.InteropServices;

namespace Jalon.Cli;

/// <summary>
/// Asks Linux for transparent huge pages (2 MiB) on the garbage collector's heap. Reading the national package fills
/// about a gigabyte of heap: with 4 KiB pages that is ~300 000 page faults, each costly on a virtual machine (measured:
/// a fifth of the processor time of `./jalon indicateurs`, docs/benchmarks-duckdb.md). Linux's default
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>) gives huge pages only to the memory that asks.
/// Best effort: any failure leaves the default pages. <c>JALON_HUGE_PAGES=0</c> turns it off (for comparisons).
/// </summary>
internal static partial class HugePages
{
    private const int MadvHugePage = 14;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);

    /// <summary>Advises the run of contiguous anonymous mappings that holds the managed heap (the GC's reserved range).</summary>
    public static void AdviseManagedHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("JALON_HUGE_PAGES") == "0") return;
        try
        {
            var probe = new byte[64];
            var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
            ulong address;
            try
            {
                address = (ulong)handle.AddrOfPinnedObject();
            }
            finally
            {
                handle.Free();
            }
            var maps = new List<(ulong Start, ulong End, bool Anonymous)>();
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // "start-end perms offset dev inode [path]"
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var range = parts[0].Split('-');
                maps.Add((ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    parts.Length < 6 || string.IsNullOrWhiteSpace(parts[5])));
            }
            var at = maps.FindIndex(m => m.Start <= address && address < m.End);
            if (at < 0 || !maps[at].Anonymous) return;
            var first = at;
            while (first > 0 && maps[first - 1].Anonymous && maps[first - 1].End == maps[first].Start) first--;
            var last = at;
            while (last + 1 < maps.Count && maps[last + 1].Anonymous && maps[last + 1].Start == maps[last].End) last++;
            _ = madvise((nint)maps[first].Start, (nuint)(maps[last].End - maps[first].Start), MadvHugePage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }
}
