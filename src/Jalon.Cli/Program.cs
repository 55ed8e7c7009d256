using System.CommandLine;
using Jalon.Cli;
using Jalon.Cli.Commands;

HugePages.AdviseManagedHeap();

// Jalon's command line: one file per command in Commands/, each exposing Create().
var root = new RootCommand("Jalon — système d'information des Missions Locales")
{
    ValiderCommand.Create(),
    IndicateursCommand.Create(),
    QualiteCommand.Create(),
    CataloguesCommand.Create(),
    FinancementCommand.Create(),
    GenererCommand.Create(),
    BenchCommand.Create(),
    ImporterCommand.Create(),
    ExporterCommand.Create(),
    ComptesCommand.Create(),
    ReferentielsCommand.Create(),
    SauvegardeCommands.Sauvegarder(),
    SauvegardeCommands.Restaurer(),
    RgpdCommand.Create(),
    BaseCommand.Create(),
    ApiCommand.Create(),
};
// A database failure is a French message and exit code 3, not a stack trace (Commands/DatabaseFailure.cs).
return DatabaseFailure.Invoke(root.Parse(args), Console.Error);

/// <summary>The command line's entry point; internal, so that it is not confused with the web application's <c>Program</c>.</summary>
internal sealed partial class Program;
