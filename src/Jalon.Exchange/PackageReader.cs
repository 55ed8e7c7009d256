using System.IO.Compression;
using Jalon.Domain;
using Jalon.Exchange.Reading;

namespace Jalon.Exchange;

/// <summary>Where a problem was found in a package: file, 1-based line, column name.</summary>
/// <remarks>
/// Line 1 is the header; a record's line is the physical line where it starts. Line 0 is the file
/// as a whole (absent, unreadable, unknown); then <see cref="Column"/> is null and printed <c>-</c>.
/// </remarks>
public sealed record PackageIssue(string File, int Line, string? Column, string Message, bool IsError)
{
    /// <summary>The reported form: <c>file:line: column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Column ?? "-"}: {Message}";
}

/// <summary>A file of the package: whether it was there, and how many records (data lines) it held.</summary>
public sealed record FileSummary(string File, bool Present, int Rows);

public sealed record ReadResult(JourneyPackage? Package, IReadOnlyList<PackageIssue> Errors, IReadOnlyList<PackageIssue> Anomalies, IReadOnlyList<PackageIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Errors found beyond the <see cref="PackageReader.MaxReportedIssues"/> listed ones.</summary>
    public int OmittedErrors { get; init; }

    /// <summary>Anomalies found beyond the <see cref="PackageReader.MaxReportedIssues"/> listed ones.</summary>
    public int OmittedAnomalies { get; init; }

    public int ErrorCount => Errors.Count + OmittedErrors;

    public int AnomalyCount => Anomalies.Count + OmittedAnomalies;

    /// <summary>Every file of the format, in the format's order; the structure side's optional files (territoires, sites, brh,
    /// budget, contexte) only when present.</summary>
    public IReadOnlyList<FileSummary> Files { get; init; } = [];

    /// <summary>How long the reading took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Writes the errors, then the anomalies, then the warnings, one <c>file:line: column: message</c> per line.</summary>
    public void WriteIssues(TextWriter writer, bool errors = true, bool anomalies = true, bool warnings = true)
    {
        if (errors) Write(writer, Errors, OmittedErrors, "erreur");
        if (anomalies) Write(writer, Anomalies, OmittedAnomalies, "anomalie");
        if (warnings) Write(writer, Warnings, 0, "avertissement");
    }

    private static void Write(TextWriter writer, IReadOnlyList<PackageIssue> issues, int omitted, string kind)
    {
        foreach (var issue in issues) writer.WriteLine(issue.ToString());
        if (omitted > 0) writer.WriteLine($"… et {omitted} autre{(omitted > 1 ? "s" : "")} {kind}{(omitted > 1 ? "s" : "")} non listée{(omitted > 1 ? "s" : "")}");
    }
}

/// <summary>
/// Reads and validates a data package (docs/format-echange.md) into a <see cref="JourneyPackage"/>:
/// every error, anomaly and warning is reported; the package is built only when there is no error.
/// </summary>
public static class PackageReader
{
    /// <summary>At most this many errors (and as many anomalies, and warnings) are listed; the rest are only counted.</summary>
    public const int MaxReportedIssues = 10_000;

