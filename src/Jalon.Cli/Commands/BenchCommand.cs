using System.CommandLine;

namespace Jalon.Cli.Commands;

public static class BenchCommand
{
    // Placeholder until the command is built: it says so and fails.
    public static Command Create()
    {
        var command = new Command("bench", "(pas encore disponible)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("La commande « bench » n'est pas encore disponible.");
            return 1;
        });
        return command;
    }
}
