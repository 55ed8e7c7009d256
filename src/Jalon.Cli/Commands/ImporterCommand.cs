using System.CommandLine;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Storage;
using Jalon.Storage.Backups;
using Jalon.Storage.Exchange;
using Jalon.Storage.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon importer DOSSIER [--simulation] [--sans-sauvegarde] [--base chemin.db | --postgres "conn"]</c>: validates a
/// package, then merges it into the database (docs/adr/0005-reimport-fusion.md), after an automatic backup when it
/// changes structures already there.
/// </summary>
public static class ImporterCommand
{
    /// <summary>Exit code of an invalid package: nothing was written.</summary>
    public const int Invalid = 2;

    public static Command Create()
    {
        var dossier = new Argument<string>("DOSSIER") { Description = "dossier du paquet (fichiers CSV du format d'échange)" };
        var simulation = new Option<bool>("--simulation") { Description = "n'écrit rien : affiche ce que l'import ajouterait, modifierait et supprimerait, structure par structure" };
        var sansSauvegarde = new Option<bool>("--sans-sauvegarde") { Description = "pas de sauvegarde automatique avant un import qui modifie des structures déjà présentes" };
        var sauvegardes = new Option<string?>("--sauvegardes") { Description = "dossier des sauvegardes automatiques (défaut : sauvegardes/ à côté de la base SQLite, data/sauvegardes pour PostgreSQL)" };
        var database = new DatabaseOptions();
        var command = new Command("importer",
            "Importe un paquet dans la base : tout ou rien, ré-importable ; fusionne avec ce qui est déjà là (rien de ce qui a été saisi dans Jalon n'est perdu)")
        { dossier, simulation, sansSauvegarde, sauvegardes };
        database.AddTo(command);
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(dossier),
            database.Open(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(simulation),
            parseResult.GetValue(sansSauvegarde) ? null : parseResult.GetValue(sauvegardes) ?? "",
            progression: !Console.IsErrorRedirected));
        return command;
    }

    /// <summary>
    /// Errors on <paramref name="error"/> and 2 when the package is invalid (nothing written); else imports, 0.
    /// <paramref name="snapshots"/>: folder of the automatic backup taken before an import that touches structures already
    /// in the database ("" = the default folder, null = no backup). <paramref name="progression"/>: a progress bar redrawn
    /// in place on <paramref name="error"/> (a terminal); otherwise one line there per step of the import.
    /// </summary>
    public static int Run(string directory, Func<JalonDbContext> openDatabase, TextWriter output, TextWriter error,
        bool simulation = false, string? snapshots = "", bool progression = false)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"Dossier introuvable : {directory}");
            return Invalid;
        }
        // A warm-up while the package is read (one core each): the database's model, which Entity Framework keeps for the
        // process, and the code that writes the creation SQL. The migration of a new database after the reading still
        // writes that SQL, without building the model first. The database is not touched here.
        var model = Task.Run(() =>
        {
            using var db = openDatabase();
            db.Database.GenerateCreateScript();
        });
        var read = PackageReader.Read(directory);
        if (!read.IsValid)
        {
            read.WriteIssues(error, anomalies: false, warnings: false);
            error.WriteLine($"Paquet invalide : {read.ErrorCount.ToString("N0", Fr)} erreur(s). Rien n'a été importé.");
            return Invalid;
        }
        read.WriteIssues(error, errors: false);

        model.GetAwaiter().GetResult();
        using var db = openDatabase();
        JalonDatabase.Migrate(db);
        if (simulation)
        {
            output.WriteLine($"Simulation : rien n'a été importé. Le paquet ({read.Package!.Structures.Count.ToString("N0", Fr)} structure(s), " +
                $"{read.Package.Jeunes.Length.ToString("N0", Fr)} jeunes) ferait :");
            WritePlan(PackageImporter.Plan(db, read.Package!), output);
            return 0;
        }
        // A backup first when the package touches structures already in the database (a first import has nothing to lose).
        var codes = read.Package!.Structures.Select(s => s.Code).ToList();
        if (snapshots is not null && db.Structures.Any(s => codes.Contains(s.Code)))
        {
            var folder = snapshots.Length > 0 ? snapshots : DatabaseBackup.DefaultSnapshotDirectory(db);
            var backup = DatabaseBackup.Snapshot(db, folder, "avant-import", userLogin: "ligne de commande");
            output.WriteLine($"Sauvegarde automatique avant l'import : {backup.File}");
        }
        var bar = new ProgressBar(error, progression);
        var result = PackageImporter.Import(db, read.Package!, userLogin: "ligne de commande", progress: bar.Show);
        bar.End();
        output.WriteLine(
            $"Import terminé : {result.Structures.ToString("N0", Fr)} structure(s), {result.Jeunes.ToString("N0", Fr)} jeunes, " +
            $"{result.Evenements.ToString("N0", Fr)} faits, en {result.Duree.TotalSeconds.ToString("0.0", Fr)} s " +
            $"(lecture {read.Elapsed.TotalSeconds.ToString("0.0", Fr)} s) ; {read.AnomalyCount.ToString("N0", Fr)} anomalie(s).");
        WritePlan(result.Plan, output);
        error.WriteLine("Précalcul des décomptes d'indicateurs des tableaux de bord…");
        var tallies = new IndicatorStore(db).RefreshAfterImport(Catalogue.Load("cpo-2015"), read.Package!, Dates.TodayInParis(TimeProvider.System), result.Plan);
        output.WriteLine(
            $"Indicateurs précalculés : {tallies.Computed.ToString("N0", Fr)} décompte(s) pour {tallies.StructuresRead.ToString("N0", Fr)} structure(s), " +
            $"en {tallies.Elapsed.TotalSeconds.ToString("0.0", Fr)} s.");
        return 0;
    }

    /// <summary>One line per structure already in the database (what the merge does to it), and the count of new ones.</summary>
    private static void WritePlan(ImportPlan plan, TextWriter output)
    {
        var nouvelles = plan.Structures.Where(s => s.Nouvelle).ToList();
        if (nouvelles.Count > 0)
        {
            output.WriteLine($"  {nouvelles.Count.ToString("N0", Fr)} nouvelle(s) structure(s) : {nouvelles.Sum(s => s.JeunesAjoutes).ToString("N0", Fr)} jeunes, " +
                $"{nouvelles.Sum(s => s.EvenementsAjoutes).ToString("N0", Fr)} événements ajoutés" +
                (nouvelles.Sum(s => s.CejAjoutees) is > 0 and var cej ? $", {cej.ToString("N0", Fr)} ligne(s) du CEJ (activités, allocations)." : "."));
        }
        foreach (var s in plan.Structures.Where(s => !s.Nouvelle)) output.WriteLine($"  {s.Code} — {s.Nom} : {(s.Change ? s.Resume() : "aucun changement")}.");
    }

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The import's progress: a bar redrawn in place on a terminal, else one line per step (a log stays readable).</summary>
    public sealed class ProgressBar(TextWriter error, bool inPlace)
    {
        private const int Width = 30;
        private string? _step;
        private int _percent = -1;

        public void Show(ImportProgress p)
        {
            var percent = p.Total == 0 ? 100 : (int)(100 * p.Lignes / p.Total);
            if (inPlace && (percent != _percent || p.Etape != _step))
            {
                var filled = percent * Width / 100;
                error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3} % {p.Etape,-14} " +
                    $"{p.Lignes.ToString("N0", Fr)} / {p.Total.ToString("N0", Fr)} lignes");
                error.Flush();
            }
            else if (!inPlace && p.Etape != _step)
            {
                error.WriteLine($"Import : {p.Etape} ({percent} % des {p.Total.ToString("N0", Fr)} lignes)");
            }
            _step = p.Etape;
            _percent = percent;
        }

        public void End()
        {
            if (inPlace && _step is not null) error.WriteLine();
        }
    }
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

    /// <summary>
    /// Opens the chosen database (not yet migrated): <c>--base</c> or <c>--postgres</c>, else the settings of
    /// <c>./jalon web</c> from the environment (<c>ConnectionStrings__Jalon</c>, <c>Jalon__Database__Provider</c>),
    /// else the default SQLite file.
    /// </summary>
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
