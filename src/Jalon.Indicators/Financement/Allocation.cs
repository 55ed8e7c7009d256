using System.Globalization;
using System.Numerics;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Financement;

/// <summary>An amount a funder decided for a structure on a decided axis (axis 3), with its argued text.</summary>
public sealed record DecisionAxe(string Structure, decimal Montant, string Argument);

/// <summary>
/// What an allocation is computed from: the grid, the envelope, the structures of the region with their indicator
/// values (the activity of N−1), the weights and the decisions. Pure data: no package, no file.
/// </summary>
public sealed record AllocationRequest
{
    public required GrilleFinancement Grille { get; init; }

    /// <summary>The envelope in euros, at most 2 decimals.</summary>
    public required decimal Enveloppe { get; init; }

    /// <summary>The structures sharing the envelope (their codes); sorted ordinally by the mechanism.</summary>
    public required IReadOnlyList<string> Structures { get; init; }

    /// <summary>The value of each indicator of the computed axes for each structure: a count or an amount, ≥ 0.</summary>
    public required IReadOnlyDictionary<(string Structure, string Cle), long> Valeurs { get; init; }

    /// <summary>The weight of an indicator within its axis (≥ 0); 1 when absent (equal weights by default).</summary>
    public IReadOnlyDictionary<(int Axe, string Cle), decimal> Poids { get; init; } = new Dictionary<(int, string), decimal>();

    /// <summary>The decisions per decided axis (axis number → decisions); an axis without decisions is shared equally.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<DecisionAxe>> Decisions { get; init; } = new Dictionary<int, IReadOnlyList<DecisionAxe>>();
}

/// <summary>An axis's envelope; <see cref="NonAttribue"/> is what its decisions left unspent (decided axes only).</summary>
public sealed record AxeAlloue(int Axe, decimal Part, decimal Montant, decimal NonAttribue);

/// <summary>
/// A structure's allocation: its amount on each axis (index 0 is axis 1), its total, the first payment (the
/// grid's rate of the computed axes plus the equal share of the decided ones) and the balance (may be negative).
/// </summary>
public sealed record StructureAllouee(string Structure, IReadOnlyList<decimal> ParAxe, decimal Total, decimal PremierVersement, decimal Solde);

public sealed record AllocationResult(IReadOnlyList<AxeAlloue> Axes, IReadOnlyList<StructureAllouee> Structures)
{
    /// <summary>What the decided axes left unspent: each decided axis plus its share of this is exactly its envelope.</summary>
    public decimal NonAttribue => Axes.Sum(a => a.NonAttribue);

    public StructureAllouee Of(string structure) => Structures.First(s => s.Structure == structure);
}

/// <summary>Inputs that cannot be allocated (a decision above its axis, a negative weight…), in French.</summary>
public sealed class AllocationException(string message) : Exception(message);

