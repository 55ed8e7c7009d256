using System.Text.Json;

namespace Jalon.Referentiels;

/// <summary>A level of the French activity nomenclature NAF rév. 2 (section → division → groupe → classe → sous-classe).</summary>
public enum NafNiveau : byte
{
    Division,
    Groupe,
    Classe,
    SousClasse,
}

/// <summary>A NAF rév. 2 code and its label (e.g. <c>56.10A</c> « Restauration traditionnelle »).</summary>
public sealed record NafCode(string Code, string Libelle)
{
    /// <summary>The level, from the shape of the code: <c>56</c>, <c>56.1</c>, <c>56.10</c>, <c>56.10A</c>.</summary>
    public NafNiveau Niveau => Code.Length switch
    {
        2 => NafNiveau.Division,
        4 => NafNiveau.Groupe,
        5 => NafNiveau.Classe,
        _ => NafNiveau.SousClasse,
    };

    /// <summary>The division (two digits), the level the employer indicators break down by.</summary>
    public string Division => Code[..2];
}

/// <summary>
/// The NAF rév. 2 nomenclature (divisions, groupes, classes and the 732 sous-classes an establishment's APE code is
/// one of), from the npm package <c>@socialgouv/codes-naf</c> pinned in package.json, embedded at build time
/// (Jalon.Referentiels.csproj): nothing is fetched at run time. See docs/referentiels.md.
/// </summary>
public static class Naf
{
    private static readonly Lazy<(IReadOnlyList<NafCode> All, IReadOnlyDictionary<string, NafCode> ByCode)> Embedded = new(Load);

    /// <summary>Every code of every level, sorted by code.</summary>
    public static IReadOnlyList<NafCode> All => Embedded.Value.All;

    /// <summary>The sous-classes (APE codes of establishments): <c>NN.NNL</c>.</summary>
    public static IEnumerable<NafCode> SousClasses => All.Where(c => c.Niveau == NafNiveau.SousClasse);

    /// <summary>A code of any level, written as INSEE writes it (<c>56.10A</c>), or null.</summary>
    public static NafCode? Find(string? code) =>
        code is not null && Embedded.Value.ByCode.TryGetValue(Normalize(code), out var naf) ? naf : null;

    /// <summary>
    /// The code as INSEE writes it: upper case, with the dot (<c>5610a</c> and <c>56.10a</c> give <c>56.10A</c>).
    /// Does not check that the code exists (<see cref="Find"/> does).
    /// </summary>
    public static string Normalize(string code)
    {
        var trimmed = code.Trim().ToUpperInvariant();
        return trimmed.Length >= 3 && trimmed[2] != '.' && char.IsAsciiDigit(trimmed[2]) ? trimmed[..2] + "." + trimmed[2..] : trimmed;
    }

    private static (IReadOnlyList<NafCode>, IReadOnlyDictionary<string, NafCode>) Load()
    {
        using var resource = typeof(Naf).Assembly.GetManifestResourceStream("Jalon.Referentiels.codes-naf.json")
            ?? throw new InvalidOperationException("NAF codes missing from Jalon.Referentiels (npm package @socialgouv/codes-naf).");
        using var document = JsonDocument.Parse(resource);
        var codes = document.RootElement.EnumerateArray()
            .Select(e => new NafCode(e.GetProperty("id").GetString()!, e.GetProperty("label").GetString()!))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        return (codes, codes.ToDictionary(c => c.Code, StringComparer.Ordinal));
    }
}
