using Jalon.Domain;

namespace Jalon.Exchange;

/// <summary>Where a problem was found in a package: file, 1-based line, column name.</summary>
public sealed record PackageIssue(string File, int Line, string? Column, string Message, bool IsError)
{
    /// <summary>The reported form: <c>file:line: column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Column ?? "-"}: {Message}";
}

public sealed record ReadResult(JourneyPackage? Package, IReadOnlyList<PackageIssue> Errors, IReadOnlyList<PackageIssue> Anomalies, IReadOnlyList<PackageIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads and validates a data package folder (docs/spec/format-echange.md). Contract; implementation pending.</summary>
public static class PackageReader
{
    public static ReadResult Read(string directory) => throw new NotImplementedException();
}
