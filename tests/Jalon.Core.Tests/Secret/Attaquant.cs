using System.Numerics;

namespace Jalon.Tests.Secret;

/// <summary>An exact rational number (BigInteger numerator and positive denominator, reduced).</summary>
public readonly record struct Fraction
{
    public BigInteger Num { get; }
    public BigInteger Den { get; }

    public Fraction(BigInteger num, BigInteger den)
    {
        if (den.IsZero) throw new DivideByZeroException();
        if (den.Sign < 0) (num, den) = (-num, -den);
        var g = BigInteger.GreatestCommonDivisor(num, den);
        if (!g.IsOne && !g.IsZero) (num, den) = (num / g, den / g);
        if (num.IsZero) den = BigInteger.One;
        (Num, Den) = (num, den);
    }

    public static readonly Fraction Zero = new(0, 1);
    public static readonly Fraction One = new(1, 1);

    public bool IsZero => Num.IsZero;

    public static implicit operator Fraction(long v) => new(v, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);
    public static Fraction operator -(Fraction a, Fraction b) => new(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);
    public static Fraction operator -(Fraction a) => new(-a.Num, a.Den);
    public static Fraction operator *(Fraction a, Fraction b) => new(a.Num * b.Num, a.Den * b.Den);
    public static Fraction operator /(Fraction a, Fraction b) => new(a.Num * b.Den, a.Den * b.Num);

    public double ToDouble() => (double)Num / (double)Den;

    /// <summary>
    /// The simplest fraction within a relative 1e-10 of a double (continued fractions, denominator ≤ 10^9): the exact
    /// ratio of two counts, or of a count and an amount in cents, shown as a double.
    /// </summary>
    public static Fraction FromDouble(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) throw new ArgumentException("Nombre non fini.", nameof(x));
        var sign = x < 0 ? -1 : 1;
        var y = Math.Abs(x);
        BigInteger h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        var r = y;
        for (var i = 0; i < 64; i++)
        {
            var a = Math.Floor(r);
            var ai = new BigInteger(a);
            (h0, h1) = (h1, ai * h1 + h0);
            (k0, k1) = (k1, ai * k1 + k0);
            if (k1 > 1_000_000_000) { (h1, k1) = (h0, k0); break; }
            var approx = (double)h1 / (double)k1;
            if (Math.Abs(approx - y) <= 1e-10 * Math.Max(1, y)) break;
            var frac = r - a;
            if (frac < 1e-15) break;
            r = 1 / frac;
        }
        return new Fraction(sign * h1, k1);
    }

    public override string ToString() => Den.IsOne ? Num.ToString() : $"{Num}/{Den}";
}

/// <summary>
/// An attacker of statistical secrecy: collects every count shown or masked by the outputs an aggregate-only role can
/// obtain, and every linear relation between them (sums over the hierarchy, breakdown + complement, sums over periods,
/// N − N−1 = change, ratio × denominator = numerator, weight × regional total = structure figure…), then says which
/// masked cells are determined: exactly, by linear algebra over the rationals (a cell is determined iff its unit
/// vector is in the row space of the relations restricted to the unknown cells), and, cheaply, by bounds (counts are
/// ≥ 0: interval propagation that pins a cell to one integer).
/// </summary>
public sealed class Attaquant
{
    private readonly Dictionary<string, long> _shown = new(StringComparer.Ordinal);
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly List<(List<(string Cell, Fraction Coef)> Terms, Fraction Constant, string Why)> _relations = [];
    private readonly List<string> _inconsistencies = [];
    private readonly Dictionary<string, long> _truth = new(StringComparer.Ordinal);

    /// <summary>Observations made: shown cells, masked cells, relations.</summary>
    public (int Shown, int Masked, int Relations) Taille => (_shown.Count, _masked.Count, _relations.Count);

    /// <summary>Cells both shown and masked by different outputs, or shown with two values (a disclosure in itself).</summary>
    public IReadOnlyList<string> Incoherences => _inconsistencies;

    public void Montre(string cell, long value)
    {
        if (_shown.TryGetValue(cell, out var v) && v != value) _inconsistencies.Add($"{cell} : {v} puis {value}");
        if (_masked.Contains(cell)) _inconsistencies.Add($"{cell} : masquée ailleurs, montrée ici ({value})");
        _shown[cell] = value;
    }

