using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Qualite;

namespace Jalon.Exchange.Reading;

internal readonly record struct ColumnSpec(string Name, bool Required);

/// <summary>What the parsing of one chunk produced: its rows and issues.</summary>
internal class ChunkResult(int sequence)
{
    public int Sequence { get; } = sequence;
    public int Rows;
    public int Bytes;
    public List<PackageIssue> Errors { get; } = [];
    public List<PackageIssue> Anomalies { get; } = [];
    public int OmittedErrors;
    public int OmittedAnomalies;

    /// <summary>Gives back the rows' memory once they have been committed.</summary>
    public virtual void Release()
    {
    }

    /// <summary>Issues kept in memory by the whole reading, shared by the chunks: beyond twice the listed maximum, issues are only counted.</summary>
    public IssueBudget Budget { get; set; } = new();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Add(PackageIssue issue)
    {
        if (issue.IsError)
        {
            if (Budget.TakeError()) Errors.Add(issue);
            else OmittedErrors++;
        }
        else if (Budget.TakeAnomaly()) Anomalies.Add(issue);
        else OmittedAnomalies++;
    }
}

internal sealed class IssueBudget
{
    private const int Limit = 2 * PackageReader.MaxReportedIssues;
    private int _errors;
    private int _anomalies;

    public bool TakeError() => Interlocked.Increment(ref _errors) <= Limit;

    public bool TakeAnomaly() => Interlocked.Increment(ref _anomalies) <= Limit;
}

/// <summary>A chunk's result holding its rows in a pooled array, returned to the pool once committed.</summary>
internal class ChunkResult<T>(int sequence, int capacity) : ChunkResult(sequence)
{
    public T[] Items { get; private set; } = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 1));
    public int Count { get; private set; }

    public ReadOnlySpan<T> Span => Items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in T item)
    {
        if (Count == Items.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(Items.Length * 2);
            Items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(Items);
            Items = bigger;
        }
        Items[Count++] = item;
    }

    public override void Release()
    {
        if (Items.Length == 0) return;
        ArrayPool<T>.Shared.Return(Items);
        Items = [];
        Count = 0;
    }
}

/// <summary>The reading of one file of the package: its columns, and how one row is checked and turned into a value.</summary>
internal abstract class FileReader(ReadSession session, string name, bool required, ColumnSpec[] columns)
{
    private readonly List<ChunkResult> _results = [];
    private readonly Dictionary<int, ChunkResult> _pending = [];
    private int _nextSequence;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ParseChunk(Chunk chunk)
    {
        var result = CreateResult(chunk.Sequence, chunk.LineCount + 1);
        result.Bytes = chunk.Length;
        result.Budget = Session.Budget;
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
        lock (_pending)
        {
            _pending.Add(result.Sequence, result);
            while (_pending.Remove(_nextSequence, out var next))
            {
                Commit(next);
                next.Release();
                _results.Add(next);
                _nextSequence++;
            }
        }
    }

    /// <summary>Size of the file in bytes when known (−1 otherwise), to size the row storage.</summary>
    public long FileLength { get; set; } = -1;

    /// <summary>An estimate of the file's record count from its length and a chunk's density, or 0.</summary>
    protected int EstimateRows(ChunkResult first, int chunkBytes)
    {
        if (FileLength <= 0 || first.Rows == 0 || chunkBytes <= 0) return 0;
        // A record takes at least a few bytes: never reserve more than that allows.
        var atMost = Math.Min(FileLength / 8, Array.MaxLength / 64);
        return (int)Math.Min(atMost, (long)(FileLength * 1.05 * first.Rows / chunkBytes));
    }

    /// <summary>The results of every chunk (issues and counts; rows are committed), in file order.</summary>
    public IReadOnlyList<ChunkResult> Results => _results;

    public int RowCount => _results.Sum(r => r.Rows);

    protected abstract ChunkResult CreateResult(int sequence, int capacity);