    /// <summary>The files of the format, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "structures.csv", "jeunes.csv", "contacts.csv", "orientations.csv", "parcours.csv",
        "propositions.csv", "situations.csv", "droits.csv", "parrainages.csv", "moyens.csv",
        "territoires.csv", "sites.csv", "brh.csv", "budget.csv", "contexte.csv",
    ];

    /// <summary>Reads the package in a folder.</summary>
    public static ReadResult Read(string directory)
    {
        if (!Directory.Exists(directory))
            return Failed(directory, "dossier introuvable");
        return Read(
            name =>
            {
                var path = Path.Combine(directory, name);
                return File.Exists(path)
                    ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan)
                    : null;
            },
            Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>());
    }

    /// <summary>
    /// Reads a package from any file source: <paramref name="open"/> returns a file's content, or null when the
    /// file is absent. It is called from one thread at a time and the stream is disposed by the reader.
    /// <paramref name="fileNames"/>, when given, lists the files present, to warn about unknown ones.
    /// </summary>
    public static ReadResult Read(Func<string, Stream?> open, IEnumerable<string>? fileNames = null) =>
        new ReadSession(open).Run(fileNames);

    /// <summary>
    /// Reads a package from a zip archive (e.g. an upload): files at its root, or in a single folder. The archive is held
    /// to <paramref name="limits"/> (default <see cref="ZipLimits.Default"/>): number of entries, total decompressed size,
    /// length of a line; beyond them, a clear error and nothing read further.
    /// </summary>
    public static ReadResult ReadZip(Stream zip, ZipLimits? limits = null)
    {
        limits ??= ZipLimits.Default;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            return Failed("archive.zip", $"archive zip illisible : {e.Message}");
        }
        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                return Failed("archive.zip",
                    $"l'archive contient {archive.Entries.Count.ToString("N0", Fr)} entrées, au plus {limits.MaxEntries.ToString("N0", Fr)} sont acceptées (les fichiers CSV du format d'échange)");
            }
            var declared = archive.Entries.Sum(e => e.Length);
            if (declared > limits.MaxTotalBytes)
            {
                return Failed("archive.zip",
                    $"l'archive décompressée ferait {Size(declared)}, au plus {Size(limits.MaxTotalBytes)} sont acceptés : déposez un paquet plus petit ou importez-le avec ./jalon importer");
            }
            var budget = new DecompressedBudget(limits);
            var files = archive.Entries.Where(e => e.Name.Length > 0).ToList();
            var anchor = files.FirstOrDefault(e => e.Name == "structures.csv") ?? files.FirstOrDefault(e => e.Name == "jeunes.csv");
            var prefix = anchor is null ? "" : anchor.FullName[..^anchor.Name.Length];
            var entries = files
                .Where(e => e.FullName.Length == prefix.Length + e.Name.Length && e.FullName.StartsWith(prefix, StringComparison.Ordinal))
                .GroupBy(e => e.Name)
                .ToDictionary(g => g.Key, g => g.First());
            return Read(name => entries.TryGetValue(name, out var entry) ? new LimitedStream(entry.Open(), budget) : null, entries.Keys);
        }
    }

    private static readonly System.Globalization.CultureInfo Fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");

    internal static string Size(long bytes) => bytes >= 1 << 20
        ? (bytes / (double)(1 << 20)).ToString("N0", Fr) + " Mio"
        : (bytes / 1024.0).ToString("N0", Fr) + " Kio";

    private static ReadResult Failed(string file, string message) =>
        new(null, [new PackageIssue(file, 0, null, message, true)], [], []);
}

/// <summary>Limits on a package deposited as a zip archive (<see cref="PackageReader.ReadZip"/>).</summary>
public sealed record ZipLimits(int MaxEntries, long MaxTotalBytes, int MaxLineBytes)
{
    /// <summary>100 entries (the format has 10 files), 2 Gio decompressed (a national package is about 0,8 Gio), lines of 16 Kio.</summary>
    public static ZipLimits Default { get; } = new(100, 2L << 30, 16 << 10);
}

/// <summary>A limit of a deposited package was exceeded while reading a file, at a line (1-based).</summary>
public sealed class PackageLimitException(string message, int line) : IOException(message)
{
    public int Line { get; } = line;
}

/// <summary>The decompressed bytes still allowed for the whole archive.</summary>
internal sealed class DecompressedBudget(ZipLimits limits)
{
    private long _read;

    public ZipLimits Limits { get; } = limits;

    public bool Take(int bytes) => Interlocked.Add(ref _read, bytes) <= Limits.MaxTotalBytes;
}

/// <summary>Reads an archive entry while counting its bytes against the archive's budget and the length of each line.</summary>
internal sealed class LimitedStream(Stream inner, DecompressedBudget budget) : Stream
{
    private int _line = 1;
    private int _lineBytes;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n == 0) return 0;
        if (!budget.Take(n))
        {
            throw new PackageLimitException(
                $"l'archive décompressée dépasse {PackageReader.Size(budget.Limits.MaxTotalBytes)} : déposez un paquet plus petit ou importez-le avec ./jalon importer", _line);
        }
        var span = buffer[..n];
        while (true)
        {
            var newline = span.IndexOf((byte)'\n');
            var length = newline < 0 ? span.Length : newline;
            _lineBytes += length;
            if (_lineBytes > budget.Limits.MaxLineBytes)
            {
                throw new PackageLimitException(
                    $"ligne de plus de {budget.Limits.MaxLineBytes.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} octets : ce n'est pas un fichier du format d'échange", _line);
            }
            if (newline < 0) break;
            _line++;
            _lineBytes = 0;
            span = span[(newline + 1)..];
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
