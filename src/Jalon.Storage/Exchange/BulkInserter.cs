using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Appends rows to one table as fast as the provider allows, inside the caller's transaction:
/// a prepared INSERT stepped per row on SQLite, a binary COPY on PostgreSQL.
/// Write each row's values in column order, then call <see cref="EndRow"/>; <see cref="Complete"/> at the end.
/// </summary>
internal abstract class BulkInserter : IDisposable
{
    public static BulkInserter Create(DbConnection connection, string table, params string[] columns) =>
        connection switch
        {
            SqliteConnection sqlite => new SqliteInserter(sqlite, table, columns),
            NpgsqlConnection npgsql => new PostgresInserter(npgsql, table, columns),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

    public long Rows { get; private set; }

    /// <summary>Called with <see cref="ImportProgress.RowsPerReport"/> every such number of rows (a long import's progress bar).</summary>
    public Action<long>? Progress { get; set; }

    public abstract void Text(string? value);
    public abstract void Int(int? value);
    public abstract void Long(long? value);

    /// <summary>An enum code, stored as its rank (smallint).</summary>
    public abstract void Code(int? value);
    public abstract void Bool(bool value);
    public abstract void NullableBool(bool? value);
    public abstract void Date(DateOnly? value);
    public abstract void Decimal(decimal? value);
    public abstract void Timestamp(DateTime value);

    public void EndRow()
    {
        Rows++;
        OnEndRow();
        if (Progress is not null && Rows % ImportProgress.RowsPerReport == 0) Progress(ImportProgress.RowsPerReport);
    }

    protected abstract void OnEndRow();
    public abstract void Complete();
    public abstract void Dispose();

    internal static string Quote(string name) => '"' + name + '"';

    /// <summary>
    /// One prepared INSERT stepped per row through SQLite's own API (SQLitePCLRaw), on the connection and
    /// transaction of the context: values are bound by position, dates formatted without allocation.
    /// Microsoft.Data.Sqlite's command re-binds every parameter by name on each execution, several times slower.
    /// </summary>
    private sealed class SqliteInserter : BulkInserter
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private int _next = 1;

        // Per column, the last string bound and its UTF-8 form: a young person's key repeats on all their events.
        private readonly string?[] _lastText;
        private readonly byte[][] _lastUtf8;

        public SqliteInserter(SqliteConnection connection, string table, string[] columns)
        {
            _db = connection.Handle!;
            var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
            Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
            _lastText = new string?[columns.Length + 1];
            _lastUtf8 = new byte[columns.Length + 1][];
        }

        private void Check(int rc)
        {
            if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }

        public override void Text(string? value)
        {
            var i = _next++;
            if (value is null)
            {
                Check(raw.sqlite3_bind_null(_statement, i));
                return;
            }
            if (!ReferenceEquals(value, _lastText[i]))
            {
                _lastText[i] = value;
                _lastUtf8[i] = System.Text.Encoding.UTF8.GetBytes(value);
            }
            Check(raw.sqlite3_bind_text(_statement, i, _lastUtf8[i]));
        }

        public override void Int(int? value) =>
            Check(value is { } v ? raw.sqlite3_bind_int(_statement, _next++, v) : raw.sqlite3_bind_null(_statement, _next++));

        public override void Long(long? value) =>
            Check(value is { } v ? raw.sqlite3_bind_int64(_statement, _next++, v) : raw.sqlite3_bind_null(_statement, _next++));

        public override void Code(int? value) => Int(value);
        public override void Bool(bool value) => Check(raw.sqlite3_bind_int(_statement, _next++, value ? 1 : 0));
        public override void NullableBool(bool? value) => Int(value is { } v ? (v ? 1 : 0) : null);

        // The text forms EF Core stores and reads on SQLite: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss.FFFFFFF.
        public override void Date(DateOnly? value)
        {
            if (value is not { } v)
            {
                Check(raw.sqlite3_bind_null(_statement, _next++));
                return;
            }
            Span<byte> text = stackalloc byte[10];
            v.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text(_statement, _next++, text));
        }

        // Invariant text keeping the value's scale (30.30 stays 30.30), which EF Core reads back as is.
        public override void Decimal(decimal? value) => Text(value?.ToString(CultureInfo.InvariantCulture));

        public override void Timestamp(DateTime value) =>
            Text(value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

        protected override void OnEndRow()
        {
            var rc = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            Check(rc);
            _next = 1;
        }

        public override void Complete() { }

        public override void Dispose() => _statement.Dispose();
    }

    private sealed class PostgresInserter : BulkInserter
    {
        private readonly NpgsqlBinaryImporter _writer;
        private bool _inRow;

        public PostgresInserter(NpgsqlConnection connection, string table, string[] columns)
        {
            _writer = connection.BeginBinaryImport(
                $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)");
            // No timeout (0 = infinite): the connection's command timeout would otherwise end a long COPY in Complete
            // (the server applies the rows then). See LongOperations.
            _writer.Timeout = TimeSpan.Zero;
        }

        private void Write<T>(T? value, NpgsqlDbType type) where T : struct
        {
            StartRow();
            if (value is { } v) _writer.Write(v, type);
            else _writer.WriteNull();
        }

        private void StartRow()
        {
            if (_inRow) return;
            _writer.StartRow();
            _inRow = true;
        }

        public override void Text(string? value)
        {
            StartRow();
            if (value is null) _writer.WriteNull();
            else _writer.Write(value, NpgsqlDbType.Text);
        }

        public override void Int(int? value) => Write(value, NpgsqlDbType.Integer);
        public override void Long(long? value) => Write(value, NpgsqlDbType.Bigint);
        public override void Code(int? value) => Write(value is { } v ? (short)v : (short?)null, NpgsqlDbType.Smallint);
        public override void Bool(bool value) => Write<bool>(value, NpgsqlDbType.Boolean);
        public override void NullableBool(bool? value) => Write(value, NpgsqlDbType.Boolean);
        public override void Date(DateOnly? value) => Write(value, NpgsqlDbType.Date);
        public override void Decimal(decimal? value) => Write(value, NpgsqlDbType.Numeric);
        public override void Timestamp(DateTime value) => Write<DateTime>(DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);

        protected override void OnEndRow() => _inRow = false;

        public override void Complete() => _writer.Complete();

        public override void Dispose() => _writer.Dispose();
    }
}
