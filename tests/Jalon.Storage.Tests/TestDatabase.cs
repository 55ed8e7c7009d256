using System.Reflection;
using Jalon.Storage;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Jalon.Storage.Tests;

/// <summary>
/// Runs a theory once per provider. The PostgreSQL case needs <c>JALON_TEST_POSTGRES</c> (a connection
/// string, see scripts/postgres.sh); without it the case is reported as skipped, except under
/// <c>CI=true</c> where it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("Jalon.Storage.Tests.DatabaseTheoryDiscoverer", "Jalon.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>The two providers, as theory data.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[DatabaseProvider.Sqlite], [DatabaseProvider.Postgres]];
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        if (dataRow is [DatabaseProvider.Postgres, ..] && TestDatabase.PostgresSkipReason is { } reason)
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}

/// <summary>A fresh, empty database for one test: a new SQLite file or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "JALON_TEST_POSTGRES";

    private static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL cases are skipped, or null when they must run.</summary>
    public static string? PostgresSkipReason =>
        PostgresServer is null && !IsCi
            ? $"PostgreSQL non configuré : définir {PostgresVariable} (eval \"$(scripts/postgres.sh start)\")"
            : null;

    private readonly string? _directory;
    private readonly string? _postgresName;

    public TestDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            _directory = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            Path_ = Path.Combine(_directory, "jalon.db");
            ConnectionString = JalonStorage.SqliteConnectionString(Path_);
        }
        else
        {
            var server = PostgresServer ?? throw new InvalidOperationException(
                $"CI=true : les tests PostgreSQL doivent tourner, mais {PostgresVariable} n'est pas défini.");
            _postgresName = "jalon_test_" + Guid.NewGuid().ToString("N");
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresName, Pooling = false }.ToString();
        }
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? Path_ { get; }

    public JalonDbContext CreateContext() => JalonStorage.CreateContext(Provider, ConnectionString);

    /// <summary>A context on a migrated database.</summary>
    public JalonDbContext CreateMigratedContext()
    {
        var db = CreateContext();
        JalonDatabase.Migrate(db);
        return db;
    }

    public void Dispose()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
        else if (_postgresName is not null)
        {
            using var connection = new NpgsqlConnection(PostgresServer);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}
