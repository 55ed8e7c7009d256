using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jalon.Domain.Structures;

namespace Jalon.Domain.Campagnes;

/// <summary>An indicator of the year as Jalon computed it (null: not computable).</summary>
public sealed record IndicateurFige(string Cle, string Libelle, double? Valeur);

/// <summary>A BRH row as submitted.</summary>
public sealed record LigneBrhFigee(string Code, decimal? Femmes, decimal? Hommes, decimal? Total);

/// <summary>A budget line as submitted.</summary>
public sealed record LigneBudgetFigee(Financeur? Financeur, NatureBudget Nature, decimal Montant);

/// <summary>
/// What a campaign holds for one Mission Locale: the figures Jalon computes for the year reported on (indicators of
/// activity, BRH rows, budget lines) and the free fields filled in by hand. Live (computed now) or frozen (a
/// submitted version, serialised by <see cref="Serialiser"/>).
/// </summary>
public sealed record ContenuCampagne(
    IReadOnlyList<IndicateurFige> Indicateurs,
    IReadOnlyList<LigneBrhFigee> Brh,
    IReadOnlyList<LigneBudgetFigee> Budget,
    IReadOnlyDictionary<string, string> Champs)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static ContenuCampagne De(IEnumerable<IndicateurFige> indicateurs, IEnumerable<BrhLigne> brh, IEnumerable<BudgetLigne> budget,
        IReadOnlyDictionary<string, string> champs) => new(
        indicateurs.ToList(),
        brh.OrderBy(b => b.Code, StringComparer.Ordinal).Select(b => new LigneBrhFigee(b.Code, b.Femmes, b.Hommes, b.Total)).ToList(),
        budget.OrderBy(b => b.Nature).ThenBy(b => b.Financeur).Select(b => new LigneBudgetFigee(b.Financeur, b.Nature, b.Montant)).ToList(),
        new SortedDictionary<string, string>(champs.ToDictionary(), StringComparer.Ordinal));

    public string Serialiser() => JsonSerializer.Serialize(new Forme
    {
        Indicateurs = Indicateurs.ToList(), Brh = Brh.ToList(), Budget = Budget.ToList(),
        Champs = new SortedDictionary<string, string>(Champs.ToDictionary(), StringComparer.Ordinal),
    }, Json);

    public static ContenuCampagne Lire(string json)
    {
        var f = JsonSerializer.Deserialize<Forme>(json, Json) ?? throw new FormatException("Version de campagne illisible.");
        return new ContenuCampagne(f.Indicateurs, f.Brh, f.Budget, f.Champs);
    }

    /// <summary>The BRH rows as the domain's rows (for <see cref="Structures.Brh.Check"/>).</summary>
    public IReadOnlyList<BrhLigne> LignesBrh(int annee) => Brh.Select(b => new BrhLigne(0, annee, b.Code, b.Femmes, b.Hommes, b.Total)).ToList();

    public BudgetAnnuel BudgetAnnuel(int annee) => Budgets.Of(0, annee, Budget.Select(b => new BudgetLigne(0, annee, b.Financeur, b.Nature, b.Montant)));

    /// <summary>The serialised shape (lists and a sorted map: the same content always gives the same text).</summary>
    private sealed class Forme
    {
        public List<IndicateurFige> Indicateurs { get; set; } = [];
        public List<LigneBrhFigee> Brh { get; set; } = [];
        public List<LigneBudgetFigee> Budget { get; set; } = [];
        public SortedDictionary<string, string> Champs { get; set; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A check of a campaign: an anomaly of the figures or an item missing. Never blocking: the State sees them.</summary>
public sealed record AnomalieCampagne(string Rubrique, string Message, bool Manquant);

/// <summary>A difference between a frozen version and the live data.</summary>
public sealed record DifferenceCampagne(string Rubrique, string Element, string? Soumis, string? Actuel);

/// <summary>The checks of a campaign's content and the comparison of two contents.</summary>
public static class ControlesCampagne
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// The anomalies of a content for a campaign kind and year: February — BRH missing, then its roll-up checks
    /// (<see cref="Structures.Brh.Check"/>), no activity computed; June — products, charges (in the budget or the free
    /// field) and approval date missing, the declared totals (<see cref="Budgets.CheckTotals"/>).
    /// </summary>
    public static IReadOnlyList<AnomalieCampagne> Of(TypeCampagne type, int exercice, ContenuCampagne contenu)
    {
        var result = new List<AnomalieCampagne>();
        if (type == TypeCampagne.Fevrier)
        {
            if (contenu.Brh.Count == 0)
                result.Add(new("BRH", $"Le tableau des moyens humains au 31/12/{exercice} n'est pas saisi.", true));
            else
                result.AddRange(Structures.Brh.Check(contenu.LignesBrh(exercice)).Select(e => new AnomalieCampagne("BRH", $"{e.Code} ({e.ColonnesTexte}) : {e.Message}", false)));
            if (contenu.Indicateurs.All(i => i.Valeur is null or 0))
                result.Add(new("Activité", $"Aucune activité n'est enregistrée dans Jalon pour {exercice}.", true));
        }
        else
        {
            var budget = contenu.BudgetAnnuel(exercice);
            if (!budget.HasProduits) result.Add(new("Budget", $"Les produits {exercice} ne sont pas saisis dans le budget.", true));
            if (!budget.HasCharges && !contenu.Champs.ContainsKey(ReferentielCampagnes.ChampTotalCharges))
                result.Add(new("Budget", $"Les charges {exercice} ne sont ni dans le budget ni saisies dans la campagne.", true));
            result.AddRange(Budgets.CheckTotals(budget).Select(t => new AnomalieCampagne("Budget", Capitalise(t.Message), false)));
            if (!contenu.Champs.ContainsKey(ReferentielCampagnes.ChampDateApprobation))
                result.Add(new("Comptes", "La date d'approbation des comptes n'est pas renseignée.", true));
            else if (Soumission.LireDate(contenu.Champs[ReferentielCampagnes.ChampDateApprobation]) is { } d && d.Year <= exercice)
                result.Add(new("Comptes", $"Les comptes {exercice} sont dits approuvés le {d:dd/MM/yyyy}, avant la fin de l'exercice.", false));
        }
        return result;
    }

    /// <summary>Every figure or field that differs between a frozen version and the live content, in a stable order.</summary>
    public static IReadOnlyList<DifferenceCampagne> Differences(ContenuCampagne soumis, ContenuCampagne actuel)
    {
        var result = new List<DifferenceCampagne>();
        var indicateursActuels = actuel.Indicateurs.ToDictionary(i => i.Cle);
        foreach (var i in soumis.Indicateurs)
        {
            indicateursActuels.TryGetValue(i.Cle, out var a);
            if (!Egal(i.Valeur, a?.Valeur)) result.Add(new("Indicateurs", $"{i.Cle} — {i.Libelle}", Nombre(i.Valeur), Nombre(a?.Valeur)));
        }
        foreach (var a in actuel.Indicateurs.Where(a => soumis.Indicateurs.All(i => i.Cle != a.Cle)))
            result.Add(new("Indicateurs", $"{a.Cle} — {a.Libelle}", null, Nombre(a.Valeur)));

        var brhSoumis = soumis.Brh.ToDictionary(b => b.Code);
        var brhActuel = actuel.Brh.ToDictionary(b => b.Code);
        foreach (var code in brhSoumis.Keys.Union(brhActuel.Keys).Order(StringComparer.Ordinal))
        {
            brhSoumis.TryGetValue(code, out var s);
            brhActuel.TryGetValue(code, out var a);
            Comparer(result, "BRH", $"{code} femmes", s?.Femmes, a?.Femmes);
            Comparer(result, "BRH", $"{code} hommes", s?.Hommes, a?.Hommes);
            Comparer(result, "BRH", $"{code} total", s?.Total, a?.Total);
        }

        static Dictionary<(Financeur?, NatureBudget), decimal> Sommes(ContenuCampagne c) =>
            c.Budget.GroupBy(b => (b.Financeur, b.Nature)).ToDictionary(g => g.Key, g => g.Sum(b => b.Montant));
        var budgetSoumis = Sommes(soumis);
        var budgetActuel = Sommes(actuel);
        foreach (var k in budgetSoumis.Keys.Union(budgetActuel.Keys).OrderBy(k => k.Item2).ThenBy(k => k.Item1))
        {
            decimal? s = budgetSoumis.TryGetValue(k, out var x) ? x : null;
            decimal? a = budgetActuel.TryGetValue(k, out var y) ? y : null;
            var nom = Codes.Of(k.Item2) + (k.Item1 is { } f ? " " + Codes.Of(f) : "");
            if (s != a) result.Add(new("Budget", nom, s is { } m ? Budgets.Euros(m) : null, a is { } n ? Budgets.Euros(n) : null));
        }

        foreach (var cle in soumis.Champs.Keys.Union(actuel.Champs.Keys).Order(StringComparer.Ordinal))
        {
            soumis.Champs.TryGetValue(cle, out var s);
            actuel.Champs.TryGetValue(cle, out var a);
            if (s != a) result.Add(new("Saisie", cle, s, a));
        }
        return result;
    }

    private static void Comparer(List<DifferenceCampagne> result, string rubrique, string element, decimal? s, decimal? a)
    {
        if (s != a) result.Add(new(rubrique, element, s is { } x ? Brh.Show(x) : null, a is { } y ? Brh.Show(y) : null));
    }

    private static bool Egal(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-9;

    private static string? Nombre(double? v) => v?.ToString("0.##", Fr);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], Fr) + s[1..];
}
