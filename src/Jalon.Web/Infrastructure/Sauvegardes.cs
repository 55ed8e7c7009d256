using Jalon.Storage;
using Jalon.Storage.Backups;

namespace Jalon.Web.Infrastructure;

/// <summary>Where the web application writes its automatic backups (before an import).</summary>
public static class Sauvegardes
{
    /// <summary>Setting <c>Jalon:Sauvegardes:Dossier</c>; else next to the SQLite file, or data/sauvegardes at the repository root.</summary>
    public static string Dossier(IConfiguration configuration, IWebHostEnvironment environment, JalonDbContext db)
    {
        if (configuration["Jalon:Sauvegardes:Dossier"] is { Length: > 0 } configured) return configured;
        return db.Provider == DatabaseProvider.Sqlite
            ? DatabaseBackup.DefaultSnapshotDirectory(db)
            : Path.Combine(RepositoryPaths.Root(environment.ContentRootPath), "data", "sauvegardes");
    }
}
