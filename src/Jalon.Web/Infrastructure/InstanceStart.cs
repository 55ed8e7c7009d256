using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure;

/// <summary>The checks of a production start, on the migrated database, before the application listens.</summary>
public static class InstanceStart
{
    /// <summary>Exit code of a refused start.</summary>
    public const int Refused = 2;

    /// <summary>Why this start must not go on (a French message for standard error), or null.</summary>
    public static async Task<string?> RefusalAsync(IServiceProvider services, StartMode mode, ILogger logger)
    {
        if (mode.Demo) return null;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        if (await Instance.IsDemoAsync(db))
            return "Démarrage de production refusé : cette base est une base de démonstration (créée par « ./jalon web »), " +
                   "avec des comptes dont le mot de passe est publié. Utilisez une base neuve (ConnectionStrings__Jalon), " +
                   "ou lancez la démonstration avec « ./jalon web ».";
        if (!await db.Users.AnyAsync() && logger.IsEnabled(LogLevel.Warning))
            logger.LogWarning("Aucun compte dans la base : créez le premier administrateur avec « ./jalon comptes creer-admin --identifiant … ».");
        return null;
    }
}
