using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// The budget of a year: products by nature × funder (a subsidy, a service sold or a reprise of fonds dédiés needs its
/// funder), charges, and the declared totals checked to the cent (<see cref="Budgets.CheckTotals"/>: an anomaly, shown,
/// never blocking). Shows where the budget's financing differs from moyens.csv (both values).
/// </summary>
public sealed class BudgetModel(JalonDbContext db, TimeProvider clock) : StructurePageModel(db)
{
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }

    public IReadOnlyList<int> Annees { get; private set; } = [];

    /// <summary>What each input shows, by input name (<see cref="Nom"/>).</summary>
    public Dictionary<string, string> Valeurs { get; private set; } = [];
    public Dictionary<string, string> Erreurs { get; private set; } = [];
    public BudgetAnnuel? Annuel { get; private set; }
    public IReadOnlyList<(NatureBudget Nature, string Message)> Anomalies { get; private set; } = [];
    public MoyensEffectifs? Moyens { get; private set; }

    public static readonly NatureBudget[] Produits = Enum.GetValues<NatureBudget>().Where(n => n.IsProduit()).ToArray();
    public static readonly NatureBudget[] Charges = Enum.GetValues<NatureBudget>().Where(n => n.IsCharge()).ToArray();
    public static readonly NatureBudget[] Totaux = [NatureBudget.TotalProduits, NatureBudget.TotalCharges];

    /// <summary>The input of a (funder, nature) cell: <c>m-Etat-Subvention</c>, <c>m--ChargesPersonnel</c>.</summary>
    public static string Champ(Financeur? f, NatureBudget n) => $"m-{f}-{n}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OuvrirAsync(VoletStructure.Moyens) is { } refus) return refus;
        await ChargerAsync();
        var lignes = await Repo.BudgetAsync(Structure!, Annee!.Value);
        foreach (var g in lignes.GroupBy(l => Champ(l.Financeur, l.Nature))) Valeurs[g.Key] = Saisie.Show(g.Sum(l => l.Montant));
        Calculer(lignes);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OuvrirAsync(VoletStructure.Moyens, ecriture: true) is { } refus) return refus;
        if (Annee is not (>= 2000 and <= 2100)) return BadRequest();
        var lignes = new List<BudgetLigne>();
        foreach (var (f, n) in Cellules())
        {
            var nom = Champ(f, n);
            var raw = Request.Form[nom].ToString();
            Valeurs[nom] = raw;
            if (!Saisie.TryDecimal(raw, out var montant)) Erreurs[nom] = $"{Libelle(n)}{(f is { } x ? " — " + Libelle(x) : "")} : « {raw} » n'est pas un montant (ex. 705 004 ou 1234,56).";
            else if (montant is { } m) lignes.Add(new BudgetLigne(0, Annee.Value, f, n, m));
        }
        if (Erreurs.Count > 0)
        {
            await ChargerAsync();
            return Page();
        }
        var anomalies = await Repo.EnregistrerBudgetAsync(Structure!, Annee.Value, lignes, UserId, Login);
        TempData["Succes"] = $"Budget {Annee} enregistré ({lignes.Count} lignes).";
        if (anomalies.Count > 0) TempData["Avertissement"] = string.Join("\n", anomalies.Select(a => "Totaux : " + a.Message));
        return Redirect($"/Structure/Budget{Q}&annee={Annee}");
    }

    /// <summary>Every cell of the form: products by funder (and without funder where allowed), charges, totals.</summary>
    public static IEnumerable<(Financeur? F, NatureBudget N)> Cellules()
    {
        foreach (var n in Produits)
        {
            foreach (var f in Enum.GetValues<Financeur>()) yield return (f, n);
            if (!n.NeedsFinanceur()) yield return (null, n);
        }
        foreach (var n in Charges.Concat(Totaux)) yield return (null, n);
    }

    private void Calculer(IReadOnlyList<BudgetLigne> lignes)
    {
        if (lignes.Count == 0) return;
        Annuel = Budgets.Of(0, Annee!.Value, lignes);
        Anomalies = Budgets.CheckTotals(Annuel);
    }

    private async Task ChargerAsync()
    {
        Annees = (await Repo.AnneesBudgetAsync(Structure!));
        Annee ??= Annees.Count > 0 ? Annees[0] : Dates.TodayInParis(clock).Year - 1;
        Moyens = await Repo.MoyensEffectifsAsync(Structure!, Annee.Value);
    }

    public static string Libelle(Financeur f) => f switch
    {
        Financeur.Etat => "État",
        Financeur.Region => "Région",
        Financeur.Departement => "Département",
        Financeur.CommunesEpci => "Communes et EPCI",
        Financeur.Fse => "FSE",
        Financeur.FranceTravail => "France Travail (ex-Pôle emploi)",
        _ => "Autres",
    };

    public static string Libelle(NatureBudget n) => n switch
    {
        NatureBudget.Subvention => "Subventions",
        NatureBudget.Prestation => "Prestations",
        NatureBudget.RepriseFondsDedies => "Reprises de fonds dédiés",
        NatureBudget.ProduitsFinanciers => "Produits financiers",
        NatureBudget.ProduitsExceptionnels => "Produits exceptionnels",
        NatureBudget.TransfertCharges => "Transferts de charges",
        NatureBudget.RepriseProvisions => "Reprises de provisions",
        NatureBudget.AutreProduit => "Autres produits",
        NatureBudget.ChargesPersonnel => "Charges de personnel",
        NatureBudget.AchatsChargesExternes => "Achats et charges externes",
        NatureBudget.ImpotsTaxes => "Impôts et taxes",
        NatureBudget.Dotations => "Dotations aux amortissements et provisions",
        NatureBudget.EngagementsFondsDedies => "Engagements à réaliser sur fonds dédiés",
        NatureBudget.AutreCharge => "Autres charges",
        NatureBudget.TotalProduits => "Total des produits déclaré",
        _ => "Total des charges déclaré",
    };
}
