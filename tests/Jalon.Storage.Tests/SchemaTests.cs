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
