using System.Text.Json;
using Jalon.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Plans;

/// <summary>Loads and saves the plans: the one place that converts rows ↔ <see cref="Plan"/>.</summary>
public sealed class PlanRepository(JalonDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task<Plan?> PlanAsync(Guid id, CancellationToken ct = default)
    {
        var e = await Complets().FirstOrDefaultAsync(p => p.Id == id, ct);
        return e is null ? null : VersDomaine(e);
    }

    /// <summary>The plans of a structure (with its region's orientations when <paramref name="region"/> is given), without content, for lists.</summary>
    public Task<List<PlanEntity>> ListeAsync(string? structure, string? region, CancellationToken ct = default) =>
        db.Plans.AsNoTracking()
            .Where(p => (structure != null && p.StructureCode == structure) || (region != null && p.RegionCode == region && (structure == null || p.StructureCode == null)))
            .OrderBy(p => p.StructureCode == null ? 0 : 1).ThenBy(p => p.StructureCode).ThenBy(p => p.Type).ThenBy(p => p.Titre)
            .ToListAsync(ct);

    /// <summary>Every plan of a region's structures and its orientations, complete (for the coverage of the regional objectives).</summary>
    public async Task<List<Plan>> PlansDeLaRegionAsync(string region, CancellationToken ct = default) =>
        [.. (await Complets().Where(p => p.RegionCode == region).ToListAsync(ct)).Select(VersDomaine)];

    public Task<int> VersionAsync(Guid id, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().Where(p => p.Id == id).Select(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves a plan. With <paramref name="versionLue"/>, refuses with <see cref="Pilotage.ModificationConcurrenteException"/>
    /// (nothing written) if it was saved meanwhile. The status history is append only.
    /// </summary>
    public async Task EnregistrerAsync(Plan p, int? versionLue, string? par, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = DateTime.UtcNow;
        var moved = versionLue is { } v
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE "Plans" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now} WHERE "Id" = {p.Id} AND "Version" = {v}
                """, ct)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE "Plans" SET "Version" = "Version" + 1, "ModifiePar" = {par}, "ModifieLe" = {now} WHERE "Id" = {p.Id}
                """, ct);
        if (moved == 0 && versionLue is not null
            && await db.Plans.AsNoTracking().Where(x => x.Id == p.Id).Select(x => new { x.ModifiePar, x.ModifieLe }).FirstOrDefaultAsync(ct) is { } current)
        {
            throw new Pilotage.ModificationConcurrenteException(current.ModifiePar, current.ModifieLe);
        }
        var e = await Complets().AsTracking().FirstOrDefaultAsync(x => x.Id == p.Id, ct);
        if (e is null)
        {
            e = new PlanEntity { Id = p.Id, StructureCode = p.Structure, RegionCode = p.Region, Type = p.Type, Titre = p.Titre, AnneeDebut = p.AnneeDebut, AnneeFin = p.AnneeFin, ModifiePar = par, ModifieLe = now };
            db.Plans.Add(e);
        }
        e.Titre = p.Titre;
        e.Statut = p.Statut;
        var (s, r) = (p.Structure, p.Region);
        Remplacer(e.Objectifs, p.Objectifs.Select((o, i) => new PlanObjectifEntity
        {
            Id = o.Id, StructureCode = s, RegionCode = r, PlanId = p.Id, Ordre = i, ParentId = o.ParentId, Code = o.Code, Libelle = o.Libelle, ObjectifRegionalId = o.ObjectifRegionalId,
        }));
        Remplacer(e.Actions, p.Actions.Select((a, i) => new PlanActionEntity
        {
            Id = a.Id, StructureCode = s, RegionCode = r, PlanId = p.Id, Ordre = i, ObjectifId = a.ObjectifId, Titre = a.Contenu.Titre,
            PiloteId = a.Contenu.Pilote?.Id, PiloteNom = a.Contenu.Pilote?.Nom, Partenaires = a.Contenu.Partenaires, PublicCible = a.Contenu.PublicCible,
            Moyens = a.Contenu.Moyens, Echeance = a.Contenu.Echeance, Jalons = JsonSerializer.Serialize(a.Contenu.Jalons, Json),
        }));
        Remplacer(e.Indicateurs, p.Indicateurs.Select((x, i) => new PlanIndicateurEntity
        {
            Id = x.Id, StructureCode = s, RegionCode = r, PlanId = p.Id, Ordre = i, ActionId = x.ActionId, Libelle = x.Libelle, Nature = x.Nature, Sens = x.Sens,
            CleCatalogue = x.CleCatalogue, Cibles = JsonSerializer.Serialize(x.Cibles, Json), Valeurs = JsonSerializer.Serialize(x.Valeurs, Json),
            Profil = x.Profil is null ? null : JsonSerializer.Serialize(x.Profil.Poids, Json),
        }));
        // The history of a deleted action goes with it.
        var actions = p.Actions.Select(a => a.Id).ToHashSet();
        foreach (var orphelin in e.Statuts.Where(x => !actions.Contains(x.ActionId)).ToList())
        {
            db.Remove(orphelin);
            e.Statuts.Remove(orphelin);
        }
        // The status history is append only: add, per action, the changes not stored yet.
        foreach (var a in p.Actions)
        {
            var stockes = e.Statuts.Count(x => x.ActionId == a.Id);
            foreach (var c in a.Historique.Skip(stockes))
                e.Statuts.Add(new PlanActionStatutEntity { StructureCode = s, RegionCode = r, PlanId = p.Id, ActionId = a.Id, Statut = c.Statut, Le = c.Le, Par = c.Par });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private IQueryable<PlanEntity> Complets() => db.Plans.AsNoTracking()
        .Include(p => p.Objectifs).Include(p => p.Actions).Include(p => p.Statuts).Include(p => p.Indicateurs).AsSplitQuery();

    private void Remplacer<T>(List<T> actuels, IEnumerable<T> nouveaux) where T : class
    {
        foreach (var a in actuels) db.Remove(a);
        actuels.Clear();
        db.SaveChanges(); // deletes first, so that re-added rows with the same key are inserts
        actuels.AddRange(nouveaux);
    }

    private static Plan VersDomaine(PlanEntity e) => Plan.Restaurer(
        e.Id, e.Type, e.Titre, e.AnneeDebut, e.AnneeFin, e.StructureCode, e.RegionCode, e.Statut,
        e.Objectifs.OrderBy(o => o.Ordre).Select(o => new ObjectifPlan(o.Id, o.ParentId, o.Code, o.Libelle, o.ObjectifRegionalId)),
        e.Actions.OrderBy(a => a.Ordre).Select(a => (Plan.ActionStockee(a.Id, a.ObjectifId, new ContenuAction(
                a.Titre, a.PiloteId is null ? null : new Pilote(a.PiloteId, a.PiloteNom ?? ""), a.Partenaires, a.PublicCible, a.Moyens, a.Echeance,
                JsonSerializer.Deserialize<List<JalonAction>>(a.Jalons, Json) ?? [])),
            e.Statuts.Where(s => s.ActionId == a.Id).OrderBy(s => s.Id).Select(s => new ChangementStatut(s.Statut, s.Le, s.Par)))),
        e.Indicateurs.OrderBy(i => i.Ordre).Select(i => new IndicateurPlan(
            i.Id, i.ActionId, i.Libelle, i.Nature, i.Sens, i.CleCatalogue,
            JsonSerializer.Deserialize<SortedDictionary<int, double>>(i.Cibles, Json) ?? [],
            JsonSerializer.Deserialize<List<ValeurSaisie>>(i.Valeurs, Json) ?? [],
            i.Profil is null ? null : ProfilMensuel.De(JsonSerializer.Deserialize<double[]>(i.Profil, Json) ?? []))));
}
