using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Jalon.Storage.Exchange;

/// <summary>
/// Appends rows to one table as fast as the provider allows, inside the caller's transaction:
/// a prepared INSERT re-executed per row on SQLite, a binary COPY on PostgreSQL.
/// Write each row's values in column order, then call <see cref="EndRow"/>; <see cref="Complete"/> at the end.
/// </summary>
internal abstract class BulkInserter : IDisposable
{
    public static BulkInserter Create(DbConnection connection, DbTransaction transaction, string table, params string[] columns) =>
        connection switch
        {
            SqliteConnection sqlite => new SqliteInserter(sqlite, (SqliteTransaction)transaction, table, columns),
            NpgsqlConnection npgsql => new PostgresInserter(npgsql, table, columns),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

    public long Rows { get; private set; }

    public abstract void Text(string? value);
    public abstract void Int(int? value);
    public abstract void Long(long? value);

    /// <summary>An enum code, stored as its rank (smallint).</summary>
    public abstract void Code(int? value);
    public abstract void Bool(bool value);
    public abstract void Date(DateOnly? value);
    public abstract void Decimal(decimal? value);
    public abstract void Timestamp(DateTime value);

    public void EndRow()
    {
        Rows++;
        OnEndRow();
    }

    protected abstract void OnEndRow();
    public abstract void Complete();
    public abstract void Dispose();

    internal static string Quote(string name) => '"' + name + '"';

    private sealed class SqliteInserter : BulkInserter
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;
        private int _next;

        public SqliteInserter(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText =
                $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            _command.Prepare();
        }

        private void Set(object? value) => _parameters[_next++].Value = value ?? DBNull.Value;

        public override void Text(string? value) => Set(value);
        public override void Int(int? value) => Set(value);
        public override void Long(long? value) => Set(value);
        public override void Code(int? value) => Set(value);
        public override void Bool(bool value) => Set(value ? 1 : 0);

        // Microsoft.Data.Sqlite binds these as EF Core stores them: TEXT yyyy-MM-dd, invariant decimal, yyyy-MM-dd HH:mm:ss.FFFFFFF.
        public override void Date(DateOnly? value) => Set(value);
        public override void Decimal(decimal? value) => Set(value);
        public override void Timestamp(DateTime value) => Set(value);

        protected override void OnEndRow()
        {
            _command.ExecuteNonQuery();
            _next = 0;
        }

        public override void Complete() { }

        public override void Dispose() => _command.Dispose();
    }

    private sealed class PostgresInserter : BulkInserter
    {
        private readonly NpgsqlBinaryImporter _writer;
        private bool _inRow;

        public PostgresInserter(NpgsqlConnection connection, string table, string[] columns) =>
            _writer = connection.BeginBinaryImport(
                $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)");

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
        public override void Date(DateOnly? value) => Write(value, NpgsqlDbType.Date);
        public override void Decimal(decimal? value) => Write(value, NpgsqlDbType.Numeric);
        public override void Timestamp(DateTime value) => Write<DateTime>(DateTime.SpecifyKind(value, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);

        protected override void OnEndRow() => _inRow = false;

        public override void Complete() => _writer.Complete();

        public override void Dispose() => _writer.Dispose();
    }
}