    public void Masque(string cell)
    {
        if (_shown.TryGetValue(cell, out var v)) _inconsistencies.Add($"{cell} : montrée ailleurs ({v}), masquée ici");
        _masked.Add(cell);
    }

    public bool EstMontree(string cell) => _shown.ContainsKey(cell);

    public bool EstMasquee(string cell) => _masked.Contains(cell) && !_shown.ContainsKey(cell);

    /// <summary>The value of a cell nobody shows, known to the test only: complements are checked when below 5.</summary>
    public void Verite(string cell, long value) => _truth[cell] = value;

    /// <summary>Σ coef × cell = constant.</summary>
    public void Relation(IEnumerable<(string Cell, Fraction Coef)> terms, Fraction constant, string why) =>
        _relations.Add((terms.ToList(), constant, why));

    /// <summary>parent = Σ children.</summary>
    public void Somme(string parent, IEnumerable<string> children, string why) =>
        Relation([(parent, Fraction.One), .. children.Select(c => (c, -Fraction.One))], Fraction.Zero, why);

    /// <summary>The cells determined (exactly or pinned by bounds) among the masked ones and the small hidden ones.</summary>
    public IReadOnlyList<string> CasesRevelees(int seuil = 5)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (terms, _, _) in _relations)
        {
            foreach (var (cell, _) in terms)
            {
                if (!_shown.ContainsKey(cell)) hidden.Add(cell);
            }
        }
        // Unknowns: every cell not shown. Checked: masked cells, and hidden ones (complements) below the threshold.
        var checkedCells = hidden.Where(c => _masked.Contains(c) || (_truth.TryGetValue(c, out var v) && v < seuil)).ToHashSet(StringComparer.Ordinal);
        foreach (var m in _masked.Where(m => !_shown.ContainsKey(m))) checkedCells.Add(m);

        var index = hidden.Order(StringComparer.Ordinal).Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var names = index.OrderBy(x => x.Value).Select(x => x.Key).ToArray();
        var rows = new List<(Dictionary<int, Fraction> Row, Fraction Constant)>();
        foreach (var (terms, constant, _) in _relations)
        {
            var row = new Dictionary<int, Fraction>();
            var c = constant;
            foreach (var (cell, coef) in terms)
            {
                if (coef.IsZero) continue;
                if (_shown.TryGetValue(cell, out var v)) { c -= coef * v; continue; }
                var i = index[cell];
                var x = row.GetValueOrDefault(i, Fraction.Zero) + coef;
                if (x.IsZero) row.Remove(i); else row[i] = x;
            }
            if (row.Count > 0) rows.Add((row, c));
        }

        var revealed = new SortedSet<string>(StringComparer.Ordinal);
        var rref = Eliminate(rows, names.Length);
        foreach (var (pivot, row, _) in rref)
        {
            if (row.Count == 1 && checkedCells.Contains(names[pivot])) revealed.Add(names[pivot]);
        }
        foreach (var i in Bounds(rows, rref, names.Length))
        {
            if (checkedCells.Contains(names[i])) revealed.Add(names[i] + " (bornes)");
        }
        return [.. revealed];
    }

    /// <summary>The relations holding a cell, with the state of each term (for a failing test's message).</summary>
    public string Expliquer(string cell)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (terms, constant, why) in _relations.Where(r => r.Terms.Any(t => t.Cell == cell)))
        {
            sb.Append(why).Append(" : ");
            sb.AppendJoin(" + ", terms.Select(t => $"{t.Coef}·[{t.Cell}]=" + (_shown.TryGetValue(t.Cell, out var v) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : (_masked.Contains(t.Cell) ? "masquée" : "cachée") + (_truth.TryGetValue(t.Cell, out var tv) ? "(" + tv + ")" : ""))));
            sb.Append(" = ").Append(constant).AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>Reduced row echelon form, built incrementally on sparse rows, component by component (union-find).</summary>
    private static List<(int Pivot, Dictionary<int, Fraction> Row, Fraction Constant)> Eliminate(List<(Dictionary<int, Fraction> Row, Fraction Constant)> rows, int n)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        foreach (var (row, _) in rows)
        {
            var first = -1;
            foreach (var k in row.Keys)
            {
                if (first < 0) first = k; else parent[Find(k)] = Find(first);
            }
        }
        var result = new List<(int, Dictionary<int, Fraction>, Fraction)>();
        foreach (var component in rows.GroupBy(r => Find(r.Row.Keys.First())))
        {
            var pivots = new Dictionary<int, (Dictionary<int, Fraction> Row, Fraction Constant)>();
            var occurrences = new Dictionary<int, HashSet<int>>(); // variable → pivots whose row holds it
            foreach (var (original, constant0) in component)
            {
                var row = new Dictionary<int, Fraction>(original);
                var constant = constant0;
                foreach (var k in row.Keys.Where(pivots.ContainsKey).ToList())
                {
                    if (!row.TryGetValue(k, out var f)) continue;
                    var (prow, pc) = pivots[k];
                    foreach (var (j, g) in prow)
                    {
                        var x = row.GetValueOrDefault(j, Fraction.Zero) - f * g;
                        if (x.IsZero) row.Remove(j); else row[j] = x;
                    }
                    constant -= f * pc;
                }
                if (row.Count == 0) continue;
                var pivot = row.Keys.Min();
                var inv = Fraction.One / row[pivot];
                foreach (var j in row.Keys.ToList()) row[j] *= inv;
                constant *= inv;
                // Keep the form reduced: remove the new pivot from the rows that hold it.
                if (occurrences.TryGetValue(pivot, out var holders))
                {
                    foreach (var h in holders.ToList())
                    {
                        var (hrow, hc) = pivots[h];
                        var f = hrow[pivot];
                        foreach (var (j, g) in row)
                        {
                            var x = hrow.GetValueOrDefault(j, Fraction.Zero) - f * g;
                            if (x.IsZero) { hrow.Remove(j); if (j != h && occurrences.TryGetValue(j, out var o)) o.Remove(h); }
                            else { hrow[j] = x; if (j != h) (occurrences.TryGetValue(j, out var o2) ? o2 : occurrences[j] = []).Add(h); }
                        }
                        pivots[h] = (hrow, hc - f * constant);
                    }
                    occurrences.Remove(pivot);
                }
                pivots[pivot] = (row, constant);
                foreach (var j in row.Keys.Where(j => j != pivot)) (occurrences.TryGetValue(j, out var o) ? o : occurrences[j] = []).Add(pivot);
            }
            foreach (var (p, (row, c)) in pivots) result.Add((p, row, c));
        }
        return result;
    }

    /// <summary>Interval propagation with every count ≥ 0: the unknowns pinned to a single integer.</summary>
    private static IEnumerable<int> Bounds(List<(Dictionary<int, Fraction> Row, Fraction Constant)> rows,
        List<(int Pivot, Dictionary<int, Fraction> Row, Fraction Constant)> rref, int n)
    {
        var lo = new double[n];
        var hi = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var all = rows.Select(r => (Row: r.Row.Select(kv => (kv.Key, kv.Value.ToDouble())).ToArray(), C: r.Constant.ToDouble()))
            .Concat(rref.Select(r => (Row: r.Row.Select(kv => (kv.Key, kv.Value.ToDouble())).ToArray(), C: r.Constant.ToDouble())))
            .ToList();
        for (var pass = 0; pass < 50; pass++)
        {
            var changed = false;
            foreach (var (row, c) in all)
            {
                foreach (var (i, a) in row)
                {
                    // a·x_i = c − Σ_{j≠i} a_j x_j
                    double rest_lo = 0, rest_hi = 0;
                    foreach (var (j, b) in row)
                    {
                        if (j == i) continue;
                        if (b > 0) { rest_lo += b * lo[j]; rest_hi += b * hi[j]; }
                        else { rest_lo += b * hi[j]; rest_hi += b * lo[j]; }
                    }
                    double xlo, xhi;
                    if (a > 0) { xlo = (c - rest_hi) / a; xhi = (c - rest_lo) / a; }
                    else { xlo = (c - rest_lo) / a; xhi = (c - rest_hi) / a; }
                    if (!double.IsNaN(xlo) && xlo > lo[i] + 1e-7) { lo[i] = Math.Ceiling(xlo - 1e-7); changed = true; }
                    if (!double.IsNaN(xhi) && xhi < hi[i] - 1e-7) { hi[i] = Math.Floor(xhi + 1e-7); changed = true; }
                }
            }
            if (!changed) break;
        }
        for (var i = 0; i < n; i++)
        {
            if (hi[i] - lo[i] < 0.5) yield return i;
        }
    }
}
