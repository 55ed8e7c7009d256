using Jalon.Domain;

namespace Jalon.Exchange;

/// <summary>Writes a package as the exchange format's CSV files. Contract; implementation pending.</summary>
public static class PackageWriter
{
    public static void Write(JourneyPackage package, string directory) => throw new NotImplementedException();
}
