using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Jalon.Referentiels;

public sealed record Region(string Code, string Nom);

public sealed record Departement(string Code, string Region, string Nom);

/// <summary>An établissement public de coopération intercommunale à fiscalité propre (SIREN code, type CA/CC/CU/METRO).</summary>
public sealed record Epci(string Code, string Type, string Nom);

/// <summary>A current commune: INSEE code, department, region, arrondissement, legal population, name, EPCI (SIREN, empty
/// for the few communes in none) and main postal code.</summary>
public sealed record Commune(string Code, string Departement, string Region, string Arrondissement, int Population, string Nom,
    string Epci = "", string CodePostal = "");

/// <summary>A former commune (commune déléguée or associée) and the current commune it is part of.</summary>
public sealed record AncienneCommune(string Code, string Commune, string Nom);

/// <summary>
/// The INSEE Code officiel géographique of one year (<see cref="CogYear"/>): regions, departments, EPCI and current
/// communes (with population) of metropolitan France and the overseas departments, from the npm package
/// @etalab/decoupage-administratif, compacted at build time into an embedded resource (see
/// Jalon.Referentiels.csproj and docs/referentiels.md). Sorted by code.
/// </summary>
public sealed class InseeData
{
    private static readonly Lazy<InseeData> Embedded = new(Load);

    private InseeData(int cogYear, List<Region> regions, List<Departement> departements, List<Epci> epcis, List<Commune> communes,
        List<AncienneCommune> anciennes)
    {
        CogYear = cogYear;
        Regions = regions;
        Departements = departements;
        Epcis = epcis;
        Communes = communes;
        AnciennesCommunes = anciennes;
        RegionsByCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        DepartementsByCode = departements.ToDictionary(d => d.Code, StringComparer.Ordinal);
        EpcisByCode = epcis.ToDictionary(e => e.Code, StringComparer.Ordinal);
        CommunesByCode = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        CommunesByDepartement = communes.GroupBy(c => c.Departement, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Commune>)g.ToList(), StringComparer.Ordinal);
        CommunesByEpci = communes.Where(c => c.Epci.Length > 0).GroupBy(c => c.Epci, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Commune>)g.ToList(), StringComparer.Ordinal);
        AnciennesByCode = anciennes.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    /// <summary>The data embedded in this assembly (loaded once).</summary>
    public static InseeData Instance => Embedded.Value;

    /// <summary>The year of the Code officiel géographique (communes and EPCI as on 1 January of that year).</summary>
    public int CogYear { get; }

    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Departement> Departements { get; }
    public IReadOnlyList<Epci> Epcis { get; }
    public IReadOnlyList<Commune> Communes { get; }
    public IReadOnlyList<AncienneCommune> AnciennesCommunes { get; }
    public IReadOnlyDictionary<string, Region> RegionsByCode { get; }
    public IReadOnlyDictionary<string, Departement> DepartementsByCode { get; }
    public IReadOnlyDictionary<string, Epci> EpcisByCode { get; }
    public IReadOnlyDictionary<string, Commune> CommunesByCode { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<Commune>> CommunesByDepartement { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<Commune>> CommunesByEpci { get; }
    public IReadOnlyDictionary<string, AncienneCommune> AnciennesByCode { get; }

    /// <summary>
    /// The current commune of an INSEE code: the commune itself, or the current commune a former (delegated or
    /// associated) commune belongs to; null when the code is unknown to this COG.
    /// </summary>
    public Commune? Current(string code)
    {
        if (CommunesByCode.TryGetValue(code, out var commune)) return commune;
        return AnciennesByCode.TryGetValue(code, out var ancienne) && CommunesByCode.TryGetValue(ancienne.Commune, out var current) ? current : null;
    }

    private static InseeData Load()
    {
        using var resource = typeof(InseeData).Assembly.GetManifestResourceStream("Jalon.Referentiels.insee.tsv.gz")
            ?? throw new InvalidOperationException("INSEE reference data missing from Jalon.Referentiels (build step CompactInseeData).");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var cog = 0;
        var regions = new List<Region>();
        var departements = new List<Departement>();
        var epcis = new List<Epci>(1300);
        var communes = new List<Commune>(35_000);
        var anciennes = new List<AncienneCommune>(3000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            switch (f[0])
            {
                case "G": cog = int.Parse(f[1], CultureInfo.InvariantCulture); break;
                case "R": regions.Add(new Region(f[1], f[2])); break;
                case "D": departements.Add(new Departement(f[1], f[2], f[3])); break;
                case "E": epcis.Add(new Epci(f[1], f[2], f[3])); break;
                case "C":
                    communes.Add(new Commune(f[1], f[2], f[3], f[4], int.Parse(f[5], CultureInfo.InvariantCulture), f[6], f[7], f[8]));
                    break;
                case "A": anciennes.Add(new AncienneCommune(f[1], f[2], f[3])); break;
                default: throw new InvalidDataException($"Unexpected INSEE line: {line}");
            }
        }
        return new InseeData(cog, regions, departements, epcis, communes, anciennes);
    }
}
