using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Generator;
using Spectre.Console;

namespace Jalon.Cli.Commands;

/// <summary><c>jalon generer</c>: generates a realistic package and writes it in the exchange format.</summary>
public static class GenererCommand
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static Command Create()
    {
        var structures = new Option<int>("--structures") { DefaultValueFactory = _ => 440, Description = "Nombre de Missions Locales (440 au niveau national)" };
        var jeunes = new Option<int>("--jeunes") { DefaultValueFactory = _ => 1_100_000, Description = "Nombre de jeunes, toutes structures confondues" };
        var graine = new Option<long>("--graine") { DefaultValueFactory = _ => 1, Description = "Graine : mêmes options, mêmes fichiers" };
        var annee = new Option<int>("--annee") { DefaultValueFactory = _ => 2016, Description = "Année N : l'activité couvre N−1 et N" };
        var sortie = new Option<string>("--sortie") { Description = "Dossier où écrire le paquet", Required = true };
        var command = new Command("generer", "Génère un paquet de données réaliste (communes INSEE) au format d'échange")
        {
            structures, jeunes, graine, annee, sortie,
        };
        command.Action = new GenererAction(parseResult =>
        {
            if (parseResult.Errors.Count > 0 || parseResult.UnmatchedTokens.Count > 0)
            {
                foreach (var error in parseResult.Errors.Where(e => !e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))) Console.Error.WriteLine($"Argument invalide : {Traduire(error.Message)}");
                foreach (var token in parseResult.UnmatchedTokens) Console.Error.WriteLine($"Argument invalide : argument inconnu « {token} ».");
                Console.Error.WriteLine("Usage : jalon generer --structures N --jeunes M --graine S --annee A --sortie DOSSIER");
                return 2;
            }
            var options = new GeneratorOptions
            {
                Structures = parseResult.GetValue(structures),
                Jeunes = parseResult.GetValue(jeunes),
                Seed = parseResult.GetValue(graine),
                Annee = parseResult.GetValue(annee),
            };
            var dossier = parseResult.GetValue(sortie);
            if (options.Validate() is { } probleme)
            {
                Console.Error.WriteLine($"Argument invalide : {probleme}");
                return 2;
            }
            if (string.IsNullOrWhiteSpace(dossier))
            {
                Console.Error.WriteLine("Argument invalide : --sortie doit désigner un dossier.");
                return 2;
            }
            if (File.Exists(dossier))
            {
                Console.Error.WriteLine($"Argument invalide : « {dossier} » est un fichier, pas un dossier.");
                return 2;
            }
            return Run(options, dossier);
        });
        return command;
    }

    private static int Run(GeneratorOptions options, string dossier)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Capabilities.Ansi = false;
        JourneyPackage? package = null;
        var generation = TimeSpan.Zero;
        var ecriture = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var showProgress = options.Jeunes >= 50_000 && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        if (showProgress)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var generer = ctx.AddTask("Génération des parcours", maxValue: options.Jeunes);
                    var ecrire = ctx.AddTask("Écriture des fichiers", autoStart: false, maxValue: 1);
                    package = JourneyGenerator.Generate(options, new Progress(done => generer.Value = Math.Max(generer.Value, done)));
                    generer.Value = options.Jeunes;
                    generation = clock.Elapsed;
                    ecrire.StartTask();
                    ecrire.IsIndeterminate = true;
                    PackageWriter.Write(package, dossier);
                    ecrire.IsIndeterminate = false;
                    ecrire.Value = 1;
                    ecriture = clock.Elapsed - generation;
                });
        }
        else
        {
            package = JourneyGenerator.Generate(options);
            generation = clock.Elapsed;
            PackageWriter.Write(package, dossier);
            ecriture = clock.Elapsed - generation;
        }

        var p = package!;
        var lignes = new (string Fichier, long Lignes)[]
        {
            ("structures.csv", p.Structures.Count), ("jeunes.csv", p.Jeunes.Length), ("contacts.csv", p.Contacts.Count),
            ("orientations.csv", p.Orientations.Count), ("parcours.csv", p.Parcours.Count), ("propositions.csv", p.Propositions.Count),
            ("situations.csv", p.Situations.Count), ("droits.csv", p.Droits.Count), ("parrainages.csv", p.Parrainages.Count),
            ("moyens.csv", p.Moyens.Count), ("territoires.csv", p.StructureData.Territoires.Count), ("sites.csv", p.StructureData.Sites.Count),
            ("brh.csv", p.StructureData.Brh.Count), ("budget.csv", p.StructureData.Budget.Count), ("contexte.csv", p.StructureData.Contexte.Count),
        };
        // The CEJ files, written only for a year with CEJ (from 2022).
        if (p.Activites is { } activites) lignes = [.. lignes, ("activites.csv", activites.Count)];
        if (p.Allocations is { } allocations) lignes = [.. lignes, ("allocations.csv", allocations.Count)];
        // The employer files, written (all five) when the package has employer rows.
        if (!p.Employeurs.IsEmpty)
        {
            var e = p.Employeurs;
            lignes = [.. lignes, ("entreprises.csv", e.Entreprises.Count), ("echanges_entreprises.csv", e.Echanges.Count), ("offres.csv", e.Offres.Count),
                ("mises_en_relation.csv", e.MisesEnRelation.Count), ("immersions.csv", e.Immersions.Count)];
        }
        var table = new Table().AddColumn("Fichier").AddColumn(new TableColumn("Lignes").RightAligned()).AddColumn(new TableColumn("Taille").RightAligned());
        long totalLignes = 0, totalOctets = 0;
        foreach (var (fichier, n) in lignes)
        {
            var octets = new FileInfo(Path.Combine(dossier, fichier)).Length;
            totalLignes += n;
            totalOctets += octets;
            table.AddRow(fichier, n.ToString("N0", Fr), Taille(octets));
        }
        table.AddRow("[bold]total[/]", $"[bold]{totalLignes.ToString("N0", Fr)}[/]", $"[bold]{Taille(totalOctets)}[/]");
        AnsiConsole.MarkupLine($"Paquet écrit dans [bold]{Markup.Escape(Path.GetFullPath(dossier))}[/] : " +
            $"{options.Structures.ToString("N0", Fr)} structures, {options.Jeunes.ToString("N0", Fr)} jeunes, graine {options.Seed.ToString(Fr)}, " +
            $"activité {(options.Annee - 1).ToString(Fr)}–{options.Annee.ToString(Fr)}.");
        AnsiConsole.Write(table);
        var processeur = Process.GetCurrentProcess().TotalProcessorTime;
        AnsiConsole.MarkupLine($"Génération : {Secondes(generation)} ; écriture : {Secondes(ecriture)} ; total : {Secondes(clock.Elapsed)} " +
            $"(temps processeur : {Secondes(processeur)}, {Environment.ProcessorCount.ToString(Fr)} cœurs).");
        return 0;
    }

    private static string Secondes(TimeSpan t) => t.TotalSeconds.ToString("0.0", Fr) + " s";

    private static string Taille(long octets) => octets switch
    {
        < 1024 => $"{octets} o",
        < 1024 * 1024 => (octets / 1024.0).ToString("0.0", Fr) + " Ko",
        _ => (octets / (1024.0 * 1024)).ToString("0.0", Fr) + " Mo",
    };

    /// <summary>Parse errors of System.CommandLine come in English: the usual ones are put in French.</summary>
    private static string Traduire(string message)
    {
        if (message.StartsWith("Cannot parse argument '", StringComparison.Ordinal))
        {
            var parts = message.Split('\'');
            return parts.Length >= 4 ? $"la valeur « {parts[1]} » de {parts[3]} n'est pas un nombre valide." : message;
        }
        if (message.StartsWith("Option '", StringComparison.Ordinal) && message.EndsWith("is required.", StringComparison.Ordinal))
            return $"l'option {message.Split('\'')[1]} est obligatoire.";
        if (message.StartsWith("Required argument missing for option: '", StringComparison.Ordinal))
            return $"il manque la valeur de l'option {message.Split('\'')[1]}.";
        if (message.StartsWith("Unrecognized command or argument '", StringComparison.Ordinal))
            return $"argument inconnu « {message.Split('\'')[1]} ».";
        return message;
    }

    /// <summary>An action that also runs when parsing failed, so that errors are reported in French with exit code 2.</summary>
    private sealed class GenererAction(Func<ParseResult, int> run) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) => run(parseResult);
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
