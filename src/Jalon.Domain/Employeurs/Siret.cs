namespace Jalon.Domain.Employeurs;

/// <summary>
/// The SIRET of an establishment (14 digits: the company's SIREN, then the establishment's NIC) and its checksum:
/// the Luhn key over the 14 digits; La Poste's establishments (SIREN 356 000 000) may instead have digits that add up
/// to a multiple of 5 (INSEE's rule for them).
/// </summary>
public static class Siret
{
    private const string SirenLaPoste = "356000000";

    /// <summary>The SIRET without spaces, or null when it is not 14 digits.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        return compact.Length == 14 && compact.All(char.IsAsciiDigit) ? compact : null;
    }

    /// <summary>Whether the text is a SIRET with a correct key (spaces allowed: « 362 521 879 00034 »).</summary>
    public static bool IsValid(string? text) => Normalize(text) is { } siret && HasValidKey(siret);

    /// <summary>The French message for an invalid SIRET, or null when it is valid.</summary>
    public static string? Error(string? text) => Normalize(text) switch
    {
        null => "Le SIRET compte 14 chiffres (espaces permis).",
        var siret when !HasValidKey(siret) => "Ce SIRET n'existe pas : sa clé de contrôle est fausse (vérifiez chaque chiffre).",
        _ => null,
    };

    /// <summary>The SIREN (the company: the first nine digits).</summary>
    public static string Siren(string siret) => siret[..9];

    private static bool HasValidKey(string siret)
    {
        if (siret.StartsWith(SirenLaPoste, StringComparison.Ordinal) && siret.Sum(c => c - '0') % 5 == 0) return true;
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var digit = siret[13 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
