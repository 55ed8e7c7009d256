using Jalon.Domain.Pilotage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Pilotage;

/// <summary>Loads and saves the aggregates of the dialogue de gestion: the one place that converts rows ↔ domain.</summary>
public sealed class PilotageRepository(JalonDbContext db)
{
    public async Task<DialogueDeGestion?> DialogueAsync(string structure, int annee, CancellationToken ct = default)
    {
        var e = await Dialogues().FirstOrDefaultAsync(d => d.StructureCode == structure && d.Annee == annee, ct);
        return e is null ? null : VersDomaine(e);
    }

    /// <summary>The dialogues of a region (null = all), without their content, for lists.</summary>
    public Task<List<DialogueEntity>> ListeDialoguesAsync(string? region, string? structure, CancellationToken ct = default) =>
        db.Dialogues.AsNoTracking()
            .Where(d => (region == null || d.Region == region) && (structure == null || d.StructureCode == structure))
            .OrderByDescending(d => d.Annee).ThenBy(d => d.StructureCode)
            .ToListAsync(ct);

    /// <summary>The version of a stored dialogue (optimistic concurrency: a page sends it back with every change), 0 if none.</summary>
    public Task<int> VersionAsync(Guid id, CancellationToken ct = default) =>
        db.Dialogues.AsNoTracking().Where(d => d.Id == id).Select(d => d.Version).FirstOrDefaultAsync(ct);

    public Task EnregistrerAsync(DialogueDeGestion d, CancellationToken ct = default) => EnregistrerAsync(d, null, null, ct);

