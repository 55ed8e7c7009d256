using Jalon.Domain;
using Jalon.Domain.Rgpd;
using Jalon.Storage;
using Jalon.Storage.Rgpd;

namespace Jalon.Web.Infrastructure.Rgpd;

/// <summary>
/// The retention rule as a job (docs/rgpd.md): anonymises the files with no actualité for <c>Jalon:Rgpd:ConservationAnnees</c>
/// years (default <see cref="Conservation.AnneesParDefaut"/>), the same code as <c>./jalon rgpd anonymiser</c>. A job of the
/// <see cref="Taches.Planificateur"/>: at <c>Jalon:Rgpd:AnonymisationHeure</c> (Europe/Paris, default 03:00), every
/// <c>Jalon:Rgpd:AnonymisationIntervalleHeures</c> hours (default 24; 0 switches it off, as the tests do).
/// </summary>
public sealed class ConservationJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ConservationJob> logger)
    : Taches.ITache
{
    public string Nom => "conservation-rgpd";

    public string Libelle => "Anonymisation des dossiers au-delà de la durée de conservation (RGPD)";

    public Taches.Planning Planning => Taches.Planning.From(
        TimeSpan.FromHours(configuration.GetValue("Jalon:Rgpd:AnonymisationIntervalleHeures", 24.0)), configuration["Jalon:Rgpd:AnonymisationHeure"] ?? "03:00");

    public async Task<string> ExecuterAsync(CancellationToken cancellationToken)
    {
        var rapport = await RunAsync(cancellationToken);
        return $"{rapport.Dossiers} dossier(s) anonymisé(s) (aucune actualité depuis le {rapport.Limite:dd/MM/yyyy})";
    }

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
