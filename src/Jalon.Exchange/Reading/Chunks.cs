using System.Buffers;
using System.Text;

namespace Jalon.Exchange.Reading;

/// <summary>A run of whole records of one file, parsed independently of the others.</summary>
internal sealed class Chunk(FileReader reader, int sequence, byte[] buffer, int length, int firstLine, int lineCount)
{
    public FileReader Reader { get; } = reader;
    public int Sequence { get; } = sequence;
    public byte[] Buffer { get; } = buffer;
    public int Length { get; } = length;
    public int FirstLine { get; } = firstLine;
    public int LineCount { get; } = lineCount;
}

/// <summary>
/// Reads one file sequentially: skips the BOM, reads the header line (detecting the delimiter), then cuts
/// the rest into chunks of about <see cref="BlockSize"/> bytes that end at a record boundary (a line feed
/// outside quotes: quotes are balanced from a record boundary in RFC 4180).
/// </summary>
internal static class ChunkProducer
{
    public const int BlockSize = 1 << 20;

    /// <summary>Reads the header into <paramref name="reader"/>, then hands each chunk to <paramref name="emit"/>. Returns false for an empty file.</summary>
    public static bool Produce(Stream stream, FileReader reader, Action<Chunk> emit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var length = 0;
        var eof = false;

        // Header: up to the first line feed outside quotes.
        int headerEnd;
        while (true)
        {
            if (!eof) eof = Fill(stream, ref buffer, ref length);
            headerEnd = RecordBoundary(buffer.AsSpan(0, length), first: true);
            if (headerEnd > 0 || eof) break;
            Grow(ref buffer, length);
        }
        var skip = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        if (headerEnd <= 0) headerEnd = length;
        if (headerEnd - skip <= 0 || buffer.AsSpan(skip, headerEnd - skip).TrimEnd("\r\n"u8).IsEmpty)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return false;
        }
        var header = buffer.AsSpan(skip, headerEnd - skip);
        var delimiter = DetectDelimiter(header);
        var fields = new CsvFields(256);
        var headerCopy = header.ToArray();
        var tokenizer = new CsvTokenizer(headerCopy, headerCopy.Length, delimiter, 1);
        tokenizer.Next(fields, out _, out _);
        var names = new string[Math.Min(fields.Count, fields.Starts.Length)];
        for (var i = 0; i < names.Length; i++)
            names[i] = Encoding.UTF8.GetString(headerCopy, fields.Starts[i], fields.Lengths[i]).Trim();
        reader.SetHeader(names, delimiter);
        var line = 1 + header.Count((byte)'\n');

        // Records.
        var rest = length - headerEnd;
        Array.Copy(buffer, headerEnd, buffer, 0, rest);
        length = rest;
        var sequence = 0;
        while (true)
        {
            if (!eof) eof = Fill(stream, ref buffer, ref length);
            if (eof)
            {
                if (length > 0)
                {
                    var lines = buffer.AsSpan(0, length).Count((byte)'\n');
                    emit(new Chunk(reader, sequence, buffer, length, line, lines + 1));
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return true;
            }
            var cut = RecordBoundary(buffer.AsSpan(0, length), first: false);
            if (cut <= 0)
            {
                Grow(ref buffer, length);
                continue;
            }
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(BlockSize, length - cut + 1));
            Array.Copy(buffer, cut, next, 0, length - cut);
            var lineCount = buffer.AsSpan(0, cut).Count((byte)'\n');
            emit(new Chunk(reader, sequence++, buffer, cut, line, lineCount));
            line += lineCount;
            length -= cut;
            buffer = next;
        }
    }

    /// <summary>Fills the buffer from the stream; true at the end of the stream.</summary>
    private static bool Fill(Stream stream, ref byte[] buffer, ref int length)
    {
        while (length < buffer.Length)
        {
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0) return true;
            length += n;
        }
        return false;
    }

    private static void Grow(ref byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Array.Copy(buffer, bigger, length);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>Just after the first (or last) line feed outside quotes, or 0 when there is none.</summary>
    private static int RecordBoundary(ReadOnlySpan<byte> data, bool first)
    {
        if (data.IndexOf((byte)'"') < 0)
            return (first ? data.IndexOf((byte)'\n') : data.LastIndexOf((byte)'\n')) + 1;
        var inQuotes = false;
        var last = -1;
        var p = 0;
        while (true)
        {
            var i = data[p..].IndexOfAny((byte)'\n', (byte)'"');
            if (i < 0) return last + 1;
            p += i;
            if (data[p] == (byte)'"') inQuotes = !inQuotes;
            else if (!inQuotes)
            {
                if (first) return p + 1;
                last = p;
            }
            p++;
        }
    }

    /// <summary><c>;</c> when the header line has more semicolons than commas outside quotes, else <c>,</c>.</summary>
    private static byte DetectDelimiter(ReadOnlySpan<byte> header)
    {
        int commas = 0, semicolons = 0;
        var inQuotes = false;
        foreach (var b in header)
        {
            if (b == (byte)'"') inQuotes = !inQuotes;
            else if (!inQuotes && b == (byte)',') commas++;
            else if (!inQuotes && b == (byte)';') semicolons++;
        }
        return semicolons > commas ? (byte)';' : (byte)',';
    }
}
