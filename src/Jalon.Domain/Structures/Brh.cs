using System.Globalization;
using Jalon.Referentiels;

namespace Jalon.Domain.Structures;

/// <summary>The three figures of a BRH row.</summary>
public enum BrhColonne : byte { Femmes, Hommes, Total }

/// <summary>
/// A roll-up inconsistency of a staff table: an anomaly, never blocking (seed 000's own table has four). Reported on the
/// row of the aggregate (<see cref="Code"/>: the parent, the A row of an A = B + C check, the row itself for
/// women + men = total, the FTE row for FTE ≤ head-count), naming the failing columns and both sides.
/// </summary>
public sealed record BrhEcart(string Code, string Regle, IReadOnlyList<BrhColonne> Colonnes, string Message)
{
    /// <summary>The failing columns as named in brh.csv: « femmes, total ».</summary>
    public string ColonnesTexte => string.Join(", ", Colonnes.Select(Brh.NomColonne));
}

/// <summary>
/// The rules of the staff table (BRH), docs/spec/brh-codes.md: women + men = total; a parent equals the sum of its
/// « somme » children; a « dont » never exceeds its parent; the C3x rows add up to C1 and the A3x rows to A2; A = B + C on
/// the homologous codes (A1…, A2); FTE ≤ head-count (B2 ≤ B1, C2 ≤ C1, A2 ≤ A1). Headings (B, C, A, A3, C3) are not data;
/// an empty cell is never checked (a sum is checked only when every term and the total are given); figures are compared
/// in decimal, to the hundredth.
/// </summary>
public static class Brh
{
    public static string NomColonne(BrhColonne c) => c switch
    {
        BrhColonne.Femmes => "femmes",
        BrhColonne.Hommes => "hommes",
        _ => "total",
    };

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>A figure as shown in a message: « 20,81 », « 29 ».</summary>
    public static string Show(decimal value) => value.ToString("0.##", Fr);

    /// <summary>True when two figures differ to the hundredth (never compared in floating point).</summary>
    public static bool Differ(decimal a, decimal b) => decimal.Round(a, 2, MidpointRounding.AwayFromZero) != decimal.Round(b, 2, MidpointRounding.AwayFromZero);

    private static decimal? Get(BrhLigne row, BrhColonne c) => c switch
    {
        BrhColonne.Femmes => row.Femmes,
        BrhColonne.Hommes => row.Hommes,
        _ => row.Total,
    };

    private static readonly BrhColonne[] Colonnes = [BrhColonne.Femmes, BrhColonne.Hommes, BrhColonne.Total];

    /// <summary>The checks of each code, precomputed from the code table (indexes in <see cref="BrhCodes.All"/>).</summary>
    private sealed record Plan(int[] Sum, (int Titre, int[] Parts)[] Ventilations, int[] Donts, int HomologueB, int HomologueC, int Etp);

    private static readonly Plan[] Plans = BrhCodes.All.Select(code =>
    {
        int Rank(string c) => BrhCodes.RankOf(c);
        var homologue = IsHomologue(code.Code);
        return new Plan(
            BrhCodes.ChildrenOf(code.Code, BrhRelation.Somme).Select(c => Rank(c.Code)).ToArray(),
            BrhCodes.All.Where(t => t.IsTitre && t.VentilationDe == code.Code)
                .Select(t => (Rank(t.Code), BrhCodes.ChildrenOf(t.Code, BrhRelation.Somme).Select(c => Rank(c.Code)).ToArray())).ToArray(),
            BrhCodes.ChildrenOf(code.Code, BrhRelation.Dont).Select(c => Rank(c.Code)).ToArray(),
            homologue ? Rank("B" + code.Code[1..]) : -1,
            homologue ? Rank("C" + code.Code[1..]) : -1,
            code.EtpDe is { } e ? Rank(e) : -1);
    }).ToArray();

