using System.Text.Encodings.Web;
using System.Text.Json;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Output;

/// <summary>
/// Writes the results of a period as the command-line contract's JSON: one row per (level, code, key) in the
/// contract's order; counts as integers with their breakdowns, other natures as numbers (shortest round-trip form)
/// or null.
/// </summary>
public static class IndicatorJsonWriter
{
    public static void Write(IndicatorResults results, Stream output, bool indented = false, bool previous = false)
    {
        var period = previous ? results.Previous ?? throw new InvalidOperationException("N−1 was not computed.") : results.Current;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("catalogue", results.Catalogue.Id);
        json.WriteString("debut", period.Period.Debut.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("fin", period.Period.Fin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("resultats");
        foreach (var row in period.Rows())
        {
            json.WriteStartObject();
            json.WriteString("niveau", row.Level.Level.Code());
            json.WriteString("code", row.Level.Code);
            json.WriteString("indicateur", row.Key);
            var v = row.Value;
            if (v.IsCount && v.Count is null)
            {
                // Unknown (a package without the employer files): the value and its breakdowns are null.
                json.WriteNull("valeur");
                foreach (var ventilation in v.Definition.Ventilations) json.WriteNull(VentilationName(ventilation));
            }
            else if (v.IsCount)
            {
                json.WriteNumber("valeur", v.Count!.Value);
                foreach (var ventilation in v.Definition.Ventilations)
                    json.WriteNumber(VentilationName(ventilation), v.Breakdown(ventilation)!.Value);
            }
            else if (v.Number is { } number)
            {
                json.WriteNumber("valeur", number);
            }
            else
            {
                json.WriteNull("valeur");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The contract's name of a breakdown: femmes, infra_v, qpv, zrr, neet.</summary>
    public static string VentilationName(Ventilation v) => v switch
    {
        Ventilation.Femmes => "femmes",
        Ventilation.InfraV => "infra_v",
        Ventilation.Qpv => "qpv",
        Ventilation.Zrr => "zrr",
        _ => "neet",
    };
}
