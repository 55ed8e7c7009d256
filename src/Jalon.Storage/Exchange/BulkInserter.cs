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
    /// A prepared INSERT of <see cref="BatchRows"/> rows (one multi-row VALUES) stepped through SQLite's own API
    /// (SQLitePCLRaw), on the connection and transaction of the context: the row's values are kept in typed arrays and
    /// bound by position when the batch is full (the rest at <see cref="Complete"/>). One statement per batch, not per
    /// row: SQLite's per-statement work (an AUTOINCREMENT table reads and writes sqlite_sequence on each execution) is
    /// paid once per batch. Microsoft.Data.Sqlite's command re-binds every parameter by name on each execution, several
    /// times slower. Rows are inserted in the order written (ids in that order).
    /// </summary>
    private sealed class SqliteInserter : BulkInserter
    {
        private const int BatchRows = 64;

        private enum Kind : byte { Null, Integer, Text, Date }

        private readonly sqlite3 _db;
        private readonly string _table;
        private readonly string[] _columns;
        private readonly sqlite3_stmt _batch;

        // The values of the buffered rows, in parameter order.
        private readonly Kind[] _kinds;
        private readonly long[] _numbers;
        private readonly byte[]?[] _texts;
        private int _next;
        private int _rows;

        // Per column, the last string given and its UTF-8 form: a young person's key repeats on all their events.
        private readonly string?[] _lastText;
        private readonly byte[][] _lastUtf8;

        public SqliteInserter(SqliteConnection connection, string table, string[] columns)
        {
            _db = connection.Handle!;
            _table = table;
            _columns = columns;
            _batch = Prepare(BatchRows);
            _kinds = new Kind[BatchRows * columns.Length];
            _numbers = new long[_kinds.Length];
            _texts = new byte[_kinds.Length][];
            _lastText = new string?[columns.Length];
            _lastUtf8 = new byte[columns.Length][];
        }

        private sqlite3_stmt Prepare(int rows)
        {
            var row = "(" + string.Join(", ", _columns.Select(_ => "?")) + ")";
            var sql = $"INSERT INTO {Quote(_table)} ({string.Join(", ", _columns.Select(Quote))}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
            Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
            return statement;
        }

        private void Check(int rc)
        {
            if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }

        private void Put(Kind kind, long number = 0, byte[]? text = null)
        {
            _kinds[_next] = kind;
            _numbers[_next] = number;
            _texts[_next] = text;
            _next++;
        }

        public override void Text(string? value)
        {
            if (value is null)
            {
                Put(Kind.Null);
                return;
            }
            var column = _next % _columns.Length;
            if (!ReferenceEquals(value, _lastText[column]))
            {
                _lastText[column] = value;
                _lastUtf8[column] = System.Text.Encoding.UTF8.GetBytes(value);
            }
            Put(Kind.Text, text: _lastUtf8[column]);
        }

        public override void Int(int? value) => Long(value);

        public override void Long(long? value)
        {
            if (value is { } v) Put(Kind.Integer, v);
            else Put(Kind.Null);
        }

        public override void Code(int? value) => Long(value);
        public override void Bool(bool value) => Put(Kind.Integer, value ? 1 : 0);
        public override void NullableBool(bool? value) => Long(value is { } v ? (v ? 1 : 0) : null);

        public override void Date(DateOnly? value)
        {
            if (value is { } v) Put(Kind.Date, v.DayNumber);
            else Put(Kind.Null);
        }

        // Invariant text keeping the value's scale (30.30 stays 30.30), which EF Core reads back as is.
        public override void Decimal(decimal? value) => Text(value?.ToString(CultureInfo.InvariantCulture));

        // The text forms EF Core stores and reads on SQLite: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss.FFFFFFF. An import stamps
        // every row with the same instant: formatted once (then Text reuses its UTF-8 form).
        private DateTime _lastTimestamp;
        private string? _lastTimestampText;

        public override void Timestamp(DateTime value)
        {
            if (_lastTimestampText is null || value != _lastTimestamp)
            {
                _lastTimestamp = value;
                _lastTimestampText = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            }
            Text(_lastTimestampText);
        }

        protected override void OnEndRow()
        {
            if (++_rows == BatchRows) Flush(_batch);
        }

        /// <summary>Binds the buffered rows to <paramref name="statement"/> (made for that many rows) and steps it.</summary>
        private void Flush(sqlite3_stmt statement)
        {
            Span<byte> date = stackalloc byte[10];
            for (var i = 0; i < _next; i++)
            {
                var p = i + 1;
                switch (_kinds[i])
                {
                    case Kind.Null:
                        Check(raw.sqlite3_bind_null(statement, p));
                        break;
                    case Kind.Integer:
                        Check(raw.sqlite3_bind_int64(statement, p, _numbers[i]));
                        break;
                    case Kind.Text:
                        Check(raw.sqlite3_bind_text(statement, p, _texts[i]));
                        break;
                    default:
                        Jalon.Domain.Dates.WriteIso(DateOnly.FromDayNumber((int)_numbers[i]), date);
                        Check(raw.sqlite3_bind_text(statement, p, date));
                        break;
                }
            }
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            Check(rc);
            _next = 0;
            _rows = 0;
        }

        public override void Complete()
        {
            if (_rows == 0) return;
            using var rest = Prepare(_rows);
            Flush(rest);
        }

        public override void Dispose() => _batch.Dispose();
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
