using System.IO.Compression;
using System.Text;

namespace Jalon.Generator;

public sealed record Region(string Code, string Nom);

public sealed record Departement(string Code, string Region, string Nom);

public sealed record Commune(string Code, string Departement, string Region, string Arrondissement, int Population, string Nom);

/// <summary>
/// INSEE reference data: regions, departments and current communes (with population) of metropolitan
/// France and the overseas departments, from the npm package @etalab/decoupage-administratif, compacted at
/// build time into an embedded resource (see Jalon.Generator.csproj and docs/generateur.md). Sorted by code.
/// </summary>
public sealed class InseeData
{
    private static readonly Lazy<InseeData> Embedded = new(Load);

    private InseeData(List<Region> regions, List<Departement> departements, List<Commune> communes)
    {
        Regions = regions;
        Departements = departements;
        Communes = communes;
        RegionsByCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        DepartementsByCode = departements.ToDictionary(d => d.Code, StringComparer.Ordinal);
        CommunesByCode = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        CommunesByDepartement = communes.GroupBy(c => c.Departement, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Commune>)g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>The data embedded in this assembly (loaded once).</summary>
    public static InseeData Instance => Embedded.Value;

    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Departement> Departements { get; }
    public IReadOnlyList<Commune> Communes { get; }
    public IReadOnlyDictionary<string, Region> RegionsByCode { get; }
    public IReadOnlyDictionary<string, Departement> DepartementsByCode { get; }
    public IReadOnlyDictionary<string, Commune> CommunesByCode { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<Commune>> CommunesByDepartement { get; }

    private static InseeData Load()
    {
        using var resource = typeof(InseeData).Assembly.GetManifestResourceStream("Jalon.Generator.insee.tsv.gz")
            ?? throw new InvalidOperationException("INSEE reference data missing from Jalon.Generator (build step CompactInseeData).");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var regions = new List<Region>();
        var departements = new List<Departement>();
        var communes = new List<Commune>(35_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            switch (f[0])
            {
                case "R": regions.Add(new Region(f[1], f[2])); break;
                case "D": departements.Add(new Departement(f[1], f[2], f[3])); break;
                case "C": communes.Add(new Commune(f[1], f[2], f[3], f[4], int.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), f[6])); break;
                default: throw new InvalidDataException($"Unexpected INSEE line: {line}");
            }
        }
        return new InseeData(regions, departements, communes);
    }
}
