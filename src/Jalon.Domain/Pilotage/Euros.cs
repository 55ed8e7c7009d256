using System.Globalization;
using System.Text;

namespace Jalon.Domain.Pilotage;

/// <summary>
/// Money written the French way: groups of three digits separated by a non-breaking space,
/// a decimal comma, and « € » after a non-breaking space (« 243 500 € », « 1 234,50 € »).
/// Independent of the machine's culture data.
/// </summary>
public static class Euros
{
    /// <summary>Non-breaking space (U+00A0), used between digit groups and before the € sign.</summary>
    public const char Espace = '\u00A0';

    /// <summary>« 243 500 € », or with cents when there are some: « 243 500,50 € ».</summary>
    public static string Format(decimal montant) => Nombre(montant, montant != decimal.Truncate(montant) ? 2 : 0) + Espace + "€";

    /// <summary>Always with two decimals: « 243 500,00 € ».</summary>
    public static string FormatCentimes(decimal montant) => Nombre(montant, 2) + Espace + "€";

    /// <summary>A number with French separators and a fixed count of decimals.</summary>
    public static string Nombre(decimal valeur, int decimales)
    {
        var arrondi = Math.Round(valeur, decimales, MidpointRounding.AwayFromZero);
        var texte = Math.Abs(arrondi).ToString("F" + decimales.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var point = texte.IndexOf('.');
        var entier = point < 0 ? texte : texte[..point];
        var sb = new StringBuilder();
        if (arrondi < 0) sb.Append('-');
        for (var i = 0; i < entier.Length; i++)
        {
            if (i > 0 && (entier.Length - i) % 3 == 0) sb.Append(Espace);
            sb.Append(entier[i]);
        }
        if (point >= 0) sb.Append(',').Append(texte, point + 1, texte.Length - point - 1);
        return sb.ToString();
    }

    /// <summary>A number with French separators and up to <paramref name="decimales"/> decimals, trailing zeros removed.</summary>
    public static string Reel(double valeur, int decimales)
    {
        var texte = Nombre((decimal)Math.Round(valeur, decimales, MidpointRounding.AwayFromZero), decimales);
        if (texte.Contains(',')) texte = texte.TrimEnd('0').TrimEnd(',');
        return texte;
    }

    /// <summary>A whole number with French digit groups: « 12 345 ».</summary>
    public static string Entier(long valeur) => Nombre(valeur, 0);

    /// <summary>A percentage « 12,3 % » from a ratio 0.123.</summary>
    public static string Pourcentage(double ratio, int decimales = 1) => Reel(ratio * 100, decimales) + Espace + "%";
}
