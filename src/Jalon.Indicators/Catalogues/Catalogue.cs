using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
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

/// <summary>One indicator of a catalogue: its label and definition next to how it is computed.</summary>
public sealed record IndicatorDefinition
{
    public required string Cle { get; init; }
    public string? Reference { get; init; }
    public required string Libelle { get; init; }
    public required string Definition { get; init; }
    public required Nature Nature { get; init; }

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

    /// <summary>Mean: the measure (<see cref="JourneyMeasures"/>) and the unit it is shown in.</summary>
    public string? Mesure { get; init; }

    public string? Unite { get; init; }

    public bool HasNeet => Ventilations.Contains(Ventilation.Neet);
}

/// <summary>
/// A versioned catalogue of indicators (e.g. <c>cpo-2015</c>), loaded from data and validated against the
/// criteria and measures implemented in C#.
/// </summary>
public sealed class Catalogue
{
    private readonly FrozenDictionary<string, IndicatorDefinition> _byKey;
    private Engine.EnginePlan? _plan;

    internal Catalogue(string id, string libelle, string? source, IReadOnlyList<IndicatorDefinition> indicateurs, CriterionRegistry registry)
    {
        Id = id;
        Libelle = libelle;
        Source = source;
        Indicateurs = indicateurs;
        Registry = registry;
        _byKey = indicateurs.ToFrozenDictionary(i => i.Cle, StringComparer.Ordinal);
        KeysInOutputOrder = indicateurs.Select(i => i.Cle).Order(StringComparer.Ordinal).ToArray();
    }

    public string Id { get; }
    public string Libelle { get; }
    public string? Source { get; }

    /// <summary>The indicators in the catalogue's own (reading) order.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicateurs { get; }

    /// <summary>The keys sorted ordinally, the order of the command-line output.</summary>
    public IReadOnlyList<string> KeysInOutputOrder { get; }

    public CriterionRegistry Registry { get; }

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

internal sealed class CatalogueDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("conventions")] public string? Conventions { get; set; }
    [JsonPropertyName("indicateurs")] public List<IndicatorDto>? Indicateurs { get; set; }
}

