using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage;

/// <summary>
/// What <see cref="JalonDatabase.Migrate"/> would do to a database, read without changing anything (docs/adr/0002-schema-migrations.md):
/// the dry run of <c>./jalon base migrer --verifier</c> and the schema check of <c>/sante/pret</c>.
/// </summary>
/// <param name="Current">The database's schema version, 0 when it is empty (or does not exist yet).</param>
/// <param name="Pending">The steps that a migration would apply, in order; on an empty database, the creation of the latest schema.</param>
public sealed record SchemaPlan(int Current, IReadOnlyList<SchemaPlan.Step> Pending)
{
    /// <summary>One schema step (version and French description).</summary>
    public sealed record Step(int Version, string Description);

    /// <summary>The version this program writes and reads.</summary>
    public static int Latest => JalonDatabase.LatestVersion;

    /// <summary>The database is newer than this program: it refuses it.</summary>
    public bool TooNew => Current > Latest;

    /// <summary>The database is at exactly the version of this program.</summary>
    public bool UpToDate => Current == Latest;

    /// <summary>Reads the plan: opens the database read-only in effect (no table, no database is created).</summary>
    public static SchemaPlan Read(JalonDbContext db)
    {
        var current = Exists(db) ? VersionOrZero(db) : 0;
        return new SchemaPlan(current, Steps(current));
    }

    /// <summary>The steps from <paramref name="current"/> to the latest version.</summary>
    public static IReadOnlyList<Step> Steps(int current) => current == 0
        ? [new Step(Latest, "création du schéma complet depuis le modèle")]
        : [.. SchemaSteps.All.Where(s => s.Version > current).Select(s => new Step(s.Version, s.Description))];

    private static bool Exists(JalonDbContext db) =>
        db.Provider != DatabaseProvider.Postgres || db.GetService<IRelationalDatabaseCreator>().Exists();

    private static int VersionOrZero(JalonDbContext db)
    {
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = db.Provider == DatabaseProvider.Sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersion'"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'SchemaVersion'";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return 0;
            return JalonDatabase.CurrentVersion(db);
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
