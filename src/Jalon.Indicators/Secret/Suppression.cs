namespace Jalon.Indicators.Secret;

/// <summary>
/// Primary and secondary suppression over the cells of one unit (territories × periods × counts × slots), in the
/// manner of τ-Argus: each count slot is a column of cells linked by sums (a region is the sum of its structures, the
/// nation of its regions; for counts that add up across periods, a quarter is the sum of its months and the year of
/// its quarters). A total and its breakdown are linked through the complement (total − breakdown), which is never
/// shown: the columns are independent tables, and a complement is given away only when its total and its breakdown
/// are both shown.
/// <para>
/// Primary: a count below <see cref="SecretStatistique.Seuil"/>, and a breakdown whose complement is below it.
/// Secondary: every masked cell must belong to a masked "box" A × B, A a set of territories and B a set of periods
/// carrying a ±1 pattern that keeps every sum (two structures of a region: +1 −1; a structure, its region and the
/// nation: +1 +1 +1; two months of a quarter: +1 −1…). Moving the masked cells of a box by its pattern changes none of
/// the shown figures: no masked cell can be recomputed from them. Among the candidate boxes, the one masking the
/// least (sum of values + 1) is chosen, and one that can move by one without a negative count or a breakdown above
/// its total is preferred, so that bounds do not pin the value either.
/// </para>
/// </summary>
internal static class Suppression
{
    /// <summary>Slots per count: total, femmes, infra V, QPV, ZRR, NEET (as in a tally).</summary>
    public const int Slots = 6;

    /// <summary>Partners considered per criterion (cheapest, can go down, can go up).</summary>
    private const int Partners = 3;

    private readonly record struct Support(int[] Index, sbyte[] Coef);

    /// <summary>
    /// Decides the masks of a unit in place. <paramref name="values"/>: ((t × Q + q) × C + c) × 6 + slot;
    /// <paramref name="hasNeet"/>: which counts have a NEET slot. Columns are independent, so they are decided in
    /// parallel (the result does not depend on it). Returns the number of boxes chosen without a possible move.
    /// </summary>
    public static int Decide(Territoires territoires, int periods, int counts, bool[] hasNeet, int[] values, bool[] masked, List<string>? blocages = null)
    {
        var t = new Table(territoires, periods, counts, hasNeet, values, masked);
        t.Primary();
        var columns = new List<(int Count, int Slot)>();
        for (var c = 0; c < counts; c++)
        {
            for (var slot = 0; slot < Slots; slot++)
            {
                if (slot < Slots - 1 || hasNeet[c]) columns.Add((c, slot));
            }
        }
        var stuck = new int[columns.Count];
        var notes = new List<string>?[columns.Count];
        Parallel.For(0, columns.Count, i =>
        {
            notes[i] = blocages is null ? null : [];
            stuck[i] = t.Protect(columns[i].Count, columns[i].Slot, notes[i]);
        });
        if (blocages is not null) blocages.AddRange(notes.SelectMany(n => n!).Take(20));
        return stuck.Sum();
    }

    private sealed class Table
    {
        private readonly Territoires terr;
        private readonly int periods;
        private readonly int counts;
        private readonly bool[] hasNeet;
        private readonly int[] v;
        private readonly bool[] m;
        private readonly int[] _regions;

        public Table(Territoires territoires, int periods, int counts, bool[] hasNeet, int[] values, bool[] masked)
        {
            (terr, this.periods, this.counts, this.hasNeet, v, m) = (territoires, periods, counts, hasNeet, values, masked);
            _regions = Enumerable.Range(terr.StructureCount, terr.RegionCount).ToArray();
        }

        private int Cell(int t, int q, int c, int slot) => ((t * periods + q) * counts + c) * Slots + slot;

        private int LastSlot(int c) => hasNeet[c] ? Slots - 1 : Slots - 2;

