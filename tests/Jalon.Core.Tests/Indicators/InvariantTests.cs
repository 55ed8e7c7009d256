using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Criteria;
using Jalon.Indicators.Engine;

namespace Jalon.Core.Tests.Indicators;

/// <summary>Invariants over a random but deterministic package: several structures in three regions.</summary>
public sealed class InvariantTests
{
    private static readonly Lazy<JourneyPackage> Package = new(() => SyntheticPackage.Build(seed: 20160101, structures: 7, jeunes: 12_000, regions: 3));
    private static readonly Catalogue Cpo = Catalogue.Load("cpo-2015");
    private static readonly Lazy<IndicatorResults> Results = new(() => IndicatorEngine.Compute(Package.Value, Cpo, Period.Year(2016), withPreviousYear: true));

    private static IEnumerable<IndicatorDefinition> Counts => Cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif);

    private static IEnumerable<PeriodResults> BothPeriods => [Results.Value.Current, Results.Value.Previous!];

    [Fact]
    public void The_package_has_three_regions_and_every_indicator_is_non_trivial_somewhere()
    {
        Assert.Equal(3, Results.Value.Regions.Count());
        var national = Results.Value.Current.Rows(Level.National, "FR").ToList();
        Assert.Equal(86, national.Count);
        // The generator exercises every count (a zero everywhere would prove nothing).
        Assert.All(national.Where(r => r.Value.IsCount), r => Assert.True(r.Value.Count > 0, r.Key));
    }

    [Fact]
    public void Region_is_the_sum_of_its_structures_and_nation_the_sum_of_regions_for_every_count_and_breakdown()
    {
        var package = Package.Value;
        foreach (var period in BothPeriods)
        {
            foreach (var d in Counts)
            {
                var national = Vector(period.Get(Level.National, "FR", d.Cle));
                var sumOfRegions = new long[6];
                foreach (var region in Results.Value.Regions)
                {
                    var sumOfStructures = new long[6];
                    foreach (var s in package.Structures.Where(s => s.Region == region.Code))
                        Accumulate(sumOfStructures, Vector(period.Get(Level.Structure, s.Code, d.Cle)));
                    var regional = Vector(period.Get(Level.Region, region.Code, d.Cle));
                    Assert.Equal(sumOfStructures, regional);
                    Accumulate(sumOfRegions, regional);
                }
                Assert.Equal(sumOfRegions, national);
            }
        }
    }

    [Fact]
    public void A_breakdown_never_exceeds_its_total_and_a_dont_never_exceeds_its_parent()
    {
        foreach (var period in BothPeriods)
        {
            foreach (var row in period.Rows().Where(r => r.Value.IsCount))
            {
                var v = row.Value;
                foreach (var b in v.Definition.Ventilations) Assert.InRange(v.Breakdown(b)!.Value, 0, v.Count!.Value);
                if (v.Definition.Parmi is { } parent)
                {
                    var p = period.Get(row.Level.Level, row.Level.Code, parent);
                    Assert.True(v.Count <= p.Count, $"{row.Level.Code} {row.Key} {v.Count} > {parent} {p.Count}");
                    foreach (var b in v.Definition.Ventilations.Where(p.Definition.Ventilations.Contains))
                        Assert.True(v.Breakdown(b) <= p.Breakdown(b), $"{row.Level.Code} {row.Key}.{b} > {parent}");
                }
            }
        }
    }

    public static TheoryData<string> EmbeddedCatalogues => [.. Catalogue.Available];

    [Theory]
    [MemberData(nameof(EmbeddedCatalogues))]
    public void Every_young_person_counted_by_a_dont_is_counted_by_its_parent(string catalogueId)
    {
        // The engine skips a "dont" whose parent is false: this holds only if every criterion implies its parent.
        var package = Package.Value;
        var cpo = Catalogue.Load(catalogueId);
        foreach (var period in new[] { Period.Year(2016), Period.Year(2015), new Period(new DateOnly(2015, 7, 1), new DateOnly(2016, 3, 31)) })
        {
            foreach (var d in cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif && d.Parmi is not null))
            {
                var child = cpo.Registry.GetCriterion(d.Critere!);
                var parent = cpo.Registry.GetCriterion(cpo[d.Parmi!].Critere!);
                for (var j = 0; j < package.Jeunes.Length; j++)
                {
                    var journey = package.Journey(j);
                    if (child(journey, period)) Assert.True(parent(journey, period), $"{d.Cle} without {d.Parmi} for young person {j}");
                }
                if (d.CritereNeet is { } neet)
                {
                    var n = cpo.Registry.GetCriterion(neet);
                    for (var j = 0; j < package.Jeunes.Length; j++)
                    {
                        var journey = package.Journey(j);
                        if (n(journey, period)) Assert.True(child(journey, period), $"{neet} without {d.Cle}");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_engine_counts_what_the_criteria_say_young_person_by_young_person()
    {
        var package = Package.Value;
        var period = Period.Year(2016);
        var results = Results.Value.Current;
        foreach (var d in Counts)
        {
            var criterion = Cpo.Registry.GetCriterion(d.Critere!);
            var expected = new long[package.Structures.Count, 6];
            for (var j = 0; j < package.Jeunes.Length; j++)
            {
                var journey = package.Journey(j);
                if (!criterion(journey, period)) continue;
                var jeune = package.Jeunes[j];
                expected[jeune.Structure, 0]++;
                if (jeune.Sexe == Sexe.F) expected[jeune.Structure, 1]++;
                if (jeune.IsInfraV) expected[jeune.Structure, 2]++;
                if (jeune.Qpv) expected[jeune.Structure, 3]++;
                if (jeune.Zrr) expected[jeune.Structure, 4]++;
                if (d.CritereNeet is { } neet && Cpo.Registry.GetCriterion(neet)(journey, period)) expected[jeune.Structure, 5]++;
            }
            for (var s = 0; s < package.Structures.Count; s++)
            {
                var v = Vector(results.Get(Level.Structure, package.Structures[s].Code, d.Cle));
                Assert.Equal(Enumerable.Range(0, 6).Select(k => expected[s, k]), v);
            }
        }
    }

    [Fact]
    public void The_I8_1_outcomes_partition_the_exits()
    {
        foreach (var row in Results.Value.Current.Rows().Where(r => r.Key == "I8.1"))
        {
            long Get(string key) => Results.Value.Current.Get(row.Level.Level, row.Level.Code, key).Count!.Value;
            Assert.Equal(row.Value.Count, Get("I8.1.f") + Get("I8.1.g") + Get("I8.1.h") + Get("I8.1.r") + Get("I8.1.i"));
            Assert.True(Get("I3.1") + Get("I3.2") <= Get("I3"));
        }
    }

    [Fact]
    public void Ratios_and_means_at_every_level_are_recomputed_from_summed_parts()
    {
        var package = Package.Value;
        var results = Results.Value;
        foreach (var (period, slot) in new[] { (results.Current, 0), (results.Previous!, 1) })
        {
            foreach (var level in results.Levels)
            {
                foreach (var d in Cpo.Indicateurs.Where(d => d.Nature == Nature.Ratio))
                {
                    var num = d.Numerateur is { } n
                        ? period.Get(level.Level, level.Code, n).Value
                        : CountOf(d.NumerateurCritere!, level, period.Period);
                    double? den;
                    if (d.PeriodeDenominateur == PeriodeRelative.NMoins1)
                    {
                        // The N−1 denominator: read from the previous period (N−2 for the previous period).
                        den = slot == 0
                            ? results.Previous!.Get(level.Level, level.Code, d.Denominateur!).Value
                            : IndicatorEngine.Compute(package, Cpo, period.Period.PreviousYear()).Get(level.Level, level.Code, d.Denominateur!).Value;
                    }
                    else
                    {
                        den = period.Get(level.Level, level.Code, d.Denominateur!).Value;
                    }
                    double? expected = num is { } a && den is { } b && b != 0 ? a / b : null;
                    AssertClose(expected, period.Get(level.Level, level.Code, d.Cle).Number, $"{level.Code} {d.Cle}");
                }
                foreach (var d in Cpo.Indicateurs.Where(d => d.Nature == Nature.Moyenne))
                {
                    long sum = 0, count = 0;
                    var measure = Cpo.Registry.GetMeasure(d.Mesure!);
                    for (var j = 0; j < package.Jeunes.Length; j++)
                    {
                        if (InLevel(package, j, level)) measure(package.Journey(j), period.Period, ref sum, ref count);
                    }
                    double? expected = count == 0 ? null : sum / (double)count / Dates.DaysPerMonth;
                    AssertClose(expected, period.Get(level.Level, level.Code, d.Cle).Number, $"{level.Code} {d.Cle}");
                }
                foreach (var d in Cpo.Indicateurs.Where(d => d.Nature == Nature.Montant))
                {
                    decimal? expected = 0m;
                    for (var s = 0; s < package.Structures.Count; s++)
                    {
                        if (!StructureInLevel(package.Structures[s], level)) continue;
                        var row = package.MoyensOf(s, period.Period.Fin.Year);
                        var value = row is { } m ? MoyensColumns.Read(m, d.Moyens!) : null;
                        expected = expected is { } x && value is { } y ? x + y : null;
                    }
                    AssertClose((double?)expected, period.Get(level.Level, level.Code, d.Cle).Number, $"{level.Code} {d.Cle}");
                }
            }
        }
        // Null propagation is exercised: some region misses some moyens.
        Assert.Contains(results.Current.Rows(), r => r.Level.Level == Level.Region && r.Value.Definition.Nature == Nature.Montant && r.Value.Number is null);
    }

    [Fact]
    public void Parallel_and_sequential_passes_agree()
    {
        var sequential = IndicatorEngine.Compute(Package.Value, Cpo, new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true, MaxDegreeOfParallelism = 1 });
        Assert.Equal(sequential.Current.Rows(), Results.Value.Current.Rows());
        Assert.Equal(sequential.Previous!.Rows(), Results.Value.Previous!.Rows());
    }

    [Fact]
    public void A_structure_subset_gives_the_same_structure_rows()
    {
        var package = Package.Value;
        var subset = IndicatorEngine.Compute(package, Cpo, new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true, Structures = ["ML003"] });
        Assert.Equal(["ML003"], subset.Structures.Select(s => s.Code));
        Assert.Equal(Results.Value.Current.Rows(Level.Structure, "ML003"), subset.Current.Rows(Level.Structure, "ML003"));
        Assert.Equal(Results.Value.Previous!.Rows(Level.Structure, "ML003"), subset.Previous!.Rows(Level.Structure, "ML003"));
        // Region and nation then cover only the subset.
        var region = package.Structures[3].Region;
        Assert.Equal(subset.Current.Get(Level.Structure, "ML003", "I1").Count, subset.Current.Get(Level.Region, region, "I1").Count);
        Assert.Equal(subset.Current.Get(Level.Structure, "ML003", "I1").Count, subset.Current.Get(Level.National, "FR", "I1").Count);
        Assert.Throws<ArgumentException>(() => IndicatorEngine.Compute(package, Cpo, new IndicatorRequest(Period.Year(2016)) { Structures = ["ML999"] }));
    }

    [Fact]
    public void On_the_realistic_generator_the_nation_adds_up_and_every_dont_stays_within_its_parent()
    {
        var package = Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 4, Jeunes = 8_000, Seed = 3, Annee = 2016 });
        var results = IndicatorEngine.Compute(package, Cpo, Period.Year(2016), withPreviousYear: true);
        foreach (var period in new[] { results.Current, results.Previous! })
        {
            foreach (var d in Counts)
            {
                var national = period.Get(Level.National, "FR", d.Cle);
                Assert.Equal(national.Count, results.Structures.Sum(s => period.Get(Level.Structure, s.Code, d.Cle).Count));
                Assert.Equal(national.Count, results.Regions.Sum(r => period.Get(Level.Region, r.Code, d.Cle).Count));
                if (d.Parmi is { } parent) Assert.True(national.Count <= period.Get(Level.National, "FR", parent).Count, d.Cle);
            }
        }
        Assert.True(results.Get(Level.National, "FR", "I1").Count > 0);
    }

    private static long CountOf(string criterion, LevelRef level, Period period)
    {
        var package = Package.Value;
        var c = Cpo.Registry.GetCriterion(criterion);
        long n = 0;
        for (var j = 0; j < package.Jeunes.Length; j++)
        {
            if (InLevel(package, j, level) && c(package.Journey(j), period)) n++;
        }
        return n;
    }

    private static bool InLevel(JourneyPackage package, int jeune, LevelRef level) =>
        StructureInLevel(package.Structures[package.Jeunes[jeune].Structure], level);

    private static bool StructureInLevel(Structure s, LevelRef level) => level.Level switch
    {
        Level.Structure => s.Code == level.Code,
        Level.Region => s.Region == level.Code,
        _ => true,
    };

    private static void AssertClose(double? expected, double? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: {expected} expected, got {actual}");
            return;
        }
        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-12 * Math.Max(1, Math.Abs(expected.Value)), $"{what}: {expected} expected, got {actual}");
    }

    private static long[] Vector(IndicatorValue v) => [v.Count!.Value, v.Femmes, v.InfraV, v.Qpv, v.Zrr, v.Neet ?? 0];

    private static void Accumulate(long[] into, long[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] += from[i];
    }
}