/// <summary>
/// The allocation of a funder's envelope among the structures of a region, for any grid with a <c>financement</c>
/// section (docs/financement-region.md). Exact: amounts are whole cents, every axis sums to its envelope to the
/// cent by the largest remainder method, computed on integers (no rounding can break a tie or the monotonicity).
/// </summary>
public static class Allocation
{
    public static AllocationResult Allouer(AllocationRequest request)
    {
        var grille = request.Grille;
        var structures = request.Structures.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (structures.Length == 0) throw new AllocationException("Aucune structure à financer dans la région.");
        var enveloppe = Cents(request.Enveloppe, "l'enveloppe");
        if (enveloppe < 0) throw new AllocationException("L'enveloppe doit être positive.");

        // The axes' envelopes: the envelope × each share, largest remainder (the shares add up to exactly 1).
        var axesCents = Apportion(enveloppe, Scale(grille.Axes.Select(a => a.Part).ToArray()));

        var n = structures.Length;
        var parAxe = new long[grille.Axes.Count][];
        var egal = new long[grille.Axes.Count][];
        var nonAttribue = new long[grille.Axes.Count];
        for (var a = 0; a < grille.Axes.Count; a++)
        {
            var axe = grille.Axes[a];
            if (axe.EstDecide)
            {
                egal[a] = Apportion(axesCents[a], Enumerable.Repeat(BigInteger.One, n).ToArray());
                parAxe[a] = Decide(axe, axesCents[a], structures, request.Decisions.GetValueOrDefault(axe.Numero) ?? [], out nonAttribue[a]);
            }
            else
            {
                parAxe[a] = Apportion(axesCents[a], Shares(axe, structures, request));
                egal[a] = parAxe[a];
            }
        }

        var rate = grille.PremierVersement;
        var result = new List<StructureAllouee>(n);
        for (var s = 0; s < n; s++)
        {
            long total = 0, base80 = 0;
            var amounts = new decimal[grille.Axes.Count];
            for (var a = 0; a < grille.Axes.Count; a++)
            {
                total += parAxe[a][s];
                base80 += egal[a][s];
                amounts[a] = Euros(parAxe[a][s]);
            }
            var premier = Math.Round(base80 * rate, MidpointRounding.AwayFromZero); // in cents
            result.Add(new StructureAllouee(structures[s], amounts, Euros(total), premier / 100m, Euros(total) - premier / 100m));
        }
        var axes = grille.Axes.Select((a, i) => new AxeAlloue(a.Numero, a.Part, Euros(axesCents[i]), Euros(nonAttribue[i]))).ToArray();
        return new AllocationResult(axes, result);
    }

    /// <summary>
    /// « +x % on indicator k → +y € »: the allocation again with one structure's value of one indicator multiplied by
    /// <paramref name="facteur"/> (1.10 for +10 %, rounded to a whole number, half away from zero), all else equal.
    /// </summary>
    public static (StructureAllouee Avant, StructureAllouee Apres) Simuler(AllocationRequest request, string structure, string cle, decimal facteur)
    {
        if (!request.Valeurs.ContainsKey((structure, cle)))
            throw new AllocationException($"Pas de valeur de {cle} pour la structure {structure}.");
        var valeurs = new Dictionary<(string, string), long>(request.Valeurs);
        valeurs[(structure, cle)] = (long)Math.Round(valeurs[(structure, cle)] * facteur, MidpointRounding.AwayFromZero);
        var avant = Allouer(request).Of(structure);
        var apres = Allouer(request with { Valeurs = valeurs }).Of(structure);
        return (avant, apres);
    }

    /// <summary>
    /// Each structure's weighted share of a computed axis, as integers proportional to it: Σₖ wₖ · vₛₖ / Tₖ over the
    /// indicators whose regional total Tₖ is not zero (an indicator nobody has drops out and its weight goes to the
    /// others); equal shares when no indicator of the axis has a total (or every weight is zero).
    /// </summary>
    private static BigInteger[] Shares(AxeFinancement axe, string[] structures, AllocationRequest request)
    {
        var n = structures.Length;
        var weights = axe.Indicateurs.Select(k => request.Poids.TryGetValue((axe.Numero, k), out var w) ? w : 1m).ToArray();
        foreach (var (k, w) in axe.Indicateurs.Zip(weights))
        {
            if (w < 0) throw new AllocationException($"Axe {axe.Numero}, {k} : poids négatif ({w.ToString(CultureInfo.InvariantCulture)}).");
        }
        var scaled = Scale(weights);
        var totals = new BigInteger[axe.Indicateurs.Count];
        for (var i = 0; i < axe.Indicateurs.Count; i++)
        {
            foreach (var s in structures)
            {
                var v = request.Valeurs.TryGetValue((s, axe.Indicateurs[i]), out var x) ? x : 0;
                if (v < 0) throw new AllocationException($"Valeur négative de {axe.Indicateurs[i]} pour {s}.");
                totals[i] += v;
            }
        }
        var active = Enumerable.Range(0, totals.Length).Where(i => !totals[i].IsZero && !scaled[i].IsZero).ToArray();
        if (active.Length == 0) return Enumerable.Repeat(BigInteger.One, n).ToArray();
        var product = BigInteger.One;
        foreach (var i in active) product *= totals[i];
        var shares = new BigInteger[n];
        for (var s = 0; s < n; s++)
        {
            foreach (var i in active)
            {
                var v = request.Valeurs.TryGetValue((structures[s], axe.Indicateurs[i]), out var x) ? x : 0;
                shares[s] += scaled[i] * v * (product / totals[i]);
            }
        }
        return shares;
    }

