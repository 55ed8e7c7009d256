using System.CommandLine;
using System.Data.Common;

namespace Jalon.Cli.Commands;

/// <summary>
/// A database failure (unreachable server, lost connection, refused statement…) ends a command with a French message on
/// standard error and <see cref="ExitCode"/>, never a stack trace. An import or a restore is one transaction: it rolls back.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>Exit code of a command stopped by a database failure.</summary>
    public const int ExitCode = 3;

    /// <summary>Runs a parsed command line; a database failure becomes a French message and <see cref="ExitCode"/>.</summary>
    public static int Invoke(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            error.WriteLine(message);
            return ExitCode;
        }
        catch (Exception e)
        {
            // Anything else is a bug: reported in full, as System.CommandLine's default handler does.
            error.WriteLine(e.ToString());
            return 1;
        }
    }

    /// <summary>The French message of a database failure anywhere in <paramref name="e"/>'s chain; null for another exception.</summary>
    public static string? Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is DbException or TimeoutException || x.GetType().FullName is "Microsoft.EntityFrameworkCore.DbUpdateException")
            {
                var cause = x;
                while (cause.InnerException is not null) cause = cause.InnerException;
                return $"Erreur de la base de données : {cause.Message.Trim()}\n"
                    + "L'opération a été interrompue ; un import ou une restauration est annulé en entier (rien n'est écrit à moitié). "
                    + "Vérifiez que la base est joignable (--postgres, --base, ConnectionStrings__Jalon), puis relancez la commande.";
            }
        }
        return null;
    }
}
