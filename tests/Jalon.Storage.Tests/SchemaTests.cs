using Jalon.Storage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

public class SchemaTests
{
    [DatabaseTheory, BothProviders]
    public void Migrate_creates_the_schema_on_an_empty_database_and_stamps_its_version(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateContext();

        JalonDatabase.Migrate(db);

        Assert.Equal(JalonDatabase.LatestVersion, JalonDatabase.CurrentVersion(db));
        Assert.Empty(db.Structures.ToList());
        Assert.Empty(db.Jeunes.ToList());
        Assert.Empty(db.AuditLog.ToList());
    }

    [DatabaseTheory, BothProviders]
    public void Migrate_again_changes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
        }

        using (var db = database.CreateContext())
        {
            JalonDatabase.Migrate(db);
            Assert.Equal("Mission Locale 1", db.Structures.Single().Nom);
            Assert.Equal(1, db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "SchemaVersion" """).AsEnumerable().Single());
        }
    }
}

public class SchemaConcurrencyTests
{
    [DatabaseTheory, BothProviders]
    public void Processes_starting_together_migrate_once(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);

        Parallel.For(0, 4, _ =>
        {
            using var db = database.CreateContext();
            JalonDatabase.Migrate(db);
        });

        using var check = database.CreateContext();
        Assert.Equal(1, check.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "SchemaVersion" """).AsEnumerable().Single());
        Assert.Equal(JalonDatabase.LatestVersion, JalonDatabase.CurrentVersion(check));
    }

    [DatabaseTheory, BothProviders]
    public void A_database_newer_than_the_program_is_refused(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        db.Database.ExecuteSqlRaw("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, '2030-01-01', 'futur')""",
            JalonDatabase.LatestVersion + 1);

        var error = Assert.Throws<InvalidOperationException>(() => JalonDatabase.Migrate(db));
        Assert.Contains("plus récent", error.Message, StringComparison.Ordinal);
    }
}

public class SchemaDriftTests
{
    [DatabaseTheory, BothProviders]
    public void A_database_missing_a_table_of_the_model_is_refused(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        db.Database.ExecuteSqlRaw("""DROP TABLE "Parrainages" """);

        var error = Assert.Throws<InvalidOperationException>(() => JalonDatabase.Migrate(db));
        Assert.Contains("Parrainages", error.Message, StringComparison.Ordinal);
    }
}
