using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Referentiels;

namespace Jalon.Core.Tests.Generator;

/// <summary>The generated structure side is consistent with the journeys and moyens.csv.</summary>
public class StructureSideGenerationTests(GeneratedPackages packages) : IClassFixture<GeneratedPackages>
{
    [Fact]
    public void The_territory_is_the_structures_communes_and_the_sites_are_in_it()
    {
        var p = packages.Medium;
        for (var s = 0; s < p.Structures.Count; s++)
        {
            var communes = p.StructureData.Territoires.Where(t => t.Structure == s).Select(t => t.Commune).ToHashSet();
            Assert.All(p.Jeunes.Where(j => j.Structure == s), j => Assert.Contains(j.Commune!, communes));
            var sites = p.StructureData.Sites.Where(x => x.Structure == s).ToList();
            Assert.Single(sites, x => x.Type == TypeSite.Siege);
            Assert.All(sites, x => Assert.Contains(x.Commune, communes));
            Assert.Empty(Sites.Check(sites, p.StructureData.Territoires.Where(t => t.Structure == s).ToList()));
        }
        Assert.Empty(Territoires.Chevauchements(p.StructureData.Territoires));
    }

    [Fact]
    public void The_brh_gives_exactly_the_fte_of_moyens_without_inconsistency_and_the_budget_its_financing()
    {
        var p = packages.Medium;
        foreach (var m in p.Moyens)
        {
            var brh = p.StructureData.Brh.Where(b => b.Structure == m.Structure && b.Annee == m.Annee).ToList();
            Assert.Empty(Brh.Check(brh));
            Assert.Equal(m.EtpTotal, Brh.TotalOf(brh, "A2"));
            Assert.Equal(m.EtpAccompagnement, Brh.TotalOf(brh, "A31"));
            var budget = Budgets.Of(m.Structure, m.Annee, p.StructureData.Budget.Where(b => b.Structure == m.Structure && b.Annee == m.Annee));
            Assert.Empty(Budgets.CheckTotals(budget));
            Assert.Equal(m.FinancementTotal, budget.FinancementTotal);
            Assert.Equal(m.FinancementEtat, budget.FinancementDe(Financeur.Etat));
            Assert.Equal(m.FinancementFse ?? 0, budget.FinancementDe(Financeur.Fse));
            Assert.True(budget.Charges > 0);
        }
        // The effective moyens only differ from moyens.csv where it leaves the FSE unknown and the budget has none.
        Assert.All(p.EffectiveMoyens.Zip(p.Moyens), x => Assert.Equal(x.Second with { FinancementFse = x.Second.FinancementFse ?? 0 }, x.First));
    }

    [Fact]
    public void The_generated_package_has_no_anomaly_of_the_structure_files()
    {
        var read = PackageReader.Read(packages.MediumDirectory);
        Assert.True(read.IsValid);
        Assert.DoesNotContain(read.Anomalies, a => a.File is "territoires.csv" or "sites.csv" or "brh.csv" or "budget.csv");
        Assert.Equal(packages.Medium.StructureData.Brh.Count, read.Package!.StructureData.Brh.Count);
    }

    [Fact]
    public void Zone_flags_follow_the_lists_given_to_the_generator()
    {
        // Official-like lists: the communes whose code ends with 0 to 4 are ZRR from 2000, no QPV anywhere.
        static bool Listed(string code) => code[^1] <= '4';
        var zones = new ZoneReference(
        [
            new ZoneList(ZoneType.Zrr, "test", new DateOnly(2000, 1, 1), null, InseeData.Instance.Communes.Where(c => Listed(c.Code)).Select(c => new ZoneEntry(c.Code))),
            new ZoneList(ZoneType.Qpv, "test", new DateOnly(2000, 1, 1), null, []),
        ]);
        var p = JourneyGenerator.Generate(new GeneratorOptions { Structures = 3, Jeunes = 3000, Seed = 7, Zones = zones });

        Assert.All(p.Jeunes, j => Assert.Equal(Listed(j.Commune!), j.Zrr));
        Assert.InRange(p.Jeunes.Count(j => j.Zrr), 300, 2700);
        Assert.DoesNotContain(p.Jeunes, j => j.Qpv);
        // Without lists, the synthetic ones: QPV only in towns of 5 000 inhabitants or more.
        var synthetic = JourneyGenerator.Generate(new GeneratorOptions { Structures = 3, Jeunes = 3000, Seed = 7 });
        Assert.All(synthetic.Jeunes.Where(j => j.Qpv), j => Assert.True(InseeData.Instance.CommunesByCode[j.Commune!].Population >= 5000));
        Assert.All(synthetic.Jeunes, j => Assert.Equal(SyntheticZones.Instance.IsIn(ZoneType.Zrr, j.Commune!, j.PremierAccueil), j.Zrr));
    }
}
