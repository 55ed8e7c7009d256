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
