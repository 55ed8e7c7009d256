using System.Data.Common;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

public class AuditTests
{
    private static long AddEntry(TestDatabase database)
    {
        using var db = database.CreateContext();
        var entry = new AuditEntry { Action = AuditAction.Lecture, Entity = "jeune", StructureCode = "ML000", JeuneId = "J1", UserLogin = "conseiller" };
        db.AuditLog.Add(entry);
        db.SaveChanges();
        return entry.Id;
    }

    [DatabaseTheory, BothProviders]
    public void Audit_entries_are_written_with_their_time_and_action_code(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (database.CreateMigratedContext()) { }
        var before = DateTime.UtcNow.AddSeconds(-1);

        var id = AddEntry(database);

        using var db = database.CreateContext();
        var entry = db.AuditLog.Single(a => a.Id == id);
        Assert.Equal(AuditAction.Lecture, entry.Action);
        Assert.True(entry.At >= before);
        Assert.Equal("lecture", db.Database.SqlQueryRaw<string>("""SELECT "Action" AS "Value" FROM "AuditLog" """).AsEnumerable().Single());
        Assert.Single(db.AuditLog.Where(a => a.Action == AuditAction.Lecture && a.StructureCode == "ML000"));
    }

    [DatabaseTheory, BothProviders]
    public async Task SaveChanges_refuses_to_modify_or_delete_an_audit_entry(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (database.CreateMigratedContext()) { }
        var id = AddEntry(database);

        using (var db = database.CreateContext())
        {
            db.AuditLog.Single(a => a.Id == id).Detail = "falsifié";
            var error = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            Assert.Contains("ajout seul", error.Message, StringComparison.Ordinal);
        }
        using (var db = database.CreateContext())
        {
            db.AuditLog.Remove(db.AuditLog.Single(a => a.Id == id));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        using (var db = database.CreateContext())
        {
            db.AuditLog.Remove(db.AuditLog.Single(a => a.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        using (var db = database.CreateContext())
        {
            var entry = db.AuditLog.Single();
            Assert.Null(entry.Detail);
            Assert.Equal("conseiller", entry.UserLogin);
        }
    }

    [DatabaseTheory, BothProviders]
    public void The_database_refuses_update_and_delete_statements_on_the_audit_log(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (database.CreateMigratedContext()) { }
        AddEntry(database);

        using (var db = database.CreateContext())
        {
            Assert.ThrowsAny<DbException>(() => db.AuditLog.ExecuteUpdate(s => s.SetProperty(a => a.Detail, "falsifié")));
            Assert.ThrowsAny<DbException>(() => db.AuditLog.ExecuteDelete());
            Assert.ThrowsAny<DbException>(() => db.Database.ExecuteSqlRaw("""DELETE FROM "AuditLog" """));
            if (provider == DatabaseProvider.Postgres)
                Assert.ThrowsAny<DbException>(() => db.Database.ExecuteSqlRaw("""TRUNCATE "AuditLog" """));
        }

        using (var db = database.CreateContext())
        {
            var entry = db.AuditLog.Single();
            Assert.Null(entry.Detail);
        }
    }
}
