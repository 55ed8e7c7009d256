using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Jalon.Storage;
using Jalon.Storage.Taches;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure.Taches;

/// <summary>
/// One background job of the <see cref="Planificateur"/>: a stable name, a French label, its schedule (read from the
/// configuration) and a run that returns what it did in one short French sentence.
/// </summary>
public interface ITache
{
    /// <summary>Stable name, the key of its row in the <c>Taches</c> table, e.g. <c>rafraichissement-indicateurs</c>.</summary>
    string Nom { get; }

    string Libelle { get; }

    Planning Planning { get; }

    Task<string> ExecuterAsync(CancellationToken cancellationToken);
}

/// <summary>
/// When a job runs: every <paramref name="Intervalle"/> (zero or less: never by itself), the first time at
/// <paramref name="Heure"/> in Europe/Paris when one is given (then at that hour every day for a 24-hour interval), else one
/// interval after the start.
/// </summary>
public sealed record Planning(TimeSpan Intervalle, TimeOnly? Heure = null)
{
    public bool Actif => Intervalle > TimeSpan.Zero;

    public DateTimeOffset Premiere(DateTimeOffset now)
    {
        if (Heure is not { } at) return now + Intervalle;
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = TimeZoneInfo.ConvertTime(now, paris);
        var day = DateOnly.FromDateTime(local.DateTime);
        var next = NextAt(day, at, paris);
        return next <= now ? NextAt(day.AddDays(1), at, paris) : next;
    }

    /// <summary>The planned run after the one planned at <paramref name="planned"/>: the next slot after <paramref name="now"/>
    /// (a run missed while the instance was down or busy is not repeated).</summary>
    public DateTimeOffset Suivante(DateTimeOffset planned, DateTimeOffset now)
    {
        var next = planned + Intervalle;
        if (next <= now) next += Intervalle * Math.Ceiling((now - next) / Intervalle + 1e-9);
        return next;
    }

    /// <summary>A schedule from <paramref name="intervalle"/> (or the default) and an optional hour setting (<c>hh:mm</c>).</summary>
    public static Planning From(TimeSpan intervalle, string? heure) =>
        new(intervalle, TimeOnly.TryParse(heure, CultureInfo.InvariantCulture, out var t) ? t : null);

    private static DateTimeOffset NextAt(DateOnly day, TimeOnly at, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(at);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public override string ToString()
    {
        if (!Actif) return "désactivée";
        var every = Intervalle.TotalDays >= 1 && Intervalle.TotalDays % 1 == 0 ? $"tous les {Intervalle.TotalDays:0} jour(s)"
            : Intervalle.TotalHours >= 1 && Intervalle.TotalHours % 1 == 0 ? $"toutes les {Intervalle.TotalHours:0} heure(s)"
            : Intervalle.TotalMinutes >= 1 && Intervalle.TotalMinutes % 1 == 0 ? $"toutes les {Intervalle.TotalMinutes:0} minute(s)"
            : $"toutes les {Intervalle.TotalSeconds:0} seconde(s)";
        return Heure is { } h ? $"{every} à {h:HH\\:mm} (heure de Paris)" : every;
    }
}

/// <summary>
/// The single scheduler of the instance's background jobs (docs/exploitation.md, « Tâches planifiées »): one hosted service and
/// one timer, driven by <see cref="TimeProvider"/>, that runs every registered <see cref="ITache"/> at its planned time and
/// records its state in the <c>Taches</c> table (shown at /Taches). A job never overlaps itself (a run still going on when the
/// next is due: that one is skipped); a failure is logged without personal data, recorded, and never stops the scheduler or the
/// application. <c>Jalon:Taches:Actives=false</c> (one instance of several) plans nothing; an administrator can still run a job
/// now on it (<see cref="Lancer"/>).
/// </summary>
public sealed class Planificateur(IEnumerable<ITache> taches, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<Planificateur> logger) : BackgroundService
{
    private readonly IReadOnlyList<ITache> _taches = [.. taches];
    private readonly ConcurrentDictionary<string, Task> _enCours = new();
    private readonly CancellationTokenSource _arret = new();

    public IReadOnlyList<ITache> Taches => _taches;

    /// <summary><c>Jalon:Taches:Actives</c> (default true): whether this instance plans the jobs.</summary>
    public bool Actives => configuration.GetValue("Jalon:Taches:Actives", true);

    public ITache? Tache(string nom) => _taches.FirstOrDefault(t => t.Nom == nom);

    /// <summary>The run of <paramref name="nom"/> going on, if any.</summary>
    public Task? EnCours(string nom) => _enCours.TryGetValue(nom, out var run) ? run : null;

