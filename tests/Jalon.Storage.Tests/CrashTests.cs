using System.Diagnostics;
using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Jalon.Storage.Pilotage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>
/// A child process (TestHost/) commits transactions in a loop and prints each one once committed; it is killed with
/// SIGKILL while writing. Reopened, the database must be intact (SQLite: <c>PRAGMA integrity_check</c>) and hold every
/// transaction reported committed, each complete, and nothing of the one interrupted. Writers: plain saves, imports of a
/// package (one transaction), transitions of a dialogue de gestion (several statements in one transaction).
/// </summary>
public class CrashTests
{
    /// <summary>Runs the child until it has committed <paramref name="atLeast"/> times, kills it at an arbitrary point, returns what it printed.</summary>
    private static async Task<List<string>> RunAndKill(TestDatabase database, string mode, int atLeast)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Jalon.Storage.TestHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { host, mode, database.Provider.ToString(), database.ConnectionString }) start.ArgumentList.Add(arg);

        var committed = new List<string>();
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        // Let it commit a good number of transactions, then kill it at an arbitrary point of its loop.
        var deadline = Stopwatch.StartNew();
        while (committed.Count < atLeast && deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            var line = child.StandardOutput.ReadLine();
            if (line is null) break;
            committed.Add(line);
        }
        Thread.Sleep(Random.Shared.Next(1, 40));
        child.Kill(); // SIGKILL on Unix: no clean-up, no checkpoint, an open transaction left behind
        child.WaitForExit();
        // What it printed before dying was committed too.
        for (var line = child.StandardOutput.ReadLine(); line is not null; line = child.StandardOutput.ReadLine()) committed.Add(line);
        Assert.True(committed.Count >= atLeast, "le processus fils n'a pas écrit : " + await stderr);
        Assert.Equal(137, child.ExitCode); // 128 + SIGKILL
        SqliteConnection.ClearAllPools();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            using var db = database.CreateContext();
            Assert.Equal("ok", db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").AsEnumerable().Single());
        }
        return committed;
    }

    [DatabaseTheory, BothProviders]
    public async Task A_writer_killed_mid_write_loses_no_committed_transaction(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var committed = await RunAndKill(database, "crash-writer", 40);

        using var db = database.CreateContext();
        var jeunes = db.Jeunes.Where(j => j.StructureCode == "CRASH").Select(j => j.JeuneId).ToHashSet();
        Assert.All(committed, id => Assert.Contains(id, jeunes));
        // Atomic transactions: every young person present has all 50 contacts.
        var contacts = db.Contacts.Where(c => c.StructureCode == "CRASH").GroupBy(c => c.JeuneId).Select(g => new { g.Key, N = g.Count() }).ToList();
        Assert.Equal(jeunes.Count, contacts.Count);
        Assert.All(contacts, c => Assert.Equal(50, c.N));
    }

    [DatabaseTheory, BothProviders]
    public async Task An_import_killed_midway_is_all_or_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var committed = await RunAndKill(database, "crash-import", 3);

        using var db = database.CreateContext();
        var present = db.Structures.Select(s => s.Code).Where(c => c.StartsWith("CR")).OrderBy(c => c).ToList();
        Assert.All(committed, code => Assert.Contains(code, present));
        // At most the one being written when killed is absent; every structure present is its whole package.
        Assert.InRange(present.Count, committed.Count, committed.Count + 1);
        foreach (var code in present)
        {
            var n = int.Parse(code[2..], System.Globalization.CultureInfo.InvariantCulture);
            var expected = SamplePackages.Renamed(SamplePackages.Create(structures: 1, jeunesPerStructure: 400, seed: n, structureOffset: n, eventsScale: 2), code);
            Assert.Equal(SamplePackages.Canonical(expected), SamplePackages.Canonical(PackageLoader.Load(db, code)));
        }
    }

    [DatabaseTheory, BothProviders]
    public async Task A_dialogue_transition_killed_midway_leaves_a_consistent_dialogue(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var committed = await RunAndKill(database, "crash-dialogue", 30);

        using var db = database.CreateContext();
        var repo = new PilotageRepository(db);
        // Every save reported committed is there (its journal at least as long), and every dialogue's state is the end of its journal.
        var lastSaved = committed.Select(l => l.Split(' ')).GroupBy(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Max(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (annee, journal) in lastSaved)
        {
            var d = await repo.DialogueAsync("DLG", annee);
            Assert.NotNull(d);
            Assert.True(d.Journal.Count >= journal, $"{annee} : {d.Journal.Count} transitions, {journal} annoncées");
        }
        foreach (var stored in await repo.ListeDialoguesAsync(null, "DLG"))
        {
            var d = (await repo.DialogueAsync("DLG", stored.Annee))!;
            Assert.Equal(d.Journal[^1].Vers, d.Etat);
            Assert.All(d.Etapes, e => Assert.Equal(2000, e.AnalyseMissionLocale.Length));
            Assert.Equal(d.Journal.Count, db.DialogueTransitions.Count(t => t.DialogueId == d.Id));
            Assert.Equal(d.Journal.Count - 1, stored.Version); // one save per transition, in the same transaction
        }
    }
}
