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

    /// <summary>
    /// N−1 is the same whole months a year earlier (<see cref="Period.PreviousYearWholeMonths"/>) rather than the same
    /// dates (<see cref="Period.PreviousYear"/>, the command line's reading): what the dashboards use, so that the N−1 of
    /// a whole month is a whole month.
    /// </summary>
    public bool MoisEntiers { get; init; }

    /// <summary>The period a year before <paramref name="period"/>, by this request's reading.</summary>
    public Period Precedente(Period period) => MoisEntiers ? period.PreviousYearWholeMonths() : period.PreviousYear();
}

/// <summary>
/// Evaluates a catalogue over a <see cref="JourneyPackage"/>: every key for every structure, region and the nation,
/// for the period N and the periods its ratios need (N−1 for R2) — all periods in one pass over the young people,
/// in parallel over ranges of young people with per-thread count arrays merged at the end. Pure: no I/O.
/// </summary>
public static partial class IndicatorEngine
{
    private const int ChunkSize = 4096;

    public static IndicatorResults Compute(JourneyPackage package, Catalogue catalogue, Period period, bool withPreviousYear = false) =>
        Compute(package, catalogue, new IndicatorRequest(period) { WithPreviousYear = withPreviousYear });

    public static IndicatorResults Compute(JourneyPackage package, Catalogue catalogue, IndicatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        CheckPeriod(request.Period);
        var plan = catalogue.Plan;
        var selected = SelectStructures(package, request.Structures);

        // Period slots: 0 = N, 1 = N−1, 2 = N−2; each with the counts evaluated in it (N−2 only those R2 needs).
        var periods = PeriodsNeeded(catalogue, request);
        var all = Enumerable.Range(0, plan.CountCount).ToArray();
        var full = request.WithPreviousYear ? 2 : 1;
        var slotCounts = periods.Select((_, i) => i < full ? all : plan.PreviousPeriodCounts).ToArray();
        var slotMeasures = periods.Select((_, i) => i < full).ToArray();
        var tallies = Tally(package, plan, selected, [.. periods], slotCounts, slotMeasures, request.MaxDegreeOfParallelism);
        return Combine(catalogue, request, selected.Select(s => package.Structures[s]).ToList(),
            (structure, slot) => tallies[slot * selected.Length + structure], MoyensOf(package, selected));
    }

    /// <summary>
    /// The periods whose tallies <see cref="Combine"/> needs for a request: N, N−1 when asked, and the year before
    /// the last one when a ratio divides by a previous period's count (R2).
    /// </summary>
    public static IReadOnlyList<Period> PeriodsNeeded(Catalogue catalogue, IndicatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        var periods = new List<Period> { request.Period };
        if (request.WithPreviousYear) periods.Add(request.Precedente(request.Period));
        if (catalogue.Plan.PreviousPeriodCounts.Length > 0) periods.Add(request.Precedente(periods[^1]));
        return periods;
    }

    /// <summary>
    /// Every count (with its breakdowns) and every measure of the catalogue, per structure and per period, in one
    /// pass over the young people. Tallies add up: a region's are the sum of its structures', and a structure's the sum
    /// of its young people's plus its own measures (companies, exchanges, offers: <see cref="EnginePlan.StructureMeasures"/>).
    /// With <paramref name="jeunes"/>, only these young people (indexes in the package) are counted, the structure's own
    /// measures still are: the part of a tally that changes when they do (<see cref="StructureTally.Replace"/>).
    /// </summary>
    public static IReadOnlyList<StructureTally> Tally(
        JourneyPackage package, Catalogue catalogue, IReadOnlyList<Period> periods, IReadOnlyCollection<string>? structures = null,
        int? maxDegreeOfParallelism = null, IReadOnlyList<int>? jeunes = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(periods);
        foreach (var p in periods) CheckPeriod(p);
        var plan = catalogue.Plan;
        var selected = SelectStructures(package, structures);
        var all = Enumerable.Range(0, plan.CountCount).ToArray();
        return Tally(package, plan, selected, [.. periods], periods.Select(_ => all).ToArray(), periods.Select(_ => true).ToArray(),
            maxDegreeOfParallelism, jeunes is null ? null : [.. jeunes]);
    }

    /// <summary>
    /// The results of a request from the structures' tallies (the counts of a level are the sums of its structures'; the
    /// ratios and means are computed on those sums) and their moyens (<see cref="Moyens.Structure"/> indexes
    /// <paramref name="structures"/>). <paramref name="tally"/> gives a structure's tally for a slot of
    /// <see cref="PeriodsNeeded"/>. <see cref="IndicatorRequest.Structures"/> is ignored: the structures given are the scope.
    /// </summary>
    public static IndicatorResults Combine(
        Catalogue catalogue, IndicatorRequest request, IReadOnlyList<Structure> structures, Func<int, int, StructureTally> tally,
        IReadOnlyList<Moyens> moyens)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(structures);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(moyens);
        CheckPeriod(request.Period);
        var plan = catalogue.Plan;
        var periods = PeriodsNeeded(catalogue, request);