internal sealed class IndicatorDto
{
    [JsonPropertyName("cle")] public string? Cle { get; set; }
    [JsonPropertyName("reference")] public string? Reference { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
    [JsonPropertyName("definition")] public string? Definition { get; set; }
    [JsonPropertyName("nature")] public string? Nature { get; set; }
    [JsonPropertyName("ventilations")] public List<string>? Ventilations { get; set; }
    [JsonPropertyName("critere")] public string? Critere { get; set; }
    [JsonPropertyName("critere_neet")] public string? CritereNeet { get; set; }
    [JsonPropertyName("parmi")] public string? Parmi { get; set; }
    [JsonPropertyName("numerateur")] public string? Numerateur { get; set; }
    [JsonPropertyName("numerateur_critere")] public string? NumerateurCritere { get; set; }
    [JsonPropertyName("denominateur")] public string? Denominateur { get; set; }
    [JsonPropertyName("periode_denominateur")] public string? PeriodeDenominateur { get; set; }
    [JsonPropertyName("moyens")] public string? Moyens { get; set; }
    [JsonPropertyName("mesure")] public string? Mesure { get; set; }
    [JsonPropertyName("unite")] public string? Unite { get; set; }
}

internal static class CatalogueValidator
{
    internal static readonly FrozenDictionary<string, Ventilation> VentilationNames = new Dictionary<string, Ventilation>
    {
        ["femmes"] = Ventilation.Femmes,
        ["infra_v"] = Ventilation.InfraV,
        ["qpv"] = Ventilation.Qpv,
        ["zrr"] = Ventilation.Zrr,
        ["neet"] = Ventilation.Neet,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, Nature> NatureNames = new Dictionary<string, Nature>
    {
        ["effectif"] = Nature.Effectif,
        ["ratio"] = Nature.Ratio,
        ["moyenne"] = Nature.Moyenne,
        ["montant"] = Nature.Montant,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenSet<string> Units = new[] { "mois", "jours" }.ToFrozenSet(StringComparer.Ordinal);

    public static Catalogue Validate(CatalogueDto dto, CriterionRegistry registry)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(dto.Id)) problems.Add("« id » manquant.");
        if (string.IsNullOrWhiteSpace(dto.Libelle)) problems.Add("« libelle » manquant.");
        var dtos = dto.Indicateurs ?? [];
        if (dtos.Count == 0) problems.Add("Aucun indicateur.");

        var natures = new Dictionary<string, Nature>(StringComparer.Ordinal);
        foreach (var i in dtos)
        {
            if (string.IsNullOrWhiteSpace(i.Cle)) { problems.Add("Un indicateur sans « cle »."); continue; }
            if (i.Nature is null || !NatureNames.TryGetValue(i.Nature, out var nature))
            {
                problems.Add($"{i.Cle} : nature « {i.Nature} » inconnue (effectif, ratio, moyenne, montant).");
                continue;
            }
            if (!natures.TryAdd(i.Cle, nature)) problems.Add($"{i.Cle} : clé en double.");
        }

        var result = new List<IndicatorDefinition>();
        foreach (var i in dtos)
        {
            if (i.Cle is null || !natures.TryGetValue(i.Cle, out var nature)) continue;
            var where = i.Cle;
            if (string.IsNullOrWhiteSpace(i.Libelle)) problems.Add($"{where} : « libelle » manquant.");
            if (string.IsNullOrWhiteSpace(i.Definition)) problems.Add($"{where} : « definition » manquante.");

            void Forbid(string? value, string field)
            {
                if (value is not null) problems.Add($"{where} : « {field} » n'a pas de sens pour la nature {i.Nature}.");
            }

            var ventilations = new List<Ventilation>();
            var periode = PeriodeRelative.N;
            switch (nature)
            {
                case Nature.Effectif:
                    if (i.Critere is null) problems.Add($"{where} : « critere » manquant.");
                    else if (!registry.HasCriterion(i.Critere)) problems.Add($"{where} : critère « {i.Critere} » inconnu.");
                    foreach (var v in i.Ventilations ?? [])
                    {
                        if (!VentilationNames.TryGetValue(v, out var vent)) problems.Add($"{where} : ventilation « {v} » inconnue.");
                        else if (ventilations.Contains(vent)) problems.Add($"{where} : ventilation « {v} » en double.");
                        else ventilations.Add(vent);
                    }
                    if (ventilations.Contains(Ventilation.Neet) != (i.CritereNeet is not null))
                        problems.Add($"{where} : la ventilation « neet » et « critere_neet » vont ensemble.");
                    if (i.CritereNeet is not null && !registry.HasCriterion(i.CritereNeet))
                        problems.Add($"{where} : critère « {i.CritereNeet} » inconnu.");
                    if (i.Parmi is not null && (!natures.TryGetValue(i.Parmi, out var pn) || pn != Nature.Effectif))
                        problems.Add($"{where} : « parmi » doit désigner un effectif du catalogue (« {i.Parmi} »).");
                    Forbid(i.Numerateur, "numerateur"); Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur");
                    Forbid(i.PeriodeDenominateur, "periode_denominateur"); Forbid(i.Moyens, "moyens"); Forbid(i.Mesure, "mesure"); Forbid(i.Unite, "unite");
                    break;
                case Nature.Ratio:
                    if ((i.Numerateur is null) == (i.NumerateurCritere is null))
                        problems.Add($"{where} : il faut « numerateur » ou « numerateur_critere », l'un des deux.");
                    if (i.Numerateur is not null) CheckOperand(i.Numerateur, "numerateur");
                    if (i.NumerateurCritere is not null && !registry.HasCriterion(i.NumerateurCritere))
                        problems.Add($"{where} : critère « {i.NumerateurCritere} » inconnu.");
                    if (i.Denominateur is null) problems.Add($"{where} : « denominateur » manquant.");
                    else CheckOperand(i.Denominateur, "denominateur");
                    if (i.PeriodeDenominateur is "N-1") periode = PeriodeRelative.NMoins1;
                    else if (i.PeriodeDenominateur is not (null or "N"))
                        problems.Add($"{where} : « periode_denominateur » vaut N ou N-1.");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Parmi, "parmi");
                    Forbid(i.Moyens, "moyens"); Forbid(i.Mesure, "mesure"); Forbid(i.Unite, "unite");
                    break;
                case Nature.Moyenne:
                    if (i.Mesure is null) problems.Add($"{where} : « mesure » manquante.");
                    else if (!registry.HasMeasure(i.Mesure)) problems.Add($"{where} : mesure « {i.Mesure} » inconnue.");
                    if (i.Unite is null || !Units.Contains(i.Unite)) problems.Add($"{where} : « unite » vaut mois ou jours.");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Parmi, "parmi"); Forbid(i.Numerateur, "numerateur");
                    Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur"); Forbid(i.PeriodeDenominateur, "periode_denominateur"); Forbid(i.Moyens, "moyens");
                    break;
                case Nature.Montant:
                    if (i.Moyens is null || !MoyensColumns.Names.Contains(i.Moyens))
                        problems.Add($"{where} : « moyens » doit être une colonne de moyens.csv ({string.Join(", ", MoyensColumns.Names)}).");
                    Forbid(i.Critere, "critere"); Forbid(i.CritereNeet, "critere_neet"); Forbid(i.Parmi, "parmi"); Forbid(i.Numerateur, "numerateur");
                    Forbid(i.NumerateurCritere, "numerateur_critere"); Forbid(i.Denominateur, "denominateur"); Forbid(i.PeriodeDenominateur, "periode_denominateur");
                    Forbid(i.Mesure, "mesure"); Forbid(i.Unite, "unite");
                    break;
            }
            if (nature != Nature.Effectif && i.Ventilations is { Count: > 0 })
                problems.Add($"{where} : seuls les effectifs ont des ventilations.");

