using Jalon.Domain;
using Jalon.Domain.Rgpd;
using Jalon.Storage;
using Jalon.Storage.Rgpd;

namespace Jalon.Web.Infrastructure.Rgpd;

/// <summary>
/// The retention rule as a job (docs/rgpd.md): anonymises the files with no actualité for <c>Jalon:Rgpd:ConservationAnnees</c>
/// years (default <see cref="Conservation.AnneesParDefaut"/>), the same code as <c>./jalon rgpd anonymiser</c>. A plain class
/// with <see cref="RunAsync"/>, started by <see cref="ConservationScheduler"/>; a single scheduler of the instance can take it over.
/// </summary>
public sealed class ConservationJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ConservationJob> logger)
{
    public int Annees => configuration.GetValue("Jalon:Rgpd:ConservationAnnees", Conservation.AnneesParDefaut);

    public async Task<AnonymisationRapport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        var rapport = await Task.Run(() => Anonymisation.AppliquerConservation(db, Dates.TodayInParis(clock), Annees, simulation: false, "anonymisation automatique"),
            cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Conservation : {Dossiers} dossier(s) anonymisé(s) (aucune actualité depuis le {Limite:dd/MM/yyyy}) en {Secondes:0.0} s",
                rapport.Dossiers, rapport.Limite, rapport.Duree.TotalSeconds);
        return rapport;
    }
}

/// <summary>
/// Starts <see cref="ConservationJob"/> every night: at <c>Jalon:Rgpd:AnonymisationHeure</c> (Europe/Paris, default 03:00),
/// every <c>Jalon:Rgpd:AnonymisationIntervalleHeures</c> hours (default 24; 0 switches it off, as the tests do).
/// </summary>
public sealed class ConservationScheduler(ConservationJob job, IConfiguration configuration, TimeProvider clock, ILogger<ConservationScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hours = configuration.GetValue("Jalon:Rgpd:AnonymisationIntervalleHeures", 24.0);
        if (hours <= 0) return;
        var at = TimeOnly.TryParse(configuration["Jalon:Rgpd:AnonymisationHeure"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(3, 0);
        try
        {
            await Task.Delay(UntilNext(at), clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await job.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next run tries again; the command line does the same on demand.
                    logger.LogError(e, "Anonymisation automatique (durée de conservation) impossible");
                }
                await Task.Delay(TimeSpan.FromHours(hours), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The time until the next <paramref name="at"/> in Europe/Paris.</summary>
    private TimeSpan UntilNext(TimeOnly at)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), paris);
        var next = new DateTimeOffset(DateOnly.FromDateTime(now.DateTime).ToDateTime(at), now.Offset);
        if (next <= now) next = next.AddDays(1);
        return next - now;
    }
}
