using Jalon.Indicators.Catalogues;
using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// Keeps the dashboards fast after counsellors' writes: a job of the <see cref="Taches.Planificateur"/> run every
/// <c>Jalon:Indicateurs:RafraichissementSecondes</c> seconds (30 by default, 0 to switch off) that recomputes the stored
/// indicator tallies whose structure changed since (<see cref="IndicatorStore.RefreshStale"/>), then the statistical secrecy
/// decisions viewed lately (<see cref="IndicateursPilotage.Rafraichir"/>). Without it the first dashboard view after a write
/// recomputes them.
/// </summary>
public sealed class TallyRefresher(IServiceScopeFactory scopes, CatalogueSet catalogues, IConfiguration configuration) : Taches.ITache
{
    public string Nom => "rafraichissement-indicateurs";

    public string Libelle => "Rafraîchissement des décomptes d'indicateurs";

    public Taches.Planning Planning => new(TimeSpan.FromSeconds(configuration.GetValue("Jalon:Indicateurs:RafraichissementSecondes", 30)));

    public async Task<string> ExecuterAsync(CancellationToken cancellationToken)
    {
        var done = await Task.Run(RunOnce, cancellationToken);
        return $"{done.Computed} décompte(s) recalculé(s) pour {done.StructuresRead} structure(s)";
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
        Metriques.RafraichissementDuree.Record(total.Elapsed.TotalSeconds);
        Metriques.RafraichissementStructures.Add(total.StructuresRead);
        return total;
    }
}