    /// <summary>
    /// Saves a dialogue. With <paramref name="versionLue"/> (the version the change was made on), refuses with
    /// <see cref="ModificationConcurrenteException"/> — nothing written — if it was saved meanwhile; every save moves the
    /// version and records who (<paramref name="par"/>) and when.
    /// </summary>
    public async Task EnregistrerAsync(DialogueDeGestion d, int? versionLue, string? par, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // First, in the transaction: the row lock that orders concurrent saves, and the check of the version read.
        var now = DateTime.UtcNow;
        var moved = versionLue is { } v
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE "Dialogues" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now} WHERE "Id" = {d.Id} AND "Version" = {v}
                """, ct)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE "Dialogues" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now} WHERE "Id" = {d.Id}
                """, ct);
        if (moved == 0 && versionLue is not null
            && await db.Dialogues.AsNoTracking().Where(x => x.Id == d.Id).Select(x => new { x.ModifiePar, x.ModifieLe }).FirstOrDefaultAsync(ct) is { } current)
        {
            throw new ModificationConcurrenteException(current.ModifiePar, current.ModifieLe);
        }
        var e = await Dialogues().AsTracking().FirstOrDefaultAsync(x => x.Id == d.Id, ct);
        if (e is null)
        {
            e = new DialogueEntity { Id = d.Id, StructureCode = d.Structure, Region = d.Region, Annee = d.Annee, ModifiePar = par, ModifieLe = now };
            db.Dialogues.Add(e);
        }
        e.Etat = d.Etat;
        e.DateSignatureAvenant = d.DateSignatureAvenant;
        var s = d.Structure;
        Remplacer(e.Etapes, d.Etapes.Select(x => new DialogueEtapeEntity
        {
            StructureCode = s, DialogueId = d.Id, Etape = x.Etape, AnalyseMissionLocale = x.AnalyseMissionLocale, CommentaireEtat = x.CommentaireEtat,
        }));
        Remplacer(e.Objectifs, d.Objectifs.Select(x => new DialogueObjectifEntity
        {
            StructureCode = s, DialogueId = d.Id, Ratio = x.Ratio, Cible = x.Cible, Reference = x.Reference, Commentaire = x.Commentaire,
        }));
        Remplacer(e.Plan, d.PlanAction.Select(x => new DialoguePlanEntity
        {
            StructureCode = s, DialogueId = d.Id, Theme = x.Theme, Forces = x.Forces, AxesDeProgres = x.AxesDeProgres,
        }));
        Remplacer(e.Validations, d.Validations.Select(x => new DialogueValidationEntity
        {
            StructureCode = s, DialogueId = d.Id, Partie = x.Partie, Par = x.Par, Le = x.Le.UtcDateTime,
        }));
        // The transition log is append only: add the lines not stored yet.
        foreach (var t in d.Journal.Skip(e.Transitions.Count))
        {
            e.Transitions.Add(new DialogueTransitionEntity
            {
                StructureCode = s, DialogueId = d.Id, Action = t.Action, De = t.De, Vers = t.Vers,
                Le = t.Le.UtcDateTime, Par = t.Par, Role = t.Role, Commentaire = t.Commentaire,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The relevé de conclusions of a dialogue, empty if none was written yet.</summary>
    public async Task<ReleveDeConclusions> ReleveAsync(DialogueDeGestion d, CancellationToken ct = default)
    {
        var e = await db.DialogueReleves.AsNoTracking().FirstOrDefaultAsync(x => x.DialogueId == d.Id, ct);
        if (e is null) return ReleveDeConclusions.De(d);
        var validations = new List<Validation>();
        if (e.ValideMissionLocalePar is { } pm && e.ValideMissionLocaleLe is { } lm) validations.Add(new Validation(Partie.MissionLocale, pm, Utc(lm)));
        if (e.ValideEtatPar is { } pe && e.ValideEtatLe is { } le) validations.Add(new Validation(Partie.Etat, pe, Utc(le)));
        return ReleveDeConclusions.Restaurer(e.DialogueId, e.StructureCode, e.Region, d.Annee, e.Conclusions, e.EngagementsMissionLocale, e.EngagementsEtat, validations);
    }

    /// <summary>The version of a stored relevé (0 if none yet).</summary>
    public Task<int> VersionReleveAsync(Guid dialogueId, CancellationToken ct = default) =>
        db.DialogueReleves.AsNoTracking().Where(d => d.DialogueId == dialogueId).Select(d => d.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves a relevé. With <paramref name="versionLue"/>, refuses with <see cref="ModificationConcurrenteException"/> —
    /// nothing written — if it was saved meanwhile (or created meanwhile when it was read absent, version 0).
    /// </summary>
    public async Task EnregistrerAsync(ReleveDeConclusions r, int? versionLue, string? par, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = DateTime.UtcNow;
        var e = await db.DialogueReleves.AsTracking().FirstOrDefaultAsync(x => x.DialogueId == r.DialogueId, ct);
        if (e is null)
        {
            e = new DialogueReleveEntity { DialogueId = r.DialogueId, StructureCode = r.Structure, Region = r.Region };
            db.DialogueReleves.Add(e);
        }
        else
        {
            var moved = versionLue is { } v
                ? await db.Database.ExecuteSqlAsync($"""
                    UPDATE "DialogueReleves" SET "Version" = "Version" + 1 WHERE "DialogueId" = {r.DialogueId} AND "Version" = {v}
                    """, ct)
                : await db.Database.ExecuteSqlAsync($"""
                    UPDATE "DialogueReleves" SET "Version" = "Version" + 1 WHERE "DialogueId" = {r.DialogueId}
                    """, ct);
            if (moved == 0) throw new ModificationConcurrenteException(e.ModifiePar, e.ModifieLe);
            await db.Entry(e).ReloadAsync(ct);
        }
        e.Conclusions = r.Conclusions;
        e.EngagementsMissionLocale = r.EngagementsMissionLocale;
        e.EngagementsEtat = r.EngagementsEtat;
        var ml = r.Validations.FirstOrDefault(x => x.Partie == Partie.MissionLocale);
        var etat = r.Validations.FirstOrDefault(x => x.Partie == Partie.Etat);
        (e.ValideMissionLocalePar, e.ValideMissionLocaleLe) = (ml?.Par, ml?.Le.UtcDateTime);
        (e.ValideEtatPar, e.ValideEtatLe) = (etat?.Par, etat?.Le.UtcDateTime);
        (e.ModifiePar, e.ModifieLe) = (par, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<ConventionPluriannuelle?> ConventionAsync(string structure, int annee, CancellationToken ct = default)
    {
        var e = await Conventions().FirstOrDefaultAsync(c => c.StructureCode == structure && c.AnneeDebut <= annee && annee <= c.AnneeFin, ct);
        return e is null ? null : VersDomaine(e);
    }

    public Task<ConventionEntity?> ConventionEntityAsync(Guid id, CancellationToken ct = default) =>
        db.Conventions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task EnregistrerAsync(ConventionPluriannuelle c, string? siret = null, string? codeApe = null, string? statut = null, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var e = await Conventions().AsTracking().FirstOrDefaultAsync(x => x.Id == c.Id, ct);
        if (e is null)
        {
            e = new ConventionEntity
            {
                Id = c.Id, StructureCode = c.Structure, Region = c.Region, Numero = c.Numero,
                AnneeDebut = c.AnneeDebut, AnneeFin = c.AnneeFin, DateNotification = c.DateNotification,
            };
            db.Conventions.Add(e);
        }
        if (siret is not null) e.Siret = siret;
        if (codeApe is not null) e.CodeApe = codeApe;
        if (statut is not null) e.StatutJuridique = statut;
        Remplacer(e.Decisions, c.Decisions.Select(x => new DecisionFinancementEntity
        {
            StructureCode = c.Structure, ConventionId = c.Id, Annee = x.Annee,
            SubventionCpo = x.Montants.SubventionCpo, Parrainage = x.Montants.Parrainage,
            FipjAidesDirectes = x.Montants.FipjAidesDirectes, FipjAidesIndirectes = x.Montants.FipjAidesIndirectes,
            Le = x.Le.UtcDateTime, Par = x.Par, Motif = x.Motif,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private IQueryable<DialogueEntity> Dialogues() => db.Dialogues.AsNoTracking()
        .Include(d => d.Etapes).Include(d => d.Objectifs).Include(d => d.Plan)
        .Include(d => d.Transitions).Include(d => d.Validations).AsSplitQuery();

    private IQueryable<ConventionEntity> Conventions() => db.Conventions.AsNoTracking().Include(c => c.Decisions);

    /// <summary>Replaces a child collection, keeping tracked rows whose key matches (same key = update).</summary>
    private void Remplacer<T>(List<T> actuels, IEnumerable<T> nouveaux) where T : class
    {
        foreach (var a in actuels) db.Remove(a);
        actuels.Clear();
        db.SaveChanges(); // deletes first, so that re-added rows with the same key are inserts
        actuels.AddRange(nouveaux);
    }

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));

    private static DialogueDeGestion VersDomaine(DialogueEntity e) => DialogueDeGestion.Restaurer(
        e.Id, e.StructureCode, e.Region, e.Annee, e.Etat, e.DateSignatureAvenant,
        e.Etapes.Select(x => new ContributionEtape(x.Etape, x.AnalyseMissionLocale, x.CommentaireEtat)),
        e.Objectifs.Select(x => new Objectif(x.Ratio, x.Cible, x.Reference, x.Commentaire)),
        e.Plan.Select(x => new LignePlanAction(x.Theme, x.Forces, x.AxesDeProgres)),
        e.Transitions.OrderBy(x => x.Id).Select(x => new TransitionDialogue(x.Action, x.De, x.Vers, Utc(x.Le), x.Par, x.Role, x.Commentaire)),
        e.Validations.OrderBy(x => x.Le).ThenBy(x => x.Partie).Select(x => new Validation(x.Partie, x.Par, Utc(x.Le))));

    private static ConventionPluriannuelle VersDomaine(ConventionEntity e) => ConventionPluriannuelle.Restaurer(
        e.Id, e.StructureCode, e.Region, e.Numero, e.AnneeDebut, e.AnneeFin, e.DateNotification,
        e.Decisions.Select(x => new DecisionFinancement(x.Annee,
            new MontantsAnnuels(x.SubventionCpo, x.Parrainage, x.FipjAidesDirectes, x.FipjAidesIndirectes), Utc(x.Le), x.Par, x.Motif)));
}

/// <summary>A save made on a version that is no longer the stored one: who saved it meanwhile (display name) and when (UTC).</summary>
public sealed class ModificationConcurrenteException(string? par, DateTime? le)
    : Exception($"Modifié entre-temps par {par ?? "un autre utilisateur"}.")
{
    public string? Par { get; } = par;
    public DateTime? Le { get; } = le;
}
