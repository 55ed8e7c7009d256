using Jalon.Domain;
using Jalon.Generator;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Financement;

namespace Jalon.Core.Tests.Financement;

/// <summary>A generated package shared by the property tests and the command's tests (generation is the slow part).</summary>
public sealed class FinancementPackage : IDisposable
{
    public FinancementPackage()
    {
        Package = JourneyGenerator.Generate(new GeneratorOptions { Structures = 60, Jeunes = 30_000, Seed = 11, Annee = 2016 });
        Directory = System.IO.Directory.CreateTempSubdirectory("jalon-financement-").FullName;
        Jalon.Exchange.PackageWriter.Write(Package, Directory);
        Regions = Package.Structures.GroupBy(s => s.Region).Where(g => g.Count() >= 3).Select(g => g.Key).Order(StringComparer.Ordinal).ToArray();
    }

    public JourneyPackage Package { get; }

    public string Directory { get; }

    /// <summary>The regions with at least 3 structures.</summary>
    public IReadOnlyList<string> Regions { get; }

    public static Catalogue Grille => Catalogue.Load("region-alsace-2015");

    /// <summary>Envelope of 2017: the activity of 2016.</summary>
    public AllocationRequest Request(string region, decimal enveloppe) =>
        DonneesFinancement.Request(Package, Grille, region, 2017, enveloppe);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>The properties the issue asks of the allocation, on generated packages with random envelopes, weights and decisions.</summary>
public sealed class AllocationPropertyTests(FinancementPackage data) : IClassFixture<FinancementPackage>
{
    private const int Trials = 60;

    private static decimal RandomEnvelope(Random rng) => rng.Next(0, 500_000_000) / 100m + rng.Next(0, 3) * 1_000_000m;

    private AllocationRequest RandomRequest(Random rng)
    {
        var region = data.Regions[rng.Next(data.Regions.Count)];
        var request = data.Request(region, RandomEnvelope(rng));
        var poids = new Dictionary<(int, string), decimal>();
        foreach (var axe in request.Grille.Axes.Where(a => !a.EstDecide))
        {
            foreach (var k in axe.Indicateurs)
            {
                if (rng.Next(3) == 0) poids[(axe.Numero, k)] = rng.Next(0, 40) / 10m;
            }
        }
        return request with { Poids = poids };
    }

    private static IReadOnlyList<DecisionAxe> RandomDecisions(Random rng, AllocationRequest request, decimal axisEnvelope)
    {
        var left = axisEnvelope;
        var decisions = new List<DecisionAxe>();
        foreach (var s in request.Structures)
        {
            if (rng.Next(2) == 0) continue;
            var amount = Math.Round(left * (decimal)rng.NextDouble() / 2, 2, MidpointRounding.ToZero);
            left -= amount;
            decisions.Add(new DecisionAxe(s, amount, "argument"));
        }
        return decisions;
    }

    [Fact]
    public void The_package_has_regions_to_share_and_amont_entries()
    {
        Assert.NotEmpty(data.Regions);
        var request = data.Request(data.Regions[0], 1_000_000m);
        Assert.All(request.Grille.Axes.Where(a => !a.EstDecide).SelectMany(a => a.Indicateurs),
            k => Assert.Contains(request.Structures, s => request.Valeurs[(s, k)] > 0));
    }

    [Fact]
    public void The_generator_puts_amont_schemes_on_regional_paths_in_realistic_proportions()
    {
        var parcours = data.Package.Parcours.All.ToArray();
        var regional = parcours.Where(p => p.Dispositif == Dispositif.Regional).ToArray();
        Assert.All(parcours.Where(p => p.Dispositif != Dispositif.Regional), p => Assert.Null(p.Amont));
        var share = regional.Count(p => p.Amont is not null) / (double)regional.Length;
        Assert.InRange(share, 0.5, 0.7); // 60 % drawn
        var codes = regional.Where(p => p.Amont is not null).GroupBy(p => p.Amont!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Jalon.Domain.Amont.DispositifsAmont.Reference.Select(d => d.Code).Order(StringComparer.Ordinal), codes.Keys.Order(StringComparer.Ordinal));
        Assert.True(codes["ATELIER_ORIENTATION"] > codes["DPA"] && codes["DPA"] > codes["PREQUALIFICATION"]);
    }

