using Jalon.Domain;
using Jalon.Domain.Dispositifs;
using Jalon.Domain.Qualite;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Core.Tests.Dispositifs;

/// <summary>A generated package of 2024: CEJ inside PACEA, their weeks and allowances, consistent with the rules and valid.</summary>
public sealed class CejGeneratorTests
{
    private static readonly Lazy<JourneyPackage> Package = new(() =>
        JourneyGenerator.Generate(new GeneratorOptions { Structures = 2, Jeunes = 3_000, Seed = 7, Annee = 2024 }));

    [Fact]
    public void A_generated_2024_package_validates_with_zero_errors_and_no_cej_anomaly()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jalon-cej-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            PackageWriter.Write(Package.Value, dir);
            Assert.True(File.Exists(Path.Combine(dir, "activites.csv")));
            Assert.True(File.Exists(Path.Combine(dir, "allocations.csv")));
            var result = PackageReader.Read(dir);
            Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(5)));
            Assert.DoesNotContain(result.Anomalies, a => a.Message.Contains("CEJ", StringComparison.Ordinal) || a.Message.Contains("PACEA", StringComparison.Ordinal)
                || a.File == "allocations.csv" || a.File == "activites.csv");
            Assert.Equal(Package.Value.Activites!.Count, result.Package!.Activites!.Count);
            Assert.Equal(Package.Value.Allocations!.Count, result.Package.Allocations!.Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Generated_cej_follow_the_rules_and_the_network_figures()
    {
        var p = Package.Value;
        var cejCount = 0;
        var closedDays = new List<int>();
        var weeks = new List<decimal>();
        for (var j = 0; j < p.Jeunes.Length; j++)
        {
            var paths = p.Parcours.For(j);
            foreach (var c in paths)
            {
                if (c.Dispositif != Dispositif.Cej) continue;
                cejCount++;
                Assert.Contains(paths.ToArray(), x => x.Dispositif == Dispositif.Pacea && x.Interval.Overlaps(c.Interval));
                Assert.False(JourneyChecks.DureeDepassee(Dispositif.Cej, c.Debut, c.Fin, out _));
                Assert.False(JourneyChecks.CejAgeHorsTranche(p.Jeunes[j].Naissance, c.Debut, rqth: false, out _, out _));
                if (c.Fin is { } f) closedDays.Add(f.DayNumber - c.Debut.DayNumber);
            }
            weeks.AddRange(ActivitesAllocations.HeuresParSemaine(p.Activites!.For(j)).Values);
            foreach (var a in p.Allocations!.For(j))
                Assert.True(a.MontantDu <= ActivitesAllocations.MontantMaximal(a.Mois));
        }
        Assert.True(cejCount > 100, $"{cejCount} CEJ");
        var meanMonths = closedDays.Average() / 30.44;
        Assert.InRange(meanMonths, 5.5, 8.5);
        Assert.InRange(weeks.Average(), 15.5m, 18.5m);
        var under = weeks.Count(h => h < 15) / (double)weeks.Count;
        Assert.InRange(under, 0.28, 0.40);
    }

    [Fact]
    public void The_cej_catalogue_counts_what_the_journeys_hold_and_explains_it()
    {
        var p = Package.Value;
        var catalogue = Catalogue.Load("cej");
        var request = new IndicatorRequest(Period.Year(2024)) { WithPreviousYear = true };
        var results = IndicatorEngine.Compute(p, catalogue, request);
        var year = Period.Year(2024);
        for (var s = 0; s < p.Structures.Count; s++)
        {
            var code = p.Structures[s].Code;
            int Count(Func<int, bool> test) => Enumerable.Range(0, p.Jeunes.Length).Count(j => p.Jeunes[j].Structure == s && test(j));
            bool Has(int j, Func<Parcours, bool> f) => p.Parcours.For(j).ToArray().Any(f);
            var entrants = Count(j => Has(j, x => x.Dispositif == Dispositif.Cej && year.Contains(x.Debut)));
            var qpv = Count(j => p.Jeunes[j].Qpv && Has(j, x => x.Dispositif == Dispositif.Cej && year.Contains(x.Debut)));
            var sortis = Count(j => Has(j, x => x.Dispositif == Dispositif.Cej && year.Contains(x.Fin)));
            var autres = Count(j => Has(j, x => x.Dispositif == Dispositif.Cej && year.Contains(x.Fin) && x.MotifFin == MotifFin.Autre));
            Assert.True(entrants > 0);
            Assert.Equal(entrants, results.Current.Get(Level.Structure, code, "CEJ1").Count);
            Assert.Equal(sortis, results.Current.Get(Level.Structure, code, "CEJ3").Count);
            Assert.Equal(qpv / (double)entrants, results.Current.Get(Level.Structure, code, "CEJ1.qpv").Number);
            Assert.Equal(autres / (double)sortis, results.Current.Get(Level.Structure, code, "CEJ3.autre.part").Number);
            Assert.Equal(entrants, IndicatorEngine.Explain(p, catalogue, request, code, new ExplainRequest("CEJ1")).Jeunes.Count);
            Assert.Equal(qpv, IndicatorEngine.Explain(p, catalogue, request, code, new ExplainRequest("CEJ1.qpv") { Partie = Operande.Numerateur }).Jeunes.Count);
        }
    }

    [Fact]
    public void In_cpo_2015_cej_and_pacea_entries_are_national_entries()
    {
        var p = Package.Value;
        var results = IndicatorEngine.Compute(p, Catalogue.Load("cpo-2015"), new IndicatorRequest(Period.Year(2024)));
        var year = Period.Year(2024);
        var code = p.Structures[0].Code;
        var expected = Enumerable.Range(0, p.Jeunes.Length).Count(j => p.Jeunes[j].Structure == 0
            && p.Parcours.For(j).ToArray().Any(x => x.Dispositif is Dispositif.Cej or Dispositif.Pacea && year.Contains(x.Debut)));
        Assert.True(expected > 0);
        Assert.Equal(expected, results.Current.Get(Level.Structure, code, "I3.1").Count);
    }
}