    /// <summary>
    /// Starts <paramref name="nom"/> now, in the background; returns its run, or null when the job is unknown or already
    /// running (a job never overlaps itself).
    /// </summary>
    public Task? Lancer(string nom) => Tache(nom) is { } tache ? Start(tache, null) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var link = stoppingToken.Register(_arret.Cancel);
        if (!Actives)
        {
            logger.LogInformation("Tâches planifiées désactivées sur cette instance (Jalon:Taches:Actives=false)");
            return;
        }
        var now = clock.GetUtcNow();
        var prochaines = new Dictionary<string, DateTimeOffset>();
        foreach (var tache in _taches)
        {
            if (tache.Planning.Actif) prochaines[tache.Nom] = tache.Planning.Premiere(now);
            await SafelyRecordAsync(tache.Nom, e => e.ProchaineExecution = prochaines.TryGetValue(tache.Nom, out var p) ? p.UtcDateTime : null);
        }
        if (prochaines.Count == 0) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                now = clock.GetUtcNow();
                foreach (var tache in _taches.Where(t => prochaines.TryGetValue(t.Nom, out var p) && p <= now))
                {
                    var next = tache.Planning.Suivante(prochaines[tache.Nom], now);
                    prochaines[tache.Nom] = next;
                    if (Start(tache, next) is null && logger.IsEnabled(LogLevel.Warning))
                        logger.LogWarning("Tâche {Tache} encore en cours à l'heure prévue : cette exécution est sautée", tache.Nom);
                }
                var wait = prochaines.Values.Min() - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _arret.CancelAsync();
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_enCours.Values).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
    }

    public override void Dispose()
    {
        _arret.Dispose();
        base.Dispose();
    }

    /// <summary>Starts a run unless one is going on; <paramref name="next"/>: the next planned run to record (null: keep it).</summary>
    private Task? Start(ITache tache, DateTimeOffset? next)
    {
        var gate = new TaskCompletionSource();
        var run = gate.Task.ContinueWith(_ => RunAsync(tache, next), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        if (!_enCours.TryAdd(tache.Nom, run)) return null;
        gate.SetResult();
        return run;
    }

    private async Task RunAsync(ITache tache, DateTimeOffset? next)
    {
        var watch = Stopwatch.StartNew();
        var debut = clock.GetUtcNow().UtcDateTime;
        var resultat = "reussie";
        try
        {
            await SafelyRecordAsync(tache.Nom, e =>
            {
                e.DernierDebut = debut;
                e.DernierResultat = ResultatTache.EnCours;
                if (next is { } n) e.ProchaineExecution = n.UtcDateTime;
            });
            var resume = await tache.ExecuterAsync(_arret.Token);
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Tâche {Tache} terminée en {Ms:0} ms : {Resume}", tache.Nom, watch.Elapsed.TotalMilliseconds, resume);
            await SafelyRecordAsync(tache.Nom, e =>
            {
                e.DerniereFin = clock.GetUtcNow().UtcDateTime;
                e.DernierResultat = ResultatTache.Reussie;
                e.DernierResume = Short(resume);
                e.EchecsConsecutifs = 0;
            });
        }
        catch (Exception e)
        {
            resultat = "echec";
            var message = Message(e);
            // The exception's type and stack go to the technical log; its text is not copied to the table (it may quote data).
            logger.LogError(e, "Tâche {Tache} en échec : {Message}", tache.Nom, message);
            Metriques.TachesEchecs.Add(1, new KeyValuePair<string, object?>("tache", tache.Nom));
            await SafelyRecordAsync(tache.Nom, s =>
            {
                s.DerniereFin = clock.GetUtcNow().UtcDateTime;
                s.DernierResultat = ResultatTache.Echec;
                s.DerniereErreur = Short(message);
                s.EchecsConsecutifs++;
            });
        }
        finally
        {
            _enCours.TryRemove(tache.Nom, out _);
            Metriques.TachesExecutions.Add(1, new KeyValuePair<string, object?>("tache", tache.Nom), new KeyValuePair<string, object?>("resultat", resultat));
            Metriques.TachesDuree.Record(watch.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("tache", tache.Nom));
        }
    }

    /// <summary>A failure's short French message: the operator-facing ones as they are, any other by its kind only.</summary>
    private static string Message(Exception e) => e switch
    {
        Jalon.Storage.Backups.SauvegardeException s => s.Message,
        OperationCanceledException => "Interrompue par l'arrêt de l'application.",
        TimeoutException => "Délai dépassé.",
        DbUpdateException or System.Data.Common.DbException => "Erreur de la base de données (détail dans le journal technique).",
        IOException or UnauthorizedAccessException => "Erreur d'accès aux fichiers (détail dans le journal technique).",
        _ => $"Erreur inattendue ({e.GetType().Name}, détail dans le journal technique).",
    };

    private static string Short(string text) => text.Length <= 300 ? text : text[..299] + "…";

    /// <summary>Updates (creates) the job's row; a failure to record is logged and never stops the job or the scheduler.</summary>
    private async Task SafelyRecordAsync(string nom, Action<TacheEtatEntity> change)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
            var row = await db.Taches.FindAsync(nom);
            if (row is null) db.Taches.Add(row = new TacheEtatEntity { Nom = nom });
            change(row);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "État de la tâche {Tache} non enregistré", nom);
        }
    }
}
