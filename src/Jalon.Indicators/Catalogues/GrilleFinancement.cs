using System.Text.Json.Serialization;

namespace Jalon.Indicators.Catalogues;

/// <summary>
/// One axis of a funder's grid: its share of the envelope and either the indicators that share it out (a computed
/// axis) or the qualitative criteria on which the funder decides an amount per structure (a decided axis).
/// </summary>
public sealed record AxeFinancement(int Numero, string Libelle, decimal Part, IReadOnlyList<string> Indicateurs, IReadOnlyList<CritereQualitatif> Qualitatifs)
{
    /// <summary>A decided axis (axis 3 of the Région's grid): no indicator, an argued amount per structure.</summary>
    public bool EstDecide => Indicateurs.Count == 0;
}

/// <summary>A qualitative criterion of a decided axis (indicators 8 and 9 of seed 001): argued, never computed.</summary>
public sealed record CritereQualitatif(string Numero, string Libelle);

/// <summary>
/// The financing part of a catalogue (section <c>financement</c>): how a funder's envelope is shared among the
/// structures of a region (docs/financement-region.md). Any catalogue may carry one.
/// </summary>
public sealed record GrilleFinancement(IReadOnlyList<AxeFinancement> Axes, decimal PremierVersement)
{
    public AxeFinancement Axe(int numero) => Axes.First(a => a.Numero == numero);
}

internal sealed class FinancementDto
{
    [JsonPropertyName("premier_versement")] public decimal? PremierVersement { get; set; }
    [JsonPropertyName("axes")] public List<AxeDto>? Axes { get; set; }
}

internal sealed class AxeDto
{
    [JsonPropertyName("axe")] public int? Axe { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
    [JsonPropertyName("part")] public decimal? Part { get; set; }
    [JsonPropertyName("indicateurs")] public List<string>? Indicateurs { get; set; }
    [JsonPropertyName("qualitatifs")] public List<QualitatifDto>? Qualitatifs { get; set; }
}

internal sealed class QualitatifDto
{
    [JsonPropertyName("numero")] public string? Numero { get; set; }
    [JsonPropertyName("libelle")] public string? Libelle { get; set; }
}

internal static class GrilleFinancementValidator
{
    /// <summary>
    /// Checks the section: axes numbered 1, 2, 3… in order, shares in ]0, 1] adding up to exactly 1, each axis with
    /// either indicators (counts or amounts of the catalogue, each in one axis only) or qualitative criteria, a first
    /// payment rate in ]0, 1].
    /// </summary>
    public static GrilleFinancement? Validate(FinancementDto? dto, IReadOnlyDictionary<string, IndicatorDefinition> byKey, List<string> problems)
    {
        if (dto is null) return null;
        var axes = new List<AxeFinancement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = dto.Axes ?? [];
        if (list.Count == 0) problems.Add("financement : aucun axe.");
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            var nom = $"financement, axe {a.Axe?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
            if (a.Axe != i + 1) problems.Add($"{nom} : les axes sont numérotés 1, 2, 3… dans l'ordre (attendu {i + 1}).");
            if (string.IsNullOrWhiteSpace(a.Libelle)) problems.Add($"{nom} : « libelle » manquant.");
            if (a.Part is not { } part || part <= 0 || part > 1) { problems.Add($"{nom} : « part » doit être une fraction dans ]0, 1] (0.5 pour 50 %)."); part = 0; }
            var indicateurs = a.Indicateurs ?? [];
            var qualitatifs = a.Qualitatifs ?? [];
            if (indicateurs.Count > 0 && qualitatifs.Count > 0)
                problems.Add($"{nom} : un axe a des « indicateurs » (calculé) ou des « qualitatifs » (décidé), pas les deux.");
            if (indicateurs.Count == 0 && qualitatifs.Count == 0)
                problems.Add($"{nom} : ni « indicateurs » ni « qualitatifs ».");
            foreach (var k in indicateurs)
            {
                if (!byKey.TryGetValue(k, out var d) || d.Nature is not (Nature.Effectif or Nature.Montant))
                    problems.Add($"{nom} : « {k} » doit être un effectif ou un montant du catalogue (une part de total régional n'a de sens que pour eux).");
                else if (!seen.Add(k))
                    problems.Add($"{nom} : « {k} » figure dans deux axes.");
            }
            foreach (var q in qualitatifs)
            {
                if (string.IsNullOrWhiteSpace(q.Numero) || string.IsNullOrWhiteSpace(q.Libelle))
                    problems.Add($"{nom} : un critère qualitatif sans « numero » ou « libelle ».");
            }
            axes.Add(new AxeFinancement(a.Axe ?? i + 1, a.Libelle ?? "", part, indicateurs,
                qualitatifs.Select(q => new CritereQualitatif(q.Numero ?? "", q.Libelle ?? "")).ToArray()));
        }
        if (list.Count > 0 && axes.Sum(a => a.Part) != 1m)
            problems.Add($"financement : les parts des axes font {axes.Sum(a => a.Part).ToString(System.Globalization.CultureInfo.InvariantCulture)} (attendu exactement 1).");
        var premier = dto.PremierVersement ?? 0.8m;
        if (premier is <= 0 or > 1) problems.Add("financement : « premier_versement » doit être une fraction dans ]0, 1] (0.8 pour 80 %).");
        return new GrilleFinancement(axes, premier);
    }
}
