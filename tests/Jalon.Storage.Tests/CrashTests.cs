using System.Diagnostics;
using Jalon.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

public class CrashTests
{
    /// <summary>
    /// A child process commits young people (each with 50 contacts, one transaction each) in a loop and
    /// prints each id once committed; it is killed with SIGKILL while writing. Reopened, the SQLite file
    /// must be intact and hold every id reported committed, each complete.
    /// </summary>
    [Fact]
    public async Task A_SQLite_writer_killed_mid_write_loses_no_committed_transaction()
    {
        using var database = new TestDatabase(DatabaseProvider.Sqlite);
        var host = Path.Combine(AppContext.BaseDirectory, "Jalon.Storage.TestHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { host, "crash-writer", database.Path_! }) start.ArgumentList.Add(arg);

        var committed = new List<string>();
        using (var child = Process.Start(start)!)
        {
            var stderr = child.StandardError.ReadToEndAsync();
            // Let it commit a good number of transactions, then kill it at an arbitrary point of its loop.
            var deadline = Stopwatch.StartNew();
            while (committed.Count < 40 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                var line = child.StandardOutput.ReadLine();
                if (line is null) break;
                committed.Add(line);
            }
            Thread.Sleep(Random.Shared.Next(1, 30));
            child.Kill(); // SIGKILL on Unix: no clean-up, no checkpoint
            child.WaitForExit();
            // What it printed before dying was committed too.
            for (var line = child.StandardOutput.ReadLine(); line is not null; line = child.StandardOutput.ReadLine()) committed.Add(line);
            Assert.True(committed.Count >= 40, "le processus fils n'a pas écrit : " + await stderr);
            Assert.Equal(137, child.ExitCode); // 128 + SIGKILL
        }
        SqliteConnection.ClearAllPools();

        using var db = JalonStorage.CreateSqliteContext(database.Path_!);
        Assert.Equal("ok", db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").AsEnumerable().Single());
        var jeunes = db.Jeunes.Where(j => j.StructureCode == "CRASH").Select(j => j.JeuneId).ToHashSet();
        Assert.All(committed, id => Assert.Contains(id, jeunes));
        // Atomic transactions: every young person present has all 50 contacts.
        var contacts = db.Contacts.Where(c => c.StructureCode == "CRASH").GroupBy(c => c.JeuneId).Select(g => new { g.Key, N = g.Count() }).ToList();
        Assert.Equal(jeunes.Count, contacts.Count);
        Assert.All(contacts, c => Assert.Equal(50, c.N));
    }
}
