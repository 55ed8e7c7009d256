using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Output;
using Jalon.Storage.Indicators;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon indicateurs --donnees DIR --debut YYYY-MM-DD --fin YYYY-MM-DD [--format json|csv] [--catalogue ID] [--catalogues DIR]</c>:
/// computes a catalogue over a data package and prints it (docs/spec/indicateurs-cpo-2015.md, command-line contract).
/// </summary>
public static class IndicateursCommand
{
    public static Command Create()
    {
        var donnees = new Option<string>("--donnees") { Required = true, Description = "Dossier du paquet de données (format d'échange)" };
        var debut = new Option<string>("--debut") { Required = true, Description = "Premier jour de la période (AAAA-MM-JJ)" };
        var fin = new Option<string>("--fin") { Required = true, Description = "Dernier jour de la période (AAAA-MM-JJ)" };
        var format = new Option<string>("--format") { Description = "json (par défaut) ou csv (Excel : « ; », virgule décimale, valeurs N-1)", DefaultValueFactory = _ => "json" };
        var catalogue = new Option<string>("--catalogue") { Description = "Catalogue d'indicateurs (./jalon catalogues les liste)", DefaultValueFactory = _ => Catalogue.Defaut };
        var catalogues = CataloguesCommand.DossierOption();
        var mesures = new Option<bool>("--mesures") { Description = "Affiche les durées de lecture et de calcul sur la sortie d'erreur" };
        var expliquer = new Option<string>("--expliquer") { Description = "Liste les identifiants des jeunes comptés par cet indicateur (avec --structure), triés, un par ligne" };
        var structure = new Option<string>("--structure") { Description = "Avec --expliquer : la structure dont on liste les jeunes" };
        var ventilation = new Option<string>("--ventilation") { Description = "Avec --expliquer : femmes, infra_v, qpv, zrr ou neet" };
        var partie = new Option<string>("--partie") { Description = "Avec --expliquer, pour un ratio : numerateur ou denominateur" };
        var precedente = new Option<bool>("--n-1") { Description = "Avec --expliquer : le chiffre de N-1 (même période un an plus tôt)" };
        var command = new Command("indicateurs", "Calcule les indicateurs d'un paquet de données pour une période")
        {
            donnees, debut, fin, format, catalogue, catalogues, mesures, expliquer, structure, ventilation, partie, precedente,
        };
        command.SetAction(parseResult =>
        {
            var cle = parseResult.GetValue(expliquer);
            var code = parseResult.GetValue(structure);
            var v = parseResult.GetValue(ventilation);
            var p = parseResult.GetValue(partie);
            var n1 = parseResult.GetValue(precedente);
            if (cle is not null || code is not null || v is not null || p is not null || n1)
            {
                using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                return ExpliquerCommand.Run(
                    new ExpliquerCommand.Arguments(parseResult.GetValue(donnees)!, parseResult.GetValue(debut)!, parseResult.GetValue(fin)!,
                        parseResult.GetValue(catalogue) ?? Catalogue.Defaut, parseResult.GetValue(catalogues), cle, code, v, p, n1),
                    output, Console.Error);
            }
            using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            NoGcRead.Begin(parseResult.GetValue(donnees)!);
            return Run(
                parseResult.GetValue(donnees)!,
                parseResult.GetValue(debut)!,
                parseResult.GetValue(fin)!,
                parseResult.GetValue(format) ?? "json",
                parseResult.GetValue(catalogue) ?? Catalogue.Defaut,
                parseResult.GetValue(mesures),
                stdout,
                Console.Error,
                parseResult.GetValue(catalogues));
        });
        return command;
    }

    /// <summary>The command itself, on given output streams: 0 on success, 2 on bad arguments or an invalid package.</summary>
    public static int Run(string donnees, string debutText, string finText, string format, string catalogueId, bool mesures, Stream stdout, TextWriter stderr,
        string? dossierCatalogues = null)
    {
        int Fail(string message)
        {
            stderr.WriteLine(message);
            return 2;
        }

        if (!TryParseDate(debutText, out var debut))
            return Fail($"Date de début invalide : « {debutText} » (format attendu : AAAA-MM-JJ).");
        if (!TryParseDate(finText, out var fin))
            return Fail($"Date de fin invalide : « {finText} » (format attendu : AAAA-MM-JJ).");
        if (debut > fin)
            return Fail($"La date de début ({debutText}) est postérieure à la date de fin ({finText}).");
        if (format is not ("json" or "csv"))
            return Fail($"Format inconnu : « {format} » (json ou csv).");
        if (!Directory.Exists(donnees))
            return Fail($"Dossier introuvable : « {donnees} ».");

        Catalogue catalogue;
        try
        {
            catalogue = dossierCatalogues is null ? Catalogue.Load(catalogueId) : DuDossier(dossierCatalogues, catalogueId);
        }
        catch (CatalogueException e)
        {
            return Fail(e.Message);
        }

        var clock = Stopwatch.StartNew();
        var read = PackageReader.Read(donnees);
        if (!read.IsValid || read.Package is null)
        {
            read.WriteIssues(stderr, errors: true, anomalies: false, warnings: false);
            stderr.WriteLine($"Paquet invalide : {read.ErrorCount} erreur(s).");
            return 2;
        }
        var readTime = clock.Elapsed;

        clock.Restart();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var results = IndicatorEngine.Compute(read.Package, catalogue, new IndicatorRequest(new Period(debut, fin))
        {
            // The CSV is for humans: it shows N−1 beside N, as the dashboard does.
            WithPreviousYear = format == "csv",
        });
        var computeTime = clock.Elapsed;
        var computeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        clock.Restart();
        if (format == "csv")
        {
            IndicatorCsvWriter.Write(results, stdout);
        }
        else
        {
            IndicatorJsonWriter.Write(results, stdout);
            stdout.WriteByte((byte)'\n');
        }
        stdout.Flush();
        if (mesures)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lecture {readTime.TotalSeconds:F2} s, calcul {computeTime.TotalSeconds:F2} s (processeur {computeCpu.TotalSeconds:F2} s), écriture {clock.Elapsed.TotalSeconds:F2} s ({read.Package.Jeunes.Length} jeunes)"));
        }
        return 0;
    }

    /// <summary>A catalogue of the folder, or an embedded one (apart, so that the command does not load the storage assembly without a folder).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static Catalogue DuDossier(string dossier, string id) => CatalogueFolder.Load(dossier)[id];

    internal static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
