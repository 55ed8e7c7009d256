using Jalon.Domain;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Engine;

/// <summary>What to compute: a period, optionally N−1 beside it, optionally a subset of structures.</summary>
public sealed record IndicatorRequest(Period Period)
{
    /// <summary>Also compute every indicator for N−1 (the dashboard shows it beside N).</summary>
    public bool WithPreviousYear { get; init; }

    /// <summary>
    /// Only these structure codes (null: all). Region and national rows then cover only these structures; the
    /// young people of other structures are skipped.
    /// </summary>
    public IReadOnlyCollection<string>? Structures { get; init; }

    /// <summary>Threads to use (null: all cores).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>
/// Evaluates a catalogue over a <see cref="JourneyPackage"/>: every key for every structure, region and the nation,
/// for the period N and the periods its ratios need (N−1 for R2) — all periods in one pass over the young people,
/// in parallel over ranges of young people with per-thread count arrays merged at the end. Pure: no I/O.
/// </summary>
public static class IndicatorEngine
{
    private const int ChunkSize = 4096;

    public static IndicatorResults Compute(JourneyPackage package, Catalogue catalogue, Period period, bool withPreviousYear = false) =>
        Compute(package, catalogue, new IndicatorRequest(period) { WithPreviousYear = withPreviousYear });

    public static IndicatorResults Compute(JourneyPackage package, Catalogue catalogue, IndicatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Period.Debut > request.Period.Fin)
            throw new ArgumentException("La date de début de la période est postérieure à sa date de fin.", nameof(request));
        var plan = catalogue.Plan;

        // Structures (sorted by code), regions (sorted), nation.
        var selected = SelectStructures(package, request.Structures);
        var structureCount = selected.Length;
        var localIndex = new int[package.Structures.Count];
        Array.Fill(localIndex, -1);
        for (var s = 0; s < structureCount; s++) localIndex[selected[s]] = s;
        var regions = selected.Select(s => package.Structures[s].Region).Distinct().Order(StringComparer.Ordinal).ToArray();
        var levels = new List<LevelRef>(structureCount + regions.Length + 1);
        levels.AddRange(selected.Select(s => new LevelRef(Level.Structure, package.Structures[s].Code, package.Structures[s].Nom)));
        levels.AddRange(regions.Select(r => new LevelRef(Level.Region, r, "Région " + r)));
        levels.Add(new LevelRef(Level.National, LevelNames.National, "France"));
        var regionIndex = regions.Select((r, i) => (r, i)).ToDictionary(t => t.r, t => structureCount + t.i, StringComparer.Ordinal);
        var levelsOf = new int[structureCount][];
        for (var s = 0; s < structureCount; s++)
            levelsOf[s] = [s, regionIndex[package.Structures[selected[s]].Region], levels.Count - 1];

        // Period slots: 0 = N, 1 = N−1, 2 = N−2; each with the counts evaluated in it.
        var periods = new List<Period> { request.Period };
        var slotCounts = new List<int[]> { Enumerable.Range(0, plan.CountCount).ToArray() };
        var slotMeasures = new List<bool> { true };
        if (request.WithPreviousYear)
        {
            periods.Add(request.Period.PreviousYear());
            slotCounts.Add(slotCounts[0]);
            slotMeasures.Add(true);
        }
        if (plan.PreviousPeriodCounts.Length > 0)
        {
            periods.Add(periods[^1].PreviousYear());
            slotCounts.Add(plan.PreviousPeriodCounts);
            slotMeasures.Add(false);
        }

        var context = new PassContext(package, plan, localIndex, structureCount, [.. periods], [.. slotCounts], [.. slotMeasures]);
        var totals = RunPass(context, request.MaxDegreeOfParallelism);

        var results = new IndicatorResults(catalogue, levels);
        var moyens = package.Moyens.ToDictionary(m => (m.Structure, m.Annee));
        var perSlot = new (long[] Counts, long[] Means, decimal?[] Amounts)[periods.Count];
        for (var slot = 0; slot < periods.Count; slot++)
            perSlot[slot] = Aggregate(context, totals, slot, levelsOf, levels.Count, selected, moyens);

        var currentNumbers = Numbers(catalogue, perSlot, 0, levels.Count);
        results.Current = new PeriodResults(results, periods[0], perSlot[0].Counts, currentNumbers);
        if (request.WithPreviousYear)
            results.Previous = new PeriodResults(results, periods[1], perSlot[1].Counts, Numbers(catalogue, perSlot, 1, levels.Count));
        return results;
    }

