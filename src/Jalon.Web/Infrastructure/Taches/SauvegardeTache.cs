using Jalon.Storage;
using Jalon.Storage.Backups;

namespace Jalon.Web.Infrastructure.Taches;

/// <summary>
/// The nightly backup (docs/exploitation.md, « Sauvegarder et restaurer »): <see cref="DatabaseBackup.Snapshot"/> of the whole
/// database into <see cref="Sauvegardes.Dossier"/> — SQLite: the online backup API, PostgreSQL: <c>pg_dump</c> in the custom
/// format (the client tools must be installed on the machine: otherwise the job fails with the French message of
/// <see cref="SauvegardeException"/>) — keeping the <c>Jalon:Sauvegardes:Conserver</c> latest (default 7). At
/// <c>Jalon:Sauvegardes:Heure</c> (Europe/Paris, default 02:00) every <c>Jalon:Sauvegardes:IntervalleHeures</c> hours (default 24,
/// 0 switches it off: for instance when the database is backed up by other means).
/// </summary>
public sealed class SauvegardeTache(IServiceScopeFactory scopes, IConfiguration configuration, IWebHostEnvironment environment) : ITache
{
    public const string Motif = "planifiee";

    public string Nom => "sauvegarde";

    public string Libelle => "Sauvegarde complète de la base";

    public Planning Planning => Planning.From(
        TimeSpan.FromHours(configuration.GetValue("Jalon:Sauvegardes:IntervalleHeures", 24.0)), configuration["Jalon:Sauvegardes:Heure"] ?? "02:00");

    public int Conserver => Math.Max(1, configuration.GetValue("Jalon:Sauvegardes:Conserver", 7));

    public Task<string> ExecuterAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        var info = DatabaseBackup.Snapshot(db, Sauvegardes.Dossier(configuration, environment, db), Motif, Conserver, "tâche planifiée");
        return $"{Path.GetFileName(info.File)} ({info.Bytes / 1024.0 / 1024.0:0.0} Mo, schéma {info.SchemaVersion}) ; {Conserver} dernière(s) conservée(s)";
    }, cancellationToken);
}