    [Fact]
    public void Every_axis_sums_to_its_envelope_to_the_cent()
    {
        var rng = new Random(1);
        for (var t = 0; t < Trials; t++)
        {
            var request = RandomRequest(rng);
            var r = Allocation.Allouer(request);
            Assert.Equal(request.Enveloppe, r.Axes.Sum(a => a.Montant));
            for (var i = 0; i < r.Axes.Count; i++)
            {
                Assert.InRange(r.Axes[i].Montant - request.Enveloppe * r.Axes[i].Part, -0.01m, 0.01m);
                Assert.Equal(r.Axes[i].Montant, r.Structures.Sum(s => s.ParAxe[i]) + r.Axes[i].NonAttribue);
                Assert.All(r.Structures, s => Assert.Equal(s.ParAxe[i], decimal.Round(s.ParAxe[i], 2)));
            }
        }
    }

    [Fact]
    public void A_structure_whose_indicator_rises_all_else_equal_never_gets_less()
    {
        var rng = new Random(2);
        var computed = FinancementPackage.Grille.Financement!.Axes.Where(a => !a.EstDecide).ToArray();
        for (var t = 0; t < Trials * 3; t++)
        {
            var request = RandomRequest(rng);
            var s = request.Structures[rng.Next(request.Structures.Count)];
            var axe = computed[rng.Next(computed.Length)];
            var k = axe.Indicateurs[rng.Next(axe.Indicateurs.Count)];
            var before = Allocation.Allouer(request).Of(s);
            var valeurs = new Dictionary<(string, string), long>(request.Valeurs);
            valeurs[(s, k)] += 1 + rng.Next(0, (int)Math.Min(int.MaxValue - 1, 1 + valeurs[(s, k)] / 5));
            var after = Allocation.Allouer(request with { Valeurs = valeurs }).Of(s);
            Assert.True(after.ParAxe[axe.Numero - 1] >= before.ParAxe[axe.Numero - 1], $"{s} {k}: {before.ParAxe[axe.Numero - 1]} → {after.ParAxe[axe.Numero - 1]}");
            Assert.True(after.Total >= before.Total);
        }
    }

    [Fact]
    public void The_first_payment_is_80_percent_of_the_computed_axes_and_the_equal_share_of_axis_3()
    {
        var rng = new Random(3);
        for (var t = 0; t < Trials; t++)
        {
            var request = RandomRequest(rng);
            var equal = Allocation.Allouer(request);
            var decided = Allocation.Allouer(request with
            {
                Decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [3] = RandomDecisions(rng, request, equal.Axes[2].Montant) },
            });
            foreach (var (e, d) in equal.Structures.Zip(decided.Structures))
            {
                Assert.Equal(Math.Round(0.8m * e.Total, 2, MidpointRounding.AwayFromZero), e.PremierVersement);
                Assert.Equal(e.PremierVersement, d.PremierVersement);
                Assert.Equal(d.Total - d.PremierVersement, d.Solde);
                Assert.Equal(e.ParAxe[0] + e.ParAxe[1], d.ParAxe[0] + d.ParAxe[1]);
            }
        }
    }

    [Fact]
    public void Axis_3_never_exceeds_its_share()
    {
        var rng = new Random(4);
        for (var t = 0; t < Trials; t++)
        {
            var request = RandomRequest(rng);
            var envelope = Allocation.Allouer(request).Axes[2].Montant;
            var decisions = RandomDecisions(rng, request, envelope);
            var r = Allocation.Allouer(request with { Decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [3] = decisions } });
            Assert.Equal(envelope, r.Structures.Sum(s => s.ParAxe[2]) + r.NonAttribue);
            Assert.True(r.NonAttribue >= 0);
            Assert.Equal(decisions.Count == request.Structures.Count ? envelope - decisions.Sum(d => d.Montant) : 0m, r.NonAttribue);
            foreach (var d in decisions) Assert.Equal(d.Montant, r.Of(d.Structure).ParAxe[2]);

            // One cent more than the envelope is refused.
            var over = request.Structures.Select(s => new DecisionAxe(s, 0m, "a")).ToList();
            over[0] = over[0] with { Montant = envelope + 0.01m };
            Assert.Throws<AllocationException>(() =>
                Allocation.Allouer(request with { Decisions = new Dictionary<int, IReadOnlyList<DecisionAxe>> { [3] = over } }));
        }
    }
}
