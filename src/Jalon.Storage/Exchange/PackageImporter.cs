using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Where an import is: its current step (French, e.g. « contacts »), the package's rows written so far and their total
/// (young people and events). Rows of a structure merged with what is stored count when their step ends.
/// </summary>
public readonly record struct ImportProgress(string Etape, long Lignes, long Total)
{
    /// <summary>Rows written in bulk between two reports inside a step.</summary>
    public const int RowsPerReport = 1 << 16;
}

/// <summary>What an import did: the package's counts, and what changed structure by structure.</summary>
public sealed record ImportResult(int Structures, int Jeunes, long Evenements, TimeSpan Duree)
{
    public ImportPlan Plan { get; init; } = new([]);
}

/// <summary>
/// Writes a <see cref="JourneyPackage"/> into the database (docs/stockage.md, "Import"; docs/adr/0005-reimport-fusion.md).
/// All or nothing: one transaction. A re-import never destroys what was entered in Jalon: structures and young people
/// are upserted by key (identity, profile and follow-up fields that the format does not carry are kept); the events
/// of a structure already in the database are merged (<see cref="ImportMerge"/>): an event matched keeps its row, its
/// comment and diagnostic domains, an event entered in Jalon is never removed, an event that came from an earlier
/// package and is absent from this one is removed; moyens are upserted by year. A structure new to the database is
/// written in bulk. Young people whose file was anonymised or erased are not brought back. One audit row per structure.
/// Saves the context's pending changes with it and clears its change tracker: call it on a fresh context.
/// </summary>
public static class PackageImporter
{
    /// <summary>What importing <paramref name="package"/> would do, without writing anything (the preview).</summary>
    public static ImportPlan Plan(JalonDbContext db, JourneyPackage package)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            using var tx = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            var merge = new ImportMerge(connection, tx, package);
            merge.Compute();
            return new ImportPlan(merge.Plans) { Revisions = merge.Revisions };
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public static ImportResult Import(JalonDbContext db, JourneyPackage package, string? userLogin = null, int? userId = null,
        Action<ImportProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        var clock = Stopwatch.StartNew();
        var events = (long)package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
        var total = package.Jeunes.Length + events;
        var written = 0L;
        var step = "fusion";
        void Report() => progress?.Invoke(new ImportProgress(step, Math.Min(written, total), total));
        void Rows(long n)
        {
            written += n;
            Report();
        }
        db.Database.SetCommandTimeout(0); // a long operation: no timeout (LongOperations)
        var now = DateTime.UtcNow;
        db.Database.OpenConnection();
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        var firstLoad = FirstLoad.Applies(db.Database.GetDbConnection()) ? new FirstLoad(sqlite) : null;
        try
        {
            if (firstLoad is not null && sqlite)
            {
                Execute(db.Database.GetDbConnection(), null, "PRAGMA foreign_keys=OFF"); // not inside a transaction
                firstLoad.UseRollbackJournal(db.Database.GetDbConnection());
                Trace(clock, "journal " + (firstLoad.RollbackJournal ? "DELETE" : "WAL"));
            }
            using var transaction = db.Database.BeginTransaction();
            var connection = db.Database.GetDbConnection();
            var tx = transaction.GetDbTransaction();
            if (sqlite) Execute(connection, tx, "PRAGMA cache_size=-262144"); // 256 MiB for this connection
            else if (firstLoad is not null) Execute(connection, tx, "SET LOCAL maintenance_work_mem = '256MB'"); // the index builds' sorts in memory

            Report();
            var merge = new ImportMerge(connection, tx, package);
            merge.Compute();
            Trace(clock, "fusion calculée");
            step = "jeunes";
            Report();
            UpsertStructures(connection, tx, package, now);
            firstLoad?.DropIndexes(connection, tx, merge.Kinds.Select(k => k.Table).Prepend("Jeunes"));
            if (firstLoad is not null) InsertJeunes(connection, package, merge.Skip, now);
            else UpsertJeunes(connection, tx, package, merge.Skip, now);
            written = package.Jeunes.Length;
            Trace(clock, "jeunes");
            var codes = package.Structures.Select(s => s.Code).ToArray();
            foreach (var kind in merge.Kinds)
            {
                // The bar moves with the rows written in bulk, then jumps to the step's end (merged rows included).
                var before = written;
                step = kind.Table.ToLowerInvariant();
                Report();
                kind.Apply(connection, tx, codes, merge.Merged, merge.Skip, locked: firstLoad is not null, progress is null ? null : Rows);
                written = before + kind.Count;
                Report();
                Trace(clock, kind.Table);
            }
            if (firstLoad is not null)
            {
                step = "index";
                Report();
                firstLoad.Restore(connection, tx);
                Trace(clock, "index");
            }
            // The CEJ files: the imported rows of each structure replaced by the package's (entered ones kept).
            step = "cej";
            Report();
            Cej.CejExchange.Import(connection, tx, package, merge.Skip, [.. merge.Plans.Select(p => !p.Nouvelle)], userLogin, now);
            Trace(clock, "cej");
            step = "validation";
            Report();
            UpsertMoyens(connection, tx, package, merge.MoyensToWrite);
            // The structure side (territory, sites, BRH, budget, context): replaced for what the package carries.
            Structures.StructureDataExchange.Import(connection, tx, package);
            Trace(clock, "moyens et côté structure");
            // The employer side (companies, offers, MER, periods in a company): replaced for the structures the package carries it for.
            Employeurs.EmployeurExchange.Import(connection, tx, package, Dates.TodayInParis());
            Trace(clock, "employeurs");
            // The stored indicator tallies of the structures that changed are now out of date.
            db.BumpRevisions(merge.Plans.Where(p => p.Change).Select(p => p.Code));

            foreach (var plan in merge.Plans)
            {
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    UserId = userId,
                    UserLogin = userLogin,
                    Action = AuditAction.Import,
                    Entity = "paquet",
                    StructureCode = plan.Code,
                    Detail = Truncate("import du paquet : " + plan.Resume(), TextLimits.DetailAudit),
                });
            }
            db.SaveChanges();
            transaction.Commit();
            Trace(clock, "validation (commit)");
            if (sqlite) Execute(connection, null, "PRAGMA cache_size=-2000"); // back to SQLite's default
            var accepte = new KeyValuePair<string, object?>("resultat", "accepte");
            Metriques.ImportsLignes.Add(package.Jeunes.Length + events, accepte);
            Metriques.ImportsDuree.Record(clock.Elapsed.TotalSeconds, accepte);
            return new ImportResult(package.Structures.Count, package.Jeunes.Length, events, clock.Elapsed)
            {
                Plan = new ImportPlan(merge.Plans) { Revisions = merge.Revisions },
            };
        }
        catch
        {
            // Nothing was written (one transaction): measured as a failed import, then reported by the caller.
            Metriques.ImportsDuree.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("resultat", "echec"));
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
            if (firstLoad is not null && sqlite)
            {
                Execute(db.Database.GetDbConnection(), null, "PRAGMA foreign_keys=ON"); // as every connection has it
                firstLoad.RestoreJournal(db.Database.GetDbConnection());
                if (firstLoad.RollbackJournal) Trace(clock, "journal WAL rétabli");
            }
            db.Database.CloseConnection();
        }
    }

    /// <summary>
    /// A first load into a database without any young person (a new base, the national package), done as both databases
    /// advise for a bulk load: the event tables' secondary indexes — and on PostgreSQL their foreign keys — are dropped
    /// inside the import's transaction and built once at its end (a failed import rolls the drop back with the rest); on
    /// SQLite the foreign keys are not checked row by row (switched off before the transaction, on again after): the import
    /// writes events only for the young people it writes. The young people are written straight into their table (no
    /// staging table, no upsert: the package's keys are unique and the table is empty), their secondary indexes dropped
    /// and rebuilt like the events'. On SQLite, when no other connection has the database open, the transaction uses
    /// the rollback journal instead of the write-ahead log (<see cref="UseRollbackJournal"/>). On PostgreSQL the dropped
    /// indexes lock the event tables until the commit: their new ids are reserved in one block (<see cref="EventKind.Apply"/>).
    /// On SQLite the events' (structure, young person) indexes are the exception, kept during the load: the events arrive
    /// young person by young person, so each index grows at the end of its structure's run, which costs less than
    /// sorting 13 million keys afterwards (national package: write 27.0 → 23.3 s). Measured in docs/benchmarks.md.
    /// </summary>
    private sealed class FirstLoad(bool sqlite)
    {
        private readonly List<string> _restore = [];

        /// <summary>The SQLite database was switched to the rollback journal for this import (back to WAL at its end).</summary>
        public bool RollbackJournal { get; private set; }

        /// <summary>
        /// SQLite: switches the database (outside any transaction) from the write-ahead log to the rollback journal.
        /// A rollback journal keeps only the pages the transaction changes that existed before it: the pages a first
        /// load appends to a nearly empty file are written once, into the database, instead of twice (into the log, then
        /// copied by the checkpoint that follows the commit). Crash safety is SQLite's own: the journal is written and
        /// synced before the database is changed (synchronous=FULL); a crash leaves a hot journal that the next
        /// connection rolls back, truncating the file to its size before the import. Needs the database to itself: if
        /// another connection has it open (the web application) the switch fails at once (no busy wait) and the import
        /// keeps the write-ahead log.
        /// </summary>
        public void UseRollbackJournal(DbConnection connection)
        {
            try
            {
                Execute(connection, null, "PRAGMA busy_timeout=0");
                using var command = connection.CreateLongCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE";
                RollbackJournal = string.Equals(command.ExecuteScalar() as string, "delete", StringComparison.OrdinalIgnoreCase);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 5) // SQLITE_BUSY: another connection
            {
                RollbackJournal = false;
            }
            finally
            {
                Execute(connection, null, "PRAGMA busy_timeout=30000"); // as every connection has it (JalonStorage)
            }
        }

        /// <summary>Back to the write-ahead log, as every connection sets it (JalonStorage), after the import or its failure.</summary>
        public void RestoreJournal(DbConnection connection)
        {
            if (RollbackJournal) Execute(connection, null, "PRAGMA journal_mode=WAL");
        }

        public static bool Applies(DbConnection connection)
        {
            using var command = connection.CreateLongCommand();
            command.CommandText = """SELECT COUNT(*) FROM (SELECT 1 FROM "Jeunes" LIMIT 1) AS j""";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
        }

        public void DropIndexes(DbConnection connection, DbTransaction tx, IEnumerable<string> tables)
        {
            foreach (var table in tables)
            {
                // Secondary indexes only: neither the primary key nor a unique index (a constraint).
                var indexes = Rows(connection, tx, sqlite
                    ? """SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @t AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"""
                    : """
                      SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                      WHERE i.indrelid = to_regclass(@t) AND NOT i.indisprimary AND NOT i.indisunique
                      """, sqlite ? table : '"' + table + '"');
                foreach (var (name, definition) in indexes)
                {
                    if (sqlite && name.EndsWith("_StructureCode_JeuneId", StringComparison.Ordinal)) continue; // kept: see the summary
                    Execute(connection, tx, $"""DROP INDEX "{name}" """);
                    _restore.Add(definition);
                }
                if (sqlite) continue;
                var keys = Rows(connection, tx, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(@t) AND contype = 'f'", '"' + table + '"');
                foreach (var (name, definition) in keys)
                {
                    Execute(connection, tx, $"""ALTER TABLE "{table}" DROP CONSTRAINT "{name}" """);
                    _restore.Add($"""ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}""");
                }
            }
        }

        /// <summary>Builds the indexes again and, on PostgreSQL, adds the foreign keys back (each checked in one pass).</summary>
        public void Restore(DbConnection connection, DbTransaction tx)
        {
            var clock = Stopwatch.StartNew();
            foreach (var sql in _restore)
            {
                Execute(connection, tx, sql);
                ImportTrace.Write("index", clock, sql);
            }
        }

        private static List<(string Name, string Definition)> Rows(DbConnection connection, DbTransaction tx, string sql, string table)
        {
            using var command = connection.CreateLongCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            AddParameter(command, "t", table);
            var rows = new List<(string, string)>();
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
            return rows;
        }
    }

    private static void Trace(Stopwatch clock, string phase) => ImportTrace.Write("import", clock, phase);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void UpsertStructures(DbConnection connection, DbTransaction tx, JourneyPackage package, DateTime now)
    {
        foreach (var s in package.Structures)
        {
            Execute(connection, tx, """
                INSERT INTO "Structures" ("StructureCode", "Nom", "Region", "Departement", "CreatedAt", "UpdatedAt")
                VALUES (@s, @nom, @region, @departement, @now, @now)
                ON CONFLICT ("StructureCode") DO UPDATE SET
                    "Nom" = excluded."Nom", "Region" = excluded."Region", "Departement" = excluded."Departement", "UpdatedAt" = excluded."UpdatedAt"
                WHERE "Structures"."Nom" IS DISTINCT FROM excluded."Nom"
                   OR "Structures"."Region" IS DISTINCT FROM excluded."Region"
                   OR "Structures"."Departement" IS DISTINCT FROM excluded."Departement"
                """,
                s.Code, ("nom", s.Nom), ("region", s.Region), ("departement", s.Departement), ("now", now));
        }
    }

    private static readonly string[] JeuneColumns =
        ["StructureCode", "JeuneId", "Naissance", "Sexe", "Niveau", "Diplome", "Commune", "Qpv", "Zrr", "PremierAccueil"];

    /// <summary>Stages the young people (but the skipped ones) in a temporary table, then upserts them in one statement.</summary>
    private static void UpsertJeunes(DbConnection connection, DbTransaction tx, JourneyPackage package, bool[] skip, DateTime now)
    {
        var columns = string.Join(", ", JeuneColumns.Select(BulkInserter.Quote));
        Execute(connection, tx, $"CREATE TEMPORARY TABLE \"JeunesImport\" AS SELECT {columns} FROM \"Jeunes\" WHERE 1 = 0");
        using (var insert = BulkInserter.Create(connection, "JeunesImport", JeuneColumns)) WriteJeunes(insert, package, skip, null);
        var changed = string.Join("\n OR ", JeuneColumns.Skip(2).Select(c => $"\"Jeunes\".\"{c}\" IS DISTINCT FROM excluded.\"{c}\""));
        var set = string.Join(", ", JeuneColumns.Skip(2).Append("UpdatedAt").Select(c => $"\"{c}\" = excluded.\"{c}\""))
            + ", \"Version\" = \"Jeunes\".\"Version\" + 1";
        // WHERE 1 = 1: SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT.
        Execute(connection, tx, $"""
            INSERT INTO "Jeunes" ({columns}, "CreatedAt", "UpdatedAt")
            SELECT {columns}, @now, @now FROM "JeunesImport" WHERE 1 = 1
            ON CONFLICT ("StructureCode", "JeuneId") DO UPDATE SET {set}
            WHERE {changed}
            """, null, ("now", now));
        Execute(connection, tx, "DROP TABLE \"JeunesImport\"");
    }

    /// <summary>
    /// A first load: the young people (but the skipped ones) written straight into their empty table, in bulk. Their keys
    /// are unique (the package reader refuses a duplicate), so there is nothing to merge.
    /// </summary>
    private static void InsertJeunes(DbConnection connection, JourneyPackage package, bool[] skip, DateTime now)
    {
        using var insert = BulkInserter.Create(connection, "Jeunes", [.. JeuneColumns, "CreatedAt", "UpdatedAt"]);
        WriteJeunes(insert, package, skip, now);
    }

    /// <summary>Writes the young people (but the skipped ones) in the order of <see cref="JeuneColumns"/>; with <paramref name="now"/>, CreatedAt and UpdatedAt too.</summary>
    private static void WriteJeunes(BulkInserter insert, JourneyPackage package, bool[] skip, DateTime? now)
    {
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            if (skip[i]) continue;
            var j = package.Jeunes[i];
            insert.Text(package.Structures[j.Structure].Code);
            insert.Text(j.Id);
            insert.Date(j.Naissance);
            insert.Code((int)j.Sexe);
            insert.Code((int)j.Niveau);
            insert.Bool(j.Diplome);
            insert.Text(j.Commune);
            insert.Bool(j.Qpv);
            insert.Bool(j.Zrr);
            insert.Date(j.PremierAccueil);
            if (now is { } at)
            {
                insert.Timestamp(at);
                insert.Timestamp(at);
            }
            insert.EndRow();
        }
        insert.Complete();
    }

    /// <summary>Inserts the package's new years of moyens and updates the changed ones; years absent from the package are kept.</summary>
    private static void UpsertMoyens(DbConnection connection, DbTransaction tx, JourneyPackage package, List<Moyens> rows)
    {
        string[] columns = ["Jano", "Defm", "EtpTotal", "EtpAccompagnement", "FinancementTotal", "FinancementActivitesPrincipales", "FinancementEtat", "FinancementFse"];
        var sql = $"""
            INSERT INTO "Moyens" ("StructureCode", "Annee", {string.Join(", ", columns.Select(BulkInserter.Quote))})
            VALUES (@s, @annee, {string.Join(", ", columns.Select(c => "@" + c))})
            ON CONFLICT ("StructureCode", "Annee") DO UPDATE SET {string.Join(", ", columns.Select(c => $"\"{c}\" = excluded.\"{c}\""))}
            """;
        // SQLite: decimals as invariant text keeping their scale (30.30 stays 30.30), as the bulk insert and EF Core store them.
        var sqlite = connection is Microsoft.Data.Sqlite.SqliteConnection;
        object? D(decimal? d) => sqlite ? d?.ToString(CultureInfo.InvariantCulture) : d;
        foreach (var m in rows)
        {
            Execute(connection, tx, sql, package.Structures[m.Structure].Code, ("annee", m.Annee), ("Jano", m.Jano), ("Defm", m.Defm),
                ("EtpTotal", D(m.EtpTotal)), ("EtpAccompagnement", D(m.EtpAccompagnement)), ("FinancementTotal", D(m.FinancementTotal)),
                ("FinancementActivitesPrincipales", D(m.FinancementActivitesPrincipales)), ("FinancementEtat", D(m.FinancementEtat)),
                ("FinancementFse", D(m.FinancementFse)));
        }
    }

    /// <summary>Runs a statement; <paramref name="structure"/> binds @s, the named values bind @name.</summary>
    private static void Execute(DbConnection connection, DbTransaction? tx, string sql, string? structure = null, params (string Name, object? Value)[] values)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (structure is not null) AddParameter(command, "s", structure);
        foreach (var (name, value) in values) AddParameter(command, name, value);
        command.ExecuteNonQuery();
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