    private static int[] SelectStructures(JourneyPackage package, IReadOnlyCollection<string>? codes)
    {
        var wanted = codes is null ? null : new HashSet<string>(codes, StringComparer.Ordinal);
        if (wanted is not null)
        {
            var unknown = wanted.Where(c => !package.Structures.Any(s => s.Code == c)).ToArray();
            if (unknown.Length > 0)
                throw new ArgumentException($"Structure(s) absente(s) du paquet : {string.Join(", ", unknown)}.", nameof(codes));
        }
        return Enumerable.Range(0, package.Structures.Count)
            .Where(s => wanted is null || wanted.Contains(package.Structures[s].Code))
            .OrderBy(s => package.Structures[s].Code, StringComparer.Ordinal)
            .ToArray();
    }

    private sealed record PassContext(
        JourneyPackage Package,
        EnginePlan Plan,
        int[] LocalStructure,
        int StructureCount,
        Period[] Periods,
        int[][] SlotCounts,
        bool[] SlotMeasures)
    {
        public int CountLength => Periods.Length * StructureCount * Plan.CountCount * EnginePlan.Slots;
        public int MeanLength => Periods.Length * StructureCount * Plan.MeasureKeys.Length * 2;
    }

    private sealed class Accumulator(PassContext context)
    {
        public readonly int[] Counts = new int[context.CountLength];
        public readonly long[] Means = new long[context.MeanLength];
    }

