using System.Text.RegularExpressions;

namespace Jalon.Domain.Structures;

/// <summary>Mission Locale, or PAIO (permanence d'accueil, d'information et d'orientation).</summary>
public enum TypeStructure : byte { MissionLocale, Paio }

/// <summary>A college of the board (conseil d'administration), seed 004: élus, administrations, associations, partenaires.</summary>
public enum NatureCollege : byte { Deliberatif, Consultatif }

public sealed record College(string Nom, NatureCollege Nature, int? Sieges = null);

/// <summary>A phone line with what it is for (« Ligne jeunes », « Ligne partenaires », « Fax »).</summary>
public sealed record Telephone(string Libelle, string Numero);

/// <summary>
/// The legal identity and governance of a structure (« fiche structure »): one version, valid from a date. The address has
/// a street part, an optional PO box (« BP 197 ») and either the commune's postal code or a CEDEX form
/// (« 26105 ROMANS SUR ISERE CEDEX »).
/// </summary>
public sealed record ProfilStructure
{
    public required string RaisonSociale { get; init; }
    public TypeStructure Type { get; init; } = TypeStructure.MissionLocale;
    public string? Siret { get; init; }
    public string? Adresse { get; init; }
    public string? BoitePostale { get; init; }
    public string? CodePostal { get; init; }

    /// <summary>INSEE code of the commune of the head office.</summary>
    public string? Commune { get; init; }

    public string? Ville { get; init; }

    /// <summary>CEDEX code (5 digits) when mail goes through a CEDEX distribution: then the last line is « CODE VILLE CEDEX ».</summary>
    public string? CodeCedex { get; init; }

    public IReadOnlyList<Telephone> Telephones { get; init; } = [];
    public string? Email { get; init; }
    public string? SiteWeb { get; init; }
    public string? President { get; init; }
    public string? Directeur { get; init; }
    public IReadOnlyList<College> Colleges { get; init; } = [];
    public DateOnly? DateCreation { get; init; }

    /// <summary>The postal address, one line per element, the last in CEDEX form when there is a CEDEX code.</summary>
    public IReadOnlyList<string> AdressePostale()
    {
        var lines = new List<string> { RaisonSociale };
        if (!string.IsNullOrWhiteSpace(Adresse)) lines.Add(Adresse);
        if (!string.IsNullOrWhiteSpace(BoitePostale)) lines.Add(BoitePostale);
        var ville = (Ville ?? "").ToUpperInvariant();
        if (CodeCedex is { Length: > 0 } cedex) lines.Add($"{cedex} {ville} CEDEX");
        else if (CodePostal is { Length: > 0 } cp) lines.Add($"{cp} {ville}".TrimEnd());
        return lines;
    }

    /// <summary>What is wrong with the profile, as (field, French message): an empty list when it is sound.</summary>
    public IReadOnlyList<(string Champ, string Message)> Problemes()
    {
        var result = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(RaisonSociale)) result.Add(("RaisonSociale", "La raison sociale est obligatoire."));
        if (Siret is { Length: > 0 } s && !IsSiret(s)) result.Add(("Siret", "Le SIRET doit compter 14 chiffres et respecter la clé de contrôle (ex. 44306184100047)."));
        if (CodePostal is { Length: > 0 } cp && !Regex.IsMatch(cp, "^[0-9]{5}$")) result.Add(("CodePostal", "Le code postal doit compter 5 chiffres (ex. 26100)."));
        if (CodeCedex is { Length: > 0 } c && !Regex.IsMatch(c, "^[0-9]{5}$")) result.Add(("CodeCedex", "Le code CEDEX doit compter 5 chiffres (ex. 26105)."));
        if (Email is { Length: > 0 } e && !Regex.IsMatch(e, @"^[^@\s]+@[^@\s]+\.[^@\s]+$")) result.Add(("Email", "L'adresse électronique n'est pas valide (ex. contact@mission-locale.fr)."));
        if (SiteWeb is { Length: > 0 } w && !Uri.TryCreate(w, UriKind.Absolute, out _)) result.Add(("SiteWeb", "Le site web doit être une adresse complète (ex. https://www.mission-locale.fr)."));
        foreach (var t in Telephones.Where(t => !Regex.IsMatch(t.Numero, @"^\+?[0-9 .\-]{10,20}$")))
            result.Add(("Telephones", $"Le numéro « {t.Numero} » n'est pas un numéro de téléphone (ex. 04 75 70 79 40)."));
        return result;
    }

    /// <summary>14 digits with a valid Luhn key (La Poste's SIRETs, 356000000xxxxx, use another rule and are accepted).</summary>
    public static bool IsSiret(string siret)
    {
        if (siret.Length != 14 || !siret.All(char.IsAsciiDigit)) return false;
        if (siret.StartsWith("356000000", StringComparison.Ordinal)) return siret.Sum(c => c - '0') % 5 == 0;
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = siret[13 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}

/// <summary>A version of a structure's profile: valid from <see cref="ValableDu"/>, recorded at <see cref="SaisiLe"/> by <see cref="SaisiPar"/>.</summary>
public sealed record ProfilVersion(DateOnly ValableDu, ProfilStructure Profil, DateTime SaisiLe, string? SaisiPar);

public static class ProfilHistorique
{
    /// <summary>
    /// The profile in force on a day: the version valid from the latest date on or before that day (of two versions valid
    /// from the same day, the last recorded). Null before the first version.
    /// </summary>
    public static ProfilVersion? AsOf(IEnumerable<ProfilVersion> versions, DateOnly day) =>
        versions.Where(v => v.ValableDu <= day).OrderBy(v => v.ValableDu).ThenBy(v => v.SaisiLe).LastOrDefault();
}
