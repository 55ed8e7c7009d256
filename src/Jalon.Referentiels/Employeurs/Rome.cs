using System.Text;

namespace Jalon.Referentiels;

/// <summary>A code of the Répertoire opérationnel des métiers et des emplois (ROME, France Travail) and its label.</summary>
public sealed record RomeCode(string Code, string Libelle)
{
    /// <summary>The grand domaine (one letter, A to N).</summary>
    public char GrandDomaine => Code[0];

    /// <summary>The domaine professionnel (letter and two digits, e.g. <c>G16</c>): the level matching widens to.</summary>
    public string DomaineProfessionnel => Code[..3];
}

/// <summary>
/// ROME occupations. The code's shape (a letter A–N and four digits, the « fiche métier ») and the fourteen grands
/// domaines are fixed. No package of the registries this project reaches (npm, NuGet, Debian) publishes the list of
/// the fiches: Jalon embeds an <b>unofficial sample</b> of common fiches (<c>Employeurs/rome-echantillon.csv</c>) for the
/// forms, the generator and the demo, and accepts any well-formed code (docs/referentiels.md).
/// </summary>
public static class Rome
{
    /// <summary>The fourteen grands domaines of the ROME.</summary>
    public static readonly IReadOnlyDictionary<char, string> GrandsDomaines = new Dictionary<char, string>
    {
        ['A'] = "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
        ['B'] = "Arts et façonnage d'ouvrages d'art",
        ['C'] = "Banque, assurance, immobilier",
        ['D'] = "Commerce, vente et grande distribution",
        ['E'] = "Communication, média et multimédia",
        ['F'] = "Construction, bâtiment et travaux publics",
        ['G'] = "Hôtellerie-restauration, tourisme, loisirs et animation",
        ['H'] = "Industrie",
        ['I'] = "Installation et maintenance",
        ['J'] = "Santé",
        ['K'] = "Services à la personne et à la collectivité",
        ['L'] = "Spectacle",
        ['M'] = "Support à l'entreprise",
        ['N'] = "Transport et logistique",
    };

    private static readonly Lazy<(IReadOnlyList<RomeCode> All, IReadOnlyDictionary<string, RomeCode> ByCode)> Embedded = new(Load);

    /// <summary>The embedded sample of fiches, sorted by code.</summary>
    public static IReadOnlyList<RomeCode> Echantillon => Embedded.Value.All;

    /// <summary>Whether a code has the ROME shape: a letter from A to N then four digits (<c>G1602</c>).</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 5 } && code[0] is >= 'A' and <= 'N' && code.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>The label of a code: the fiche's when it is in the sample, else « grand domaine » of a well-formed code, else null.</summary>
    public static string? Libelle(string? code)
    {
        if (!IsWellFormed(code)) return null;
        return Embedded.Value.ByCode.TryGetValue(code!, out var rome) ? rome.Libelle : $"{code} ({GrandsDomaines[code![0]]})";
    }

    /// <summary>A fiche of the sample, or null.</summary>
    public static RomeCode? Find(string? code) => code is not null && Embedded.Value.ByCode.TryGetValue(code, out var rome) ? rome : null;

    private static (IReadOnlyList<RomeCode>, IReadOnlyDictionary<string, RomeCode>) Load()
    {
        using var resource = typeof(Rome).Assembly.GetManifestResourceStream("Jalon.Referentiels.Employeurs.rome-echantillon.csv")
            ?? throw new InvalidOperationException("ROME sample missing from Jalon.Referentiels.");
        using var reader = new StreamReader(resource, Encoding.UTF8);
        var codes = new List<RomeCode>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var separator = line.IndexOf(';', StringComparison.Ordinal);
            var code = line[..separator];
            if (!IsWellFormed(code)) throw new InvalidDataException($"rome-echantillon.csv : code ROME mal formé « {code} ».");
            codes.Add(new RomeCode(code, line[(separator + 1)..]));
        }
        codes.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return (codes, codes.ToDictionary(c => c.Code, StringComparer.Ordinal));
    }
}
