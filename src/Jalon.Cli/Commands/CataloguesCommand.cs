using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jalon.Indicators.Catalogues;
using Jalon.Storage.Indicators;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon catalogues [--catalogues DIR] [--format texte|json]</c>: lists the indicator catalogues — those embedded in
/// Jalon and those of a folder (each file validated: a faulty one is refused with the file and entry named, exit 2).
/// </summary>
public static class CataloguesCommand
{
    /// <summary>The option shared with <c>indicateurs</c>: a folder of catalogue files added to the embedded ones.</summary>
    public static Option<string?> DossierOption() =>
        new("--catalogues") { Description = "Dossier de catalogues supplémentaires (*.json), validés au chargement" };

    public static Command Create()
    {
        var dossier = DossierOption();
        var format = new Option<string>("--format") { Description = "texte (par défaut) ou json", DefaultValueFactory = _ => "texte" };
        var command = new Command("catalogues", "Liste les catalogues d'indicateurs (intégrés et ceux d'un dossier)") { dossier, format };
        command.SetAction(parseResult => Run(parseResult.GetValue(dossier), parseResult.GetValue(format) ?? "texte", Console.Out, Console.Error));
        return command;
    }

    private static readonly Lazy<JsonSerializerOptions> JsonOptions = new(() => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static int Run(string? dossier, string format, TextWriter stdout, TextWriter stderr)
    {
        if (format is not ("texte" or "json"))
        {
            stderr.WriteLine($"Format inconnu : « {format} » (texte ou json).");
            return 2;
        }
        CatalogueSet set;
        try
        {
            set = CatalogueFolder.Load(dossier);
        }
        catch (CatalogueException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
        var integres = Catalogue.Available.ToHashSet(StringComparer.Ordinal);
        if (format == "json")
        {
            var rows = set.Tous.Select(c => new
            {
                id = c.Id,
                libelle = c.Libelle,
                indicateurs = c.Indicateurs.Count,
                non_calculables = c.Indicateurs.Count(i => !i.Calculable),
                origine = integres.Contains(c.Id) ? "intégré" : "dossier",
            });
            stdout.WriteLine(JsonSerializer.Serialize(rows, JsonOptions.Value));
            return 0;
        }
        foreach (var c in set.Tous)
        {
            var nonCalculables = c.Indicateurs.Count(i => !i.Calculable);
            var compte = nonCalculables == 0 ? $"{c.Indicateurs.Count} indicateurs" : $"{c.Indicateurs.Count} indicateurs dont {nonCalculables} non calculables";
            stdout.WriteLine($"{c.Id}\t{compte}\t{(integres.Contains(c.Id) ? "intégré" : "dossier")}\t{c.Libelle}");
        }
        return 0;
    }
}
