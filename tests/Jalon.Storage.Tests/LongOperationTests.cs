using System.CommandLine;
using Jalon.Cli.Commands;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Npgsql;

namespace Jalon.Storage.Tests;

/// <summary>
/// Long operations never die of a default timeout (LongOperations), and a database failure on the command line is a
/// French message, not a stack trace (DatabaseFailure).
/// </summary>
public class LongOperationTests
{
    [DatabaseTheory, BothProviders]
    public void An_import_waits_for_a_lock_longer_than_the_configured_command_timeout(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite) return; // the lock wait on SQLite is its busy_timeout pragma (30 s), not a command timeout
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, SamplePackages.Create(structures: 1));
        // A tiny timeout configured in the connection string: any command or COPY that uses it fails after 1 s.
        var tiny = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 1 }.ToString();

        // Another session holds the young people's table for 3 s.
        using var holder = new NpgsqlConnection(database.ConnectionString);
        holder.Open();
        var lockTx = holder.BeginTransaction();
        using (var take = new NpgsqlCommand("LOCK TABLE \"Jeunes\" IN ACCESS EXCLUSIVE MODE", holder, lockTx)) take.ExecuteNonQuery();

        // The setting bites: an ordinary command on that connection string gives up after 1 s…
        using (var ordinary = new NpgsqlConnection(tiny))
        {
            ordinary.Open();
            using var probe = new NpgsqlCommand("SELECT count(*) FROM \"Jeunes\"", ordinary);
            var e = Assert.ThrowsAny<Exception>(() => probe.ExecuteScalar());
            Assert.True(e is NpgsqlException or TimeoutException || e.InnerException is TimeoutException, e.ToString());
        }

        // …while the import, started under the lock, waits for it and completes once it is released.
        var released = false;
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            lockTx.Commit();
            Volatile.Write(ref released, true);
        });
        using (var db = JalonStorage.CreateContext(provider, tiny))
        {
            PackageImporter.Import(db, SamplePackages.Create(structures: 2, seed: 5, structureOffset: 1));
            // It could only finish after the lock was released: it waited, beyond the 1 s configured.
            Assert.True(Volatile.Read(ref released), "l'import a fini sous le verrou ?");
        }
        release.Wait();
        using (var db = database.CreateContext()) Assert.Equal(3, db.Structures.Count());
    }

    [Fact]
    public void A_database_failure_on_the_command_line_is_a_french_message_with_exit_code_3()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "exemple");
        var root = new RootCommand { ImporterCommand.Create() };
        var error = new StringWriter();
        var code = DatabaseFailure.Invoke(
            root.Parse(["importer", example, "--sans-sauvegarde", "--postgres", "Host=127.0.0.1;Port=1;Database=jalon;Username=jalon;Password=x;Timeout=3"]), error);
        Assert.Equal(DatabaseFailure.ExitCode, code);
        var message = error.ToString();
        Assert.StartsWith("Erreur de la base de données : ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
    }
}
