using System.Globalization;
using System.Text;

namespace Jalon.Referentiels;

/// <summary>The kinds of zone whose lists Jalon holds.</summary>
public enum ZoneType : byte
{
    /// <summary>Zone de revitalisation rurale; since 1 July 2024 France Ruralités Revitalisation (FRR): whole communes.</summary>
    Zrr,

    /// <summary>Quartier prioritaire de la politique de la ville: part of one or more communes (depends on the address).</summary>
    Qpv,
}

/// <summary>A commune of a zone list: for a QPV, the quartier's code and name (a quartier over two communes gives two entries).</summary>
public sealed record ZoneEntry(string Commune, string? CodeZone = null, string? NomZone = null);

/// <summary>
/// A dated list of zones, as published by the State (e.g. the FRR communes from 1 July 2024, the QPV of 2024): valid from
/// <see cref="Debut"/> to <see cref="Fin"/> (inclusive; null = still in force).
/// </summary>
public sealed class ZoneList
{
    private readonly Dictionary<string, List<ZoneEntry>> _byCommune;

    public ZoneList(ZoneType type, string nom, DateOnly debut, DateOnly? fin, IEnumerable<ZoneEntry> entries, string? source = null)
    {
        if (fin < debut) throw new ArgumentException("La fin de validité d'une liste de zones précède son début.", nameof(fin));
        Type = type;
        Nom = nom;
        Debut = debut;
        Fin = fin;
        Source = source;
        Entries = entries.ToList();
        _byCommune = Entries.GroupBy(e => e.Commune, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    public ZoneType Type { get; }
    public string Nom { get; }
    public DateOnly Debut { get; }
    public DateOnly? Fin { get; }
    public string? Source { get; }
    public IReadOnlyList<ZoneEntry> Entries { get; }

    /// <summary>The distinct communes of the list.</summary>
    public IEnumerable<string> Communes => _byCommune.Keys;

    public bool IsValidOn(DateOnly day) => Debut <= day && (Fin is null || day <= Fin.Value);

    public bool Contains(string commune) => _byCommune.ContainsKey(commune);

    /// <summary>The entries of a commune (for a QPV list: the quartiers that touch it).</summary>
    public IReadOnlyList<ZoneEntry> Of(string commune) => _byCommune.TryGetValue(commune, out var list) ? list : [];
}

/// <summary>
/// Reads a zone list from the State's published CSV files: columns found by name, delimiter <c>;</c> or <c>,</c> (or
/// tab), UTF-8 (BOM tolerated) or, failing that, Windows-1252 as saved by Excel. The commune column is one of
/// <see cref="CommuneColumns"/>; for a QPV list the quartier's code and name are <see cref="CodeColumns"/> and
/// <see cref="NomColumns"/>. A commune code that is not 5 characters long (e.g. « 1001 » from a spreadsheet) is
/// padded with a leading zero. Problems are reported as <c>line: message</c> in French.
/// </summary>
public static class ZoneListReader
{
    public static readonly IReadOnlyList<string> CommuneColumns =
        ["codgeo", "insee_com", "code_insee", "code_commune", "insee", "com", "depcom", "code_commune_insee", "commune"];

    public static readonly IReadOnlyList<string> CodeColumns = ["code_qp", "code_qpv", "cod_qp", "qp", "code_quartier"];

    public static readonly IReadOnlyList<string> NomColumns = ["lib_qp", "nom_qp", "libelle_qp", "nom_qpv", "lib_qpv", "nom_quartier"];

    /// <summary>Optional column restricting which rows are in the zone: a row is kept when the value is one of <see cref="ClassementKept"/>.</summary>
    public static readonly IReadOnlyList<string> ClassementColumns = ["frr", "zrr", "classement", "zonage"];

    /// <summary>Values of a classement column meaning « classée » (FRR, FRR+, ZRR, 1, oui…).</summary>
    public static readonly IReadOnlyList<string> ClassementKept = ["1", "oui", "o", "frr", "frr+", "frr plus", "zrr", "c", "classée", "classee", "p"];

    public sealed record Result(IReadOnlyList<ZoneEntry> Entries, IReadOnlyList<string> Errors, int Rows, int Skipped);

    public static Result Read(Stream stream, ZoneType type)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var errors = new List<string>();
        var entries = new List<ZoneEntry>();
        if (lines.Count == 0 || lines[0].Trim().Length == 0) return new([], ["1: fichier vide (attendu une ligne d'en-tête)"], 0, 0);
        var header = lines[0];
        var delimiter = new[] { ';', ',', '\t' }.MaxBy(d => header.Count(c => c == d));
        var names = Split(header, delimiter).Select(n => n.Trim().Trim('"').ToLowerInvariant()).ToList();
        int Find(IReadOnlyList<string> candidates) => candidates.Select(c => names.IndexOf(c)).FirstOrDefault(i => i >= 0, -1);
        var communeCol = Find(CommuneColumns);
        var codeCol = Find(CodeColumns);
        var nomCol = Find(NomColumns);
        var classementCol = Find(ClassementColumns);
        if (communeCol < 0)
            return new([], [$"1: colonne de la commune introuvable (attendu l'une de : {string.Join(", ", CommuneColumns)})"], 0, 0);
        if (type == ZoneType.Qpv && codeCol < 0)
            return new([], [$"1: colonne du code du quartier introuvable (attendu l'une de : {string.Join(", ", CodeColumns)})"], 0, 0);
        int rows = 0, skipped = 0;
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            rows++;
            var fields = Split(lines[i], delimiter);
            string Field(int col) => col >= 0 && col < fields.Count ? fields[col].Trim() : "";
            if (classementCol >= 0 && !ClassementKept.Contains(Field(classementCol).ToLowerInvariant()))
            {
                skipped++;
                continue;
            }
            var commune = Field(communeCol);
            if (commune.Length == 4 && commune.All(char.IsAsciiDigit)) commune = "0" + commune;
            if (commune.Length != 5 || !IsCommuneCode(commune))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{i + 1}: code commune invalide « {commune} » (attendu 5 caractères, ex. 26281 ou 2A004)"));
                continue;
            }
            var code = codeCol >= 0 ? Field(codeCol) : "";
            if (type == ZoneType.Qpv && code.Length == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{i + 1}: code du quartier manquant"));
                continue;
            }
            var nom = nomCol >= 0 ? Field(nomCol) : "";
            entries.Add(new ZoneEntry(commune, code.Length == 0 ? null : code, nom.Length == 0 ? null : nom));
        }
        return new(entries, errors, rows, skipped);
    }

    private static bool IsCommuneCode(string s) =>
        char.IsAsciiDigit(s[0]) && (char.IsAsciiDigit(s[1]) || s[1] is 'A' or 'B') && s[2..].All(char.IsAsciiDigit);

    /// <summary>Splits a CSV line (RFC 4180 quotes; a line break inside quotes is not supported by these files).</summary>
    private static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}

