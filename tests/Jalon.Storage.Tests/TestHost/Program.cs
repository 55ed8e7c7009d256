using System.Diagnostics;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Helper of the storage tests:
//   crash-writer FILE.db             commits young people with 50 contacts each, in a loop, printing each committed id
//   bench FILE.db JEUNES STRUCTURES  imports a synthetic package into a new SQLite file, then loads one structure and everything
//   load FILE.db [STRUCTURE]         loads an existing SQLite database (or one structure) three times
//   bench-postgres CONN JEUNES STRUCTURES   the same into a new PostgreSQL database (the one named in CONN is dropped first)
return args switch
{
    ["crash-writer", var path] => CrashWriter(path),
    ["bench", var path, var jeunes, var structures] => Bench(DatabaseProvider.Sqlite, path, int.Parse(jeunes), int.Parse(structures)),
    ["bench-postgres", var connection, var jeunes, var structures] => Bench(DatabaseProvider.Postgres, connection, int.Parse(jeunes), int.Parse(structures)),
    ["load", var path] => Load(path, null),
    ["load", var path, var structure] => Load(path, structure),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: crash-writer FILE.db | bench FILE.db JEUNES STRUCTURES | bench-postgres CONN JEUNES STRUCTURES | load FILE.db [STRUCTURE]");
    return 64;
}

static int CrashWriter(string path)
{
    using (var db = JalonStorage.CreateSqliteContext(path))
    {
        JalonDatabase.Migrate(db);
        db.Structures.Add(new StructureEntity { Code = "CRASH", Nom = "Structure du test d'arrêt brutal", Region = "84" });
        db.SaveChanges();
    }
    for (var n = 1; ; n++)
    {
        using var db = JalonStorage.CreateSqliteContext(path);
        var id = $"J{n}";
        db.Jeunes.Add(new JeuneEntity
        {
            StructureCode = "CRASH", JeuneId = id, Naissance = new DateOnly(2000, 1, 1), PremierAccueil = new DateOnly(2016, 1, 1),
            Nom = "Arrêt", Prenom = "Brutal",
        });
        for (var c = 0; c < 50; c++)
        {
            db.Contacts.Add(new ContactEntity
            {
                StructureCode = "CRASH", JeuneId = id, Date = new DateOnly(2016, 1, 1).AddDays(c), Mode = Jalon.Domain.ModeContact.Entretien,
                Commentaire = new string('x', 200),
            });
        }
        db.SaveChanges(); // one transaction, committed when this returns
        Console.Out.WriteLine(id);
        Console.Out.Flush();
    }
}

static int Bench(DatabaseProvider provider, string path, int jeunes, int structures)
{
    var clock = Stopwatch.StartNew();
    var package = SamplePackages.Create(structures, jeunes / structures, seed: 7, eventsScale: 2);
    var rows = package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
        + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
    Console.WriteLine($"package: {package.Structures.Count} structures, {package.Jeunes.Length} jeunes, {rows} events, built in {clock.Elapsed.TotalSeconds:F1} s");

    JalonDbContext Open() => provider == DatabaseProvider.Sqlite ? JalonStorage.CreateSqliteContext(path) : JalonStorage.CreateContext(provider, path);
    if (provider == DatabaseProvider.Sqlite)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }
    else
    {
        using var db = Open();
        db.Database.EnsureDeleted();
    }
    using (var db = Open())
    {
        JalonDatabase.Migrate(db);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var result = PackageImporter.Import(db, package);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"import ({provider}, empty database): {result.Duree.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU ({(result.Jeunes + result.Evenements) / result.Duree.TotalSeconds:N0} rows/s wall)");
    }
    if (provider == DatabaseProvider.Sqlite) Console.WriteLine($"file: {new FileInfo(path).Length / 1e6:F0} MB");
    var code = package.Structures[0].Code;
    SqliteConnection.ClearAllPools();
    for (var i = 0; i < 3; i++)
    {
        using var db = Open();
        clock.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var one = PackageLoader.Load(db, code);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var oneRows = one.Contacts.Count + one.Orientations.Count + one.Parcours.Count + one.Propositions.Count + one.Situations.Count + one.Droits.Count + one.Parrainages.Count;
        Console.WriteLine($"load one structure ({one.Jeunes.Length} jeunes, {oneRows} events): {clock.Elapsed.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU");
    }
    using (var db = Open())
    {
        clock.Restart();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var all = PackageLoader.Load(db);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"load everything ({all.Jeunes.Length} jeunes): {clock.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU");
    }
    return 0;
}

static int Load(string path, string? structure)
{
    for (var i = 0; i < 3; i++)
    {
        using var db = JalonStorage.CreateSqliteContext(path);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var package = PackageLoader.Load(db, structure);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var rows = (long)package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
        Console.WriteLine($"load {structure ?? "everything"} ({package.Jeunes.Length} jeunes, {rows} events): {clock.Elapsed.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU");
    }
    return 0;
}
