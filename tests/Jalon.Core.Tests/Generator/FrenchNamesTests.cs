using Jalon.Domain;
using Jalon.Generator;

namespace Jalon.Core.Tests.Generator;

public sealed class FrenchNamesTests
{
    [Fact]
    public void Names_are_deterministic_for_seed_structure_and_id()
    {
        Assert.Equal(FrenchNames.For(1, "ML0001", "J000042", Sexe.F), FrenchNames.For(1, "ML0001", "J000042", Sexe.F));
        var ids = Enumerable.Range(1, 200).Select(i => $"J{i:D6}").ToList();
        var seed1 = ids.Select(id => FrenchNames.For(1, "ML0001", id, Sexe.H)).ToList();
        var seed2 = ids.Select(id => FrenchNames.For(2, "ML0001", id, Sexe.H)).ToList();
        var other = ids.Select(id => FrenchNames.For(1, "ML0002", id, Sexe.H)).ToList();
        Assert.NotEqual(seed1, seed2);
        Assert.NotEqual(seed1, other);
    }

    [Fact]
    public void Names_are_diverse_and_follow_the_sex()
    {
        var femmes = Enumerable.Range(1, 2000).Select(i => FrenchNames.For(7, "ML0003", $"J{i:D6}", Sexe.F)).ToList();
        var hommes = Enumerable.Range(1, 2000).Select(i => FrenchNames.For(7, "ML0003", $"J{i:D6}", Sexe.H)).ToList();
        Assert.True(femmes.Select(n => n.Prenom).Distinct().Count() > 80);
        Assert.True(femmes.Select(n => n.Nom).Distinct().Count() > 150);
        Assert.Empty(femmes.Select(n => n.Prenom).Intersect(hommes.Select(n => n.Prenom)));
        // The most frequent last name stays a small share.
        Assert.True(femmes.GroupBy(n => n.Nom).Max(g => g.Count()) < 100);
        Assert.All(femmes, n => Assert.False(string.IsNullOrWhiteSpace(n.Nom)));
    }
}
