using System.Globalization;

namespace Jalon.Domain.Structures;

/// <summary>A structure's budget for a year, added up from its lines (budget.csv).</summary>
public sealed record BudgetAnnuel(
    int Structure,
    int Annee,
    decimal Produits,
    decimal Charges,
    decimal? ProduitsDeclares,
    decimal? ChargesDeclares,
    IReadOnlyDictionary<Financeur, decimal> ParFinanceur,
    decimal ReprisesFondsDedies)
{
    public decimal Resultat => Produits - Charges;

    public bool HasProduits { get; init; }

    public bool HasCharges { get; init; }

    /// <summary>
    /// Financing of the year (I10): every product of the year, the reprises of fonds dédiés included (seed 004: 1 756 332 €).
    /// </summary>
    public decimal FinancementTotal => Produits;

    /// <summary>
    /// A funder's financing of the year: its products except the reprises of fonds dédiés, which are the financing of an
    /// earlier year carried over (seed 004: État 705 004 €, not 853 591 €).
    /// </summary>
    public decimal FinancementDe(Financeur financeur) => ParFinanceur.TryGetValue(financeur, out var v) ? v : 0m;
}

/// <summary>The rules of the budget by funder (docs/structure.md).</summary>
public static class Budgets
{
    public static bool IsProduit(this NatureBudget n) => n <= NatureBudget.AutreProduit;

    public static bool IsCharge(this NatureBudget n) => n is >= NatureBudget.ChargesPersonnel and <= NatureBudget.AutreCharge;

    public static bool IsTotal(this NatureBudget n) => n >= NatureBudget.TotalProduits;

    /// <summary>Natures that need a funder: subsidies, services sold, reprises of fonds dédiés.</summary>
    public static bool NeedsFinanceur(this NatureBudget n) => n is NatureBudget.Subvention or NatureBudget.Prestation or NatureBudget.RepriseFondsDedies;

    /// <summary>Natures that take no funder: charges and declared totals.</summary>
    public static bool RefusesFinanceur(this NatureBudget n) => n.IsCharge() || n.IsTotal();

    /// <summary>The budgets of every structure and year present in the lines.</summary>
    public static IReadOnlyList<BudgetAnnuel> Of(IEnumerable<BudgetLigne> lines) =>
        lines.GroupBy(l => (l.Structure, l.Annee)).OrderBy(g => g.Key.Structure).ThenBy(g => g.Key.Annee)
            .Select(g => Of(g.Key.Structure, g.Key.Annee, g)).ToList();

    public static BudgetAnnuel Of(int structure, int annee, IEnumerable<BudgetLigne> lines)
    {
        decimal produits = 0, charges = 0, reprises = 0;
        decimal? produitsDeclares = null, chargesDeclares = null;
        bool hasProduits = false, hasCharges = false;
        var parFinanceur = new Dictionary<Financeur, decimal>();
        foreach (var l in lines)
        {
            if (l.Nature.IsProduit())
            {
                hasProduits = true;
                produits += l.Montant;
                if (l.Nature == NatureBudget.RepriseFondsDedies) reprises += l.Montant;
                else if (l.Financeur is { } f) parFinanceur[f] = (parFinanceur.TryGetValue(f, out var v) ? v : 0) + l.Montant;
            }
            else if (l.Nature.IsCharge())
            {
                hasCharges = true;
                charges += l.Montant;
            }
            else if (l.Nature == NatureBudget.TotalProduits) produitsDeclares = l.Montant;
            else chargesDeclares = l.Montant;
        }
        return new BudgetAnnuel(structure, annee, produits, charges, produitsDeclares, chargesDeclares, parFinanceur, reprises)
        {
            HasProduits = hasProduits,
            HasCharges = hasCharges,
        };
    }

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static string Euros(decimal v) => v.ToString("#,##0.##", Fr).Replace('\u202F', ' ').Replace('\u00A0', ' ') + " €";

    /// <summary>
    /// The declared totals that do not match the lines, to the cent: (nature of the total, message). A total is checked only
    /// when lines of its kind exist.
    /// </summary>
    public static IReadOnlyList<(NatureBudget Nature, string Message)> CheckTotals(BudgetAnnuel budget)
    {
        var result = new List<(NatureBudget, string)>();
        if (budget.ProduitsDeclares is { } p && decimal.Round(p, 2) != decimal.Round(budget.Produits, 2))
            result.Add((NatureBudget.TotalProduits, $"total des produits déclaré {Euros(p)}, somme des produits {Euros(budget.Produits)}"));
        if (budget.ChargesDeclares is { } c && decimal.Round(c, 2) != decimal.Round(budget.Charges, 2))
            result.Add((NatureBudget.TotalCharges, $"total des charges déclaré {Euros(c)}, somme des charges {Euros(budget.Charges)}"));
        return result;
    }
}
