using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Storage;

public enum DatabaseProvider
{
    /// <summary>Embedded SQLite file (default: <c>data/jalon.db</c>).</summary>
    Sqlite,

    /// <summary>PostgreSQL server.</summary>
    Postgres,
}

/// <summary>Chooses and configures the database provider; the same model runs on both.</summary>
public static class JalonStorage
{
    public const string DefaultSqlitePath = "data/jalon.db";

    /// <summary>
    /// Registers <see cref="JalonDbContext"/> from configuration: <c>Jalon:Database:Provider</c> =
    /// <c>sqlite</c> (default) or <c>postgres</c>, and <c>ConnectionStrings:Jalon</c>
    /// (default for SQLite: <c>Data Source=data/jalon.db</c>).
    /// </summary>
    public static IServiceCollection AddJalonStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ParseProvider(configuration["Jalon:Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Jalon");
        services.AddDbContext<JalonDbContext>(options => Configure(options, provider, connectionString));
        return services;
    }

    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Fournisseur de base inconnu « {name} » : attendu « sqlite » ou « postgres »."),
    };

    /// <summary>A context outside dependency injection (command line, tests).</summary>
    public static JalonDbContext CreateContext(DatabaseProvider provider, string? connectionString)
    {
        var options = new DbContextOptionsBuilder<JalonDbContext>();
        Configure(options, provider, connectionString);
        return new JalonDbContext(options.Options);
    }

    /// <summary>A context on a SQLite file.</summary>
    public static JalonDbContext CreateSqliteContext(string path) =>
        CreateContext(DatabaseProvider.Sqlite, SqliteConnectionString(path));

    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true }.ToString();

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= SqliteConnectionString(DefaultSqlitePath);
                _ = SqliteThreading.Mode;
                CreateSqliteDirectory(connectionString);
                options.UseSqlite(connectionString, o => o.CommandTimeout(600))
                    .AddInterceptors(SqlitePragmas.Instance, DureeCommandes.Instance);
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("PostgreSQL : la chaîne de connexion « ConnectionStrings:Jalon » est requise.");
                options.UseNpgsql(connectionString, o => o.CommandTimeout(600)).AddInterceptors(DureeCommandes.Instance);
                break;
        }
    }

    private static void CreateSqliteDirectory(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal)) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }

    /// <summary>
    /// SQLite's threading mode for the process, set once before its first connection (the first SQLite context configured
    /// here): <b>multi-thread</b> rather than the library's default, serialized. Serialized mode takes the connection's
    /// mutex in every call (each bound value, each step: about 100 million times in a national import); Jalon never uses one
    /// connection from two threads at once (a context, and so its connection, belongs to one request or one command), which
    /// is all multi-thread mode asks. Memory statistics off too (nothing reads them; they take a global mutex on every
    /// allocation). Measured: the national import's write 32.0 → 28.9 s (docs/benchmarks.md).
    /// <see cref="Mode"/> is 0 when applied, else SQLite's refusal (21, misuse: a connection was opened before) and the
    /// process keeps the serialized default, which is correct, only slower.
    /// </summary>
    public static class SqliteThreading
    {
        public static readonly int Mode = Apply();

        private static int Apply()
        {
            SQLitePCL.Batteries_V2.Init();
            var rc = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
            return rc != SQLitePCL.raw.SQLITE_OK ? rc : SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
        }
    }

    /// <summary>
    /// Sets the pragmas of every SQLite connection: WAL journal (readers never block the writer),
    /// <c>synchronous=FULL</c> (a committed transaction survives a power cut, not only a crash of the
    /// process: what a counsellor saved and the audit log must not be lost), foreign keys on,
    /// a busy timeout for concurrent writers.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private const string Sql = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.ExecuteNonQuery();
        }
    }
}