        public void Primary()
        {
            for (var t = 0; t < terr.Count; t++)
            {
                for (var q = 0; q < periods; q++)
                {
                    for (var c = 0; c < counts; c++)
                    {
                        var x = v[Cell(t, q, c, 0)];
                        if (x < SecretStatistique.Seuil) m[Cell(t, q, c, 0)] = true;
                        for (var s = 1; s <= LastSlot(c); s++)
                        {
                            var y = v[Cell(t, q, c, s)];
                            if (y < SecretStatistique.Seuil || x - y < SecretStatistique.Seuil) m[Cell(t, q, c, s)] = true;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Can this cell go up by one, the other columns unchanged? A total always can; a breakdown while its
        /// complement is ≥ 1 — or, when its total is 0 (then masked), together with its total (whose own box then
        /// necessarily moves it up).
        /// </summary>
        private bool CanIncrease(int t, int q, int c, int slot) =>
            slot == 0 || v[Cell(t, q, c, 0)] - v[Cell(t, q, c, slot)] >= 1 || v[Cell(t, q, c, 0)] == 0;

        /// <summary>
        /// Can this cell go down by one, the other columns unchanged? It must stay ≥ 0, and a total must keep each
        /// complement ≥ 0: a total's move then moves every complement, so a small complement is protected by its
        /// total's box (or, when the total is shown, by its breakdown's).
        /// </summary>
        private bool CanDecrease(int t, int q, int c, int slot)
        {
            var x = v[Cell(t, q, c, slot)];
            if (x < 1) return false;
            if (slot != 0) return true;
            for (var s = 1; s <= LastSlot(c); s++)
            {
                if (x - v[Cell(t, q, c, s)] < 1) return false;
            }
            return true;
        }

        /// <summary>Secondary suppression of one column; returns the boxes chosen without a possible move.</summary>
        public int Protect(int c, int slot, List<string>? notes)
        {
            var covered = new bool[terr.Count * periods];
            var stuck = 0;
            var search = new Search(this, c, slot);
            // Higher levels first (their boxes reach down to structures), and within a territory the year, quarters, months.
            var order = new List<int>(terr.Count) { terr.Nation };
            order.AddRange(_regions);
            for (var s = 0; s < terr.StructureCount; s++) order.Add(s);
            foreach (var t in order)
            {
                for (var q = 0; q < periods; q++)
                {
                    if (!m[Cell(t, q, c, slot)] || covered[t * periods + q]) continue;
                    var (a, b, movable) = search.Best(t, q);
                    if (!movable)
                    {
                        stuck++;
                        notes?.Add($"{terr.Code(t)}, période n° {q}, effectif n° {c}, case {slot} : valeur {v[Cell(t, q, c, slot)]}, total {v[Cell(t, q, c, 0)]}");
                    }
                    foreach (var ta in a.Index)
                    {
                        foreach (var qb in b.Index)
                        {
                            m[Cell(ta, qb, c, slot)] = true;
                            covered[ta * periods + qb] = true;
                        }
                    }
                }
            }
            return stuck;
        }

        /// <summary>The search of a box for the cells of one column.</summary>
        private sealed class Search(Table table, int c, int slot)
        {
            private readonly List<Support> _supports = [];
            private readonly List<int> _partners = [];
            private Support _bestA, _bestB;
            private long _bestCost;
            private bool _bestMovable, _found;

            public (Support A, Support B, bool Movable) Best(int t, int q)
            {
                _found = false;
                var terr = table.terr;
                var periodSupports = PeriodSupports(q, table.periods);
                // A structure with neighbours: first the boxes within its region; the boxes reaching its region's total
                // (against another region, or up to the nation) only when none of those can move, or when the region
                // is masked anyway. Otherwise every box at once.
                var region = t < terr.StructureCount ? terr.Parent(t) : -1;
                var withinRegion = region >= 0 && terr.Children(region).Count > 1;
                if (withinRegion)
                {
                    _supports.Clear();
                    foreach (var s2 in Rank(terr.Children(region), t, q)) _supports.Add(new([t, s2], [1, -1]));
                    Evaluate(periodSupports);
                }
                if (!withinRegion || !_bestMovable || table.m[table.Cell(region, q, c, slot)])
                {
                    _supports.Clear();
                    Reaching(t, q);
                    Evaluate(periodSupports);
                }
                return (_bestA, _bestB, _bestMovable);
            }

            private void Evaluate(Support[] periodSupports)
            {
                var (v, m) = (table.v, table.m);
                foreach (var a in _supports)
                {
                    foreach (var b in periodSupports)
                    {
                        long cost = 0;
                        bool up = true, down = true;
                        for (var i = 0; i < a.Index.Length; i++)
                        {
                            for (var j = 0; j < b.Index.Length; j++)
                            {
                                var (ta, qb) = (a.Index[i], b.Index[j]);
                                var cell = table.Cell(ta, qb, c, slot);
                                if (!m[cell]) cost += v[cell] + 1L;
                                var k = a.Coef[i] * b.Coef[j];
                                bool inc = table.CanIncrease(ta, qb, c, slot), dec = table.CanDecrease(ta, qb, c, slot);
                                if (k > 0) { up &= inc; down &= dec; }
                                else { up &= dec; down &= inc; }
                            }
                        }
                        var movable = up || down;
                        // A movable box always beats one that is not; then the cheaper; then the first found.
                        if (!_found || (movable && !_bestMovable) || (movable == _bestMovable && cost < _bestCost))
                        {
                            (_bestA, _bestB, _bestCost, _bestMovable, _found) = (a, b, cost, movable, true);
                        }
                    }
                }
            }

            /// <summary>
            /// The boxes reaching a region's total: a structure and its region (or a region and one of its structures)
            /// against another region and one of its structures; or a chain up to the nation (the only way for the nation).
            /// </summary>
            private void Reaching(int t, int q)
            {
                var terr = table.terr;
                var nation = terr.Nation;
                if (t == nation)
                {
                    foreach (var r in Rank(table._regions, -1, q))
                    {
                        foreach (var s in Rank(terr.Children(r), -1, q)) _supports.Add(new([nation, r, s], [1, 1, 1]));
                    }
                    return;
                }
                var region = t < terr.StructureCount ? terr.Parent(t) : t;
                var structures = t < terr.StructureCount ? [t] : Rank(terr.Children(t), -1, q);
                foreach (var r2 in Rank(table._regions, region, q))
                {
                    var others = Rank(terr.Children(r2), -1, q);
                    foreach (var s in structures)
                    {
                        foreach (var s2 in others) _supports.Add(new([s, region, r2, s2], [1, 1, -1, -1]));
                    }
                }
                foreach (var s in structures) _supports.Add(new([s, region, nation], [1, 1, 1]));
            }

            /// <summary>
            /// Partner candidates at period q (<paramref name="except"/> left out): the cheapest (already masked first,
            /// then smallest), and the cheapest of those that can go down and of those that can go up (a cell that can
            /// only move one way needs a partner moving the other way); in a deterministic order.
            /// </summary>
            private int[] Rank(IReadOnlyList<int> candidates, int except, int q)
            {
                Span<int> cheap = stackalloc int[Partners], down = stackalloc int[Partners], up = stackalloc int[Partners];
                var (nc, nd, nu) = (0, 0, 0);
                foreach (var x in candidates)
                {
                    if (x == except) continue;
                    Insert(cheap, ref nc, x);
                    if (table.CanDecrease(x, q, c, slot)) Insert(down, ref nd, x);
                    if (table.CanIncrease(x, q, c, slot)) Insert(up, ref nu, x);
                }
                _partners.Clear();
                foreach (var x in cheap[..nc]) _partners.Add(x);
                foreach (var x in down[..nd]) { if (!_partners.Contains(x)) _partners.Add(x); }
                foreach (var x in up[..nu]) { if (!_partners.Contains(x)) _partners.Add(x); }
                return [.. _partners];

                void Insert(Span<int> best, ref int n, int x)
                {
                    var i = n < best.Length ? n++ : best.Length;
                    if (i == best.Length && !Before(x, best[^1], q)) return;
                    if (i == best.Length) i--;
                    while (i > 0 && Before(x, best[i - 1], q)) { best[i] = best[i - 1]; i--; }
                    best[i] = x;
                }
            }

            /// <summary>Is x a cheaper partner than y at the current period: masked first, then smaller, then lower index?</summary>
            private bool Before(int x, int y, int q)
            {
                bool mx = table.m[table.Cell(x, q, c, slot)], my = table.m[table.Cell(y, q, c, slot)];
                if (mx != my) return mx;
                int vx = table.v[table.Cell(x, q, c, slot)], vy = table.v[table.Cell(y, q, c, slot)];
                return vx != vy ? vx < vy : x < y;
            }
        }
    }

    private static readonly Support[] Single = [new([0], [1])];
    private static readonly Support[][] YearSupports = BuildYearSupports();

    /// <summary>The period patterns through q: none but q itself for a single period; sums of the year otherwise.</summary>
    private static Support[] PeriodSupports(int q, int periods) => periods == 1 ? Single : YearSupports[q];

    /// <summary>For the 17 periods of a year (0 = year, 1–4 = quarters, 5–16 = months), the ±1 patterns through each.</summary>
    private static Support[][] BuildYearSupports()
    {
        static int[] MonthsOf(int quarter) => [5 + 3 * (quarter - 1), 6 + 3 * (quarter - 1), 7 + 3 * (quarter - 1)];
        var result = new Support[17][];
        var year = new List<Support>();
        for (var k = 1; k <= 4; k++)
        {
            foreach (var mo in MonthsOf(k)) year.Add(new([0, k, mo], [1, 1, 1]));
        }
        result[0] = [.. year];
        for (var k = 1; k <= 4; k++)
        {
            var list = new List<Support>();
            foreach (var mo in MonthsOf(k))
            {
                for (var k2 = 1; k2 <= 4; k2++)
                {
                    if (k2 == k) continue;
                    foreach (var mo2 in MonthsOf(k2)) list.Add(new([k, mo, k2, mo2], [1, 1, -1, -1]));
                }
                list.Add(new([k, mo, 0], [1, 1, 1]));
            }
            result[k] = [.. list];
        }
        for (var mo = 5; mo < 17; mo++)
        {
            var k = 1 + (mo - 5) / 3;
            var list = new List<Support>();
            foreach (var mo2 in MonthsOf(k))
            {
                if (mo2 != mo) list.Add(new([mo, mo2], [1, -1]));
            }
            for (var k2 = 1; k2 <= 4; k2++)
            {
                if (k2 == k) continue;
                foreach (var mo2 in MonthsOf(k2)) list.Add(new([mo, k, k2, mo2], [1, 1, -1, -1]));
            }
            list.Add(new([mo, k, 0], [1, 1, 1]));
            result[mo] = [.. list];
        }
        return result;
    }
}
