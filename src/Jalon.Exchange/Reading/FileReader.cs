using System.Buffers;
using System.Text;
using Jalon.Domain;

namespace Jalon.Exchange.Reading;

internal readonly record struct ColumnSpec(string Name, bool Required);

/// <summary>What the parsing of one chunk produced: its rows and issues.</summary>
internal class ChunkResult(int sequence)
{
    public int Sequence { get; } = sequence;
    public int Rows;
    public List<PackageIssue> Errors { get; } = [];
    public List<PackageIssue> Anomalies { get; } = [];
    public int OmittedErrors;
    public int OmittedAnomalies;

    public void Add(PackageIssue issue)
    {
        if (issue.IsError)
        {
            if (Errors.Count < PackageReader.MaxReportedIssues) Errors.Add(issue);
            else OmittedErrors++;
        }
        else if (Anomalies.Count < PackageReader.MaxReportedIssues) Anomalies.Add(issue);
        else OmittedAnomalies++;
    }
}

internal class ChunkResult<T>(int sequence, int capacity) : ChunkResult(sequence)
{
    public List<T> Items { get; } = new(capacity);
}

/// <summary>The reading of one file of the package: its columns, and how one row is checked and turned into a value.</summary>
internal abstract class FileReader(ReadSession session, string name, bool required, ColumnSpec[] columns)
{
    private readonly List<ChunkResult> _results = [];

    public ReadSession Session { get; } = session;
    public string Name { get; } = name;
    public bool Required { get; } = required;
    public ColumnSpec[] Columns { get; } = columns;

    /// <summary>For each column of <see cref="Columns"/>, its field index in the records, or −1 when the header lacks it.</summary>
    public int[] FieldOf { get; } = Enumerable.Repeat(-1, columns.Length).ToArray();

    public int FieldCount { get; private set; }
    public byte Delimiter { get; private set; } = (byte)',';
    public bool Present { get; set; }
    public List<PackageIssue> HeaderIssues { get; } = [];

    public void SetHeader(string[] names, byte delimiter)
    {
        Delimiter = delimiter;
        FieldCount = names.Length;
        for (var f = 0; f < names.Length; f++)
        {
            var col = Array.FindIndex(Columns, c => c.Name == names[f]);
            if (col < 0)
            {
                var shown = names[f].Length == 0 ? $"(colonne {f + 1})" : names[f];
                HeaderIssues.Add(new PackageIssue(Name, 1, shown, "colonne inconnue, ignorée", false));
            }
            else if (FieldOf[col] >= 0)
            {
                HeaderIssues.Add(new PackageIssue(Name, 1, names[f], $"colonne en double dans l'en-tête (colonnes {FieldOf[col] + 1} et {f + 1})", true));
            }
            else
            {
                FieldOf[col] = f;
            }
        }
        for (var col = 0; col < Columns.Length; col++)
        {
            if (Columns[col].Required && FieldOf[col] < 0)
                HeaderIssues.Add(new PackageIssue(Name, 1, Columns[col].Name, "colonne obligatoire absente de l'en-tête", true));
        }
    }

    public void ParseChunk(Chunk chunk)
    {
        var result = CreateResult(chunk.Sequence, chunk.LineCount);
        var row = new RowContext(this, result, chunk.Buffer, new CsvFields(FieldCount + 1));
        var tokenizer = new CsvTokenizer(chunk.Buffer, chunk.Length, Delimiter, chunk.FirstLine);
        while (tokenizer.Next(row.Fields, out var line, out var error))
        {
            result.Rows++;
            row.Begin(line);
            if (error is not null)
            {
                row.Error(-1, error);
                continue;
            }
            if (row.Fields.Count != FieldCount)
            {
                row.Error(-1, $"{row.Fields.Count} champ{(row.Fields.Count > 1 ? "s" : "")} au lieu de {FieldCount} (un par colonne de l'en-tête)");
                continue;
            }
            ParseRow(row);
        }
        ArrayPool<byte>.Shared.Return(chunk.Buffer);
        lock (_results) _results.Add(result);
    }

    /// <summary>The results of every chunk, in file order.</summary>
    public IReadOnlyList<ChunkResult> Results
    {
        get
        {
            lock (_results) return _results.OrderBy(r => r.Sequence).ToArray();
        }
    }

    public int RowCount => Results.Sum(r => r.Rows);

    protected abstract ChunkResult CreateResult(int sequence, int capacity);

    /// <summary>Checks one record; reports through <paramref name="row"/>; adds the value to its result when the row is sound.</summary>
    protected abstract void ParseRow(RowContext row);
}

