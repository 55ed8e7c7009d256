using System.CommandLine;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;

namespace Jalon.Cli.Commands;

/// <summary><c>jalon importer DOSSIER [--base chemin.db | --postgres "conn"]</c>: validates a package, then writes it into the database.</summary>
public static class ImporterCommand
{
    /// <summary>Exit code of an invalid package: nothing was written.</summary>
    public const int Invalid = 2;

    public static Command Create()
    {
        var dossier = new Argument<string>("DOSSIER") { Description = "dossier du paquet (fichiers CSV du format d'échange)" };
        var database = new DatabaseOptions();
        var command = new Command("importer",
            "Importe un paquet dans la base : tout ou rien, ré-importable (les structures du paquet sont remplacées, l'identité des jeunes est conservée)")
        { dossier };
        database.AddTo(command);
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(dossier),
            database.Open(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Errors on <paramref name="error"/> and 2 when the package is invalid (nothing written); else imports, 0.</summary>
    public static int Run(string directory, Func<JalonDbContext> openDatabase, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"Dossier introuvable : {directory}");
            return Invalid;
        }
        var read = PackageReader.Read(directory);
        if (!read.IsValid)
        {
            read.WriteIssues(error, anomalies: false, warnings: false);
            error.WriteLine($"Paquet invalide : {read.ErrorCount.ToString("N0", Fr)} erreur(s). Rien n'a été importé.");
            return Invalid;
        }
        read.WriteIssues(error, errors: false);

        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        var result = PackageImporter.Import(db, read.Package!, userLogin: "ligne de commande");
        output.WriteLine(
            $"Import terminé : {result.Structures.ToString("N0", Fr)} structure(s), {result.Jeunes.ToString("N0", Fr)} jeunes, " +
            $"{result.Evenements.ToString("N0", Fr)} faits, en {result.Duree.TotalSeconds.ToString("0.0", Fr)} s " +
            $"(lecture {read.Elapsed.TotalSeconds.ToString("0.0", Fr)} s) ; {read.AnomalyCount.ToString("N0", Fr)} anomalie(s).");
        var tallies = new IndicatorStore(db).RefreshAfterImport(Catalogue.Load("cpo-2015"), read.Package!, Dates.TodayInParis(TimeProvider.System));
        output.WriteLine(
            $"Indicateurs précalculés : {tallies.Computed.ToString("N0", Fr)} décompte(s) pour {tallies.StructuresRead.ToString("N0", Fr)} structure(s), " +
            $"en {tallies.Elapsed.TotalSeconds.ToString("0.0", Fr)} s.");
        return 0;
    }

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
}

/// <summary>
/// The database options shared by <c>importer</c>, <c>exporter</c> and <c>comptes</c>: <c>--base FILE</c> or <c>--postgres "…"</c>;
/// without them, the settings of <c>./jalon web</c> (<c>Jalon__Database__Provider</c>, <c>ConnectionStrings__Jalon</c>), else
/// <c>data/jalon.db</c>.
/// </summary>
internal sealed class DatabaseOptions
{
    private readonly Option<string?> _sqlite = new("--base")
    {
        Description = $"fichier SQLite (défaut : ConnectionStrings__Jalon, sinon {JalonStorage.DefaultSqlitePath})",
    };

    private readonly Option<string?> _postgres = new("--postgres")
    {
        Description = "chaîne de connexion PostgreSQL (Host=…;Port=…;Username=…;Database=…)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_sqlite);
        command.Options.Add(_postgres);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_sqlite) is not null && result.GetValue(_postgres) is not null)
                result.AddError("Choisir --base ou --postgres, pas les deux.");
        });
    }

    /// <summary>Opens the chosen database (not yet migrated).</summary>
    public Func<JalonDbContext> Open(ParseResult parseResult)
    {
        var (provider, connectionString) = Resolve(parseResult);
        return () => JalonStorage.CreateContext(provider, connectionString);
    }

    /// <summary>The SQLite file chosen when it does not exist (nothing to read from), else null.</summary>
    public string? MissingSqliteFile(ParseResult parseResult)
    {
        var (provider, connectionString) = Resolve(parseResult);
        if (provider != DatabaseProvider.Sqlite) return null;
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return File.Exists(path) ? null : path;
    }

    private (DatabaseProvider Provider, string ConnectionString) Resolve(ParseResult parseResult)
    {
        if (parseResult.GetValue(_postgres) is { } postgres) return (DatabaseProvider.Postgres, postgres);
        if (parseResult.GetValue(_sqlite) is { } sqlite) return (DatabaseProvider.Sqlite, JalonStorage.SqliteConnectionString(sqlite));
        var provider = JalonStorage.ParseProvider(Environment.GetEnvironmentVariable("Jalon__Database__Provider"));
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Jalon") is { Length: > 0 } fromEnvironment) return (provider, fromEnvironment);
        if (provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("PostgreSQL : donnez --postgres \"…\" ou ConnectionStrings__Jalon.");
        return (DatabaseProvider.Sqlite, JalonStorage.SqliteConnectionString(JalonStorage.DefaultSqlitePath));
    }
}