        // Structures (sorted by code), regions (sorted), nation.
        var order = Enumerable.Range(0, structures.Count).OrderBy(s => structures[s].Code, StringComparer.Ordinal).ToArray();
        var regions = order.Select(s => structures[s].Region).Distinct().Order(StringComparer.Ordinal).ToArray();
        var levels = new List<LevelRef>(order.Length + regions.Length + 1);
        levels.AddRange(order.Select(s => new LevelRef(Level.Structure, structures[s].Code, structures[s].Nom)));
        levels.AddRange(regions.Select(r => new LevelRef(Level.Region, r, "Région " + r)));
        levels.Add(new LevelRef(Level.National, LevelNames.National, "France"));
        var regionIndex = regions.Select((r, i) => (r, i)).ToDictionary(t => t.r, t => order.Length + t.i, StringComparer.Ordinal);
        var levelsOf = new int[order.Length][];
        for (var l = 0; l < order.Length; l++)
            levelsOf[l] = [l, regionIndex[structures[order[l]].Region], levels.Count - 1];

        var results = new IndicatorResults(catalogue, levels) { Request = request };
        var moyensOf = new Dictionary<(int Structure, int Annee), Moyens>();
        foreach (var m in moyens) moyensOf[(m.Structure, m.Annee)] = m;
        var perSlot = new (long[] Counts, long[] Means, decimal?[] Amounts)[periods.Count];
        for (var slot = 0; slot < periods.Count; slot++)
        {
            var tallies = new StructureTally[order.Length];
            for (var l = 0; l < order.Length; l++)
            {
                tallies[l] = tally(order[l], slot);
                if (tallies[l].Counts.Length != plan.CountCount * EnginePlan.Slots || tallies[l].Means.Length != plan.MeasureKeys.Length * 2)
                    throw new ArgumentException($"Le décompte de {structures[order[l]].Code} ne correspond pas au catalogue {catalogue.Id}.", nameof(tally));
            }
            perSlot[slot] = Aggregate(plan, periods[slot].Fin.Year, tallies, order, levelsOf, levels.Count, moyensOf);
        }

