using System.Data;
using System.Data.Common;
using Jalon.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Reads the database back into a <see cref="JourneyPackage"/>: the whole database (export) or one
/// structure (its indicators, its alerts) — the journeys, the CEJ, the structure side and the employer side. Raw data readers over one consistent snapshot; the events of
/// each young person come in Id order, which is the order in which they were imported or recorded.
/// </summary>
public static class PackageLoader
{
    /// <param name="conseillerId">
    /// With a structure: only the young people whose referent is this counsellor, and their events (a portfolio).
    /// </param>
    /// <param name="jeunes">
    /// With a structure: only these young people (those of them still there) and their events, to bring a tally up to
    /// date after they changed (<see cref="Indicators.IndicatorStore"/>).
    /// </param>
    /// <param name="withIds">
    /// Also the events' stable identifiers (<see cref="EventTable{T}.IdsFor"/>, column <c>id</c> of an export), for the
    /// kinds of events where at least one has an identifier.
    /// </param>
    public static JourneyPackage Load(JalonDbContext db, string? structureCode = null, int? conseillerId = null, bool withIds = false,
        IReadOnlyCollection<string>? jeunes = null)
    {
        if (conseillerId is not null && structureCode is null)
            throw new ArgumentException("Un portefeuille se charge dans une structure.", nameof(conseillerId));
        if (jeunes is not null && structureCode is null)
            throw new ArgumentException("Des jeunes se chargent dans une structure.", nameof(jeunes));
        db.Database.OpenConnection();
        try
        {
            var connection = db.Database.GetDbConnection();
            // A read-only snapshot: deferred on SQLite (no write lock), repeatable read on PostgreSQL.
            using var tx = db.Database.CurrentTransaction is null
                ? connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : connection.BeginTransaction(IsolationLevel.RepeatableRead)
                : null;
            var reader = new Reader(connection, tx ?? db.Database.CurrentTransaction!.GetDbTransaction(), structureCode, conseillerId, withIds,
                jeunes?.Distinct(StringComparer.Ordinal).ToList());
            return reader.Read();
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private sealed class Reader(DbConnection connection, DbTransaction tx, string? structureCode, int? conseillerId, bool withIds,
        List<string>? jeunes)
    {
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
                _builder.Contacts.Add(new Contact(j, r.Date(2), (ModeContact)r.Int(3), r.Bool(4))));
            ReadEvents("Orientations", "\"Date\", \"Operateur\"", (r, j) =>
                _builder.Orientations.Add(new Orientation(j, r.Date(2), (Operateur)r.Int(3))));
            ReadEvents("Parcours", "\"Dispositif\", \"Debut\", \"Fin\", \"MotifFin\", \"Neet\", \"Amont\", \"Rqth\"", (r, j) =>
                _builder.Parcours.Add(new Parcours(j, (Dispositif)r.Int(2), r.Date(3), r.NullableDate(4),
                    (MotifFin?)r.NullableInt(5), r.Bool(6), Amont(r.NullableText(7)), r.NullableBool(8))));
            ReadEvents("Propositions", "\"Date\", \"Theme\"", (r, j) =>
                _builder.Propositions.Add(new Proposition(j, r.Date(2), (Theme)r.Int(3))));
            ReadEvents("Situations", "\"Type\", \"Debut\", \"Fin\", \"DureePrevueJours\"", (r, j) =>
                _builder.Situations.Add(new Situation(j, (TypeSituation)r.Int(2), r.Date(3), r.NullableDate(4), r.NullableInt(5))));
            ReadEvents("Droits", "\"Date\", \"Domaine\"", (r, j) =>
                _builder.Droits.Add(new Droit(j, r.Date(2), (DomaineDroit)r.Int(3))));
            ReadEvents("Parrainages", "\"Debut\", \"Fin\"", (r, j) =>
                _builder.Parrainages.Add(new Parrainage(j, r.Date(2), r.NullableDate(3))));
            ReadMoyens();
            Cej.CejExchange.Load(connection, tx, structureCode, LoadedJeune, _builder);
            _builder.StructureData = Structures.StructureDataExchange.Load(connection, tx, structureCode, StructureIndex);
            _builder.Employeurs = Employeurs.EmployeurExchange.Load(connection, tx, structureCode, StructureIndex, LoadedJeune);
            return _builder.Build();
        }

        /// <summary>
        /// Rows of <paramref name="sql"/>, filtered to the structure when one was asked for, and for a table of young
        /// people's rows (<paramref name="portfolioFilter"/> given) to the portfolio or the young people asked for.
        /// </summary>
        private RowReader Query(string sql, string? orderBy, string? portfolioFilter = null)
        {
            if (structureCode is not null) sql += " WHERE \"StructureCode\" = @s";
            if (conseillerId is not null && portfolioFilter is not null) sql += portfolioFilter;
            var byJeune = jeunes is not null && portfolioFilter is not null;
            if (byJeune) sql += jeunes!.Count == 0 ? " AND 1 = 0" : $" AND \"JeuneId\" IN ({RowReader.TextParameters(jeunes.Count)})";
            if (orderBy is not null) sql += " ORDER BY " + orderBy;
            return RowReader.Open(connection, tx, sql, structureCode, byJeune ? jeunes : null);
        }

        private void ReadStructures()
        {
            using var r = Query("SELECT \"StructureCode\", \"Nom\", \"Region\", \"Departement\" FROM \"Structures\"", "\"StructureCode\"");
            while (r.Read())
            {
                var code = r.Text(0);
                _structures.Add(code, _builder.AddStructure(new Structure(code, r.Text(1), r.Text(2), r.NullableText(3))));
                _jeunes.Add(new Dictionary<string, int>(StringComparer.Ordinal));
            }
        }

        private void ReadJeunes()
        {
            using var r = Query(
                "SELECT \"StructureCode\", \"JeuneId\", \"Naissance\", \"Sexe\", \"Niveau\", \"Diplome\", \"Commune\", \"Qpv\", \"Zrr\", \"PremierAccueil\" FROM \"Jeunes\"",
                "\"StructureCode\", \"JeuneId\"",
                FormattableString.Invariant($" AND \"ConseillerId\" = {conseillerId}"));
            while (r.Read())
            {
                var structure = StructureIndex(r.Key(0));
                var id = r.Text(1);
                var index = _builder.AddJeune(new Jeune(structure, id, r.Date(2), (Sexe)r.Int(3), (Niveau)r.Int(4), r.Bool(5),
                    r.NullableText(6), r.Bool(7), r.Bool(8), r.Date(9)));
                _jeunes[structure].Add(id, index);
            }
        }

        /// <summary>Reads one event table in Id order; <paramref name="add"/> gets the row (columns from 2) and the young person's index.</summary>
        /// <summary>A stored amont code, shared with the reference list when it is one of its codes (millions of paths, a handful of codes).</summary>
        private static string? Amont(string? code) => code is null ? null : Domain.Amont.DispositifsAmont.Connu(code) ?? string.Intern(code);

        private void ReadEvents(string table, string columns, Action<RowReader, int> add)
        {
            // One structure: its young people's index (StructureCode, JeuneId, rowid on SQLite) gives the order without a sort.
            var idColumn = withIds ? columns.Count(c => c == ',') + 3 : -1;
            using var r = Query($"SELECT \"StructureCode\", \"JeuneId\", {columns}{(withIds ? ", \"Ref\"" : "")} FROM \"{table}\"", structureCode is null ? "\"Id\"" : "\"JeuneId\", \"Id\"",
                FormattableString.Invariant($" AND \"JeuneId\" IN (SELECT \"JeuneId\" FROM \"Jeunes\" WHERE \"StructureCode\" = @s AND \"ConseillerId\" = {conseillerId})"));
            List<string?>? ids = withIds ? [] : null;
            var any = false;
            while (r.Read())
            {
                add(r, JeuneIndex(structureCode ?? r.Key(0), r.Key(1)));
                if (ids is null) continue;
                var id = r.NullableText(idColumn);
                any |= id is not null;
                ids.Add(id);
            }
            if (any) _builder.Ids[table] = ids!;
        }

        private void ReadMoyens()
        {
            using var r = Query(
                "SELECT \"StructureCode\", \"Annee\", \"Jano\", \"Defm\", \"EtpTotal\", \"EtpAccompagnement\", \"FinancementTotal\", \"FinancementActivitesPrincipales\", \"FinancementEtat\", \"FinancementFse\" FROM \"Moyens\"",
                "\"StructureCode\", \"Annee\"");
            while (r.Read())
            {
                _builder.Moyens.Add(new Moyens(StructureIndex(r.Text(0)), r.Int(1), r.NullableLong(2), r.NullableLong(3),
                    r.NullableDecimal(4), r.NullableDecimal(5), r.NullableDecimal(6), r.NullableDecimal(7), r.NullableDecimal(8), r.NullableDecimal(9)));
            }
        }

        /// <summary>The index of a young person loaded, or null (another counsellor's portfolio, a file anonymised since).</summary>
        private int? LoadedJeune(string structure, string jeune) =>
            _structures.TryGetValue(structure, out var s) && _jeunes[s].TryGetValue(jeune, out var j) ? j : null;

        private int StructureIndex(string code) =>
            _structures.TryGetValue(code, out var index) ? index : throw new InvalidDataException($"Structure inconnue : {code}");

        private int JeuneIndex(string structure, string jeune)
        {
            if ((ReferenceEquals(jeune, _lastJeune) || jeune == _lastJeune) && (ReferenceEquals(structure, _lastStructure) || structure == _lastStructure))
                return _lastIndex;
            _lastIndex = _jeunes[StructureIndex(structure)].TryGetValue(jeune, out var index)
                ? index
                : throw new InvalidDataException($"Jeune inconnu : {structure}/{jeune}");
            _lastStructure = structure;
            _lastJeune = jeune;
            return _lastIndex;
        }
    }
}
