namespace Jalon.Domain.Structures;

// The structure side of the exchange format (docs/spec/format-echange.md): territory, sites, staff table (BRH),
// budget by funder and context figures. Like the journey facts, each row refers to its structure by index in the
// package's Structures.

/// <summary>A commune covered by a structure from <see cref="Debut"/> to <see cref="Fin"/> (inclusive; null = still covered). territoires.csv.</summary>
public readonly record struct TerritoireCommune(int Structure, string Commune, DateOnly Debut, DateOnly? Fin)
{
    public DateInterval Interval => new(Debut, Fin);
}

/// <summary>
/// A place where the structure receives young people (sites.csv): the head office, an antenne (permanent decentralised
/// reception) or a permanence (regular but not permanent, outside the structure's premises). <see cref="EspaceRessources"/>:
/// the site is also an espace ressources (seed 000: the head office is one). <see cref="Horaires"/>: opening schedule as
/// written by the structure (« lundi 9h-12h ; 2 demi-journées par mois »).
/// </summary>
public readonly record struct Site(
    int Structure,
    string Id,
    TypeSite Type,
    string Nom,
    string Commune,
    string? Adresse,
    string? CodePostal,
    string? Horaires,
    bool EspaceRessources,
    DateOnly? Debut,
    DateOnly? Fin);

/// <summary>
/// One row of the staff table (BRH) of a structure at 31 December of <see cref="Annee"/> (brh.csv): women, men, total,
/// each possibly empty. Head-counts or full-time equivalents depending on the code (Jalon.Referentiels.BrhCodes).
/// </summary>
public readonly record struct BrhLigne(int Structure, int Annee, string Code, decimal? Femmes, decimal? Hommes, decimal? Total);

/// <summary>One line of a structure's budget for a year (budget.csv): a product (by funder and nature), a charge, or a declared total.</summary>
public readonly record struct BudgetLigne(int Structure, int Annee, Financeur? Financeur, NatureBudget Nature, decimal Montant);

/// <summary>
/// A context figure of the territory (contexte.csv): its category (seed 003 annexe 1), label, the zone it describes
/// (<c>TERRITOIRE</c> = the structure's territory, <c>DEP-03</c>, <c>REG-84</c>, <c>FRANCE</c>…), value, unit, source and
/// the date it refers to.
/// </summary>
public readonly record struct ContexteLigne(
    int Structure,
    int Annee,
    CategorieContexte Categorie,
    string Indicateur,
    string Zone,
    decimal Valeur,
    string? Unite,
    string? Source,
    DateOnly? Date);

/// <summary>The structure side of a package: every row of its optional files. Empty for a package without them.</summary>
public sealed class StructureData
{
    public static StructureData Empty { get; } = new();

    public IReadOnlyList<TerritoireCommune> Territoires { get; init; } = [];
    public IReadOnlyList<Site> Sites { get; init; } = [];
    public IReadOnlyList<BrhLigne> Brh { get; init; } = [];
    public IReadOnlyList<BudgetLigne> Budget { get; init; } = [];
    public IReadOnlyList<ContexteLigne> Contexte { get; init; } = [];

    public bool IsEmpty => Territoires.Count == 0 && Sites.Count == 0 && Brh.Count == 0 && Budget.Count == 0 && Contexte.Count == 0;

    /// <summary>The same rows with their structure index mapped by <paramref name="map"/> (−1 drops the row).</summary>
    public StructureData Remap(Func<int, int> map) => new()
    {
        Territoires = Territoires.Where(r => map(r.Structure) >= 0).Select(r => r with { Structure = map(r.Structure) }).ToArray(),
        Sites = Sites.Where(r => map(r.Structure) >= 0).Select(r => r with { Structure = map(r.Structure) }).ToArray(),
        Brh = Brh.Where(r => map(r.Structure) >= 0).Select(r => r with { Structure = map(r.Structure) }).ToArray(),
        Budget = Budget.Where(r => map(r.Structure) >= 0).Select(r => r with { Structure = map(r.Structure) }).ToArray(),
        Contexte = Contexte.Where(r => map(r.Structure) >= 0).Select(r => r with { Structure = map(r.Structure) }).ToArray(),
    };
}
