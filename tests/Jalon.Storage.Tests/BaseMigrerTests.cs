using Jalon.Cli.Commands;
using Jalon.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary><c>./jalon base migrer [--verifier]</c>: the dry run lists the pending steps and changes nothing; the exit code tells.</summary>
public class BaseMigrerTests
{
    private static List<string> Versions(TestDatabase database)
    {
        using var db = database.CreateContext();
        return [.. db.Database.SqlQueryRaw<string>("""SELECT CAST("Version" AS TEXT) || ' ' || "Description" AS "Value" FROM "SchemaVersion" ORDER BY "Version" """)];
    }

    [DatabaseTheory, BothProviders]
    public void On_an_empty_database_the_dry_run_announces_the_creation_and_creates_nothing_then_migrer_creates_it(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var output = new StringWriter();

        Assert.Equal(BaseCommand.MigrationDue, BaseCommand.Migrer(database.CreateContext, verifier: true, output, new StringWriter()));

        Assert.Contains($"schéma 0 → {JalonDatabase.LatestVersion}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("création du schéma complet", output.ToString(), StringComparison.Ordinal);
        using (var db = database.CreateContext()) Assert.Equal(0, SchemaPlan.Read(db).Current);

        var error = new StringWriter();
        Assert.Equal(0, BaseCommand.Migrer(database.CreateContext, verifier: false, new StringWriter(), error));
        Assert.Equal("", error.ToString());
        var again = new StringWriter();
        Assert.Equal(0, BaseCommand.Migrer(database.CreateContext, verifier: true, again, new StringWriter()));
        Assert.Contains($"La base est à jour (schéma {JalonDatabase.LatestVersion})", again.ToString(), StringComparison.Ordinal);
    }

    [DatabaseTheory, BothProviders]
    public void On_an_older_database_the_dry_run_lists_the_pending_steps_and_changes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            // Stamped as if the last step were not applied yet (its tables stay: the dry run must not look at them).
            db.Database.ExecuteSqlRaw("""DELETE FROM "SchemaVersion" """);
            db.Database.ExecuteSqlRaw("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, '2026-01-01', 'avant')""",
                JalonDatabase.LatestVersion - 1);
        }
        var before = Versions(database);
        var output = new StringWriter();

        var code = BaseCommand.Migrer(database.CreateContext, verifier: true, output, new StringWriter());

        Assert.Equal(BaseCommand.MigrationDue, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"Mise à jour due : schéma {JalonDatabase.LatestVersion - 1} → {JalonDatabase.LatestVersion}, 1 étape(s) à appliquer (rien n'a été modifié) :", lines[0]);
        Assert.StartsWith($"{JalonDatabase.LatestVersion}  ", lines[1], StringComparison.Ordinal);
        Assert.Equal(before, Versions(database));
    }

    [DatabaseTheory, BothProviders]
    public void A_newer_database_is_refused_with_exit_code_2(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            db.Database.ExecuteSqlRaw("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, '2030-01-01', 'futur')""",
                JalonDatabase.LatestVersion + 1);
        }
        foreach (var verifier in new[] { true, false })
        {
            var error = new StringWriter();
            Assert.Equal(BaseCommand.Refused, BaseCommand.Migrer(database.CreateContext, verifier, new StringWriter(), error));
            Assert.Contains("plus récent que celui de ce programme", error.ToString(), StringComparison.Ordinal);
        }
    }
}