    /// <summary>A decided axis: decided structures get their amount, the others share the rest equally; none left → unspent.</summary>
    private static long[] Decide(AxeFinancement axe, long envelope, string[] structures, IReadOnlyList<DecisionAxe> decisions, out long unspent)
    {
        var amounts = new long[structures.Length];
        var decided = new bool[structures.Length];
        long sum = 0;
        foreach (var d in decisions)
        {
            var s = Array.BinarySearch(structures, d.Structure, StringComparer.Ordinal);
            if (s < 0) throw new AllocationException($"Axe {axe.Numero} : la structure {d.Structure} n'est pas de la région.");
            if (decided[s]) throw new AllocationException($"Axe {axe.Numero} : deux décisions pour {d.Structure}.");
            var c = Cents(d.Montant, $"le montant de {d.Structure}");
            if (c < 0) throw new AllocationException($"Axe {axe.Numero} : montant négatif pour {d.Structure}.");
            decided[s] = true;
            amounts[s] = c;
            sum += c;
        }
        if (sum > envelope)
        {
            throw new AllocationException(string.Create(CultureInfo.InvariantCulture,
                $"Axe {axe.Numero} : les montants décidés ({Euros(sum):0.00} €) dépassent l'enveloppe de l'axe ({Euros(envelope):0.00} €)."));
        }
        var undecided = Enumerable.Range(0, structures.Length).Where(s => !decided[s]).ToArray();
        unspent = envelope - sum;
        if (undecided.Length == 0) return amounts;
        var rest = Apportion(unspent, Enumerable.Repeat(BigInteger.One, undecided.Length).ToArray());
        for (var i = 0; i < undecided.Length; i++) amounts[undecided[i]] = rest[i];
        unspent = 0;
        return amounts;
    }

    /// <summary>
    /// Shares <paramref name="total"/> cents in proportion to <paramref name="weights"/> (≥ 0, not all zero): each gets
    /// the floor of its exact share, and the cents left go one each to the largest remainders (ties: first index).
    /// </summary>
    public static long[] Apportion(long total, BigInteger[] weights)
    {
        var sum = BigInteger.Zero;
        foreach (var w in weights) sum += w;
        var result = new long[weights.Length];
        if (sum.IsZero)
        {
            if (total != 0) throw new AllocationException("Répartition impossible : tous les poids sont nuls.");
            return result;
        }
        var remainders = new BigInteger[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var q = BigInteger.DivRem(total * weights[i], sum, out remainders[i]);
            result[i] = (long)q;
            given += result[i];
        }
        var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; k < total - given; k++) result[order[k]]++;
        return result;
    }

    /// <summary>Decimal weights as integers in the same proportions (all multiplied by the same power of ten).</summary>
    private static BigInteger[] Scale(decimal[] values)
    {
        var scale = values.Length == 0 ? 0 : values.Max(v => (int)v.Scale);
        return values.Select(v => ToBig(v * Pow10(scale), out _)).ToArray();
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static BigInteger ToBig(decimal v, out bool exact)
    {
        var t = decimal.Truncate(v);
        exact = t == v;
        return new BigInteger(t);
    }

    private static long Cents(decimal euros, string what)
    {
        var c = euros * 100;
        if (c != decimal.Truncate(c)) throw new AllocationException($"Au plus deux décimales pour {what} ({euros.ToString(CultureInfo.InvariantCulture)}).");
        return (long)c;
    }

    private static decimal Euros(long cents) => cents / 100m;
}
