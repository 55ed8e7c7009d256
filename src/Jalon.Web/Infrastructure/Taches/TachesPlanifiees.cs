using Jalon.Web.Infrastructure.Rgpd;

namespace Jalon.Web.Infrastructure.Taches;

/// <summary>The background jobs, registered in this one place, and their single scheduler (docs/exploitation.md, « Tâches planifiées »).</summary>
public static class TachesPlanifiees
{
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<TallyRefresher>();
        services.AddSingleton<ITache>(s => s.GetRequiredService<TallyRefresher>());
        services.AddSingleton<ConservationJob>();
        services.AddSingleton<ITache>(s => s.GetRequiredService<ConservationJob>());
        services.AddSingleton<ITache, SauvegardeTache>();
        services.AddSingleton<ITache, RelancesCampagnes>();
        services.AddSingleton<Planificateur>();
        services.AddHostedService(s => s.GetRequiredService<Planificateur>());
    }
}