        bool[] Known(int slot) => Enumerable.Range(0, levels.Count).Select(l => KnowsEmployeurs(perSlot[slot].Means, l, plan)).ToArray();
        results.Current = new PeriodResults(results, periods[0], perSlot[0].Counts, Numbers(catalogue, perSlot, 0, levels.Count), Known(0));
        if (request.WithPreviousYear)
            results.Previous = new PeriodResults(results, periods[1], perSlot[1].Counts, Numbers(catalogue, perSlot, 1, levels.Count), Known(1));
        return results;
    }

    private static void CheckPeriod(Period period)
    {
        if (period.Debut > period.Fin)
            throw new ArgumentException("La date de début de la période est postérieure à sa date de fin.", nameof(period));
    }

    /// <summary>The package's effective moyens (moyens.csv, the BRH and the budget) of the selected structures, re-indexed on the selection.</summary>
    private static List<Moyens> MoyensOf(JourneyPackage package, int[] selected)
    {
        var local = new Dictionary<int, int>();
        for (var s = 0; s < selected.Length; s++) local[selected[s]] = s;
        return package.EffectiveMoyens.Where(m => local.ContainsKey(m.Structure)).Select(m => m with { Structure = local[m.Structure] }).ToList();
    }

    private static StructureTally[] Tally(
        JourneyPackage package, EnginePlan plan, int[] selected, Period[] periods, int[][] slotCounts, bool[] slotMeasures, int? maxDegreeOfParallelism,
        int[]? jeunes = null)
    {
        var localIndex = new int[package.Structures.Count];
        Array.Fill(localIndex, -1);
        for (var s = 0; s < selected.Length; s++) localIndex[selected[s]] = s;
        var context = new PassContext(package, plan, localIndex, selected.Length, periods, slotCounts, slotMeasures);
        var totals = jeunes is null ? RunPass(context, maxDegreeOfParallelism) : RunOver(context, jeunes);
        AddStructureMeasures(context, selected, totals.Means);
        var width = plan.CountCount * EnginePlan.Slots;
        var meanWidth = plan.MeasureKeys.Length * 2;
        var tallies = new StructureTally[periods.Length * selected.Length];
        for (var slot = 0; slot < periods.Length; slot++)
        {
            for (var s = 0; s < selected.Length; s++)
            {
                var i = slot * selected.Length + s;
                tallies[i] = new StructureTally(package.Structures[selected[s]].Code, periods[slot],
                    totals.Counts.AsSpan(i * width, width).ToArray(), totals.Means.AsSpan(i * meanWidth, meanWidth).ToArray());
            }
        }
        return tallies;
    }

    /// <summary>The measures of structures (companies, exchanges, offers: no young person), once per structure and period slot.</summary>
    private static void AddStructureMeasures(PassContext context, int[] selected, long[] means)
    {
        var plan = context.Plan;
        var stride = plan.MeasureKeys.Length;
        for (var slot = 0; slot < context.Periods.Length; slot++)
        {
            if (!context.SlotMeasures[slot]) continue;
            var period = context.Periods[slot];
            for (var s = 0; s < selected.Length; s++)
            {
                var m0 = (slot * context.StructureCount + s) * stride * 2;
                for (var m = 0; m < plan.StructureMeasures.Length; m++)
                {
                    var at = m0 + 2 * (plan.YoungMeasureCount + m);
                    plan.StructureMeasures[m](context.Package, selected[s], period, ref means[at], ref means[at + 1]);
                }
            }
        }
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

    /// <summary>The pass over some young people only (a few: one thread).</summary>
    private static Accumulator RunOver(PassContext context, int[] jeunes)
    {
        var total = new Accumulator(context);
        foreach (var j in jeunes)
        {
            if ((uint)j >= (uint)context.Package.Jeunes.Length)
                throw new ArgumentOutOfRangeException(nameof(jeunes), j, "Jeune absent du paquet.");
            ProcessRange(context, total, j, j + 1);
        }
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
        var package = context.Package;
        var plan = context.Plan;
        var jeunes = package.Jeunes;
        var criteria = plan.CriterionPointers;
        var neet = plan.NeetPointers;
        var parents = plan.Parents;
        var measures = plan.MeasurePointers;
        var countCount = plan.CountCount;
        var measureCount = measures.Length;
        var measureStride = plan.MeasureKeys.Length;
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
                    if (!Evaluate(state, c, parents, criteria, journey, period)) continue;
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
                    var m0 = ((slot * context.StructureCount + s) * measureStride) * 2;
                    for (var m = 0; m < measureCount; m++)
                        ((delegate*<in JeuneJourney, in Period, ref long, ref long, void>)measures[m])(journey, period, ref means[m0 + 2 * m], ref means[m0 + 2 * m + 1]);
                }
            }
        }
    }

    private const byte True = 1, False = 2;

    /// <summary>
    /// Whether young person <paramref name="journey"/> is in count <paramref name="c"/> over <paramref name="period"/>,
    /// given the states of the counts evaluated before it (parents first): a count whose "parmi" parent is false is
    /// false without calling its criterion. Records the answer in <paramref name="state"/>. The one evaluation of a
    /// count, shared by the tally's hot loop and <see cref="Explain"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe bool Evaluate(Span<byte> state, int c, int[] parents, nint[] criteria, in JeuneJourney journey, in Period period)
    {
        var parent = parents[c];
        if ((parent >= 0 && state[parent] == False) || !((delegate*<in JeuneJourney, in Period, bool>)criteria[c])(journey, period))
        {
            state[c] = False;
            return false;
        }
        state[c] = True;
        return true;
    }

    /// <summary>Adds up one period slot's structures into levels; amounts from moyens of the year of the period's fin.</summary>
    private static (long[] Counts, long[] Means, decimal?[] Amounts) Aggregate(
        EnginePlan plan, int year, StructureTally[] tallies, int[] order, int[][] levelsOf, int levelCount,
        Dictionary<(int Structure, int Annee), Moyens> moyens)
    {
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
        for (var s = 0; s < tallies.Length; s++)
        {
            var hasRow = moyens.TryGetValue((order[s], year), out var row);
            foreach (var l in levelsOf[s])
            {
                for (var k = 0; k < width; k++) counts[l * width + k] += tallies[s].Counts[k];
                for (var k = 0; k < meanWidth; k++) means[l * meanWidth + k] += tallies[s].Means[k];
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
                if (plan.ReadsEmployeurs[i] && !KnowsEmployeurs(perSlot[slot].Means, l, plan)) continue; // unknown: null
                numbers[l * indicators.Count + i] = d.Nature switch
                {
                    Nature.Montant => (double?)perSlot[slot].Amounts[l * plan.AmountKeys.Length + plan.AmountIndex[d.Cle]],
                    Nature.Moyenne => Mean(perSlot[slot].Means, l, plan, plan.MeasureIndex[d.Cle]),
                    Nature.Nombre => (double)perSlot[slot].Means[(l * plan.MeasureKeys.Length + plan.MeasureIndex[d.Cle]) * 2],
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
                    if (plan.MeasureIndex.TryGetValue(key, out var m)) return perSlot[s].Means[(l * plan.MeasureKeys.Length + m) * 2];
                    return (double?)perSlot[s].Amounts[l * plan.AmountKeys.Length + plan.AmountIndex[key]];
                }
            }
        }
        return numbers;
    }

    /// <summary>
    /// Does every structure of level <paramref name="level"/> have the employer files in its package? If not, the figures
    /// that read them are unknown (null) at that level, like a sum of amounts with an unknown term.
    /// </summary>
    internal static bool KnowsEmployeurs(long[] means, int level, EnginePlan plan)
    {
        var m = plan.EmployeursIndex;
        if (m < 0) return true;
        var b = (level * plan.MeasureKeys.Length + m) * 2;
        return means[b] == means[b + 1];
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
