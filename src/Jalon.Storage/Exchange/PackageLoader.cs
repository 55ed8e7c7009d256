using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Jalon.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Reads the database back into a <see cref="JourneyPackage"/>: the whole database (export) or one
/// structure (its indicators, its alerts). Raw data readers over one consistent snapshot; the events of
/// each young person come in Id order, which is the order in which they were imported or recorded.
/// </summary>
public static class PackageLoader
{
    public static JourneyPackage Load(JalonDbContext db, string? structureCode = null)
    {
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            // A read-only snapshot: deferred on SQLite (no write lock), repeatable read on PostgreSQL.
            using var tx = db.Database.CurrentTransaction is null
                ? connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : connection.BeginTransaction(IsolationLevel.RepeatableRead)
                : null;
            var reader = new Reader(connection, tx ?? db.Database.CurrentTransaction!.GetDbTransaction(), structureCode);
            return reader.Read();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private sealed class Reader(DbConnection connection, DbTransaction tx, string? structureCode)
    {
        private readonly bool _sqlite = connection is SqliteConnection;
        private readonly JourneyPackageBuilder _builder = new();

        // Young people by structure index then id; the last key seen, since events come grouped by young person.
        private readonly List<Dictionary<string, int>> _jeunes = [];
        private readonly Dictionary<string, int> _structures = new(StringComparer.Ordinal);
        private string? _lastStructure;
        private string? _lastJeune;
        private int _lastIndex;

        public JourneyPackage Read()
        {
            ReadStructures();
            ReadJeunes();
            ReadEvents("Contacts", "\"Date\", \"Mode\", \"Diagnostic\"", (r, j) =>
                _builder.Contacts.Add(new Contact(j, Date(r, 2), (ModeContact)r.GetInt32(3), r.GetBoolean(4))));
            ReadEvents("Orientations", "\"Date\", \"Operateur\"", (r, j) =>
                _builder.Orientations.Add(new Orientation(j, Date(r, 2), (Operateur)r.GetInt32(3))));
            ReadEvents("Parcours", "\"Dispositif\", \"Debut\", \"Fin\", \"MotifFin\", \"Neet\"", (r, j) =>
                _builder.Parcours.Add(new Parcours(j, (Dispositif)r.GetInt32(2), Date(r, 3), NullableDate(r, 4),
                    r.IsDBNull(5) ? null : (MotifFin)r.GetInt32(5), r.GetBoolean(6))));
            ReadEvents("Propositions", "\"Date\", \"Theme\"", (r, j) =>
                _builder.Propositions.Add(new Proposition(j, Date(r, 2), (Theme)r.GetInt32(3))));
            ReadEvents("Situations", "\"Type\", \"Debut\", \"Fin\", \"DureePrevueJours\"", (r, j) =>
                _builder.Situations.Add(new Situation(j, (TypeSituation)r.GetInt32(2), Date(r, 3), NullableDate(r, 4),
                    r.IsDBNull(5) ? null : r.GetInt32(5))));
            ReadEvents("Droits", "\"Date\", \"Domaine\"", (r, j) =>
                _builder.Droits.Add(new Droit(j, Date(r, 2), (DomaineDroit)r.GetInt32(3))));
            ReadEvents("Parrainages", "\"Debut\", \"Fin\"", (r, j) =>
                _builder.Parrainages.Add(new Parrainage(j, Date(r, 2), NullableDate(r, 3))));
            ReadMoyens();
            return _builder.Build();
        }

        private DbDataReader Query(string sql, string? orderBy)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            if (structureCode is not null)
            {
                command.CommandText += " WHERE \"StructureCode\" = @s";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "s";
                parameter.Value = structureCode;
                command.Parameters.Add(parameter);
            }
            if (orderBy is not null) command.CommandText += " ORDER BY " + orderBy;
            return command.ExecuteReader(CommandBehavior.SequentialAccess);
        }

        private void ReadStructures()
        {
            using var r = Query("SELECT \"StructureCode\", \"Nom\", \"Region\", \"Departement\" FROM \"Structures\"", "\"StructureCode\"");
            while (r.Read())
            {
                var code = r.GetString(0);
                _structures.Add(code, _builder.AddStructure(new Structure(code, r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))));
                _jeunes.Add(new Dictionary<string, int>(StringComparer.Ordinal));
            }
        }

