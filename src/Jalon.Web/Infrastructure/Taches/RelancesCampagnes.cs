using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Infrastructure.Taches;

/// <summary>
/// Campaign deadlines and reminders (docs/campagnes.md, « Relances »): for every open campaign whose deadline is at most
/// <c>Jalon:Campagnes:RelanceJours</c> days away (default 7; today in Europe/Paris), each Mission Locale of the region whose
/// submission is not submitted (never, or sent back and not submitted again) gets one reminder per campaign and deadline: a line
/// of its audit journal (entity <c>relance</c>, read by its director at /Journal), written once. Past the deadline nothing is
/// sent: the campaign's page shows the submission late, and closing stays the State agent's act (no automatic closing: not a
/// rule of the instruction). Daily at <c>Jalon:Campagnes:RelanceHeure</c> (default 08:00), every
/// <c>Jalon:Campagnes:RelanceIntervalleHeures</c> hours (default 24, 0 switches it off).
/// </summary>
public sealed class RelancesCampagnes(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock) : ITache
{
    public const string Entite = "relance";

    public string Nom => "relances-campagnes";

    public string Libelle => "Échéances et relances des campagnes de compte rendu d'activité";

    public Planning Planning => Planning.From(
        TimeSpan.FromHours(configuration.GetValue("Jalon:Campagnes:RelanceIntervalleHeures", 24.0)), configuration["Jalon:Campagnes:RelanceHeure"] ?? "08:00");

    public int Jours => configuration.GetValue("Jalon:Campagnes:RelanceJours", 7);

    public async Task<string> ExecuterAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        var today = Dates.TodayInParis(clock);
        var ouvertes = await db.Campagnes.AsNoTracking().Where(c => c.Etat == EtatCampagne.Ouverte).ToListAsync(cancellationToken);
        int relances = 0, enRetard = 0;
        foreach (var campagne in ouvertes)
        {
            var structures = await db.Structures.AsNoTracking().Where(s => s.Region == campagne.StructureCode).Select(s => s.Code).ToListAsync(cancellationToken);
            var soumises = (await db.CampagneSoumissions.AsNoTracking()
                .Where(s => s.CampagneId == campagne.Id && s.Etat == EtatSoumission.Soumise).Select(s => s.StructureCode).ToListAsync(cancellationToken)).ToHashSet();
            var attendues = structures.Where(s => !soumises.Contains(s)).ToList();
            var jours = campagne.Echeance.DayNumber - today.DayNumber;
            if (jours < 0)
            {
                enRetard += attendues.Count;
                continue;
            }
            if (jours > Jours) continue;
            var detail = $"relance : {campagne.Type.Libelle()} {campagne.Annee} non soumise, échéance le {campagne.Echeance:dd/MM/yyyy}";
            var dejaRelancees = (await db.AuditLog.AsNoTracking().Where(a => a.Entity == Entite && a.Detail == detail && attendues.Contains(a.StructureCode!))
                .Select(a => a.StructureCode!).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var structure in attendues.Where(s => !dejaRelancees.Contains(s)))
            {
                db.AuditLog.Add(new AuditEntry { UserLogin = "tâche planifiée", Action = AuditAction.Creation, Entity = Entite, StructureCode = structure, Detail = detail });
                relances++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return $"{ouvertes.Count} campagne(s) ouverte(s) ; {relances} relance(s) ; {enRetard} soumission(s) en retard";
    }
}
