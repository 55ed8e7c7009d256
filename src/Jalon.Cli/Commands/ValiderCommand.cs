using System.CommandLine;
using System.Globalization;
using Jalon.Exchange;

namespace Jalon.Cli.Commands;

/// <summary><c>jalon valider DOSSIER</c>: checks a package in the exchange format.</summary>
public static class ValiderCommand
{
    /// <summary>Exit code of an invalid package (or of a missing folder).</summary>
    public const int Invalid = 2;

    public static Command Create()
    {
        var dossier = new Argument<string>("DOSSIER") { Description = "dossier du paquet (fichiers CSV du format d'échange)" };
        var command = new Command("valider", "Contrôle un paquet au format d'échange : erreurs, anomalies, avertissements") { dossier };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(dossier),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Errors (and warnings) on <paramref name="error"/> then exit code 2; when valid, anomalies and warnings on <paramref name="error"/>, a summary on <paramref name="output"/> and 0.</summary>
    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"Dossier introuvable : {directory}");
            return Invalid;
        }
        var result = PackageReader.Read(directory);
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        if (!result.IsValid)
        {
            // Warnings too: an unknown column often explains a missing one (a typo in the header).
            result.WriteIssues(error, anomalies: false);
            error.WriteLine($"Paquet invalide : {Count(result.ErrorCount, "erreur", fr)}. Rien n'a été importé.");
            return Invalid;
        }
        result.WriteIssues(error, errors: false);
        var package = result.Package!;
        output.WriteLine($"Paquet valide : {directory}");
        foreach (var file in result.Files)
        {
            var what = !file.Present ? "absent"
                : file.File == "structures.csv" ? Count(package.Structures.Count, "structure", fr)
                : file.File == "jeunes.csv" ? Count(package.Jeunes.Length, "jeune", fr)
                : Count(file.Rows, "ligne", fr);
            output.WriteLine($"  {file.File,-18} {what}");
        }
        output.WriteLine($"{Count(result.AnomalyCount, "anomalie", fr)}, {Count(result.Warnings.Count, "avertissement", fr)}" +
            $" (détail sur la sortie d'erreur) ; lu en {result.Elapsed.TotalSeconds.ToString("0.00", fr)} s.");
        return 0;
    }

    private static string Count(int n, string noun, CultureInfo fr) =>
        $"{n.ToString("N0", fr)} {noun}{(n > 1 ? "s" : "")}";
}
