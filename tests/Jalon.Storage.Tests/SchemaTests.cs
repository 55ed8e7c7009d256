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

public class SchemaUpgradeTests
{
    /// <summary>The tables that the steps after version 1 create, children first.</summary>
    private static readonly string[] TablesAfterVersion1 =
    [
        "DialogueReleves", "DialogueEtapes", "DialogueObjectifs", "DialoguePlans", "DialogueTransitions", "DialogueValidations", "Dialogues",
        "DecisionsFinancement", "Conventions", "IndicatorTallies", "Sessions", "InstanceSettings", "JeunesEffaces",
        "ProfilVersions", "TerritoireCommunes", "TerritoireDeclarations", "Sites", "Personnel", "BrhLignes", "BudgetLignes", "Contexte", "ZoneCommunes",
        "CampagneVersions", "CampagneTransitions", "CampagneSoumissions", "Campagnes",
        "ApiClients",
        "AllocationTransitions", "AllocationMontants", "AllocationStructures", "AllocationDecisions", "AllocationPoids", "AllocationParts", "AllocationsRegionales",
        "Taches",
        "CejParticipants", "CejSessions", "CejRendezVous", "CejActivites", "CejHeuresDefaut", "CejSemaines", "CejAllocations",
        "PlanReunions", "PlanEvaluations", "PlanIndicateurs", "PlanActionStatuts", "PlanActions", "PlanObjectifs", "Plans",
        "ParrainageParrains", "Parrains", "MisesEnRelation", "Immersions", "RecherchesEmploi", "EchangesEntreprises", "Offres", "Entreprises",
        "ProgresEtatsDesLieux", "ProgresDemarches",
        "RevisionMarks",
    ];

    /// <summary>The columns that the steps after version 1 add to tables of version 1, with their indexes (dropped first).</summary>
    private static readonly (string Table, string Column)[] ColumnsAfterVersion1 =
    [
        ("Structures", "Revision"), ("Structures", "DernierNumeroJeune"), ("Jeunes", "Version"), ("Jeunes", "AnonymiseLe"), ("Contacts", "SiteId"),
        ("Users", "MustChangePassword"), ("Users", "Email"), ("Users", "ProConnectSubject"), ("Parcours", "Amont"), ("Parcours", "Rqth"),
        .. new[] { "Contacts", "Orientations", "Parcours", "Propositions", "Situations", "Droits", "Parrainages" }
            .SelectMany(t => new[] { (t, "Ref"), (t, "Origine"), (t, "Version") }),
    ];

    private static readonly string[] IndexesAfterVersion1 = ["IX_Users_Email", "IX_Users_ProConnectSubject"];

    /// <summary>The texts that step 5 sizes (PostgreSQL: back to <c>text</c>, as version 1 created them).</summary>
    private static readonly (string Table, string Column)[] TextsSizedAfterVersion1 =
    [
        ("Jeunes", "Nom"), ("Jeunes", "Prenom"), ("Jeunes", "Email"), ("Jeunes", "Telephone"), ("Contacts", "Commentaire"),
        ("DiagnosticDomaines", "Note"), ("AuditLog", "Detail"),
    ];

    [DatabaseTheory, BothProviders]
    public void A_version_1_database_is_upgraded_to_exactly_the_model_and_keeps_its_data(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        List<string> fresh;
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.Users.Add(new() { Login = "admin", DisplayName = "Administration", Role = Jalon.Domain.Role.Administrateur, PasswordHash = "x" });
            db.SaveChanges();
            fresh = Shape(db);
            // Back to version 1: without the tables and the column that later steps add.
#pragma warning disable EF1003, EF1002 // table and column names from the constant lists above
            foreach (var table in TablesAfterVersion1) db.Database.ExecuteSqlRaw("DROP TABLE \"" + table + "\"");
            foreach (var index in IndexesAfterVersion1) db.Database.ExecuteSqlRaw("DROP INDEX \"" + index + "\"");
            foreach (var (table, column) in ColumnsAfterVersion1) db.Database.ExecuteSqlRaw($"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\"");
            if (provider == DatabaseProvider.Postgres)
            {
                foreach (var (table, column) in TextsSizedAfterVersion1) db.Database.ExecuteSqlRaw($"ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" TYPE text");
            }
#pragma warning restore EF1003, EF1002
            db.Database.ExecuteSqlRaw("""DELETE FROM "SchemaVersion" """);
            db.Database.ExecuteSqlRaw("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES (1, '2026-01-01', 'schéma initial')""");
            Assert.NotEqual(fresh, Shape(db));
        }

        using (var db = database.CreateContext())
        {
            JalonDatabase.Migrate(db);
            Assert.Equal(JalonDatabase.LatestVersion, JalonDatabase.CurrentVersion(db));
            Assert.Equal(fresh, Shape(db));
            var structure = db.Structures.Single();
            Assert.Equal(("Mission Locale 1", 0L, 0), (structure.Nom, structure.Revision, structure.DernierNumeroJeune));
            var user = db.Users.Single();
            Assert.Equal(("admin", false, null, null), (user.Login, user.MustChangePassword, user.Email, user.ProConnectSubject));
        }
    }

    /// <summary>Every column (type, nullability, default) and index of the database, sorted: what a schema step must reproduce.</summary>
    private static List<string> Shape(JalonDbContext db)
    {
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || p."notnull" || ' ' || COALESCE(p.dflt_value, '') || ' ' || p.pk AS "Value"
              FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'
              UNION ALL SELECT 'index ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index'
              """
            : """
              SELECT table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || COALESCE(column_default, '') AS "Value"
              FROM information_schema.columns WHERE table_schema = current_schema()
              UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
              """;
        return [.. db.Database.SqlQueryRaw<string>(sql).AsEnumerable().Order(StringComparer.Ordinal)];
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
        // A table no other references (dropping one with foreign keys into it fails on PostgreSQL before the check).
        db.Database.ExecuteSqlRaw("""DROP TABLE "Taches" """);

        var error = Assert.Throws<InvalidOperationException>(() => JalonDatabase.Migrate(db));
        Assert.Contains("Taches", error.Message, StringComparison.Ordinal);
    }
}
