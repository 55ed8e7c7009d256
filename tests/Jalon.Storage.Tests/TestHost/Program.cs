using System.Diagnostics;
using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Helper of the storage tests:
//   crash-writer PROVIDER CONN       commits young people with 50 contacts each, in a loop, printing each committed id
//   crash-import PROVIDER CONN       imports one package per new structure, in a loop, printing each structure once committed
//   crash-dialogue PROVIDER CONN     moves dialogues de gestion through their transitions, printing each saved state
//   bench FILE.db JEUNES STRUCTURES  imports a synthetic package into a new SQLite file, then loads one structure and everything
//   load FILE.db [STRUCTURE]         loads an existing SQLite database (or one structure) three times
//   bench-postgres CONN JEUNES STRUCTURES   the same into a new PostgreSQL database (the one named in CONN is dropped first)
return args switch
{
    ["crash-writer", var provider, var connection] => CrashWriter(Open(provider, connection)),
    ["crash-import", var provider, var connection] => CrashImport(Open(provider, connection)),
    ["crash-dialogue", var provider, var connection] => CrashDialogue(Open(provider, connection)),
    ["bench", var path, var jeunes, var structures] => Bench(DatabaseProvider.Sqlite, path, int.Parse(jeunes), int.Parse(structures)),
    ["bench-postgres", var connection, var jeunes, var structures] => Bench(DatabaseProvider.Postgres, connection, int.Parse(jeunes), int.Parse(structures)),
    ["load", var path] => Load(path, null),
    ["load", var path, var structure] => Load(path, structure),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: crash-writer|crash-import|crash-dialogue PROVIDER CONN | bench FILE.db JEUNES STRUCTURES | bench-postgres CONN JEUNES STRUCTURES | load FILE.db [STRUCTURE]");
    return 64;
}

static Func<JalonDbContext> Open(string provider, string connection) =>
    () => JalonStorage.CreateContext(JalonStorage.ParseProvider(provider), connection);

static int CrashWriter(Func<JalonDbContext> open)
{
    using (var db = open())
    {
        JalonDatabase.Migrate(db);
        db.Structures.Add(new StructureEntity { Code = "CRASH", Nom = "Structure du test d'arrêt brutal", Region = "84" });
        db.SaveChanges();
    }
    for (var n = 1; ; n++)
    {
        using var db = open();
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

static int CrashImport(Func<JalonDbContext> open)
{
    using (var db = open()) JalonDatabase.Migrate(db);
    for (var n = 0; ; n++)
    {
        // One transaction per package: a new structure CR{n} with its young people, events and moyens.
        var package = SamplePackages.Create(structures: 1, jeunesPerStructure: 400, seed: n, structureOffset: n, eventsScale: 2);
        using (var db = open()) PackageImporter.Import(db, SamplePackages.Renamed(package, $"CR{n:000}"));
        Console.Out.WriteLine($"CR{n:000}");
        Console.Out.Flush();
    }
}

static int CrashDialogue(Func<JalonDbContext> open)
{
    var directeur = new Jalon.Domain.Pilotage.Acteur("Directeur", Jalon.Domain.Role.Directeur, "DLG", "84");
    var etat = new Jalon.Domain.Pilotage.Acteur("État", Jalon.Domain.Role.AgentEtatRegional, null, "84");
    using (var db = open())
    {
        JalonDatabase.Migrate(db);
        db.Structures.Add(new StructureEntity { Code = "DLG", Nom = "Structure du test d'arrêt brutal", Region = "84" });
        db.SaveChanges();
    }
    var le = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    for (var annee = 2000; ; annee++)
    {
        var d = Jalon.Domain.Pilotage.DialogueDeGestion.Ouvrir(directeur, "DLG", "84", annee, le);
        foreach (var etape in Jalon.Domain.Pilotage.Referentiel.Etapes) d.RedigerAnalyse(directeur, etape, new string('a', 2000));
        Save(d);
        for (var tour = 0; tour < 3; tour++)
        {
            le = le.AddMinutes(1);
            d.Transmettre(directeur, le);
            Save(d);
            le = le.AddMinutes(1);
            d.Renvoyer(etat, le, "Compléments demandés");
            Save(d);
        }
    }

    void Save(Jalon.Domain.Pilotage.DialogueDeGestion d)
    {
        using var db = open();
        var repo = new Jalon.Storage.Pilotage.PilotageRepository(db);
        repo.EnregistrerAsync(d, repo.VersionAsync(d.Id).GetAwaiter().GetResult(), "test").GetAwaiter().GetResult();
        Console.Out.WriteLine($"{d.Annee} {d.Journal.Count}");
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
