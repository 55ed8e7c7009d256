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

    /// <summary>
    /// The inconsistencies of one structure's staff table for one year (rows of other codes than the table's and heading
    /// rows are ignored), in table order of the reported row, then rule.
    /// </summary>
    public static IReadOnlyList<BrhEcart> Check(IEnumerable<BrhLigne> rows)
    {
        var byCode = new Dictionary<string, BrhLigne>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (BrhCodes.Find(row.Code) is { IsTitre: false }) byCode[row.Code] = row;
        }
        var ecarts = new List<BrhEcart>();
        foreach (var code in BrhCodes.All)
        {
            if (code.IsTitre || !byCode.TryGetValue(code.Code, out var row)) continue;

            // Women + men = total.
            if (row is { Femmes: { } f, Hommes: { } h, Total: { } t } && Differ(f + h, t))
                ecarts.Add(new(code.Code, "femmes + hommes = total", [BrhColonne.Total],
                    $"{code.Code} : femmes + hommes ≠ total ({Show(f)} + {Show(h)} = {Show(f + h)}, total {Show(t)})"));

            // Parent = sum of its « somme » children.
            var children = BrhCodes.ChildrenOf(code.Code, BrhRelation.Somme).Select(c => c.Code).ToList();
            if (children.Count > 0) CheckSum(ecarts, code.Code, row, children, byCode, "somme des lignes filles");

            // A heading's children break down another row: ΣC3x = C1, ΣA3x = A2 (reported on that row).
            foreach (var titre in BrhCodes.All.Where(t => t.IsTitre && t.VentilationDe == code.Code))
            {
                var parts = BrhCodes.ChildrenOf(titre.Code, BrhRelation.Somme).Select(c => c.Code).ToList();
                CheckSum(ecarts, code.Code, row, parts, byCode, $"ventilation {titre.Code}");
            }

            // « dont » rows never exceed their parent (reported on the parent).
            foreach (var dont in BrhCodes.ChildrenOf(code.Code, BrhRelation.Dont))
            {
                if (!byCode.TryGetValue(dont.Code, out var part)) continue;
                var failing = Colonnes.Where(c => Get(part, c) is { } p && Get(row, c) is { } whole && p > whole && Differ(p, whole)).ToList();
                if (failing.Count == 0) continue;
                ecarts.Add(new(code.Code, "dont ≤ parent", failing,
                    $"{dont.Code} (dont) > {code.Code} : " + string.Join(", ", failing.Select(c => $"{NomColonne(c)} {Show(Get(part, c)!.Value)} > {Show(Get(row, c)!.Value)}"))));
            }

            // A = B + C on the homologous codes.
            if (IsHomologue(code.Code))
            {
                var b = "B" + code.Code[1..];
                var c = "C" + code.Code[1..];
                if (byCode.TryGetValue(b, out var rowB) && byCode.TryGetValue(c, out var rowC))
                {
                    var failing = Colonnes.Where(col => Get(row, col) is { } a && Get(rowB, col) is { } vb && Get(rowC, col) is { } vc && Differ(a, vb + vc)).ToList();
                    if (failing.Count > 0)
                        ecarts.Add(new(code.Code, "A = B + C", failing,
                            $"{code.Code} ≠ {b} + {c} : " + string.Join(", ", failing.Select(col =>
                                $"{NomColonne(col)} {Show(Get(row, col)!.Value)} ≠ {Show(Get(rowB, col)!.Value)} + {Show(Get(rowC, col)!.Value)} = {Show(Get(rowB, col)!.Value + Get(rowC, col)!.Value)}"))));
                }
            }

            // FTE ≤ head-count.
            if (code.EtpDe is { } effectif && byCode.TryGetValue(effectif, out var personnes))
            {
                var failing = Colonnes.Where(col => Get(row, col) is { } etp && Get(personnes, col) is { } n && etp > n && Differ(etp, n)).ToList();
                if (failing.Count > 0)
                    ecarts.Add(new(code.Code, "ETP ≤ effectif", failing,
                        $"{code.Code} (ETP) > {effectif} (personnes) : " + string.Join(", ", failing.Select(col => $"{NomColonne(col)} {Show(Get(row, col)!.Value)} > {Show(Get(personnes, col)!.Value)}"))));
            }
        }
        return ecarts;
    }

    /// <summary>The A rows that equal B + C: A1 and its breakdown by contract (A11…A122), A2. Not A3x: B3x and C3x count other things.</summary>
    public static bool IsHomologue(string code) => code == "A2" || (code.StartsWith("A1", StringComparison.Ordinal) && BrhCodes.Find("B" + code[1..]) is not null);

    private static void CheckSum(List<BrhEcart> ecarts, string code, BrhLigne row, List<string> parts, Dictionary<string, BrhLigne> byCode, string regle)
    {
        var failing = new List<BrhColonne>();
        var details = new List<string>();
        foreach (var col in Colonnes)
        {
            if (Get(row, col) is not { } whole) continue;
            var values = new List<decimal>();
            foreach (var p in parts)
            {
                if (byCode.TryGetValue(p, out var r) && Get(r, col) is { } v) values.Add(v);
                else break;
            }
            if (values.Count != parts.Count) continue; // a term is missing: nothing to check
            var sum = values.Sum();
            if (!Differ(whole, sum)) continue;
            failing.Add(col);
            details.Add($"{NomColonne(col)} {Show(whole)} ≠ {string.Join(" + ", values.Select(Show))} = {Show(sum)}");
        }
        if (failing.Count > 0)
            ecarts.Add(new(code, regle, failing, $"{code} ≠ {string.Join(" + ", parts)} : {string.Join(", ", details)}"));
    }

    /// <summary>The value of a row's total for a code, if given (e.g. A2 for the FTE of the structure).</summary>
    public static decimal? TotalOf(IEnumerable<BrhLigne> rows, string code) =>
        rows.Where(r => r.Code == code).Select(r => r.Total).FirstOrDefault();
}
