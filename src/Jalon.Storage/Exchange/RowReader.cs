using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Forward-only reading of a query's rows, as fast as the provider allows: SQLite's own API on SQLite
/// (no boxing, dates parsed from their UTF-8 bytes, repeated keys decoded once), a data reader on PostgreSQL.
/// </summary>
internal abstract class RowReader : IDisposable
{
    /// <summary>
    /// Runs <paramref name="sql"/>, binding <paramref name="structureCode"/> (if any) to its parameter <c>@s</c> and
    /// the <paramref name="texts"/> (if any) to <c>@t0</c>, <c>@t1</c>… (<see cref="TextParameters"/>).
    /// </summary>
    public static RowReader Open(DbConnection connection, DbTransaction transaction, string sql, string? structureCode,
        IReadOnlyList<string>? texts = null) =>
        connection switch
        {
            SqliteConnection sqlite => new SqliteRowReader(sqlite, sql, structureCode, texts ?? []),
            _ => new DataRowReader(connection, transaction, sql, structureCode, texts ?? []),
        };

    /// <summary>The list <c>@t0, @t1, …</c> of <paramref name="count"/> text parameters, for an <c>IN (…)</c>.</summary>
    public static string TextParameters(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@t{i}"));

    public abstract bool Read();
    public abstract bool IsNull(int column);
    public abstract int Int(int column);
    public abstract long Long(int column);
    public abstract bool Bool(int column);
    public abstract DateOnly Date(int column);
    public abstract string Text(int column);
    public abstract decimal Decimal(int column);

    /// <summary>A text that often repeats from one row to the next: the same string instance while it does.</summary>
    public abstract string Key(int column);

    public DateOnly? NullableDate(int column) => IsNull(column) ? null : Date(column);
    public string? NullableText(int column) => IsNull(column) ? null : Text(column);
    public decimal? NullableDecimal(int column) => IsNull(column) ? null : Decimal(column);
    public long? NullableLong(int column) => IsNull(column) ? null : Long(column);
    public int? NullableInt(int column) => IsNull(column) ? null : Int(column);
    public bool? NullableBool(int column) => IsNull(column) ? null : Bool(column);

    public abstract void Dispose();

    private sealed class SqliteRowReader : RowReader
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        // Per column, the last key read: its UTF-8 bytes and its string.
        private readonly byte[]?[] _keyBytes;
        private readonly string?[] _keyTexts;

        public SqliteRowReader(SqliteConnection connection, string sql, string? structureCode, IReadOnlyList<string> texts)
        {
            _db = connection.Handle!;
            Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
            if (structureCode is not null) Check(raw.sqlite3_bind_text(_statement, raw.sqlite3_bind_parameter_index(_statement, "@s"), structureCode));
            for (var i = 0; i < texts.Count; i++)
                Check(raw.sqlite3_bind_text(_statement, raw.sqlite3_bind_parameter_index(_statement, $"@t{i}"), texts[i]));
            var columns = raw.sqlite3_column_count(_statement);
            _keyBytes = new byte[columns][];
            _keyTexts = new string[columns];
        }

        private void Check(int rc)
        {
            if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }

        public override bool Read()
        {
            var rc = raw.sqlite3_step(_statement);
            Check(rc);
            return rc == raw.SQLITE_ROW;
        }

        public override bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;
        public override int Int(int column) => raw.sqlite3_column_int(_statement, column);
        public override bool Bool(int column) => raw.sqlite3_column_int(_statement, column) != 0;
        public override long Long(int column) => raw.sqlite3_column_int64(_statement, column);
        public override string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

        public override decimal Decimal(int column) =>
            raw.sqlite3_column_type(_statement, column) == raw.SQLITE_TEXT
                ? decimal.Parse(Utf8(column), NumberStyles.Float, CultureInfo.InvariantCulture)
                : (decimal)raw.sqlite3_column_double(_statement, column);

        /// <summary>The column's bytes: for TEXT, its UTF-8 form (valid until the next step).</summary>
        private ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

        /// <summary>EF Core's SQLite text form of a DateOnly, yyyy-MM-dd.</summary>
        public override DateOnly Date(int column)
        {
            var s = Utf8(column);
            if (s.Length != 10 || s[4] != '-' || s[7] != '-')
                return DateOnly.ParseExact(Encoding.UTF8.GetString(s), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new DateOnly(
                (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                (s[5] - '0') * 10 + (s[6] - '0'),
                (s[8] - '0') * 10 + (s[9] - '0'));
        }

        public override string Key(int column)
        {
            var bytes = Utf8(column);
            if (_keyTexts[column] is { } last && bytes.SequenceEqual(_keyBytes[column])) return last;
            _keyBytes[column] = bytes.ToArray();
            return _keyTexts[column] = Encoding.UTF8.GetString(bytes);
        }

        public override void Dispose() => _statement.Dispose();
    }

    private sealed class DataRowReader : RowReader
    {
        private readonly DbCommand _command;
        private readonly DbDataReader _reader;

        public DataRowReader(DbConnection connection, DbTransaction transaction, string sql, string? structureCode, IReadOnlyList<string> texts)
        {
            _command = connection.CreateLongCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            if (structureCode is not null) Add("s", structureCode);
            for (var i = 0; i < texts.Count; i++) Add($"t{i}", texts[i]);
            _reader = _command.ExecuteReader(CommandBehavior.SequentialAccess);

            void Add(string name, string value)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                _command.Parameters.Add(parameter);
            }
        }

        public override bool Read() => _reader.Read();
        public override bool IsNull(int column) => _reader.IsDBNull(column);
        public override int Int(int column) => _reader.GetFieldValue<int>(column);
        public override long Long(int column) => _reader.GetFieldValue<long>(column);
        public override bool Bool(int column) => _reader.GetBoolean(column);
        public override DateOnly Date(int column) => _reader.GetFieldValue<DateOnly>(column);
        public override string Text(int column) => _reader.GetString(column);
        public override decimal Decimal(int column) => _reader.GetDecimal(column);
        public override string Key(int column) => _reader.GetString(column);

        public override void Dispose()
        {
            _reader.Dispose();
            _command.Dispose();
        }
    }
}
