using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Criteria;

namespace Jalon.Indicators.Catalogues;

/// <summary>What an indicator's value is, which decides how it is computed and added up across structures.</summary>
public enum Nature
{
    /// <summary>A count of distinct young people, with breakdowns; adds up across structures.</summary>
    Effectif,

    /// <summary>Numerator / denominator, both added up before dividing at every level.</summary>
    Ratio,

    /// <summary>A mean: the sum and the number of items are added up before dividing at every level.</summary>
    Moyenne,

    /// <summary>A context or resources figure read from moyens.csv (year of the period's end); null-propagating sum.</summary>
    Montant,

    /// <summary>
    /// A number of events (entretiens, entries into a path, situations…), not of distinct young people: the sum of a
    /// measure over the young people; adds up across structures; shown under secrecy only when its population is.
    /// </summary>
    Nombre,

    /// <summary>
    /// An indicator of the grid that needs data the exchange format does not carry (the employer offer…): listed with its
    /// reason (<see cref="IndicatorDefinition.Raison"/>), never computed, shown « non calculable : … ».
    /// </summary>
    NonCalculable,
}

/// <summary>The unit an indicator's value is in, which decides how it is displayed.</summary>
public enum Unite
{
    /// <summary>A number of young people (counts; JANO and DEFM of the territory).</summary>
    Jeunes,

    /// <summary>A rate, stored as 0..1 and displayed as a percentage.</summary>
    Pourcentage,

    /// <summary>A plain ratio (N / N−1 progression).</summary>
    Ratio,

    /// <summary>Euros.</summary>
    Euros,

    /// <summary>Euros per young person.</summary>
    EurosParJeune,

    /// <summary>Young people per full-time equivalent.</summary>
    JeunesParEtp,

    /// <summary>Full-time equivalents.</summary>
    Etp,

    /// <summary>A duration in months (days / 30.4375).</summary>
    Mois,

    /// <summary>A duration in days.</summary>
    Jours,

    /// <summary>A number of events (entretiens, entries, situations), displayed as a whole number.</summary>
    Nombre,

    /// <summary>Hours (a mean of hours of activity: hundredths of an hour / 100).</summary>
    Heures,
}

/// <summary>The French names of a unit and of a direction, as the pages and exports write them.</summary>
public static class UniteLibelles
{
    public static string Libelle(this Unite u) => u switch
    {
        Unite.Jeunes => "nombre de jeunes",
        Unite.Pourcentage => "taux (%)",
        Unite.Ratio => "ratio",
        Unite.Euros => "euros",
        Unite.EurosParJeune => "euros par jeune",
        Unite.JeunesParEtp => "jeunes par ETP",
        Unite.Etp => "ETP",
        Unite.Mois => "mois",
        Unite.Nombre => "nombre",
        Unite.Heures => "heures",
        _ => "jours",
    };

    public static string Libelle(this Sens s) => s switch { Sens.Hausse => "à la hausse", Sens.Baisse => "à la baisse", _ => "neutre" };
}

/// <summary>The breakdowns of a count ("4 items" of fiche n°2, plus NEET at entry for the I3 family).</summary>
public enum Ventilation
{
    Femmes,
    InfraV,
    Qpv,
    Zrr,
    Neet,
}

/// <summary>The period a ratio's denominator is read in: the same period, or one calendar year earlier.</summary>
public enum PeriodeRelative
{
    N,
    NMoins1,
}

/// <summary>
/// A count of young people that publishing a figure gives away: a count of the catalogue's plan (a key of nature
/// effectif, or <c>critere:NAME</c> for a ratio's numerator counted apart), in the figure's period or one year earlier.
/// </summary>
public readonly record struct ComptageRevele(string Comptage, PeriodeRelative Periode);

/// <summary>The names, labels and complements of the breakdowns (the engine's fixed set).</summary>
public static class Ventilations
{
    /// <summary>Every breakdown, in output order.</summary>
    public static IReadOnlyList<Ventilation> Toutes { get; } = [Ventilation.Femmes, Ventilation.InfraV, Ventilation.Qpv, Ventilation.Zrr, Ventilation.Neet];

    /// <summary>The contract's name of a breakdown: femmes, infra_v, qpv, zrr, neet.</summary>
    public static string Cle(this Ventilation v) => v switch
    {
        Ventilation.Femmes => "femmes",
        Ventilation.InfraV => "infra_v",
        Ventilation.Qpv => "qpv",
        Ventilation.Zrr => "zrr",
        _ => "neet",
    };

    /// <summary>The column title of a breakdown.</summary>
    public static string Libelle(this Ventilation v) => v switch
    {
        Ventilation.Femmes => "Femmes",
        Ventilation.InfraV => "Infra V",
        Ventilation.Qpv => "QPV",
        Ventilation.Zrr => "ZRR",
        _ => "NEET",
    };

