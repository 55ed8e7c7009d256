using System.CommandLine;
using System.Globalization;
using Jalon.Storage;
using Jalon.Storage.Backups;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon sauvegarder FICHIER</c> and <c>jalon restaurer FICHIER</c> with the database options of <c>importer</c>
/// (docs/stockage.md, « Sauvegardes »): SQLite online backup, pg_dump / pg_restore for PostgreSQL.
/// </summary>
public static class SauvegardeCommands
{
    /// <summary>Exit code when the backup or the restore could not be done (French reason on the error output).</summary>
    public const int Echec = 2;

    public static Command Sauvegarder()
    {
        var fichier = new Argument<string>("FICHIER") { Description = "fichier de sauvegarde à écrire (remplacé s'il existe)" };
        var database = new DatabaseOptions();
        var command = new Command("sauvegarder", "Sauvegarde toute la base dans un fichier (SQLite : copie en ligne ; PostgreSQL : pg_dump, format custom)") { fichier };
        database.AddTo(command);
        command.SetAction(parseResult => database.MissingSqliteFile(parseResult) is { } missing
            ? Fail(parseResult.InvocationConfiguration.Error, $"Base introuvable : {missing}")
            : Sauvegarder(parseResult.GetRequiredValue(fichier), database.Open(parseResult), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static Command Restaurer()
    {
        var fichier = new Argument<string>("FICHIER") { Description = "fichier de sauvegarde à restaurer" };
        var database = new DatabaseOptions();
        var command = new Command("restaurer",
            "Remplace la base par une sauvegarde (refuse une sauvegarde d'un schéma plus récent que ce programme ; migre une sauvegarde plus ancienne)")
        { fichier };
        database.AddTo(command);
        command.SetAction(parseResult => Restaurer(parseResult.GetRequiredValue(fichier), database.Open(parseResult),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Sauvegarder(string file, Func<JalonDbContext> openDatabase, TextWriter output, TextWriter error)
    {
        try
        {
            using var db = openDatabase();
            JalonDatabase.Migrate(db);
            var info = DatabaseBackup.Backup(db, file, "ligne de commande");
            output.WriteLine($"Sauvegarde terminée : {info.File} ({Taille(info.Bytes)}, schéma {info.SchemaVersion}).");
            return 0;
        }
        catch (SauvegardeException e)
        {
            return Fail(error, "Sauvegarde impossible : " + e.Message);
        }
    }

    public static int Restaurer(string file, Func<JalonDbContext> openDatabase, TextWriter output, TextWriter error)
    {
        try
        {
            using var db = openDatabase();
            var info = DatabaseBackup.Restore(db, file, "ligne de commande");
            output.WriteLine($"Restauration terminée : {info.File} (schéma {info.SchemaVersion}) ; la base est au schéma {JalonDatabase.CurrentVersion(db)}.");
            return 0;
        }
        catch (SauvegardeException e)
        {
            return Fail(error, "Restauration impossible : " + e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Echec;
    }

    private static string Taille(long bytes) =>
        bytes >= 1_000_000 ? (bytes / 1e6).ToString("N1", CultureInfo.GetCultureInfo("fr-FR")) + " Mo" : (bytes / 1e3).ToString("N0", CultureInfo.GetCultureInfo("fr-FR")) + " ko";
}
