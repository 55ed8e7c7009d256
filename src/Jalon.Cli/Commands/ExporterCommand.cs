using System.CommandLine;
using System.Globalization;
using Jalon.Exchange;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;

namespace Jalon.Cli.Commands;

/// <summary><c>jalon exporter DOSSIER [--structure CODE] [--base chemin.db | --postgres "conn"]</c>: writes the database as a package.</summary>
public static class ExporterCommand
{
    public static Command Create()
    {
        var dossier = new Argument<string>("DOSSIER") { Description = "dossier où écrire le paquet (fichiers CSV du format d'échange)" };
        var structure = new Option<string?>("--structure") { Description = "n'exporter que cette structure (code)" };
        var database = new DatabaseOptions();
        var command = new Command("exporter", "Exporte la base (ou une structure) au format d'échange") { dossier, structure };
        database.AddTo(command);
        command.SetAction(parseResult => database.MissingSqliteFile(parseResult) is { } missing
            ? NoDatabase(missing, parseResult.InvocationConfiguration.Error)
            : Run(
            parseResult.GetRequiredValue(dossier),
            parseResult.GetValue(structure),
            database.Open(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int NoDatabase(string path, TextWriter error)
    {
        error.WriteLine($"Base introuvable : {path}");
        return 1;
    }

    public static int Run(string directory, string? structure, Func<JalonDbContext> openDatabase, TextWriter output, TextWriter error)
    {
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        if (structure is not null && db.Structures.Find(structure) is null)
        {
            error.WriteLine($"Structure inconnue : {structure}");
            return 1;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var package = PackageLoader.Load(db, structure, withIds: true);
        var loaded = clock.Elapsed;
        PackageWriter.Write(package, directory);
        var structures = structure is null ? package.Structures.Select(s => (string?)s.Code).DefaultIfEmpty(null) : [structure];
        foreach (var code in structures)
        {
            db.AuditLog.Add(new AuditEntry
            {
                UserLogin = "ligne de commande",
                Action = AuditAction.Export,
                Entity = "paquet",
                StructureCode = code,
                Detail = $"export vers {Path.GetFullPath(directory)}",
            });
        }
        db.SaveChanges();
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var events = (long)package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
        output.WriteLine(
            $"Export terminé : {package.Structures.Count.ToString("N0", fr)} structure(s), {package.Jeunes.Length.ToString("N0", fr)} jeunes, " +
            $"{events.ToString("N0", fr)} faits vers {directory} (lecture de la base {loaded.TotalSeconds.ToString("0.0", fr)} s, " +
            $"total {clock.Elapsed.TotalSeconds.ToString("0.0", fr)} s).");
        return 0;
    }
}