    /// <summary>
    /// The young people of the count outside the breakdown (total − breakdown): never shown, but given away by a total
    /// and its breakdown shown together, hence protected by statistical secrecy like a shown count.
    /// </summary>
    public static string Complement(this Ventilation v) => v switch
    {
        Ventilation.Femmes => "Hommes",
        Ventilation.InfraV => "Niveau V ou plus",
        Ventilation.Qpv => "Hors QPV",
        Ventilation.Zrr => "Hors ZRR",
        _ => "Non NEET",
    };

    /// <summary>The slot of a breakdown in a tally (0 is the total).</summary>
    public static int Slot(this Ventilation v) => (int)v + 1;
}

/// <summary>One indicator of a catalogue: its label and definition next to how it is computed, displayed and protected.</summary>
public sealed record IndicatorDefinition
{
    public required string Cle { get; init; }
    public string? Reference { get; init; }
    public required string Libelle { get; init; }

    /// <summary>A short label, where the full one is too long (a target's line in the avenant's annex); the label otherwise.</summary>
    public string? Abrege { get; init; }

    public string LibelleCourt => Abrege ?? Libelle;

    public required string Definition { get; init; }
    public required Nature Nature { get; init; }

    /// <summary>The unit of the value, which decides its display (count, %, €, € per young person, per FTE, ratio, months).</summary>
    public required Unite Unite { get; init; }

    /// <summary>Which way is better (the performance × efficiency matrix reads it); neutral by default.</summary>
    public Sens Sens { get; init; }

    /// <summary>A ratio on which the dialogue de gestion negotiates targets.</summary>
    public bool Objectif { get; init; }

    /// <summary>Breakdowns of a count, in output order; empty for other natures.</summary>
    public IReadOnlyList<Ventilation> Ventilations { get; init; } = [];

    /// <summary>Count: the criterion a young person must meet (<see cref="JourneyCriteria"/>).</summary>
    public string? Critere { get; init; }

    /// <summary>Count with a NEET breakdown: the criterion of the breakdown.</summary>
    public string? CritereNeet { get; init; }

    /// <summary>Count: the key of the count it is a "dont" of (every young person counted here is counted there).</summary>
    public string? Parmi { get; init; }

    /// <summary>Ratio: the key of the numerator, or <see cref="NumerateurCritere"/> for a count that is no key.</summary>
    public string? Numerateur { get; init; }

    public string? NumerateurCritere { get; init; }

    public string? Denominateur { get; init; }

    public PeriodeRelative PeriodeDenominateur { get; init; } = PeriodeRelative.N;

    /// <summary>Amount: the moyens.csv column.</summary>
    public string? Moyens { get; init; }

    /// <summary>Mean or number of events: the measure (<see cref="JourneyMeasures"/>).</summary>
    public string? Mesure { get; init; }

    /// <summary>Mean or number of events: the count of the young people it is computed over (shown only when that count is).</summary>
    public string? Population { get; init; }

    /// <summary>
    /// The counts of young people that showing this figure gives away (statistical secrecy): a count itself; a
    /// ratio's numerator and denominator when they are counts (with their period); a mean's population. Amounts: none.
    /// </summary>
    public IReadOnlyList<ComptageRevele> Revele { get; init; } = [];

    public bool HasNeet => Ventilations.Contains(Ventilation.Neet);

    /// <summary>Not computable: why (the data the exchange format does not carry yet); null for every computed indicator.</summary>
    public string? Raison { get; init; }

    /// <summary>Computed by the engine (every nature but <see cref="Nature.NonCalculable"/>).</summary>
    public bool Calculable => Nature != Nature.NonCalculable;

    /// <summary>What the dashboard and its exports show in place of the value of a not computable indicator.</summary>
    public string? MentionNonCalculable => Calculable ? null : "non calculable : " + Raison;
}

/// <summary>A figure whose share of the regional total the dashboard of a structure shows (poids régional).</summary>
public sealed record PoidsRegionalDefinition(string Cle, string Libelle);

/// <summary>A ratio entering a score of the matrix, with its weight (its direction is the indicator's <see cref="IndicatorDefinition.Sens"/>).</summary>
public sealed record PonderationMatrice(string Cle, double Poids);

/// <summary>The default weights of the performance × efficiency matrix of a catalogue.</summary>
public sealed record MatriceDefinition(IReadOnlyList<PonderationMatrice> Efficacite, IReadOnlyList<PonderationMatrice> Performance);

/// <summary>
/// A versioned catalogue of indicators (e.g. <c>cpo-2015</c>), loaded from data and validated against the
/// criteria and measures implemented in C#: the single home of what an indicator means, how it is computed,
/// displayed and protected by statistical secrecy.
/// </summary>
public sealed class Catalogue
{
    /// <summary>The catalogue used when none is named.</summary>
    public const string Defaut = "cpo-2015";

    /// <summary>The catalogue of the offer of service to employers (step 3 of the dialogue de gestion reads it).</summary>
    public const string Employeurs = "employeurs";

    private readonly FrozenDictionary<string, IndicatorDefinition> _byKey;
    private Engine.EnginePlan? _plan;

