using System.Globalization;
using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Backups;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary><c>./jalon sauvegarder</c> and <c>./jalon restaurer</c>: backup → restore → the same database, table by table, row by row.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));

    public BackupTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Every row of every table (the model's and SchemaVersion), as text, sorted: two equal dumps hold the same data.
    /// <paramref name="everyTable"/>: check that the tables a backup must carry are not empty (else the comparison proves little).
    /// </summary>
    internal static List<string> AllRows(TestDatabase database, bool everyTable = false)
    {
        using var db = database.CreateContext();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct().Append("SchemaVersion").Order(StringComparer.Ordinal).ToList();
        var rows = new List<string>();
        db.Database.OpenConnection();
        try
        {
            foreach (var table in tables)
            {
                using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                using var r = command.ExecuteReader();
                var tableRows = new List<string>();
                while (r.Read())
                {
                    var values = new string[r.FieldCount];
                    for (var i = 0; i < r.FieldCount; i++)
                    {
                        values[i] = r.GetName(i) + "=" + (r.IsDBNull(i) ? "∅" : r.GetValue(i) switch
                        {
                            byte[] bytes => Convert.ToBase64String(bytes),
                            DateTime d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var v => v.ToString(),
                        });
                    }
                    tableRows.Add(table + " " + string.Join(", ", values));
                }
                Assert.True(!everyTable || tableRows.Count > 0 || !Filled.Contains(table), $"table {table} vide : le test ne la compare pas");
                rows.AddRange(tableRows);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The tables that <see cref="Fill"/> fills, which a backup test therefore compares row by row.</summary>
    private static readonly HashSet<string> Filled =
    [
        "SchemaVersion", "Structures", "Moyens", "Jeunes", "Contacts", "DiagnosticDomaines", "Orientations", "Parcours", "Propositions",
        "Situations", "Droits", "Users", "AuditLog", "JeunesEffaces", "TerritoireCommunes", "Sites", "BrhLignes", "BudgetLignes",
    ];

    /// <summary>
    /// A database with a little of everything: a generated package (journeys and the structure side), identity, comments,
    /// diagnostic domains, an account, an anonymisation trace, audit rows.
    /// </summary>
    private static void Fill(TestDatabase database)
    {
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 2, Jeunes = 60, Seed = 3 }));
        var jeune = db.Jeunes.OrderBy(j => j.JeuneId).First();
        jeune.Nom = "Dupont";
        jeune.Email = "lea.dupont@exemple.fr";
        var contact = db.Contacts.First(c => c.JeuneId == jeune.JeuneId);
        contact.Commentaire = "À rappeler";
        contact.DiagnosticDomaines.Add(new DiagnosticDomaineEntity { StructureCode = contact.StructureCode, Domaine = DomaineDiagnostic.Sante, Appreciation = AppreciationDiagnostic.FreinLeger, Note = "Suivi" });
        db.Users.Add(new UserEntity { Login = "c1", DisplayName = "C. Un", Role = Role.Conseiller, StructureCode = jeune.StructureCode, PasswordHash = "x" });
        db.JeunesEffaces.Add(new JeuneEffaceEntity { StructureCode = jeune.StructureCode, Empreinte = new string('a', 64), Le = DateTime.UtcNow });
        db.SaveChanges();
    }

    [DatabaseTheory, BothProviders]
    public void Backup_then_restore_into_a_new_database_gives_the_same_rows(DatabaseProvider provider)
    {
        using var source = new TestDatabase(provider);
        using var target = new TestDatabase(provider);
        Fill(source);
        var file = Path.Combine(_folder, "jalon.sauvegarde");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, SauvegardeCommands.Sauvegarder(file, source.CreateContext, output, error));
        var expected = AllRows(source, everyTable: true); // with the backup's own audit row
        Assert.Equal(0, SauvegardeCommands.Restaurer(file, target.CreateContext, output, error));

        Assert.Contains("Sauvegarde terminée", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Restauration terminée", output.ToString(), StringComparison.Ordinal);
        // Everything restored, plus the restore's audit row; the backup's audit row was written after the copy.
        var restored = AllRows(target);
        Assert.Single(restored.Except(expected), r => r.Contains("restauration de la sauvegarde", StringComparison.Ordinal));
        Assert.Single(expected.Except(restored), r => r.Contains("sauvegarde complète de la base", StringComparison.Ordinal));
        // The restored database works: new rows get new keys (sequences restored).
        using var db = target.CreateContext();
        var jeune = db.Jeunes.First();
        db.Contacts.Add(new ContactEntity { StructureCode = jeune.StructureCode, JeuneId = jeune.JeuneId, Date = new DateOnly(2016, 5, 1) });
        db.SaveChanges();
    }

    [DatabaseTheory, BothProviders]
    public void Restoring_over_a_changed_database_gives_back_the_backup(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        Fill(database);
        var file = Path.Combine(_folder, "avant.sauvegarde");
        using (var db = database.CreateContext()) DatabaseBackup.Backup(db, file);
        var backedUp = AllRows(database, everyTable: true);
        using (var db = database.CreateContext())
        {
            PackageImporter.Import(db, SamplePackages.Create(structures: 1, seed: 9, structureOffset: 7));
            db.Jeunes.First().Nom = "Changé";
            db.SaveChanges();
        }
        Assert.NotEqual(backedUp, AllRows(database));

        using (var db = database.CreateContext()) DatabaseBackup.Restore(db, file);

        // The backup's own audit row is written after the copy, the restore's after the restore.
        var restored = AllRows(database);
        Assert.Equal(backedUp.Where(r => !r.Contains("sauvegarde complète de la base", StringComparison.Ordinal)),
            restored.Where(r => !r.Contains("restauration de la sauvegarde", StringComparison.Ordinal)));
    }

    [DatabaseTheory, BothProviders]
    public void A_backup_of_a_newer_schema_or_of_the_other_engine_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var newer = new TestDatabase(provider);
        Fill(database);
        using (var db = newer.CreateMigratedContext())
        {
            db.Database.ExecuteSqlRaw("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, '2030-01-01', 'futur')""", JalonDatabase.LatestVersion + 1);
        }
        var file = Path.Combine(_folder, "futur.sauvegarde");
        using (var db = newer.CreateContext()) DatabaseBackup.Backup(db, file);
        var before = AllRows(database);
        var error = new StringWriter();

        Assert.Equal(SauvegardeCommands.Echec, SauvegardeCommands.Restaurer(file, database.CreateContext, new StringWriter(), error));
        Assert.Contains($"plus récent que celui de ce programme ({JalonDatabase.LatestVersion})", error.ToString(), StringComparison.Ordinal);

        // A backup of the other engine (its first bytes: a pg_dump archive, or a SQLite file).
        var otherFile = Path.Combine(_folder, "autre.sauvegarde");
        File.WriteAllBytes(otherFile, System.Text.Encoding.ASCII.GetBytes(provider == DatabaseProvider.Sqlite ? "PGDMP\u0001\u000e\u0000…" : "SQLite format 3\0…"));
        error = new StringWriter();
        Assert.Equal(SauvegardeCommands.Echec, SauvegardeCommands.Restaurer(otherFile, database.CreateContext, new StringWriter(), error));
        Assert.Contains($"Restaurez-le dans une base {(provider == DatabaseProvider.Sqlite ? "PostgreSQL" : "SQLite")}", error.ToString(), StringComparison.Ordinal);

        // Not a backup at all.
        var junk = Path.Combine(_folder, "rien.txt");
        File.WriteAllText(junk, "bonjour");
        error = new StringWriter();
        Assert.Equal(SauvegardeCommands.Echec, SauvegardeCommands.Restaurer(junk, database.CreateContext, new StringWriter(), error));
        Assert.Contains("n'est pas une sauvegarde de Jalon", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(before, AllRows(database));
    }

    [DatabaseTheory, BothProviders]
    public void An_import_that_changes_existing_structures_takes_a_snapshot_first(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Path.Combine(_folder, "paquet");
        var snapshots = Path.Combine(_folder, "instantanes");
        Jalon.Exchange.PackageWriter.Write(SamplePackages.Create(structures: 1), package);
        var output = new StringWriter();

        Assert.Equal(0, ImporterCommand.Run(package, database.CreateContext, output, new StringWriter(), snapshots: snapshots));
        Assert.False(Directory.Exists(snapshots)); // a new structure: nothing to lose, no snapshot
        Jalon.Exchange.PackageWriter.Write(SamplePackages.Create(structures: 1, seed: 4), package);
        Assert.Equal(0, ImporterCommand.Run(package, database.CreateContext, output, new StringWriter(), snapshots: snapshots));

        var snapshot = Assert.Single(Directory.GetFiles(snapshots));
        Assert.Contains("Sauvegarde automatique avant l'import : " + snapshot, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(JalonDatabase.LatestVersion, DatabaseBackup.Inspect(snapshot).SchemaVersion);
    }
}
