using System.Runtime.CompilerServices;

namespace Jalon.Exchange.Reading;

/// <summary>The fields of the current record: offsets into the chunk's buffer.</summary>
internal sealed class CsvFields(int capacity)
{
    public readonly int[] Starts = new int[capacity];
    public readonly int[] Lengths = new int[capacity];

    /// <summary>Number of fields of the record (may exceed the capacity: the extra ones are not kept).</summary>
    public int Count;

    public void Add(int start, int length)
    {
        if (Count < Starts.Length)
        {
            Starts[Count] = start;
            Lengths[Count] = length;
        }
        Count++;
    }
}

/// <summary>
/// Splits a buffer that starts at a record boundary into RFC 4180 records: fields separated by the
/// delimiter, records by LF or CRLF, quoted fields may hold delimiters, doubled quotes and line breaks
/// (unescaped in place in the buffer). Blank lines are skipped. Tracks the physical line of each record.
/// </summary>
internal struct CsvTokenizer(byte[] buffer, int length, byte delimiter, int firstLine)
{
    private int _pos;
    private int _line = firstLine;

    /// <summary>Next record: false at the end. <paramref name="error"/> is set for a badly quoted record (skipped to the end of its line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(CsvFields fields, out int line, out string? error)
    {
        error = null;
        while (true)
        {
            line = _line;
            if (_pos >= length) return false;
            var rest = buffer.AsSpan(_pos, length - _pos);
            var i = rest.IndexOfAny((byte)'\n', (byte)'"');
            if (i >= 0 && rest[i] == (byte)'"')
            {
                ReadQuoted(fields, out error);
                return true;
            }
            var next = i < 0 ? length : _pos + i + 1;
            var end = i < 0 ? length : _pos + i;
            if (end > _pos && buffer[end - 1] == (byte)'\r') end--;
            _line++;
            if (end == _pos)
            {
                _pos = next; // blank line
                continue;
            }
            fields.Count = 0;
            var start = _pos;
            while (true)
            {
                var d = buffer.AsSpan(start, end - start).IndexOf(delimiter);
                if (d < 0)
                {
                    fields.Add(start, end - start);
                    break;
                }
                fields.Add(start, d);
                start += d + 1;
            }
            _pos = next;
            return true;
        }
    }

    /// <summary>The slow path, for a record holding a quote: byte by byte.</summary>
    private void ReadQuoted(CsvFields fields, out string? error)
    {
        error = null;
        fields.Count = 0;
        var p = _pos;
        while (true)
        {
            if (p < length && buffer[p] == (byte)'"')
            {
                var start = p + 1;
                var write = start;
                var read = start;
                var closed = false;
                while (read < length)
                {
                    var b = buffer[read];
                    if (b == (byte)'"')
                    {
                        if (read + 1 < length && buffer[read + 1] == (byte)'"')
                        {
                            buffer[write++] = (byte)'"';
                            read += 2;
                            continue;
                        }
                        closed = true;
                        read++;
                        break;
                    }
                    if (b == (byte)'\n') _line++;
                    buffer[write++] = b;
                    read++;
                }
                if (!closed)
                {
                    error = "guillemet ouvrant sans guillemet fermant (attendu \"…\" autour de la valeur)";
                    _line++;
                    _pos = length;
                    return;
                }
                fields.Add(start, write - start);
                p = read;
                if (p >= length) break;
                if (buffer[p] == delimiter) { p++; continue; }
                if (buffer[p] == (byte)'\n') { p++; break; }
                if (buffer[p] == (byte)'\r' && p + 1 < length && buffer[p + 1] == (byte)'\n') { p += 2; break; }
                if (buffer[p] == (byte)'\r' && p + 1 == length) { p++; break; }
                error = "caractère inattendu après un guillemet fermant (attendu le séparateur ou une fin de ligne)";
                SkipLine(p);
                return;
            }
            else
            {
                var start = p;
                while (p < length && buffer[p] != delimiter && buffer[p] != (byte)'\n' && buffer[p] != (byte)'"') p++;
                if (p < length && buffer[p] == (byte)'"')
                {
                    error = "guillemet inattendu dans une valeur qui ne commence pas par un guillemet (doubler les guillemets et entourer la valeur de guillemets)";
                    SkipLine(p);
                    return;
                }
                var end = p;
                if (p >= length || buffer[p] == (byte)'\n')
                {
                    if (end > start && buffer[end - 1] == (byte)'\r') end--;
                    fields.Add(start, end - start);
                    if (p < length) p++;
                    break;
                }
                fields.Add(start, end - start);
                p++; // delimiter
            }
        }
        _line++;
        _pos = p;
    }

    private void SkipLine(int p)
    {
        var nl = buffer.AsSpan(p, length - p).IndexOf((byte)'\n');
        _pos = nl < 0 ? length : p + nl + 1;
        _line++;
    }
}
