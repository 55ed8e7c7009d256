using System.Data.Common;
using System.Diagnostics;
using Jalon.Domain;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage.Exchange;

/// <summary>What an import wrote.</summary>
public sealed record ImportResult(int Structures, int Jeunes, long Evenements, TimeSpan Duree);

/// <summary>
/// Writes a <see cref="JourneyPackage"/> into the database (docs/stockage.md, "Import").
/// All or nothing: one transaction. Idempotent: structures and young people are upserted by key
/// (identity, profile and follow-up fields that the format does not carry are kept), and the package
/// replaces the imported structures' events and moyens. One audit row per imported structure.
/// Saves the context's pending changes with it and clears its change tracker: call it on a fresh context.
/// </summary>
public static class PackageImporter
{
    public static ImportResult Import(JalonDbContext db, JourneyPackage package, string? userLogin = null, int? userId = null)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        db.Database.OpenConnection();
        try
        {
            using var transaction = db.Database.BeginTransaction();
            var connection = db.Database.GetDbConnection();
            var tx = transaction.GetDbTransaction();
            var sqlite = db.Provider == DatabaseProvider.Sqlite;
            if (sqlite) Execute(connection, tx, "PRAGMA cache_size=-262144"); // 256 MiB for this connection

            UpsertStructures(connection, tx, package, now);
            foreach (var table in ReplacedTables)
            {
                foreach (var structure in package.Structures)
                    Execute(connection, tx, $"DELETE FROM {BulkInserter.Quote(table)} WHERE \"StructureCode\" = @s", structure.Code);
            }
            UpsertJeunes(connection, tx, package, now);
            var events = InsertEvents(connection, tx, package);
            InsertMoyens(connection, tx, package);
            Structures.StructureDataExchange.Import(connection, tx, package);
            // The stored indicator tallies of these structures are now out of date.
            db.BumpRevisions(package.Structures.Select(s => s.Code));

            var jeunesPerStructure = new int[package.Structures.Count];
            foreach (var j in package.Jeunes) jeunesPerStructure[j.Structure]++;
            for (var s = 0; s < package.Structures.Count; s++)
            {
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    UserId = userId,
                    UserLogin = userLogin,
                    Action = AuditAction.Import,
                    Entity = "paquet",
                    StructureCode = package.Structures[s].Code,
                    Detail = $"import du paquet : {jeunesPerStructure[s]} jeunes",
                });
            }
            db.SaveChanges();
            transaction.Commit();
            if (sqlite) Execute(connection, null, "PRAGMA cache_size=-2000"); // back to SQLite's default
            return new ImportResult(package.Structures.Count, package.Jeunes.Length, events, clock.Elapsed);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.CloseConnection();
        }
    }

    /// <summary>The tables whose rows of an imported structure are replaced by the package, children first.</summary>
    private static readonly string[] ReplacedTables =
        ["DiagnosticDomaines", "Contacts", "Orientations", "Parcours", "Propositions", "Situations", "Droits", "Parrainages", "Moyens"];

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

    /// <summary>Stages the young people in a temporary table, then upserts them in one statement.</summary>
    private static void UpsertJeunes(DbConnection connection, DbTransaction tx, JourneyPackage package, DateTime now)
    {
        var columns = string.Join(", ", JeuneColumns.Select(BulkInserter.Quote));
        Execute(connection, tx, $"CREATE TEMPORARY TABLE \"JeunesImport\" AS SELECT {columns} FROM \"Jeunes\" WHERE 1 = 0");
        using (var insert = BulkInserter.Create(connection, "JeunesImport", JeuneColumns))
        {
            foreach (var j in package.Jeunes)
            {
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
                insert.EndRow();
            }
            insert.Complete();
        }
        var changed = string.Join("\n OR ", JeuneColumns.Skip(2).Select(c => $"\"Jeunes\".\"{c}\" IS DISTINCT FROM excluded.\"{c}\""));
        var set = string.Join(", ", JeuneColumns.Skip(2).Append("UpdatedAt").Select(c => $"\"{c}\" = excluded.\"{c}\""));
        // WHERE 1 = 1: SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT.
        Execute(connection, tx, $"""
            INSERT INTO "Jeunes" ({columns}, "CreatedAt", "UpdatedAt")
            SELECT {columns}, @now, @now FROM "JeunesImport" WHERE 1 = 1
            ON CONFLICT ("StructureCode", "JeuneId") DO UPDATE SET {set}
            WHERE {changed}
            """, null, ("now", now));
        Execute(connection, tx, "DROP TABLE \"JeunesImport\"");
    }

    private static long InsertEvents(DbConnection connection, DbTransaction tx, JourneyPackage package)
    {
        var jeunes = package.Jeunes;
        var codes = package.Structures.Select(s => s.Code).ToArray();
        long rows = 0;

        rows += Insert(package.Contacts, "Contacts", ["Date", "Mode", "Diagnostic"], (w, e) =>
        {
            w.Date(e.Date);
            w.Code((int)e.Mode);
            w.Bool(e.Diagnostic);
        });
        rows += Insert(package.Orientations, "Orientations", ["Date", "Operateur"], (w, e) =>
        {
            w.Date(e.Date);
            w.Code((int)e.Operateur);
        });
        rows += Insert(package.Parcours, "Parcours", ["Dispositif", "Debut", "Fin", "MotifFin", "Neet"], (w, e) =>
        {
            w.Code((int)e.Dispositif);
            w.Date(e.Debut);
            w.Date(e.Fin);
            w.Code((int?)e.MotifFin);
            w.Bool(e.Neet);
        });
        rows += Insert(package.Propositions, "Propositions", ["Date", "Theme"], (w, e) =>
        {
            w.Date(e.Date);
            w.Code((int)e.Theme);
        });
        rows += Insert(package.Situations, "Situations", ["Type", "Debut", "Fin", "DureePrevueJours"], (w, e) =>
        {
            w.Code((int)e.Type);
            w.Date(e.Debut);
            w.Date(e.Fin);
            w.Int(e.DureePrevueJours);
        });
        rows += Insert(package.Droits, "Droits", ["Date", "Domaine"], (w, e) =>
        {
            w.Date(e.Date);
            w.Code((int)e.Domaine);
        });
        rows += Insert(package.Parrainages, "Parrainages", ["Debut", "Fin"], (w, e) =>
        {
            w.Date(e.Debut);
            w.Date(e.Fin);
        });
        return rows;

        // Rows go in young person order, each one's events in package order: their Ids keep that order.
        long Insert<T>(EventTable<T> table, string name, string[] columns, Action<BulkInserter, T> write) where T : struct, IJeuneEvent
        {
            if (table.Count == 0) return 0;
            using var insert = BulkInserter.Create(connection, name, ["StructureCode", "JeuneId", .. columns]);
            for (var j = 0; j < jeunes.Length; j++)
            {
                var structure = codes[jeunes[j].Structure];
                var id = jeunes[j].Id;
                foreach (var e in table.For(j))
                {
                    insert.Text(structure);
                    insert.Text(id);
                    write(insert, e);
                    insert.EndRow();
                }
            }
            insert.Complete();
            return insert.Rows;
        }
    }

    private static void InsertMoyens(DbConnection connection, DbTransaction tx, JourneyPackage package)
    {
        if (package.Moyens.Count == 0) return;
        using var insert = BulkInserter.Create(connection, "Moyens",
            "StructureCode", "Annee", "Jano", "Defm", "EtpTotal", "EtpAccompagnement",
            "FinancementTotal", "FinancementActivitesPrincipales", "FinancementEtat", "FinancementFse");
        foreach (var m in package.Moyens)
        {
            insert.Text(package.Structures[m.Structure].Code);
            insert.Int(m.Annee);
            insert.Long(m.Jano);
            insert.Long(m.Defm);
            insert.Decimal(m.EtpTotal);
            insert.Decimal(m.EtpAccompagnement);
            insert.Decimal(m.FinancementTotal);
            insert.Decimal(m.FinancementActivitesPrincipales);
            insert.Decimal(m.FinancementEtat);
            insert.Decimal(m.FinancementFse);
            insert.EndRow();
        }
        insert.Complete();
    }

    /// <summary>Runs a statement; <paramref name="structure"/> binds @s, the named values bind @name.</summary>
    private static void Execute(DbConnection connection, DbTransaction? tx, string sql, string? structure = null, params (string Name, object? Value)[] values)
    {
        using var command = connection.CreateCommand();
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
