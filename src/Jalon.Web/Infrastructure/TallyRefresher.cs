using Jalon.Indicators.Catalogues;
using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// Keeps the dashboards fast after counsellors' writes: every <c>Jalon:Indicateurs:RafraichissementSecondes</c>
/// seconds (30 by default, 0 to switch off), recomputes the stored indicator tallies whose structure changed since
/// (<see cref="IndicatorStore.RefreshStale"/>), then the statistical secrecy decisions viewed lately
/// (<see cref="IndicateursPilotage.Rafraichir"/>). Without it the first dashboard view after a write recomputes them.
/// </summary>
public sealed class TallyRefresher(IServiceScopeFactory scopes, CatalogueSet catalogues, IConfiguration configuration, ILogger<TallyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Jalon:Indicateurs:RafraichissementSecondes", 30);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var done = await Task.Run(RunOnce, stoppingToken);
                if (done.Computed > 0 && logger.IsEnabled(LogLevel.Information))
                    logger.LogInformation("Décomptes d'indicateurs rafraîchis : {Computed} pour {Structures} structure(s) en {Ms:0} ms",
                        done.Computed, done.StructuresRead, done.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a view meanwhile recomputes what it needs.
                logger.LogError(e, "Rafraîchissement des décomptes d'indicateurs impossible");
            }
        }
    }

    /// <summary>
    /// One refresh of every catalogue's stale tallies, then of the statistical secrecy decisions viewed lately (the
    /// data changed: the State's next view finds them decided), in its own scope (database context).
    /// </summary>
    public TallyRefresh RunOnce()
    {
        using var scope = scopes.CreateScope();
        var store = new IndicatorStore(scope.ServiceProvider.GetRequiredService<JalonDbContext>());
        var indicateurs = scope.ServiceProvider.GetRequiredService<IndicateursPilotage>();
        var total = new TallyRefresh(0, 0, TimeSpan.Zero);
        foreach (var catalogue in catalogues.Tous)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var done = store.RefreshStale(catalogue);
            indicateurs.Rafraichir(catalogue);
            total = new TallyRefresh(total.Computed + done.Computed, total.StructuresRead + done.StructuresRead, total.Elapsed + clock.Elapsed);
        }
        return total;
    }
}