    private static Accumulator RunPass(PassContext context, int? maxDegreeOfParallelism)
    {
        var jeuneCount = context.Package.Jeunes.Length;
        var chunks = (jeuneCount + ChunkSize - 1) / ChunkSize;
        var total = new Accumulator(context);
        if (chunks <= 1 || maxDegreeOfParallelism == 1)
        {
            ProcessRange(context, total, 0, jeuneCount);
            return total;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        var gate = new object();
        Parallel.For(0, chunks, options,
            () => new Accumulator(context),
            (chunk, _, acc) =>
            {
                ProcessRange(context, acc, chunk * ChunkSize, Math.Min(jeuneCount, (chunk + 1) * ChunkSize));
                return acc;
            },
            acc =>
            {
                lock (gate)
                {
                    Add(total.Counts, acc.Counts);
                    Add(total.Means, acc.Means);
                }
            });
        return total;
    }

    private static void Add(int[] into, int[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }

    private static void Add(long[] into, long[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }

    /// <summary>The hot loop: every young person of [start, end), every period slot, every count and measure.</summary>
    private static unsafe void ProcessRange(PassContext context, Accumulator acc, int start, int end)
    {
        const byte True = 1, False = 2;
        var package = context.Package;
        var plan = context.Plan;
        var jeunes = package.Jeunes;
        var criteria = plan.CriterionPointers;
        var neet = plan.NeetPointers;
        var parents = plan.Parents;
        var measures = plan.MeasurePointers;
        var countCount = plan.CountCount;
        var measureCount = measures.Length;
        var counts = acc.Counts;
        var means = acc.Means;
        Span<byte> state = stackalloc byte[countCount];
        for (var i = start; i < end; i++)
        {
            ref readonly var jeune = ref jeunes[i];
            var s = context.LocalStructure[jeune.Structure];
            if (s < 0) continue;
            var femme = jeune.Sexe == Sexe.F ? 1 : 0;
            var infraV = jeune.IsInfraV ? 1 : 0;
            var qpv = jeune.Qpv ? 1 : 0;
            var zrr = jeune.Zrr ? 1 : 0;
            var journey = package.Journey(i);
            for (var slot = 0; slot < context.Periods.Length; slot++)
            {
                var period = context.Periods[slot];
                state.Clear();
                var baseSlot = (slot * context.StructureCount + s) * countCount;
                foreach (var c in context.SlotCounts[slot])
                {
                    var parent = parents[c];
                    if ((parent >= 0 && state[parent] == False)
                        || !((delegate*<in JeuneJourney, in Period, bool>)criteria[c])(journey, period))
                    {
                        state[c] = False;
                        continue;
                    }
                    state[c] = True;
                    var b = (baseSlot + c) * EnginePlan.Slots;
                    counts[b]++;
                    counts[b + 1] += femme;
                    counts[b + 2] += infraV;
                    counts[b + 3] += qpv;
                    counts[b + 4] += zrr;
                    if (neet[c] != 0 && ((delegate*<in JeuneJourney, in Period, bool>)neet[c])(journey, period)) counts[b + 5]++;
                }
                if (context.SlotMeasures[slot])
                {
                    var m0 = ((slot * context.StructureCount + s) * measureCount) * 2;
                    for (var m = 0; m < measureCount; m++)
                        ((delegate*<in JeuneJourney, in Period, ref long, ref long, void>)measures[m])(journey, period, ref means[m0 + 2 * m], ref means[m0 + 2 * m + 1]);
                }
            }
        }
    }

    /// <summary>Adds up one period slot's structures into levels; amounts from moyens of the year of the period's fin.</summary>
    private static (long[] Counts, long[] Means, decimal?[] Amounts) Aggregate(
        PassContext context, Accumulator totals, int slot, int[][] levelsOf, int levelCount, int[] selected,
        Dictionary<(int Structure, int Annee), Moyens> moyens)
    {
        var plan = context.Plan;
        var width = plan.CountCount * EnginePlan.Slots;
        var counts = new long[levelCount * width];
        var meanWidth = plan.MeasureKeys.Length * 2;
        var means = new long[levelCount * meanWidth];
        var amountCount = plan.AmountKeys.Length;
        var amounts = new decimal?[levelCount * amountCount];
        for (var l = 0; l < levelCount; l++)
        {
            for (var a = 0; a < amountCount; a++) amounts[l * amountCount + a] = 0m;
        }
        var year = context.Periods[slot].Fin.Year;
        for (var s = 0; s < context.StructureCount; s++)
        {
            var fromCounts = (slot * context.StructureCount + s) * width;
            var fromMeans = (slot * context.StructureCount + s) * meanWidth;
            var hasRow = moyens.TryGetValue((selected[s], year), out var row);
            foreach (var l in levelsOf[s])
            {
                for (var k = 0; k < width; k++) counts[l * width + k] += totals.Counts[fromCounts + k];
                for (var k = 0; k < meanWidth; k++) means[l * meanWidth + k] += totals.Means[fromMeans + k];
                for (var a = 0; a < amountCount; a++)
                {
                    var value = hasRow ? MoyensColumns.Read(row, plan.AmountColumns[a]) : null;
                    ref var sum = ref amounts[l * amountCount + a];
                    sum = sum is { } x && value is { } v ? x + v : null;
                }
            }
        }
        return (counts, means, amounts);
    }

    /// <summary>The values of every non-count indicator of a period slot, at every level.</summary>
    private static double?[] Numbers(Catalogue catalogue, (long[] Counts, long[] Means, decimal?[] Amounts)[] perSlot, int slot, int levelCount)
    {
        var plan = catalogue.Plan;
        var indicators = catalogue.Indicateurs;
        var numbers = new double?[levelCount * indicators.Count];
        var width = plan.CountCount * EnginePlan.Slots;
        for (var l = 0; l < levelCount; l++)
        {
            for (var i = 0; i < indicators.Count; i++)
            {
                var d = indicators[i];
                numbers[l * indicators.Count + i] = d.Nature switch
                {
                    Nature.Montant => (double?)perSlot[slot].Amounts[l * plan.AmountKeys.Length + plan.AmountIndex[d.Cle]],
                    Nature.Moyenne => Mean(perSlot[slot].Means, l, plan, plan.MeasureIndex[d.Cle]),
                    Nature.Ratio => Divide(
                        Operand(d.Numerateur ?? "critere:" + d.NumerateurCritere, slot),
                        Operand(d.Denominateur!, d.PeriodeDenominateur == PeriodeRelative.NMoins1 ? slot + 1 : slot)),
                    _ => null,
                };

                double? Operand(string key, int s)
                {
                    if (s >= perSlot.Length) return null;
                    if (plan.CountIndex.TryGetValue(key, out var c))
                    {
                        // A count evaluated in that slot? (N−2 only holds the counts R2 needs.)
                        return perSlot[s].Counts[l * width + c * EnginePlan.Slots];
                    }
                    return (double?)perSlot[s].Amounts[l * plan.AmountKeys.Length + plan.AmountIndex[key]];
                }
            }
        }
        return numbers;
    }

    private static double? Mean(long[] means, int level, EnginePlan plan, int m)
    {
        var b = (level * plan.MeasureKeys.Length + m) * 2;
        var count = means[b + 1];
        return count == 0 ? null : means[b] / (double)count / plan.MeasureDivisor[m];
    }

    private static double? Divide(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? n / d : null;
}