/// <summary>
/// The zone lists Jalon knows of at a time: the embedded sample (<see cref="Sample"/>) and the lists imported with
/// <c>./jalon referentiels importer</c>. Answers « is this commune in a ZRR / does it hold a QPV on this day ».
/// </summary>
public sealed class ZoneReference
{
    private readonly ZoneList[][] _byType;

    public ZoneReference(IEnumerable<ZoneList> lists)
    {
        Lists = lists.OrderBy(l => l.Type).ThenBy(l => l.Debut).ToList();
        _byType = Enum.GetValues<ZoneType>().Select(t => Lists.Where(l => l.Type == t).ToArray()).ToArray();
    }

    public IReadOnlyList<ZoneList> Lists { get; }

    /// <summary>The lists of a kind in force on a day (none when no list covers it).</summary>
    public IEnumerable<ZoneList> InForce(ZoneType type, DateOnly day) => _byType[(int)type].Where(l => l.IsValidOn(day));

    /// <summary>True when a list of the kind is in force on that day: otherwise nothing can be said about a commune.</summary>
    public bool Covers(ZoneType type, DateOnly day)
    {
        foreach (var l in _byType[(int)type])
        {
            if (l.IsValidOn(day)) return true;
        }
        return false;
    }

    public bool IsIn(ZoneType type, string commune, DateOnly day)
    {
        foreach (var l in _byType[(int)type])
        {
            if (l.IsValidOn(day) && l.Contains(commune)) return true;
        }
        return false;
    }

    /// <summary>The QPV (code, name) that touch a commune on a day.</summary>
    public IReadOnlyList<ZoneEntry> QpvOf(string commune, DateOnly day) =>
        InForce(ZoneType.Qpv, day).SelectMany(l => l.Of(commune)).DistinctBy(e => e.CodeZone).ToList();

    /// <summary>
    /// The small sample embedded in this assembly (Zones/*.csv): a few lines in the shape of the official files, to test
    /// and demonstrate the mechanism — not the official lists, which are imported with <c>./jalon referentiels importer</c>
    /// (docs/referentiels.md says where to find them).
    /// </summary>
    public static ZoneReference Sample => SampleLists.Value;

    private static readonly Lazy<ZoneReference> SampleLists = new(() => new ZoneReference(
    [
        new ZoneList(ZoneType.Zrr, "Échantillon FRR (démonstration)", new DateOnly(2024, 7, 1), null,
            ReadEmbedded("zrr-echantillon.csv", ZoneType.Zrr), "échantillon embarqué, non officiel"),
        new ZoneList(ZoneType.Qpv, "Échantillon QPV 2024 (démonstration)", new DateOnly(2024, 1, 1), null,
            ReadEmbedded("qpv-echantillon.csv", ZoneType.Qpv), "échantillon embarqué, non officiel"),
    ]));

    private static IReadOnlyList<ZoneEntry> ReadEmbedded(string name, ZoneType type)
    {
        using var stream = typeof(ZoneReference).Assembly.GetManifestResourceStream("Jalon.Referentiels.Zones." + name)
            ?? throw new InvalidOperationException($"Échantillon de zones absent de Jalon.Referentiels : {name}");
        var result = ZoneListReader.Read(stream, type);
        if (result.Errors.Count > 0) throw new InvalidDataException($"{name} : {string.Join("; ", result.Errors)}");
        return result.Entries;
    }
}
