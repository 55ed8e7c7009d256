using System.CommandLine;
using Jalon.Cli.Commands;

// Jalon's command line: one file per command in Commands/, each exposing Create().
var root = new RootCommand("Jalon — système d'information des Missions Locales")
{
    ValiderCommand.Create(),
    IndicateursCommand.Create(),
    GenererCommand.Create(),
    BenchCommand.Create(),
    ImporterCommand.Create(),
    ExporterCommand.Create(),
    ReferentielsCommand.Create(),
    SauvegardeCommands.Sauvegarder(),
    SauvegardeCommands.Restaurer(),
    RgpdCommand.Create(),
};
return root.Parse(args).Invoke();