/// <summary>The record being parsed, with value accessors that report what is wrong.</summary>
internal sealed class RowContext(FileReader reader, ChunkResult result, byte[] buffer, CsvFields fields)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _lastStructure = -1;
    private byte[] _lastStructureKey = [];

    public FileReader Reader { get; } = reader;
    public ChunkResult Result { get; } = result;
    public CsvFields Fields { get; } = fields;
    public int Line { get; private set; }

    /// <summary>False once the row has an error (or lacks a required column): it must not be kept.</summary>
    public bool Ok { get; private set; }

    public void Begin(int line)
    {
        Line = line;
        Ok = true;
    }

    public void Error(int col, string message)
    {
        Ok = false;
        Result.Add(new PackageIssue(Reader.Name, Line, col < 0 ? null : Reader.Columns[col].Name, message, true));
    }

    public void Anomaly(int col, string message) =>
        Result.Add(new PackageIssue(Reader.Name, Line, col < 0 ? null : Reader.Columns[col].Name, message, false));

    public ReadOnlySpan<byte> Raw(int col)
    {
        var f = Reader.FieldOf[col];
        return f < 0 ? default : buffer.AsSpan(Fields.Starts[f], Fields.Lengths[f]);
    }

    /// <summary>True when the cell holds a value. An empty required cell is an error; a missing required column was reported with the header.</summary>
    private bool Has(int col)
    {
        if (Reader.FieldOf[col] < 0)
        {
            if (Reader.Columns[col].Required) Ok = false;
            return false;
        }
        if (Fields.Lengths[Reader.FieldOf[col]] == 0)
        {
            if (Reader.Columns[col].Required) Error(col, "valeur obligatoire manquante");
            return false;
        }
        return true;
    }

    public DateOnly? Date(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseDate(s, out var date)) return date;
        Error(col, $"date invalide « {Utf8Values.Show(s)} » (attendu AAAA-MM-JJ)");
        return null;
    }

    public bool? Bool(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseBool(s, out var value)) return value;
        Error(col, $"booléen invalide « {Utf8Values.Show(s)} » (attendu 0 ou 1)");
        return null;
    }

    public int? Int(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseInt(s, out var value)) return value;
        Error(col, $"entier invalide « {Utf8Values.Show(s)} » (attendu un nombre entier, ex. 120)");
        return null;
    }

    public long? Long(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseLong(s, out var value)) return value;
        Error(col, $"entier invalide « {Utf8Values.Show(s)} » (attendu un nombre entier, ex. 1200)");
        return null;
    }

    public decimal? Decimal(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseDecimal(s, out var value)) return value;
        Error(col, $"nombre décimal invalide « {Utf8Values.Show(s)} » (attendu par ex. 12.5 ou 12,5, sans espace)");
        return null;
    }

    public T? Code<T>(int col) where T : struct, Enum
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        var table = CodeTable<T>.Instance;
        if (table.TryParse(s, out var value)) return value;
        Error(col, $"code invalide « {Utf8Values.Show(s)} » (attendu {table.Expected})");
        return null;
    }

    /// <summary>A text value; <paramref name="intern"/> shares equal strings within the chunk.</summary>
    public string? Text(int col, bool intern = false)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (!Utf8Values.IsValidText(s))
        {
            Error(col, $"texte mal encodé « {Utf8Values.Show(s)} » (attendu un fichier encodé en UTF-8)");
            return null;
        }
        if (!intern || s.Length > 64) return Encoding.UTF8.GetString(s);
        Span<char> chars = stackalloc char[s.Length];
        var n = Encoding.UTF8.GetChars(s, chars);
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..n], out var known)) return known;
        var text = new string(chars[..n]);
        _strings.Add(text, text);
        return text;
    }

    /// <summary>The index of the structure named in column <paramref name="col"/>, or −1 (reported).</summary>
    public int Structure(int col = 0)
    {
        if (!Has(col)) return -1;
        var s = Raw(col);
        if (_lastStructure >= 0 && s.SequenceEqual(_lastStructureKey)) return _lastStructure;
        var index = Reader.Session.StructureKeys.Find(0, s);
        if (index < 0)
        {
            Error(col, $"structure inconnue « {Utf8Values.Show(s)} » (absente de structures.csv)");
            return -1;
        }
        _lastStructure = index;
        _lastStructureKey = Reader.Session.StructureKeys.KeyOf(index).ToArray();
        return index;
    }

    /// <summary>The index of the young person of columns structure (0) and jeune (1), or −1 (reported).</summary>
    public int Jeune()
    {
        var structure = Structure(0);
        if (!Has(1) || structure < 0) return -1;
        var id = Raw(1);
        var jeune = Reader.Session.JeuneKeys.Find(structure, id);
        if (jeune < 0)
            Error(1, $"jeune inconnu « {Utf8Values.Show(id)} » dans la structure « {Reader.Session.Structures[structure].Code} » (absent de jeunes.csv)");
        return jeune;
    }

    /// <summary>Anomaly when an event's date is before the young person's birth or first reception.</summary>
    public void CheckAfterArrival(int col, int jeune, DateOnly date)
    {
        var j = Reader.Session.Jeunes[jeune];
        if (date < j.Naissance)
            Anomaly(col, $"date {date:yyyy-MM-dd} antérieure à la naissance du jeune ({j.Naissance:yyyy-MM-dd})");
        else if (date < j.PremierAccueil)
            Anomaly(col, $"date {date:yyyy-MM-dd} antérieure au premier accueil du jeune ({j.PremierAccueil:yyyy-MM-dd})");
    }
}