    /// <summary>Checks one record; reports through <paramref name="row"/>; adds the value to its result when the row is sound.</summary>
    protected abstract void ParseRow(RowContext row);

    /// <summary>Takes a chunk's rows, called once per chunk in file order (one chunk at a time).</summary>
    protected abstract void Commit(ChunkResult result);
}

/// <summary>The record being parsed, with value accessors that report what is wrong.</summary>
internal sealed class RowContext(FileReader reader, ChunkResult result, byte[] buffer, CsvFields fields)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _lastStructure = -1;
    private int _lastJeune = -1;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Raw(int col)
    {
        var f = Reader.FieldOf[col];
        return f < 0 ? default : buffer.AsSpan(Fields.Starts[f], Fields.Lengths[f]);
    }

    /// <summary>True when the cell holds a value. An empty required cell is an error; a missing required column was reported with the header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DateOnly? Date(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseDate(s, out var date)) return date;
        Error(col, $"date invalide « {Utf8Values.Show(s)} » (attendu AAAA-MM-JJ)");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool? Bool(int col)
    {
        if (!Has(col)) return null;
        var s = Raw(col);
        if (Utf8Values.TryParseBool(s, out var value)) return value;
        Error(col, $"booléen invalide « {Utf8Values.Show(s)} » (attendu 0 ou 1)");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        if (_strings.Count < 4096) _strings.Add(text, text); // a handful of communes per structure: no need to keep more
        return text;
    }

    /// <summary>The index of the structure named in column <paramref name="col"/>, or −1 (reported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Structure(int col = 0)
    {
        if (!Has(col)) return -1;
        var s = Raw(col);
        var keys = Reader.Session.StructureKeys;
        if (_lastStructure >= 0 && s.SequenceEqual(keys.KeyOf(_lastStructure))) return _lastStructure;
        var index = keys.Find(0, s);
        if (index < 0)
        {
            Error(col, $"structure inconnue « {Utf8Values.Show(s)} » (absente de structures.csv)");
            return -1;
        }
        _lastStructure = index;
        return index;
    }

    /// <summary>The index of the young person of columns structure (0) and jeune (1), or −1 (reported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Jeune()
    {
        var structure = Structure(0);
        if (!Has(1) || structure < 0) return -1;
        var id = Raw(1);
        var keys = Reader.Session.JeuneKeys;
        // Rows usually come grouped by young person, in the order of jeunes.csv: try the previous row's one, then the next one.
        if (_lastJeune >= 0)
        {
            if (keys.Matches(_lastJeune, structure, id)) return _lastJeune;
            if (_lastJeune + 1 < keys.Count && keys.Matches(_lastJeune + 1, structure, id)) return ++_lastJeune;
        }
        var jeune = keys.Find(structure, id);
        if (jeune >= 0) _lastJeune = jeune;
        else
            Error(1, $"jeune inconnu « {Utf8Values.Show(id)} » dans la structure « {Reader.Session.Structures[structure].Code} » (absent de jeunes.csv)");
        return jeune;
    }

    /// <summary>Anomaly when an event's date is before the young person's birth or first reception.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CheckAfterArrival(int col, int jeune, DateOnly date)
    {
        var session = Reader.Session;
        if (date >= session.PremiersAccueils[jeune] && date >= session.Naissances[jeune]) return;
        ref readonly var j = ref session.Jeunes[jeune];
        if (JourneyChecks.Anteriorite(date, j.Naissance, j.PremierAccueil) == DateAnterieure.AvantNaissance)
            Anomaly(col, $"date {date:yyyy-MM-dd} antérieure à la naissance du jeune ({j.Naissance:yyyy-MM-dd})");
        else
            Anomaly(col, $"date {date:yyyy-MM-dd} antérieure au premier accueil du jeune ({j.PremierAccueil:yyyy-MM-dd})");
    }
}
