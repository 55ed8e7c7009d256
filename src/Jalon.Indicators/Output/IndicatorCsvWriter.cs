using System.Globalization;
using System.Text;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Output;

/// <summary>
/// Writes the results as a CSV for French Excel: UTF-8 with BOM, <c>;</c> separated, decimal comma, the French
/// label beside each key; the N−1 value beside N when it was computed.
/// </summary>
public static class IndicatorCsvWriter
{
    public static void Write(IndicatorResults results, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.Write('\uFEFF');
        Write(results, writer);
    }

    /// <summary>Writes the rows (without BOM) to a text writer.</summary>
    public static void Write(IndicatorResults results, TextWriter writer)
    {
        var previous = results.Previous;
        var header = new List<string> { "niveau", "code", "nom", "indicateur", "libellé", "nature", "valeur", "femmes", "infra V", "QPV", "ZRR", "NEET" };
        if (previous is not null) header.AddRange(["valeur N-1", "femmes N-1", "infra V N-1", "QPV N-1", "ZRR N-1", "NEET N-1"]);
        header.AddRange(["début", "fin"]);
        writer.Write(string.Join(';', header));
        writer.Write("\r\n");
        var debut = results.Period.Debut.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var fin = results.Period.Fin.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var cells = new List<string>(header.Count);
        foreach (var row in results.Current.Rows())
        {
            cells.Clear();
            var d = row.Value.Definition;
            cells.Add(row.Level.Level.Code());
            cells.Add(Quote(row.Level.Code));
            cells.Add(Quote(row.Level.Nom));
            cells.Add(Quote(d.Cle));
            cells.Add(Quote(d.Libelle));
            cells.Add(NatureName(d.Nature));
            AddValue(cells, row.Value);
            if (previous is not null) AddValue(cells, previous.Get(row.Level.Level, row.Level.Code, d.Cle));
            cells.Add(debut);
            cells.Add(fin);
            writer.Write(string.Join(';', cells));
            writer.Write("\r\n");
        }
        writer.Flush();
    }

    private static void AddValue(List<string> cells, IndicatorValue v)
    {
        cells.Add(v.IsCount ? v.Count?.ToString(CultureInfo.InvariantCulture) ?? "" : Number(v.Number));
        foreach (var b in (Ventilation[])[Ventilation.Femmes, Ventilation.InfraV, Ventilation.Qpv, Ventilation.Zrr, Ventilation.Neet])
        {
            cells.Add(v.IsCount && v.Definition.Ventilations.Contains(b) ? v.Breakdown(b)?.ToString(CultureInfo.InvariantCulture) ?? "" : "");
        }
    }

    /// <summary>A double in its shortest round-trip form with a decimal comma; empty when unknown.</summary>
    public static string Number(double? value) =>
        value is { } x ? x.ToString("R", CultureInfo.InvariantCulture).Replace('.', ',') : "";

    public static string NatureName(Nature nature) => nature switch
    {
        Nature.Effectif => "effectif",
        Nature.Ratio => "ratio",
        Nature.Moyenne => "moyenne",
        Nature.Montant => "montant",
        Nature.Nombre => "nombre",
        _ => "non_calculable",
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
