using System.Reflection;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Jalon.Tests.Shared;

/// <summary>
/// The PostgreSQL server of the tests: <c>JALON_TEST_POSTGRES</c> (a connection string, see scripts/postgres.sh). Without it
/// the tests of a <see cref="PostgresAttribute"/> class are reported as skipped, except under <c>CI=true</c> where they run
/// and fail (the pattern of tests/Jalon.Storage.Tests/TestDatabase.cs). Linked into the web and end-to-end test projects.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "JALON_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped, or null when they must run.</summary>
    public static string? SkipReason =>
        Server is null && !IsCi ? $"PostgreSQL non configuré : définir {Variable} (eval \"$(scripts/postgres.sh start)\")" : null;

    /// <summary>The connection string of a new database (created by the application's migration), and its name.</summary>
    public static (string ConnectionString, string Name) NewDatabase(string prefix)
    {
        var server = Server ?? throw new InvalidOperationException($"CI=true : les tests PostgreSQL doivent tourner, mais {Variable} n'est pas défini.");
        var name = $"{prefix}_{Guid.NewGuid():N}";
        return (new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), name);
    }

    public static void Drop(string name)
    {
        if (Server is not { } server) return;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

/// <summary>Marks a test class that runs on PostgreSQL (skipped without a server, failing under CI).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostgresAttribute : Attribute;

/// <summary>xUnit's framework, with the tests of <see cref="PostgresAttribute"/> classes skipped when <see cref="TestPostgres.SkipReason"/> says so.</summary>
public sealed class JalonTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override ITestFrameworkDiscoverer CreateDiscoverer() =>
            new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (TestPostgres.SkipReason is { } reason
                && testMethod.TestClass.Class.GetCustomAttributes(typeof(PostgresAttribute)).Any()
                && testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
                return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
            }
            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }
    }
}
