using System.Globalization;
using System.Text.Json;

namespace Jalon.Domain.Dispositifs;

/// <summary>
/// One value of a rule and the days it applies between (both included; <see cref="Fin"/> null: still in force), with
/// its legal source. A value is a number (<see cref="Valeur"/>) or a scale (<see cref="Bareme"/>, e.g. the reductions
/// by rank of an unjustified absence).
/// </summary>
public sealed record ValeurDatee(decimal Valeur, DateOnly Debut, DateOnly? Fin, string Source, IReadOnlyList<decimal>? Bareme = null)
{
    public bool EnVigueurLe(DateOnly date) => Debut <= date && (Fin is not { } f || date <= f);
}

/// <summary>A rule of a scheme: its key, its French label, its unit and its dated values, in date order, never overlapping.</summary>
public sealed record Regle(string Cle, string Dispositif, string Libelle, string Unite, IReadOnlyList<ValeurDatee> Valeurs)
{
    /// <summary>The value in force on a day, or null when none is.</summary>
    public ValeurDatee? EnVigueur(DateOnly date)
    {
        // An index loop: called per row when a package is read, a foreach over the interface would allocate an enumerator each time.
        for (var i = 0; i < Valeurs.Count; i++)
        {
            if (Valeurs[i].EnVigueurLe(date)) return Valeurs[i];
        }
        return null;
    }
}

/// <summary>Thrown when a rule set is malformed; lists every problem, in French.</summary>
public sealed class ReglesException(IReadOnlyList<string> problemes) : Exception(string.Join(Environment.NewLine, problemes))
{
    public IReadOnlyList<string> Problemes { get; } = problemes;
}

/// <summary>
/// The rules of the schemes (CEJ, PACEA and the 2015 paths) held in data: the embedded <c>dispositifs.json</c>
/// (<see cref="Publiees"/>), every value dated and sourced (docs/dispositifs.md, docs/adr/0007-regles-dispositifs.md).
/// The typed views (<see cref="Cej"/>, <see cref="Pacea"/>, <see cref="Parcours"/>) give the values in force on a
/// day, so that a past month is always computed with the values of its time, and a reform is one more dated value.
/// </summary>
public sealed class ReglesDispositifs
{
    private readonly Dictionary<string, Regle> _byKey;

    private ReglesDispositifs(IEnumerable<Regle> regles)
    {
        _byKey = regles.ToDictionary(r => r.Cle, StringComparer.Ordinal);
        Regles = [.. _byKey.Values.OrderBy(r => r.Cle, StringComparer.Ordinal)];
    }

    /// <summary>Every rule, by key order.</summary>
    public IReadOnlyList<Regle> Regles { get; }

    /// <summary>The published rule set, embedded in the domain (<c>Dispositifs/dispositifs.json</c>).</summary>
    public static ReglesDispositifs Publiees { get; } = LoadEmbedded();

    /// <summary>The text of the published rule set, e.g. to derive a set with one more dated value.</summary>
    public static string PublieesJson { get; } = ReadEmbedded();

    public Regle this[string cle] => _byKey.TryGetValue(cle, out var r) ? r : throw new KeyNotFoundException($"Règle inconnue : « {cle} ».");

    public bool TryGet(string cle, out Regle regle) => _byKey.TryGetValue(cle, out regle!);

    /// <summary>The number in force on a day for a rule; throws when the rule has no value that day.</summary>
    public decimal Valeur(string cle, DateOnly date) =>
        this[cle].EnVigueur(date)?.Valeur ?? throw new InvalidOperationException($"La règle « {cle} » n'a pas de valeur le {date:yyyy-MM-dd}.");

    /// <summary>The CEJ values in force on a day, or null before the CEJ existed (1 March 2022).</summary>
    public ReglesCej? Cej(DateOnly date) => this["cej.debut"].EnVigueur(date) is null ? null : ReglesCej.From(this, date);

    /// <summary>The PACEA values in force on a day, or null before the PACEA existed (1 January 2017).</summary>
    public ReglesPacea? Pacea(DateOnly date) => this["pacea.debut"].EnVigueur(date) is null ? null : ReglesPacea.From(this, date);

