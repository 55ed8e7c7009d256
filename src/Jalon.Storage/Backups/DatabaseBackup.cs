using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jalon.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jalon.Storage.Backups;

/// <summary>A backup could not be taken or restored; the message is French and meant for the operator.</summary>
public sealed class SauvegardeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a backup file holds.</summary>
public sealed record BackupInfo(string File, DatabaseProvider Provider, int SchemaVersion, long Bytes);

/// <summary>
/// Backs up and restores the whole database (docs/stockage.md, « Sauvegardes »). SQLite: the online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>), consistent while the application writes, into a
/// single self-contained file. PostgreSQL: <c>pg_dump</c> in the custom format, restored by <c>pg_restore</c> piped into
/// <c>psql --single-transaction</c> after dropping the current tables, so that a failed restore changes nothing.
/// A restore refuses a file of a newer schema than this program, and migrates an older one.
/// </summary>
public static class DatabaseBackup
{
    private const string SqliteMagic = "SQLite format 3\0";
    private const string PostgresMagic = "PGDMP";

    /// <summary>Writes a backup of <paramref name="db"/>'s database to <paramref name="file"/> (replaced if it exists), then audits it.</summary>
    public static BackupInfo Backup(JalonDbContext db, string file, string? userLogin = null)
    {
        db.Database.SetCommandTimeout(0); // a long operation: no timeout (LongOperations)
        var full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
        var version = JalonDatabase.CurrentVersion(db);
        if (version == 0) throw new SauvegardeException("La base est vide : il n'y a rien à sauvegarder.");
        var temporary = full + ".partiel";
        File.Delete(temporary);
        try
        {
            if (db.Provider == DatabaseProvider.Sqlite) BackupSqlite(db.Database.GetConnectionString()!, temporary);
            else BackupPostgres(db.Database.GetConnectionString()!, temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = userLogin, Action = AuditAction.Export, Entity = "sauvegarde",
            Detail = Limit($"sauvegarde complète de la base (schéma {version}) vers {full}"),
        });
        db.SaveChanges();
        return new BackupInfo(full, db.Provider, version, new FileInfo(full).Length);
    }

