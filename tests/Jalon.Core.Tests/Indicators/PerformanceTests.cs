using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Xunit.Abstractions;

namespace Jalon.Core.Tests.Indicators;

/// <summary>
/// Timings of the engine. The national measure (440 structures, 1.1 M young people, ~20 M rows) runs when the
/// environment variable JALON_PERF_JEUNES is set (e.g. 1100000); the one-structure dashboard always runs.
/// </summary>
public sealed class PerformanceTests(ITestOutputHelper output)
{
    private static readonly Catalogue Cpo = Catalogue.Load("cpo-2015");

    [Fact]
    public void One_structure_dashboard_with_N_1_is_well_under_a_second()
    {
        var package = SyntheticPackage.Build(seed: 7, structures: 1, jeunes: 20_000, regions: 1);
        var request = new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true, MaxDegreeOfParallelism = 1 };
        IndicatorEngine.Compute(package, Cpo, request); // warm-up (JIT)
        // CPU time of one thread: the machine is shared, wall time says more about the neighbours than about us.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = IndicatorEngine.Compute(package, Cpo, request);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine($"1 structure, {package.Jeunes.Length} young people, N and N-1, one thread: {clock.ElapsedMilliseconds} ms wall, {cpu.TotalMilliseconds:F0} ms CPU");
        Assert.True(results.Get(Level.Structure, "ML000", "I1").Count > 0);
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"{cpu.TotalMilliseconds} ms CPU");
    }

    [Fact]
    public void National_package_timing()
    {
        if (Environment.GetEnvironmentVariable("JALON_PERF_JEUNES") is not { } text) return;
        var jeunes = int.Parse(text, CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        // JALON_PERF_GENERATEUR=1: the realistic generator (Jalon.Generator); otherwise the uniform synthetic package.
        var package = Environment.GetEnvironmentVariable("JALON_PERF_GENERATEUR") == "1"
            ? Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 440, Jeunes = jeunes, Annee = 2016 })
            : SyntheticPackage.Build(seed: 2016, structures: 440, jeunes: jeunes, regions: 13);
        var rows = package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
        output.WriteLine($"built {package.Jeunes.Length} young people, {package.Structures.Count} structures, {package.Structures.Select(s => s.Region).Distinct().Count()} regions, {rows} event rows in {clock.Elapsed.TotalSeconds:F1} s");

        IndicatorEngine.Compute(package, Cpo, Period.Year(2016), withPreviousYear: true); // warm-up
        foreach (var withPrevious in new[] { false, true })
        {
            var times = new List<double>();
            var cpu = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                IndicatorEngine.Compute(package, Cpo, Period.Year(2016), withPrevious);
                times.Add(clock.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"all levels, {(withPrevious ? "N and N-1" : "N (and I2 of N-1)")}, {Environment.ProcessorCount} cores: best {times.Min():F2} s wall, runs {string.Join(" / ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}; CPU {string.Join(" / ", cpu.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s"));
        }
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        IndicatorEngine.Compute(package, Cpo, new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true, MaxDegreeOfParallelism = 1 });
        output.WriteLine($"one thread, N and N-1: {clock.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds:F2} s CPU; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