    /// <summary>
    /// A copy of this set with one more value for a rule: the value in force before <paramref name="valeur"/>'s start
    /// and still open ends the day before. Past values are never changed: a value starting on or before the last
    /// value's start is refused.
    /// </summary>
    public ReglesDispositifs Avec(string cle, ValeurDatee valeur)
    {
        var regle = this[cle];
        var last = regle.Valeurs[^1];
        if (valeur.Debut <= last.Debut)
            throw new ReglesException([$"{cle} : une nouvelle valeur doit commencer après la dernière ({last.Debut:yyyy-MM-dd})."]);
        var values = regle.Valeurs.ToList();
        if (last.Fin is null || last.Fin >= valeur.Debut) values[^1] = last with { Fin = valeur.Debut.AddDays(-1) };
        values.Add(valeur);
        var regles = _byKey.Values.Where(r => r.Cle != cle).Append(regle with { Valeurs = values });
        return new ReglesDispositifs(regles);
    }

    /// <summary>Reads and checks a rule set (the format of <c>dispositifs.json</c>); throws <see cref="ReglesException"/> listing every problem.</summary>
    public static ReglesDispositifs Parse(string json)
    {
        var problems = new List<string>();
        var regles = new List<Regle>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("regles", out var array) || array.ValueKind != JsonValueKind.Array)
                throw new ReglesException(["Le jeu de règles n'a pas de tableau « regles »."]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in array.EnumerateArray())
            {
                var cle = Text(r, "cle") ?? "";
                if (cle.Length == 0) { problems.Add("Une règle n'a pas de clé."); continue; }
                if (!seen.Add(cle)) problems.Add($"{cle} : clé en double.");
                var values = new List<ValeurDatee>();
                if (r.TryGetProperty("valeurs", out var vs) && vs.ValueKind == JsonValueKind.Array)
                {
                    foreach (var v in vs.EnumerateArray()) values.Add(ReadValue(cle, v, problems));
                }
                if (values.Count == 0) problems.Add($"{cle} : aucune valeur.");
                for (var i = 1; i < values.Count; i++)
                {
                    if (values[i - 1].Fin is not { } fin || fin >= values[i].Debut)
                        problems.Add($"{cle} : la valeur du {values[i].Debut:yyyy-MM-dd} chevauche la précédente (ordre des dates, fin manquante).");
                }
                regles.Add(new Regle(cle, Text(r, "dispositif") ?? "", Text(r, "libelle") ?? "", Text(r, "unite") ?? "", values));
            }
        }
        catch (JsonException e)
        {
            problems.Add($"JSON invalide : {e.Message}");
        }
        if (problems.Count > 0) throw new ReglesException(problems);
        return new ReglesDispositifs(regles);
    }

    private static ValeurDatee ReadValue(string cle, JsonElement v, List<string> problems)
    {
        var debut = Date(cle, v, "debut", problems) ?? DateOnly.MinValue;
        var fin = Date(cle, v, "fin", problems);
        if (fin is { } f && f < debut) problems.Add($"{cle} : fin {f:yyyy-MM-dd} avant le début {debut:yyyy-MM-dd}.");
        var source = Text(v, "source");
        if (string.IsNullOrWhiteSpace(source)) problems.Add($"{cle} : la valeur du {debut:yyyy-MM-dd} n'a pas de source.");
        decimal valeur = 0;
        IReadOnlyList<decimal>? bareme = null;
        if (v.TryGetProperty("valeur", out var n) && n.ValueKind == JsonValueKind.Number) valeur = n.GetDecimal();
        else if (v.TryGetProperty("bareme", out var b) && b.ValueKind == JsonValueKind.Array && b.GetArrayLength() > 0)
            bareme = [.. b.EnumerateArray().Select(x => x.GetDecimal())];
        else problems.Add($"{cle} : la valeur du {debut:yyyy-MM-dd} n'a ni « valeur » ni « bareme ».");
        return new ValeurDatee(valeur, debut, fin, source ?? "", bareme);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static DateOnly? Date(string cle, JsonElement e, string name, List<string> problems)
    {
        var text = Text(e, name);
        if (text is null)
        {
            if (name == "debut") problems.Add($"{cle} : une valeur n'a pas de date de début.");
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        problems.Add($"{cle} : date « {text} » invalide (AAAA-MM-JJ).");
        return null;
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(ReglesDispositifs).Assembly.GetManifestResourceStream("Jalon.Domain.Dispositifs.dispositifs.json")
            ?? throw new InvalidOperationException("Ressource dispositifs.json absente.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ReglesDispositifs LoadEmbedded() => Parse(ReadEmbedded());
}