    /// <summary>
    /// Replaces <paramref name="db"/>'s database by the backup in <paramref name="file"/>, migrates it to this program's
    /// schema and audits the restore in it. Refuses (nothing changed) a missing, unreadable or foreign file, a backup of
    /// the other database engine, and a backup of a newer schema.
    /// </summary>
    public static BackupInfo Restore(JalonDbContext db, string file, string? userLogin = null)
    {
        db.Database.SetCommandTimeout(0); // a long operation: no timeout (LongOperations)
        var engine = Engine(file);
        if (engine != db.Provider)
        {
            throw new SauvegardeException(
                $"Ce fichier est une sauvegarde {Name(engine)} ; la base à restaurer est {Name(db.Provider)}. Restaurez-le dans une base {Name(engine)}.");
        }
        var info = Inspect(file);
        if (info.SchemaVersion > JalonDatabase.LatestVersion)
        {
            throw new SauvegardeException(
                $"La sauvegarde est au schéma {info.SchemaVersion}, plus récent que celui de ce programme ({JalonDatabase.LatestVersion}) : " +
                "mettez Jalon à jour avant de la restaurer. Rien n'a été modifié.");
        }
        if (db.Provider == DatabaseProvider.Sqlite) RestoreSqlite(db.Database.GetConnectionString()!, info.File);
        else RestorePostgres(db, info.File);
        db.ChangeTracker.Clear();
        JalonDatabase.Migrate(db);
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = userLogin, Action = AuditAction.Import, Entity = "sauvegarde",
            Detail = Limit($"restauration de la sauvegarde {info.File} (schéma {info.SchemaVersion}, base migrée au schéma {JalonDatabase.LatestVersion})"),
        });
        db.SaveChanges();
        return info;
    }

    /// <summary>The engine and schema version of a backup file.</summary>
    public static BackupInfo Inspect(string file)
    {
        var full = Path.GetFullPath(file);
        return Engine(full) == DatabaseProvider.Sqlite
            ? new BackupInfo(full, DatabaseProvider.Sqlite, SqliteSchemaVersion(full), new FileInfo(full).Length)
            : new BackupInfo(full, DatabaseProvider.Postgres, PostgresSchemaVersion(full), new FileInfo(full).Length);
    }

    /// <summary>The engine of a backup file, from its first bytes (a SQLite file, or a pg_dump archive in the custom format).</summary>
    private static DatabaseProvider Engine(string file)
    {
        var full = Path.GetFullPath(file);
        if (!File.Exists(full)) throw new SauvegardeException($"Fichier de sauvegarde introuvable : {full}");
        var head = new byte[16];
        int read;
        using (var stream = File.OpenRead(full)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = Encoding.ASCII.GetString(head, 0, read);
        if (text.StartsWith(SqliteMagic, StringComparison.Ordinal)) return DatabaseProvider.Sqlite;
        if (text.StartsWith(PostgresMagic, StringComparison.Ordinal)) return DatabaseProvider.Postgres;
        throw new SauvegardeException($"{full} n'est pas une sauvegarde de Jalon (ni un fichier SQLite, ni une archive pg_dump au format custom).");
    }

    /// <summary>
    /// A snapshot before a risky operation (an import): a backup named <c>jalon-{motif}-{date}.{sqlite|dump}</c> in
    /// <paramref name="directory"/>; only the <paramref name="keep"/> most recent snapshots of that motif are kept
    /// (they hold personal data too).
    /// </summary>
    public static BackupInfo Snapshot(JalonDbContext db, string directory, string motif, int keep = 5, string? userLogin = null)
    {
        var extension = db.Provider == DatabaseProvider.Sqlite ? "sqlite" : "dump";
        var name = $"jalon-{motif}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture)}.{extension}";
        var info = Backup(db, Path.Combine(directory, name), userLogin);
        var old = Directory.EnumerateFiles(directory, $"jalon-{motif}-*.{extension}").Order(StringComparer.Ordinal).ToList();
        foreach (var f in old.Take(Math.Max(0, old.Count - keep))) File.Delete(f);
        return info;
    }

    /// <summary>Where automatic backups go by default: <c>sauvegardes/</c> next to the SQLite file; <c>data/sauvegardes</c> for PostgreSQL.</summary>
    public static string DefaultSnapshotDirectory(JalonDbContext db)
    {
        if (db.Provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } path && path != ":memory:")
        {
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "sauvegardes");
        }
        return Path.GetFullPath(Path.Combine("data", "sauvegardes"));
    }

    private static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    private static string Limit(string detail) => detail.Length <= Jalon.Domain.TextLimits.DetailAudit ? detail : detail[..(Jalon.Domain.TextLimits.DetailAudit - 1)] + "…";

    // ---------------------------------------------------------------- SQLite

    private static void BackupSqlite(string connectionString, string file)
    {
        using (var source = new SqliteConnection(connectionString))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
            // A single self-contained file: no write-ahead log next to it.
            using var command = destination.CreateLongCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    private static void RestoreSqlite(string connectionString, string file)
    {
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var destination = new SqliteConnection(connectionString))
        {
            source.Open();
            destination.Open();
            using (var pragma = destination.CreateLongCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=30000";
                pragma.ExecuteNonQuery();
            }
            source.BackupDatabase(destination);
        }
        SqliteConnection.ClearAllPools();
    }

    private static int SqliteSchemaVersion(string file)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var check = connection.CreateLongCommand();
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() as string != "ok") throw new SauvegardeException($"La sauvegarde {file} est endommagée (contrôle d'intégrité SQLite en échec).");
            using var command = connection.CreateLongCommand();
            command.CommandText = """SELECT COALESCE(MAX("Version"), 0) FROM "SchemaVersion" """;
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw new SauvegardeException($"La sauvegarde {file} n'est pas une base Jalon lisible : {e.Message}", e);
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    private static void BackupPostgres(string connectionString, string file) =>
        Run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file], connectionString, stdin: null, stdout: null);

    private static int PostgresSchemaVersion(string file)
    {
        var data = new MemoryStream();
        Run("pg_restore", ["--data-only", "--table=SchemaVersion", "--file=-", file], null, stdin: null, stdout: data);
        // COPY public."SchemaVersion" ("Version", …) FROM stdin;  then one tab-separated row per version, then \.
        var version = 0;
        var inCopy = false;
        foreach (var line in Encoding.UTF8.GetString(data.ToArray()).Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal)) inCopy = true;
            else if (line == "\\.") inCopy = false;
            else if (inCopy && int.TryParse(line.Split('\t')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v)) version = Math.Max(version, v);
        }
        if (version == 0) throw new SauvegardeException($"La sauvegarde {file} ne contient pas de base Jalon (table SchemaVersion absente ou vide).");
        return version;
    }

    /// <summary>In one transaction: drops the current tables, then replays the dump (<c>pg_restore -f -</c> piped into <c>psql</c>).</summary>
    private static void RestorePostgres(JalonDbContext db, string file)
    {
        var connectionString = db.Database.GetConnectionString()!;
        JalonDatabase.EnsurePostgresDatabase(db);
        var drop = new StringBuilder();
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var tables = connection.CreateLongCommand();
            tables.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()";
            using (var r = tables.ExecuteReader())
            {
                while (r.Read()) drop.Append("DROP TABLE IF EXISTS \"").Append(r.GetString(0).Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\" CASCADE;\n");
            }
            using var functions = connection.CreateLongCommand();
            functions.CommandText = "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()";
            using (var r = functions.ExecuteReader())
            {
                while (r.Read()) drop.Append("DROP FUNCTION IF EXISTS ").Append(r.GetString(0)).Append(" CASCADE;\n");
            }
        }
        var script = new MemoryStream();
        script.Write(Encoding.UTF8.GetBytes(drop.ToString()));
        Run("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], null, stdin: null, stdout: script);
        script.Position = 0;
        Run("psql", ["--single-transaction", "--set=ON_ERROR_STOP=1", "--quiet", "--no-psqlrc", "--file=-"], connectionString, stdin: script, stdout: Stream.Null);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The folder of the PostgreSQL client programs: <c>JALON_PG_BIN</c>, else the newest /usr/lib/postgresql/*/bin, else the PATH.</summary>
    public static string? PostgresBin()
    {
        if (Environment.GetEnvironmentVariable("JALON_PG_BIN") is { Length: > 0 } configured) return configured;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var m) ? m : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "pg_dump")))
            .OrderByDescending(x => x.Major).Select(x => x.Dir).FirstOrDefault();
    }

    /// <summary>Runs a PostgreSQL client program; the connection goes through the PG* environment variables (no password on the command line).</summary>
    private static void Run(string program, string[] arguments, string? connectionString, Stream? stdin, Stream? stdout)
    {
        var executable = PostgresBin() is { } bin ? Path.Combine(bin, program) : program;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true, RedirectStandardOutput = stdout is not null, RedirectStandardInput = stdin is not null, UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (connectionString is not null)
        {
            var c = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(c.Host)) start.Environment["PGHOST"] = c.Host;
            start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(c.Username)) start.Environment["PGUSER"] = c.Username;
            if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
            if (!string.IsNullOrEmpty(c.Database)) start.Environment["PGDATABASE"] = c.Database;
            start.Environment["PGSSLMODE"] = c.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SauvegardeException($"{program} n'a pas pu être lancé.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SauvegardeException(
                $"{program} est introuvable ({executable}) : installez le client PostgreSQL (paquet postgresql-client) ou indiquez son dossier dans JALON_PG_BIN.", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = stdout is not null ? process.StandardOutput.BaseStream.CopyToAsync(stdout) : Task.CompletedTask;
            if (stdin is not null)
            {
                try
                {
                    stdin.CopyTo(process.StandardInput.BaseStream);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program stopped reading (it failed): its exit code and messages tell why.
                }
            }
            output.GetAwaiter().GetResult();
            process.WaitForExit();
            var message = errors.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
                throw new SauvegardeException($"{program} a échoué (code {process.ExitCode}) : {message}");
        }
    }
}