            result.Add(new IndicatorDefinition
            {
                Cle = i.Cle,
                Reference = i.Reference,
                Libelle = i.Libelle ?? "",
                Definition = i.Definition ?? "",
                Nature = nature,
                Ventilations = ventilations,
                Critere = i.Critere,
                CritereNeet = i.CritereNeet,
                Parmi = i.Parmi,
                Numerateur = i.Numerateur,
                NumerateurCritere = i.NumerateurCritere,
                Denominateur = i.Denominateur,
                PeriodeDenominateur = periode,
                Moyens = i.Moyens,
                Mesure = i.Mesure,
                Unite = i.Unite,
            });

            void CheckOperand(string key, string field)
            {
                if (!natures.TryGetValue(key, out var n))
                    problems.Add($"{where} : {field} « {key} » absent du catalogue.");
                else if (n is not (Nature.Effectif or Nature.Montant))
                    problems.Add($"{where} : {field} « {key} » doit être un effectif ou un montant.");
            }
        }

        // "parmi" must not loop.
        var parents = result.Where(r => r.Parmi is not null).ToDictionary(r => r.Cle, r => r.Parmi!, StringComparer.Ordinal);
        foreach (var start in parents.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            for (var k = start; parents.TryGetValue(k, out var p); k = p)
            {
                if (!seen.Add(p)) { problems.Add($"{start} : la chaîne « parmi » boucle."); break; }
            }
        }

        if (problems.Count > 0) throw new CatalogueException(problems);
        return new Catalogue(dto.Id!, dto.Libelle!, dto.Source, result, registry);
    }
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
