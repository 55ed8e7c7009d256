using System.CommandLine;

namespace Jalon.Cli.Commands;

public static class ExporterCommand
{
    // Placeholder until the command is built: it says so and fails.
    public static Command Create()
    {
        var command = new Command("exporter", "(pas encore disponible)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("La commande « exporter » n'est pas encore disponible.");
            return 1;
        });
        return command;
    }
}
