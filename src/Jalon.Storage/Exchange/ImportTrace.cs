using System.Diagnostics;

namespace Jalon.Storage.Exchange;

/// <summary>Phase timings of an import and of the precompute of tallies that follows it, on standard error, when JALON_TRACE_IMPORT=1 (for measurements).</summary>
internal static class ImportTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("JALON_TRACE_IMPORT") == "1";

    /// <summary>« [<paramref name="area"/>] <paramref name="phase"/> : seconds since <paramref name="clock"/> started ».</summary>
    public static void Write(string area, Stopwatch clock, string phase)
    {
        if (Enabled) Console.Error.WriteLine($"[{area}] {phase} : {clock.Elapsed.TotalSeconds:0.000} s");
    }
}
