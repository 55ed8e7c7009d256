using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jalon.Storage;

/// <summary>
/// Jalon's own metrics (docs/exploitation.md, « Métriques »): one <see cref="Meter"/> named « Jalon », exported with the requests'
/// by the OpenTelemetry pipeline of the web application (OTLP, Prometheus). Tags are job names, outcomes and providers: never a
/// structure's young person, a name or a free text.
/// </summary>
public static class Metriques
{
    public static readonly Meter Meter = new("Jalon");

    /// <summary>Duration of each database command run by EF Core (<see cref="DureeCommandes"/>), tagged by provider and kind.</summary>
    public static readonly Histogram<double> CommandesBase =
        Meter.CreateHistogram<double>("jalon.bd.commande.duree", "s", "Durée des commandes SQL exécutées par EF Core");

    public static readonly Counter<long> TachesExecutions =
        Meter.CreateCounter<long>("jalon.taches.executions", "{exécution}", "Exécutions des tâches planifiées, par tâche et résultat");

    public static readonly Counter<long> TachesEchecs =
        Meter.CreateCounter<long>("jalon.taches.echecs", "{échec}", "Échecs des tâches planifiées, par tâche");

    public static readonly Histogram<double> TachesDuree =
        Meter.CreateHistogram<double>("jalon.taches.duree", "s", "Durée des tâches planifiées, par tâche");

    public static readonly Histogram<double> RafraichissementDuree =
        Meter.CreateHistogram<double>("jalon.indicateurs.rafraichissement.duree", "s", "Durée d'un rafraîchissement des décomptes d'indicateurs");

    public static readonly Counter<long> RafraichissementStructures =
        Meter.CreateCounter<long>("jalon.indicateurs.rafraichissement.structures", "{structure}", "Structures relues par le rafraîchissement des décomptes");

    public static readonly Counter<long> ImportsLignes =
        Meter.CreateCounter<long>("jalon.imports.lignes", "{ligne}", "Lignes lues par les imports, par résultat");

    public static readonly Histogram<double> ImportsDuree =
        Meter.CreateHistogram<double>("jalon.imports.duree", "s", "Durée des imports, par résultat (accepte, refuse)");
}

/// <summary>Measures every EF Core database command into <see cref="Metriques.CommandesBase"/>.</summary>
internal sealed class DureeCommandes : DbCommandInterceptor
{
    public static readonly DureeCommandes Instance = new();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Record(eventData, "lecture", result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "lecture", result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Record(eventData, "ecriture", result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "ecriture", result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => Record(eventData, "scalaire", result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(Record(eventData, "scalaire", result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Record(eventData.Duration, eventData, "echec");

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(eventData.Duration, eventData, "echec");
        return Task.CompletedTask;
    }

    private static T Record<T>(CommandExecutedEventData e, string kind, T result)
    {
        Record(e.Duration, e, kind);
        return result;
    }

    private static void Record(TimeSpan duration, CommandEventData e, string kind)
    {
        if (!Metriques.CommandesBase.Enabled) return;
        var provider = e.Context is JalonDbContext db ? (db.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite") : "autre";
        Metriques.CommandesBase.Record(duration.TotalSeconds, new TagList { { "bd", provider }, { "type", kind } });
    }
}
