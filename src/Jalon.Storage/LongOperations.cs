using System.Data.Common;

namespace Jalon.Storage;

/// <summary>
/// Commands of the long operations — imports, backups and restores, the tally refresh, anonymisation, the schema steps —
/// never die of a default timeout: their commands have no timeout (<see cref="DbCommand.CommandTimeout"/> 0, whatever
/// the connection string says; on SQLite this is the wait for a lock), and a binary COPY to PostgreSQL none either
/// (<see cref="Exchange.BulkInserter"/>). A stuck operation is stopped by its user (Ctrl+C, a request aborted), never by a
/// clock: the import of the national package into PostgreSQL used to fail after ~100 s in <c>NpgsqlBinaryImporter.Complete</c>.
/// </summary>
public static class LongOperations
{
    /// <summary>A command on <paramref name="connection"/> without timeout.</summary>
    public static DbCommand CreateLongCommand(this DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        return command;
    }
}
