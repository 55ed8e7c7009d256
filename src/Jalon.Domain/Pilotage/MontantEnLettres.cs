using System.Text;

namespace Jalon.Domain.Pilotage;

/// <summary>
/// Amounts in French words, as written in an avenant (« deux cent quarante-trois mille cinq cents euros »),
/// following the traditional rules (not the 1990 reform):
/// hyphens between tens and units below one hundred, except with « et » (« vingt et un », « soixante et onze »);
/// « quatre-vingts » and « cents » take an s when multiplied and ending the number, or before « million(s) » and
/// « milliard(s) » (nouns), never before « mille » (invariable); « million » and « milliard » take an s in the plural;
/// « mille » never takes « un » before it; « un million d'euros ».
/// </summary>
public static class MontantEnLettres
{
    private static readonly string[] Unites =
    [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
        "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
    ];

    private static readonly string[] Dizaines = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

    /// <summary>An amount in euros and centimes: « mille deux cents euros et cinquante centimes ».</summary>
    public static string Euros(decimal montant)
    {
        if (montant < 0) throw new ArgumentOutOfRangeException(nameof(montant), "Un montant en lettres est positif.");
        var arrondi = Math.Round(montant, 2, MidpointRounding.AwayFromZero);
        var euros = (long)decimal.Truncate(arrondi);
        var centimes = (int)((arrondi - euros) * 100);
        var sb = new StringBuilder();
        if (euros > 0 || centimes == 0)
        {
            sb.Append(Nombre(euros));
            // « un million d'euros », « deux milliards d'euros »: de before a noun of quantity ending the number.
            var finitParNom = euros >= 1_000_000 && euros % 1_000_000 == 0;
            sb.Append(finitParNom ? " d'euros" : euros >= 2 ? " euros" : " euro");
        }
        if (centimes > 0)
        {
            if (sb.Length > 0) sb.Append(" et ");
            sb.Append(Nombre(centimes)).Append(centimes >= 2 ? " centimes" : " centime");
        }
        return sb.ToString();
    }

    /// <summary>A whole number in French words (0 to 999 999 999 999).</summary>
    public static string Nombre(long n)
    {
        if (n < 0 || n > 999_999_999_999) throw new ArgumentOutOfRangeException(nameof(n));
        if (n == 0) return "zéro";
        var parts = new List<string>();
        var milliards = (int)(n / 1_000_000_000);
        var millions = (int)(n / 1_000_000 % 1000);
        var milliers = (int)(n / 1000 % 1000);
        var reste = (int)(n % 1000);
        if (milliards > 0) parts.Add(Centaines(milliards, devantNom: true) + (milliards > 1 ? " milliards" : " milliard"));
        if (millions > 0) parts.Add(Centaines(millions, devantNom: true) + (millions > 1 ? " millions" : " million"));
        if (milliers > 0) parts.Add(milliers == 1 ? "mille" : Centaines(milliers, devantNom: false) + " mille");
        if (reste > 0) parts.Add(Centaines(reste, devantNom: true));
        return string.Join(' ', parts);
    }

    /// <summary>
    /// 1 to 999. <paramref name="devantNom"/>: the group ends the number or comes before million/milliard,
    /// so that « cents » and « quatre-vingts » keep their s; false before « mille ».
    /// </summary>
    private static string Centaines(int n, bool devantNom)
    {
        var c = n / 100;
        var r = n % 100;
        var sb = new StringBuilder();
        if (c > 0)
        {
            if (c > 1) sb.Append(Unites[c]).Append(' ');
            sb.Append("cent");
            if (c > 1 && r == 0 && devantNom) sb.Append('s');
        }
        if (r > 0)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(Dizaine(r, devantNom));
        }
        return sb.ToString();
    }

    private static string Dizaine(int n, bool devantNom)
    {
        if (n < 20) return Unites[n];
        var d = n / 10;
        var u = n % 10;
        switch (d)
        {
            case 7: // soixante-dix … soixante-dix-neuf, soixante et onze
                return u == 1 ? "soixante et onze" : "soixante-" + Unites[10 + u];
            case 8: // quatre-vingts, quatre-vingt-un
                return u == 0 ? (devantNom ? "quatre-vingts" : "quatre-vingt") : "quatre-vingt-" + Unites[u];
            case 9: // quatre-vingt-dix … quatre-vingt-dix-neuf (no « et »)
                return "quatre-vingt-" + Unites[10 + u];
            default:
                if (u == 0) return Dizaines[d];
                if (u == 1) return Dizaines[d] + " et un";
                return Dizaines[d] + "-" + Unites[u];
        }
    }
}
