using System.Text.Json;
using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage.Entities;
using Jalon.Storage.Indicators;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Structures;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Campagnes;

/// <summary>
/// Loads and saves the CRA campaigns and their submissions: the one place that converts rows ↔ aggregates. Every save
/// checks the version read (optimistic concurrency, <see cref="ModificationConcurrenteException"/>), appends the new
/// moves to the log and one audit line per move, in one transaction. A frozen version is inserted once, never updated.
/// </summary>
public sealed class CampagneRepository(JalonDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The campaigns of a region (null = all), most recent first.</summary>
    public Task<List<CampagneEntity>> ListeAsync(string? region, CancellationToken ct = default) =>
        db.Campagnes.AsNoTracking().Where(c => region == null || c.StructureCode == region)
            .OrderByDescending(c => c.Annee).ThenByDescending(c => c.Type).ThenBy(c => c.StructureCode).ToListAsync(ct);

    /// <summary>A campaign and its stored version (for the next save), or null.</summary>
    public async Task<(Campagne Campagne, int Version)?> CampagneAsync(Guid id, CancellationToken ct = default)
    {
        var e = await db.Campagnes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (e is null) return null;
        var journal = await db.CampagneTransitions.AsNoTracking().Where(t => t.CampagneId == id && !t.DeLaSoumission).OrderBy(t => t.Id).ToListAsync(ct);
        return (Campagne.Restaurer(e.Id, e.StructureCode, e.Annee, e.Type, e.Echeance, e.Etat, journal.Select(VersDomaine)), e.Version);
    }

    public Task<bool> ExisteAsync(string region, int annee, TypeCampagne type, CancellationToken ct = default) =>
        db.Campagnes.AsNoTracking().AnyAsync(c => c.StructureCode == region && c.Annee == annee && c.Type == type, ct);

    /// <summary>Saves a campaign (new: <paramref name="versionLue"/> 0); refuses a stale save.</summary>
    public async Task EnregistrerAsync(Campagne c, int versionLue, string par, int? userId, string? login, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = DateTime.UtcNow;
        var exists = await db.Campagnes.AsNoTracking().AnyAsync(x => x.Id == c.Id, ct);
        if (!exists)
        {
            if (versionLue != 0 || await ExisteAsync(c.Region, c.Annee, c.Type, ct))
                throw new CampagneException($"{c.Type.Libelle()} {c.Annee} : cette campagne existe déjà pour la région.");
            db.Campagnes.Add(new CampagneEntity
            {
                Id = c.Id, StructureCode = c.Region, Annee = c.Annee, Type = c.Type, Echeance = c.Echeance, Etat = c.Etat,
                Version = 1, ModifiePar = par, ModifieLe = now,
            });
        }
        else
        {
            var moved = await db.Database.ExecuteSqlAsync($"""
                UPDATE "Campagnes" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now}, "Etat" = {c.Etat.ToString()}, "Echeance" = {c.Echeance}
                WHERE "Id" = {c.Id} AND "Version" = {versionLue}
                """, ct);
            if (moved == 0) await RefuserAsync(db.Campagnes.Where(x => x.Id == c.Id).Select(x => new Modif(x.ModifiePar, x.ModifieLe)), ct);
        }
        var stored = await db.CampagneTransitions.CountAsync(t => t.CampagneId == c.Id && !t.DeLaSoumission, ct);
        foreach (var t in c.Journal.Skip(stored))
        {
            db.CampagneTransitions.Add(VersLigne(c.Id, c.Region, false, t));
            Audit(c.Region, stored == 0 ? AuditAction.Creation : AuditAction.Modification,
                $"{c.Titre} : {t.Action.Libelle().ToLowerInvariant()}{(t.Commentaire is { } m ? " (" + m + ")" : "")}", userId, login);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!exists)
        {
            // Opened meanwhile by another agent (unique region × year × type).
            db.ChangeTracker.Clear();
            throw new CampagneException($"{c.Type.Libelle()} {c.Annee} : cette campagne vient d'être ouverte pour la région par un autre agent.");
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The submission of a structure to a campaign (a new one, version 0, if it has none yet).</summary>
    public async Task<(Soumission Soumission, int Version)> SoumissionAsync(Guid campagneId, string structure, CancellationToken ct = default)
    {
        var e = await db.CampagneSoumissions.AsNoTracking().FirstOrDefaultAsync(s => s.CampagneId == campagneId && s.StructureCode == structure, ct);
        if (e is null) return (Soumission.Nouvelle(campagneId, structure), 0);
        var journal = await db.CampagneTransitions.AsNoTracking()
            .Where(t => t.CampagneId == campagneId && t.DeLaSoumission && t.StructureCode == structure).OrderBy(t => t.Id).ToListAsync(ct);
        var champs = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Champs, Json) ?? [];
        return (Soumission.Restaurer(e.Id, e.CampagneId, e.StructureCode, e.Etat, e.DerniereVersion, champs, journal.Select(VersDomaine)), e.Version);
    }

    /// <summary>The submissions of a campaign (rows only, for the list).</summary>
    public Task<List<CampagneSoumissionEntity>> SoumissionsAsync(Guid campagneId, CancellationToken ct = default) =>
        db.CampagneSoumissions.AsNoTracking().Where(s => s.CampagneId == campagneId).ToListAsync(ct);

    /// <summary>
    /// Saves a submission (new: <paramref name="versionLue"/> 0), with the version it froze if any; refuses a stale save.
    /// </summary>
    public async Task EnregistrerAsync(Campagne campagne, Soumission s, int versionLue, VersionFigee? figee, string par, int? userId, string? login,
        CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = DateTime.UtcNow;
        var champs = JsonSerializer.Serialize(s.Champs, Json);
        var row = await db.CampagneSoumissions.AsNoTracking().Where(x => x.CampagneId == s.CampagneId && x.StructureCode == s.Structure)
            .Select(x => new { x.Id }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            if (versionLue != 0) throw new ModificationConcurrenteException(null, null);
            db.CampagneSoumissions.Add(new CampagneSoumissionEntity
            {
                Id = s.Id, CampagneId = s.CampagneId, StructureCode = s.Structure, Etat = s.Etat, DerniereVersion = s.DerniereVersion,
                Champs = champs, Version = 1, ModifiePar = par, ModifieLe = now,
            });
        }
        else
        {
            var moved = await db.Database.ExecuteSqlAsync($"""
                UPDATE "CampagneSoumissions" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now},
                "Etat" = {s.Etat.ToString()}, "DerniereVersion" = {s.DerniereVersion}, "Champs" = {champs}
                WHERE "Id" = {row.Id} AND "Version" = {versionLue}
                """, ct);
            if (moved == 0) await RefuserAsync(db.CampagneSoumissions.Where(x => x.Id == row.Id).Select(x => new Modif(x.ModifiePar, x.ModifieLe)), ct);
        }
        if (figee is not null)
        {
            db.CampagneVersions.Add(new CampagneVersionEntity
            {
                SoumissionId = row?.Id ?? s.Id, StructureCode = s.Structure, Numero = figee.Numero, Le = figee.Le.UtcDateTime, Par = figee.Par,
                Contenu = figee.Contenu.Serialiser(),
            });
        }
        var stored = await db.CampagneTransitions.CountAsync(t => t.CampagneId == s.CampagneId && t.DeLaSoumission && t.StructureCode == s.Structure, ct);
        foreach (var t in s.Journal.Skip(stored))
        {
            db.CampagneTransitions.Add(VersLigne(s.CampagneId, s.Structure, true, t));
            Audit(s.Structure, AuditAction.Modification,
                $"{campagne.Titre} : {t.Action.Libelle().ToLowerInvariant()}{(t.Commentaire is { } m ? " (" + m + ")" : "")}", userId, login);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row is null)
        {
            // Created meanwhile by another save of the same submission (unique campaign × structure).
            throw new ModificationConcurrenteException(null, null);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The frozen versions of a submission, oldest first.</summary>
    public async Task<IReadOnlyList<VersionFigee>> VersionsAsync(Guid soumissionId, CancellationToken ct = default) =>
        (await db.CampagneVersions.AsNoTracking().Where(v => v.SoumissionId == soumissionId).OrderBy(v => v.Numero).ToListAsync(ct))
        .Select(v => new VersionFigee(v.Numero, new DateTimeOffset(DateTime.SpecifyKind(v.Le, DateTimeKind.Utc)), v.Par, ContenuCampagne.Lire(v.Contenu)))
        .ToList();

    /// <summary>
    /// What the campaign holds for a structure now: in February the indicators of the year reported on (the stored
    /// tallies, the engine of <c>./jalon indicateurs</c>, without secrecy: this is the structure's own content) and the BRH
    /// of that year; in June its budget lines; and the free fields given.
    /// </summary>
    public async Task<ContenuCampagne> ContenuActuelAsync(Campagne c, string structure, Catalogue catalogue, IReadOnlyDictionary<string, string> champs,
        CancellationToken ct = default)
    {
        var repo = new StructureRepository(db);
        if (c.Type == TypeCampagne.Fevrier)
        {
            var results = new IndicatorStore(db).Compute(catalogue, new IndicatorRequest(Period.Year(c.Exercice)) { Structures = [structure], MoisEntiers = true });
            var publication = Publication.SansSecret(results);
            var indicateurs = catalogue.Indicateurs.Where(i => i.Calculable)
                .Select(i => new IndicateurFige(i.Cle, i.LibelleCourt, publication.Valeur(Level.Structure, structure, i.Cle).Valeur)).ToList();
            return ContenuCampagne.De(indicateurs, await repo.BrhAsync(structure, c.Exercice, ct), [], champs);
        }
        return ContenuCampagne.De([], [], await repo.BudgetAsync(structure, c.Exercice, ct), champs);
    }

    private sealed record Modif(string? Par, DateTime? Le);

    private static async Task RefuserAsync(IQueryable<Modif> current, CancellationToken ct)
    {
        var m = await current.AsNoTracking().FirstOrDefaultAsync(ct);
        throw new ModificationConcurrenteException(m?.Par, m?.Le);
    }

    private void Audit(string structure, AuditAction action, string detail, int? userId, string? login) =>
        db.AuditLog.Add(new AuditEntry { StructureCode = structure, Action = action, Entity = "campagne", Detail = detail, UserId = userId, UserLogin = login });

    private static CampagneTransitionEntity VersLigne(Guid campagne, string code, bool soumission, TransitionCampagne t) => new()
    {
        CampagneId = campagne, StructureCode = code, DeLaSoumission = soumission, Action = t.Action, De = t.De, Vers = t.Vers,
        Le = t.Le.UtcDateTime, Par = t.Par, Role = t.Role, Commentaire = t.Commentaire,
    };

    private static TransitionCampagne VersDomaine(CampagneTransitionEntity t) =>
        new(t.Action, t.DeLaSoumission ? t.StructureCode : null, t.De, t.Vers, new DateTimeOffset(DateTime.SpecifyKind(t.Le, DateTimeKind.Utc)), t.Par, t.Role, t.Commentaire);
}
