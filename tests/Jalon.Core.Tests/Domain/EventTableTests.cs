using Jalon.Domain;

namespace Jalon.Core.Tests.DomainRules;

public class EventTableTests
{
    private static Droit D(int jeune, int day) => new(jeune, new DateOnly(2016, 1, day), DomaineDroit.Sante);

    private static void AssertIds(string?[] expected, string?[] actual) => Assert.Equal(string.Join("|", expected.Select(i => i ?? "∅")), string.Join("|", actual.Select(i => i ?? "∅")));

    [Fact]
    public void Owned_rows_already_grouped_are_kept_and_the_slack_after_count_is_ignored()
    {
        // Young person 1 has no event; the array has two unused slots after the three rows.
        var rows = new[] { D(0, 1), D(0, 2), D(2, 3), D(9, 9), D(9, 9) };

        var table = EventTable<Droit>.Own(rows, 3, 3, ["a", "b", "c", "x", "y"]);

        Assert.Equal(3, table.Count);
        Assert.Equal([D(0, 1), D(0, 2), D(2, 3)], table.All.ToArray());
        Assert.Equal([D(0, 1), D(0, 2)], table.For(0).ToArray());
        Assert.True(table.For(1).IsEmpty);
        Assert.Equal([D(2, 3)], table.For(2).ToArray());
        AssertIds(["a", "b"], table.IdsFor(0).ToArray());
        AssertIds(["c"], table.IdsFor(2).ToArray());
    }

    [Fact]
    public void Owned_rows_out_of_order_are_grouped_like_Build_with_their_ids()
    {
        var rows = new[] { D(2, 1), D(0, 2), D(2, 3), D(1, 4), D(0, 5) };
        string?[] ids = ["r1", "r2", null, "r4", "r5"];

        var owned = EventTable<Droit>.Own((Droit[])rows.Clone(), rows.Length, 3, (string?[])ids.Clone());
        var built = EventTable<Droit>.Build([.. rows], 3, [.. ids]);

        Assert.Equal([D(0, 2), D(0, 5), D(1, 4), D(2, 1), D(2, 3)], owned.All.ToArray());
        Assert.Equal(built.All.ToArray(), owned.All.ToArray());
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(built.For(j).ToArray(), owned.For(j).ToArray());
            AssertIds(built.IdsFor(j).ToArray(), owned.IdsFor(j).ToArray());
        }
        AssertIds(["r2", "r5"], owned.IdsFor(0).ToArray());
        AssertIds(["r1", null], owned.IdsFor(2).ToArray());
    }

    [Fact]
    public void Without_ids_a_table_has_none_and_with_an_empty_list_it_has_them()
    {
        Assert.False(EventTable<Droit>.Own([D(0, 1)], 1, 1).HasIds);
        Assert.True(EventTable<Droit>.Build([], 1, []).HasIds);
        Assert.True(EventTable<Droit>.Own([], 0, 1, []).HasIds);
    }
}