    internal Catalogue(
        string id, string libelle, string? source, IReadOnlyList<IndicatorDefinition> indicateurs, CriterionRegistry registry,
        PeriodeRelative ancrage, IReadOnlyList<PoidsRegionalDefinition> poidsRegional, MatriceDefinition? matrice)
    {
        Id = id;
        Libelle = libelle;
        Source = source;
        Indicateurs = indicateurs;
        Registry = registry;
        Ancrage = ancrage;
        PoidsRegional = poidsRegional;
        Matrice = matrice;
        _byKey = indicateurs.ToFrozenDictionary(i => i.Cle, StringComparer.Ordinal);
        KeysInOutputOrder = indicateurs.Where(i => i.Calculable).Select(i => i.Cle).Order(StringComparer.Ordinal).ToArray();
        Objectifs = indicateurs.Where(i => i.Objectif)
            .Select(i => new RatioObjectif(i.Cle, i.LibelleCourt, i.Unite == Unite.Pourcentage)).ToArray();
    }

    public string Id { get; }
    public string Libelle { get; }
    public string? Source { get; }

    /// <summary>The indicators in the catalogue's own (reading) order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicateurs { get; }

    /// <summary>
    /// The keys of the computed indicators sorted ordinally, the order of the command-line output (the not computable
    /// ones are absent from the results: they are listed by the catalogue, the dashboard and its exports).
    /// </summary>
    public IReadOnlyList<string> KeysInOutputOrder { get; }

    public CriterionRegistry Registry { get; }

    /// <summary>The activity a campaign (dialogue, grid) of year N is read on: N, or N−1 (the CPO dialogue analyses N−1).</summary>
    public PeriodeRelative Ancrage { get; }

    /// <summary>The figures whose share of the region the dashboard of a structure shows.</summary>
    public IReadOnlyList<PoidsRegionalDefinition> PoidsRegional { get; }

    /// <summary>The default weights of the performance × efficiency matrix, if the catalogue has one.</summary>
    public MatriceDefinition? Matrice { get; }

    /// <summary>How a funder shares its envelope with this grid (section <c>financement</c>), if the catalogue is a funding grid.</summary>
    public GrilleFinancement? Financement { get; internal init; }

    /// <summary>The ratios on which the dialogue negotiates targets, in catalogue order.</summary>
    public IReadOnlyList<RatioObjectif> Objectifs { get; }

    public IndicatorDefinition this[string cle] => _byKey[cle];

    public bool TryGet(string cle, out IndicatorDefinition definition) => _byKey.TryGetValue(cle, out definition!);

    internal Engine.EnginePlan Plan => LazyInitializer.EnsureInitialized(ref _plan, () => new Engine.EnginePlan(this));

    /// <summary>The catalogues embedded in this assembly, by id (file name without extension).</summary>
    public static IReadOnlyList<string> Available { get; } = typeof(Catalogue).Assembly.GetManifestResourceNames()
        .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[..^5])
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<string, Catalogue> Cache = new(StringComparer.Ordinal);

    /// <summary>Loads (once) and validates an embedded catalogue by id, e.g. <c>cpo-2015</c>.</summary>
    public static Catalogue Load(string id)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(id, out var cached)) return cached;
            using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream(id + ".json")
                ?? throw new CatalogueException([$"Catalogue inconnu : « {id} » (disponibles : {string.Join(", ", Available)})."]);
            var catalogue = Load(stream, CriterionRegistry.Default);
            if (catalogue.Id != id)
                throw new CatalogueException([$"Le catalogue {id}.json déclare l'id « {catalogue.Id} »."]);
            Cache[id] = catalogue;
            return catalogue;
        }
    }

    /// <summary>Reads and validates a catalogue; throws <see cref="CatalogueException"/> listing every problem.</summary>
    public static Catalogue Load(Stream json, CriterionRegistry registry)
    {
        CatalogueDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<CatalogueDto>(json, JsonOptions)
                ?? throw new CatalogueException(["Catalogue vide."]);
        }
        catch (JsonException e)
        {
            throw new CatalogueException([$"Catalogue illisible : {e.Message}"]);
        }
        return CatalogueValidator.Validate(dto, registry);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}

/// <summary>A catalogue that does not load: every problem found, in French.</summary>
public sealed class CatalogueException(IReadOnlyList<string> problems)
    : Exception("Catalogue invalide :" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>The moyens.csv columns an amount may name, and how to read them from a <see cref="Domain.Moyens"/> row.</summary>
public static class MoyensColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "jano", "defm", "etp_total", "etp_accompagnement", "financement_total",
        "financement_activites_principales", "financement_etat", "financement_fse",
    ];

    public static decimal? Read(in Domain.Moyens m, string column) => column switch
    {
        "jano" => m.Jano,
        "defm" => m.Defm,
        "etp_total" => m.EtpTotal,
        "etp_accompagnement" => m.EtpAccompagnement,
        "financement_total" => m.FinancementTotal,
        "financement_activites_principales" => m.FinancementActivitesPrincipales,
        "financement_etat" => m.FinancementEtat,
        "financement_fse" => m.FinancementFse,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Colonne de moyens.csv inconnue."),
    };
}
