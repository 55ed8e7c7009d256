using System.Text.Json;
using System.Text.Json.Serialization;
using Jalon.Domain.Plans;
using Jalon.Storage.Pilotage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Plans;

/// <summary>
/// Loads and saves a plan's follow-up — the commission's meetings and the evaluations — under optimistic concurrency
/// (a save on a stale version is refused, nothing written). A signed evaluation is never updated nor deleted, whatever
/// the caller does: the statements carry « not signed » in their condition.
/// </summary>
public sealed class SuiviRepository(JalonDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The meetings of a plan, newest first, with their version.</summary>
    public async Task<List<(ReunionCommission Reunion, int Version)>> ReunionsAsync(Guid planId, CancellationToken ct = default) =>
        [.. (await db.PlanReunions.AsNoTracking().Where(r => r.PlanId == planId).ToListAsync(ct))
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.ModifieLe).Select(r => (VersDomaine(r), r.Version))];

    public async Task EnregistrerReunionAsync(Plan plan, ReunionCommission r, int? versionLue, string par, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var (participants, actions) = (JsonSerializer.Serialize(r.Participants, Json), JsonSerializer.Serialize(r.ActionsRevues, Json));
        if (versionLue is { } v)
        {
            var n = await db.Database.ExecuteSqlAsync($"""
                UPDATE "PlanReunions" SET "Date" = {r.Date}, "Participants" = {participants}, "ActionsRevues" = {actions}, "Decisions" = {r.Decisions},
                    "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now}
                WHERE "Id" = {r.Id} AND "PlanId" = {plan.Id} AND "Version" = {v}
                """, ct);
            if (n == 0) await Refuser(db.PlanReunions.Where(x => x.Id == r.Id).Select(x => new Modif(x.ModifiePar, x.ModifieLe)), ct);
            return;
        }
        db.PlanReunions.Add(new PlanReunionEntity
        {
            Id = r.Id, StructureCode = plan.Structure, RegionCode = plan.Region, PlanId = plan.Id, Date = r.Date, Participants = participants,
            ActionsRevues = actions, Decisions = r.Decisions, ModifiePar = par, ModifieLe = now,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task SupprimerReunionAsync(Guid planId, Guid id, int versionLue, CancellationToken ct = default)
    {
        var n = await db.Database.ExecuteSqlAsync($"""DELETE FROM "PlanReunions" WHERE "Id" = {id} AND "PlanId" = {planId} AND "Version" = {versionLue}""", ct);
        if (n == 0) await Refuser(db.PlanReunions.Where(x => x.Id == id).Select(x => new Modif(x.ModifiePar, x.ModifieLe)), ct);
    }

    /// <summary>The evaluations of a plan, by date, with their version.</summary>
    public async Task<List<(EvaluationPlan Evaluation, int Version)>> EvaluationsAsync(Guid planId, CancellationToken ct = default) =>
        [.. (await db.PlanEvaluations.AsNoTracking().Where(e => e.PlanId == planId).ToListAsync(ct))
            .OrderBy(e => e.Date).ThenBy(e => e.Nature).Select(e => (VersDomaine(e), e.Version))];

    /// <summary>Adds an evaluation, or saves its assessment and signature; a signed one is never written again.</summary>
    public async Task EnregistrerEvaluationAsync(Plan plan, EvaluationPlan e, int? versionLue, string par, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        var rapport = e.Rapport is null ? null : JsonSerializer.Serialize(e.Rapport, Json);
        if (versionLue is { } v)
        {
            var n = await db.Database.ExecuteSqlAsync($"""
                UPDATE "PlanEvaluations" SET "Appreciation" = {e.Appreciation}, "SigneePar" = {e.Signature?.Par}, "SigneeLe" = {e.Signature?.Le}, "Rapport" = {rapport},
                    "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now}
                WHERE "Id" = {e.Id} AND "PlanId" = {plan.Id} AND "Version" = {v} AND "SigneePar" IS NULL
                """, ct);
            if (n == 0) await RefuserEvaluation(e.Id, ct);
            return;
        }
        db.PlanEvaluations.Add(new PlanEvaluationEntity
        {
            Id = e.Id, StructureCode = e.Structure, RegionCode = plan.Region, PlanId = plan.Id, Nature = e.Nature, Date = e.Date, Appreciation = e.Appreciation,
            SigneePar = e.Signature?.Par, SigneeLe = e.Signature?.Le, Rapport = rapport, ModifiePar = par, ModifieLe = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes an evaluation not signed yet.</summary>
    public async Task SupprimerEvaluationAsync(Guid planId, Guid id, int versionLue, CancellationToken ct = default)
    {
        var n = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "PlanEvaluations" WHERE "Id" = {id} AND "PlanId" = {planId} AND "Version" = {versionLue} AND "SigneePar" IS NULL
            """, ct);
        if (n == 0) await RefuserEvaluation(id, ct);
    }

    private async Task RefuserEvaluation(Guid id, CancellationToken ct)
    {
        var actuelle = await db.PlanEvaluations.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.SigneePar, x.SigneeLe, x.ModifiePar, x.ModifieLe }).FirstOrDefaultAsync(ct);
        if (actuelle?.SigneePar is { } signataire)
            throw new PlanException($"Cette évaluation a été signée par {signataire} le {actuelle.SigneeLe:dd/MM/yyyy} : elle est figée.");
        throw new ModificationConcurrenteException(actuelle?.ModifiePar, actuelle?.ModifieLe);
    }

    private sealed record Modif(string? Par, DateTime? Le);

    private static async Task Refuser(IQueryable<Modif> actuelle, CancellationToken ct)
    {
        var m = await actuelle.FirstOrDefaultAsync(ct);
        throw new ModificationConcurrenteException(m?.Par, m?.Le);
    }

    private static ReunionCommission VersDomaine(PlanReunionEntity r) => new(
        r.Id, r.PlanId, r.Date, JsonSerializer.Deserialize<List<string>>(r.Participants, Json) ?? [],
        JsonSerializer.Deserialize<List<ActionRevue>>(r.ActionsRevues, Json) ?? [], r.Decisions);

    private static EvaluationPlan VersDomaine(PlanEvaluationEntity e) => EvaluationPlan.Restaurer(
        e.Id, e.PlanId, e.StructureCode, e.Nature, e.Date, e.Appreciation,
        e.SigneePar is null ? null : new SignatureEvaluation(e.SigneePar, DateTime.SpecifyKind(e.SigneeLe ?? default, DateTimeKind.Utc)),
        e.Rapport is null ? null : JsonSerializer.Deserialize<RapportEvaluation>(e.Rapport, Json));
}
