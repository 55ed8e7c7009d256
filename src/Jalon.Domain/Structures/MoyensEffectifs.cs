using Jalon.Referentiels;

namespace Jalon.Domain.Structures;

/// <summary>A moyens figure given both by moyens.csv and by the BRH or the budget, with different values: a page shows both.</summary>
public sealed record EcartMoyens(string Colonne, decimal Declare, decimal Retenu, string Source);

/// <summary>
/// A structure-year's effective « moyens »: what the indicators read. <see cref="Retenus"/> is moyens.csv's row with, for
/// that year, the FTE of the staff table (I9 = A2, I9.1 = A31) when a BRH exists, and the financing of the budget
/// (I10 = every product, I10.1.b = État, I10.1.c = FSE, reprises of fonds dédiés excepted) when a budget with products
/// exists. <see cref="Declares"/> is moyens.csv's row as given; <see cref="Ecarts"/> the figures on which they disagree.
/// </summary>
public sealed record MoyensEffectifs(Moyens Retenus, Moyens? Declares, bool DepuisBrh, bool DepuisBudget, IReadOnlyList<EcartMoyens> Ecarts)
{
    public int Structure => Retenus.Structure;
    public int Annee => Retenus.Annee;

    /// <summary>The effective moyens of every structure-year found in moyens.csv, the BRH or the budget.</summary>
    public static IReadOnlyList<MoyensEffectifs> Apply(IEnumerable<Moyens> moyens, IEnumerable<BrhLigne> brh, IEnumerable<BudgetLigne> budget)
    {
        var declared = moyens.ToDictionary(m => (m.Structure, m.Annee));
        var brhByYear = brh.GroupBy(r => (r.Structure, r.Annee)).ToDictionary(g => g.Key, g => g.ToList());
        var budgetByYear = budget.GroupBy(r => (r.Structure, r.Annee)).ToDictionary(g => g.Key, g => g.ToList());
        return declared.Keys.Union(brhByYear.Keys).Union(budgetByYear.Keys).Order()
            .Select(k => Of(k.Structure, k.Annee, declared.TryGetValue(k, out var m) ? m : null,
                brhByYear.TryGetValue(k, out var b) ? b : [], budgetByYear.TryGetValue(k, out var bu) ? bu : []))
            .ToList();
    }

    public static MoyensEffectifs Of(int structure, int annee, Moyens? declared, IReadOnlyCollection<BrhLigne> brh, IReadOnlyCollection<BudgetLigne> budget)
    {
        var retenus = declared ?? new Moyens(structure, annee, null, null, null, null, null, null, null, null);
        var ecarts = new List<EcartMoyens>();
        var depuisBrh = false;
        var depuisBudget = false;

        void Override(string colonne, decimal? declare, decimal? value, string source, Func<Moyens, decimal?, Moyens> set)
        {
            if (value is not { } v) return;
            if (declare is { } d && Brh.Differ(d, v)) ecarts.Add(new EcartMoyens(colonne, d, v, source));
            retenus = set(retenus, v);
        }

        if (brh.Count > 0)
        {
            depuisBrh = true;
            Override("etp_total", declared?.EtpTotal, Brh.TotalOf(brh, BrhCodes.EtpTotal), "BRH A2", (m, v) => m with { EtpTotal = v });
            Override("etp_accompagnement", declared?.EtpAccompagnement, Brh.TotalOf(brh, BrhCodes.EtpAccompagnement), "BRH A31",
                (m, v) => m with { EtpAccompagnement = v });
        }
        var annuel = Budgets.Of(structure, annee, budget);
        if (annuel.HasProduits)
        {
            depuisBudget = true;
            Override("financement_total", declared?.FinancementTotal, annuel.FinancementTotal, "budget : total des produits",
                (m, v) => m with { FinancementTotal = v });
            Override("financement_etat", declared?.FinancementEtat, annuel.FinancementDe(Financeur.Etat), "budget : État",
                (m, v) => m with { FinancementEtat = v });
            Override("financement_fse", declared?.FinancementFse, annuel.FinancementDe(Financeur.Fse), "budget : FSE",
                (m, v) => m with { FinancementFse = v });
        }
        return new MoyensEffectifs(retenus, declared, depuisBrh, depuisBudget, ecarts);
    }
}