        private void ReadJeunes()
        {
            using var r = Query(
                "SELECT \"StructureCode\", \"JeuneId\", \"Naissance\", \"Sexe\", \"Niveau\", \"Diplome\", \"Commune\", \"Qpv\", \"Zrr\", \"PremierAccueil\" FROM \"Jeunes\"",
                "\"StructureCode\", \"JeuneId\"");
            while (r.Read())
            {
                var structure = StructureIndex(r.GetString(0));
                var id = r.GetString(1);
                var index = _builder.AddJeune(new Jeune(structure, id, Date(r, 2), (Sexe)r.GetInt32(3), (Niveau)r.GetInt32(4), r.GetBoolean(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), r.GetBoolean(8), Date(r, 9)));
                _jeunes[structure].Add(id, index);
            }
        }

        /// <summary>Reads one event table in Id order; <paramref name="add"/> gets the row (columns from 2) and the young person's index.</summary>
        private void ReadEvents(string table, string columns, Action<DbDataReader, int> add)
        {
            // One structure: its young people's index (StructureCode, JeuneId, rowid on SQLite) gives the order without a sort.
            using var r = Query($"SELECT \"StructureCode\", \"JeuneId\", {columns} FROM \"{table}\"", structureCode is null ? "\"Id\"" : "\"JeuneId\", \"Id\"");
            while (r.Read()) add(r, JeuneIndex(r.GetString(0), r.GetString(1)));
        }

        private void ReadMoyens()
        {
            using var r = Query(
                "SELECT \"StructureCode\", \"Annee\", \"Jano\", \"Defm\", \"EtpTotal\", \"EtpAccompagnement\", \"FinancementTotal\", \"FinancementActivitesPrincipales\", \"FinancementEtat\", \"FinancementFse\" FROM \"Moyens\"",
                "\"StructureCode\", \"Annee\"");
            while (r.Read())
            {
                _builder.Moyens.Add(new Moyens(StructureIndex(r.GetString(0)), r.GetInt32(1),
                    r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3),
                    Dec(r, 4), Dec(r, 5), Dec(r, 6), Dec(r, 7), Dec(r, 8), Dec(r, 9)));
            }

            static decimal? Dec(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        }

        private int StructureIndex(string code) =>
            _structures.TryGetValue(code, out var index) ? index : throw new InvalidDataException($"Structure inconnue : {code}");

        private int JeuneIndex(string structure, string jeune)
        {
            if (jeune == _lastJeune && structure == _lastStructure) return _lastIndex;
            _lastIndex = _jeunes[StructureIndex(structure)].TryGetValue(jeune, out var index)
                ? index
                : throw new InvalidDataException($"Jeune inconnu : {structure}/{jeune}");
            _lastStructure = structure;
            _lastJeune = jeune;
            return _lastIndex;
        }

        private DateOnly Date(DbDataReader r, int i) => _sqlite ? ParseDate(r.GetString(i)) : r.GetFieldValue<DateOnly>(i);

        private DateOnly? NullableDate(DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);

        /// <summary>EF Core's SQLite text form, yyyy-MM-dd, parsed without culture or allocation.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static DateOnly ParseDate(string s)
        {
            if (s.Length != 10 || s[4] != '-' || s[7] != '-') return DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return new DateOnly(
                (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                (s[5] - '0') * 10 + (s[6] - '0'),
                (s[8] - '0') * 10 + (s[9] - '0'));
        }
    }
}