    /// <summary>
    /// The inconsistencies of one structure's staff table for one year (rows of other codes than the table's and heading
    /// rows are ignored), in table order of the reported row, then rule.
    /// </summary>
    public static IReadOnlyList<BrhEcart> Check(IEnumerable<BrhLigne> rows)
    {
        var all = BrhCodes.All;
        var byRank = new BrhLigne?[all.Count];
        foreach (var row in rows)
        {
            var rank = BrhCodes.RankOf(row.Code);
            if (rank < all.Count && !all[rank].IsTitre) byRank[rank] = row;
        }
        List<BrhEcart>? ecarts = null;
        void Add(BrhEcart e) => (ecarts ??= []).Add(e);
        for (var i = 0; i < all.Count; i++)
        {
            if (byRank[i] is not { } row) continue;
            var code = all[i];
            var plan = Plans[i];

            // Women + men = total.
            if (row is { Femmes: { } f, Hommes: { } h, Total: { } t } && Differ(f + h, t))
                Add(new(code.Code, "femmes + hommes = total", [BrhColonne.Total],
                    $"{code.Code} : femmes + hommes ≠ total ({Show(f)} + {Show(h)} = {Show(f + h)}, total {Show(t)})"));

            // Parent = sum of its « somme » children.
            if (plan.Sum.Length > 0) CheckSum(Add, row, plan.Sum, byRank, "somme des lignes filles");

            // A heading's children break down another row: ΣC3x = C1, ΣA3x = A2 (reported on that row).
            foreach (var (titre, parts) in plan.Ventilations) CheckSum(Add, row, parts, byRank, $"ventilation {all[titre].Code}");

            // « dont » rows never exceed their parent (reported on the parent).
            foreach (var d in plan.Donts)
            {
                if (byRank[d] is not { } part) continue;
                var failing = Failing(col => Get(part, col) is { } p && Get(row, col) is { } whole && p > whole && Differ(p, whole));
                if (failing is null) continue;
                Add(new(code.Code, "dont ≤ parent", failing,
                    $"{all[d].Code} (dont) > {code.Code} : " + string.Join(", ", failing.Select(c => $"{NomColonne(c)} {Show(Get(part, c)!.Value)} > {Show(Get(row, c)!.Value)}"))));
            }

            // A = B + C on the homologous codes.
            if (plan.HomologueB >= 0 && byRank[plan.HomologueB] is { } rowB && byRank[plan.HomologueC] is { } rowC)
            {
                var failing = Failing(col => Get(row, col) is { } a && Get(rowB, col) is { } vb && Get(rowC, col) is { } vc && Differ(a, vb + vc));
                if (failing is not null)
                    Add(new(code.Code, "A = B + C", failing,
                        $"{code.Code} ≠ {rowB.Code} + {rowC.Code} : " + string.Join(", ", failing.Select(col =>
                            $"{NomColonne(col)} {Show(Get(row, col)!.Value)} ≠ {Show(Get(rowB, col)!.Value)} + {Show(Get(rowC, col)!.Value)} = {Show(Get(rowB, col)!.Value + Get(rowC, col)!.Value)}"))));
            }

            // FTE ≤ head-count.
            if (plan.Etp >= 0 && byRank[plan.Etp] is { } personnes)
            {
                var failing = Failing(col => Get(row, col) is { } etp && Get(personnes, col) is { } n && etp > n && Differ(etp, n));
                if (failing is not null)
                    Add(new(code.Code, "ETP ≤ effectif", failing,
                        $"{code.Code} (ETP) > {personnes.Code} (personnes) : " + string.Join(", ", failing.Select(col => $"{NomColonne(col)} {Show(Get(row, col)!.Value)} > {Show(Get(personnes, col)!.Value)}"))));
            }
        }
        return ecarts ?? (IReadOnlyList<BrhEcart>)[];
    }

    /// <summary>The columns that fail a test, or null when none does (no allocation on the usual path).</summary>
    private static List<BrhColonne>? Failing(Func<BrhColonne, bool> fails)
    {
        List<BrhColonne>? failing = null;
        foreach (var col in Colonnes)
        {
            if (fails(col)) (failing ??= []).Add(col);
        }
        return failing;
    }

    /// <summary>The A rows that equal B + C: A1 and its breakdown by contract (A11…A122), A2. Not A3x: B3x and C3x count other things.</summary>
    public static bool IsHomologue(string code) => code == "A2" || (code.StartsWith("A1", StringComparison.Ordinal) && BrhCodes.Find("B" + code[1..]) is not null);

    private static void CheckSum(Action<BrhEcart> add, BrhLigne row, int[] parts, BrhLigne?[] byRank, string regle)
    {
        List<BrhColonne>? failing = null;
        List<string>? details = null;
        foreach (var col in Colonnes)
        {
            if (Get(row, col) is not { } whole) continue;
            decimal sum = 0;
            var complete = true;
            foreach (var p in parts)
            {
                if (byRank[p] is { } r && Get(r, col) is { } v) sum += v;
                else
                {
                    complete = false; // a term is missing: nothing to check
                    break;
                }
            }
            if (!complete || !Differ(whole, sum)) continue;
            (failing ??= []).Add(col);
            (details ??= []).Add($"{NomColonne(col)} {Show(whole)} ≠ {string.Join(" + ", parts.Select(p => Show(Get(byRank[p]!.Value, col)!.Value)))} = {Show(sum)}");
        }
        if (failing is not null)
            add(new(row.Code, regle, failing, $"{row.Code} ≠ {string.Join(" + ", parts.Select(p => BrhCodes.All[p].Code))} : {string.Join(", ", details!)}"));
    }

    /// <summary>The value of a row's total for a code, if given (e.g. A2 for the FTE of the structure).</summary>
    public static decimal? TotalOf(IEnumerable<BrhLigne> rows, string code) =>
        rows.Where(r => r.Code == code).Select(r => r.Total).FirstOrDefault();
}
