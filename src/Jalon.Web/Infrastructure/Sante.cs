using Jalon.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// The health endpoints for monitoring (docs/exploitation.md, « Surveillance »), anonymous and without data: <c>/sante/vivant</c>
/// (the process answers: no check) and <c>/sante/pret</c> (the database answers at the schema of this program, the backup folder
/// is writable). The answer is one word, <c>Healthy</c> (200) or <c>Unhealthy</c> (503); the reason goes to the technical log.
/// </summary>
public static class Sante
{
    public const string Vivant = "/sante/vivant";
    public const string Pret = "/sante/pret";
    private const string ReadyTag = "pret";

    public static void AddTo(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<BaseCheck>("base", tags: [ReadyTag])
            .AddCheck<DisqueCheck>("disque", tags: [ReadyTag]);

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks(Vivant, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(Pret, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous().DisableHttpMetrics();
    }

    /// <summary>The database answers and is at exactly the schema version of this program (the steps of ADR 0002).</summary>
    public sealed class BaseCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
                var plan = await Task.Run(() => SchemaPlan.Read(db), cancellationToken);
                return plan.UpToDate
                    ? HealthCheckResult.Healthy($"schéma {plan.Current}")
                    : HealthCheckResult.Unhealthy($"schéma {plan.Current}, attendu {SchemaPlan.Latest} : ./jalon base migrer");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("base injoignable", e);
            }
        }
    }

    /// <summary>The backup folder (<c>Jalon:Sauvegardes:Dossier</c>, next to the SQLite file by default) accepts a file.</summary>
    public sealed class DisqueCheck(IServiceScopeFactory scopes, IConfiguration configuration, IWebHostEnvironment environment) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
            string folder;
            try
            {
                folder = Sauvegardes.Dossier(configuration, environment, db);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("dossier des sauvegardes indéterminé", e);
            }
            var probe = Path.Combine(folder, $".sante-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(probe, "ok", cancellationToken);
                File.Delete(probe);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy($"dossier des sauvegardes non inscriptible : {folder}", e);
            }
        }
    }
}
