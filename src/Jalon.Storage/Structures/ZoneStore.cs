using Jalon.Referentiels;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Structures;

/// <summary>A zone list held in the database: its kind, name, validity and number of communes.</summary>
public sealed record ZoneListeStockee(ZoneType Type, string Liste, DateOnly Debut, DateOnly? Fin, int Communes, string? Source, DateTime ImporteLe);

/// <summary>
/// The zone lists (ZRR/FRR, QPV) imported from the official files (<c>./jalon referentiels importer</c>) and stored with
/// their validity dates. <see cref="ReferenceAsync"/> answers with them; a kind without any imported list falls back on
/// the embedded sample (<see cref="ZoneReference.Sample"/>), so that a demonstration works out of the box.
/// </summary>
public sealed class ZoneStore(JalonDbContext db)
{
    /// <summary>Imports (or re-imports, replacing it) a national list, in one transaction, audited. Returns the communes written.</summary>
    public async Task<int> ImportAsync(ZoneList list, string? login = null, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ZoneCommunes.Where(z => z.StructureCode == null && z.Type == list.Type && z.Liste == list.Nom).ExecuteDeleteAsync(ct);
        var now = DateTime.UtcNow;
        db.ZoneCommunes.AddRange(list.Entries.Select(e => new ZoneCommuneEntity
        {
            Type = list.Type, Liste = list.Nom, Debut = list.Debut, Fin = list.Fin, Commune = e.Commune, CodeZone = e.CodeZone, NomZone = e.NomZone,
            Source = list.Source, ImporteLe = now,
        }));
        db.AuditLog.Add(new AuditEntry
        {
            Action = AuditAction.Import, Entity = "référentiel de zones", UserLogin = login,
            Detail = $"{list.Type} « {list.Nom} » du {list.Debut:yyyy-MM-dd}{(list.Fin is { } f ? $" au {f:yyyy-MM-dd}" : "")} : {list.Entries.Count} lignes",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return list.Entries.Count;
    }

    /// <summary>The national lists stored.</summary>
    public async Task<IReadOnlyList<ZoneListeStockee>> ListesAsync(CancellationToken ct = default) =>
        (await db.ZoneCommunes.AsNoTracking().Where(z => z.StructureCode == null)
            .GroupBy(z => new { z.Type, z.Liste, z.Debut, z.Fin, z.Source })
            .Select(g => new { g.Key.Type, g.Key.Liste, g.Key.Debut, g.Key.Fin, g.Key.Source, Communes = g.Count(), ImporteLe = g.Max(z => z.ImporteLe) })
            .ToListAsync(ct))
        .Select(g => new ZoneListeStockee(g.Type, g.Liste, g.Debut, g.Fin, g.Communes, g.Source, g.ImporteLe))
        .OrderBy(l => l.Type).ThenBy(l => l.Debut).ToList();

    /// <summary>The lists to answer with: the imported national lists, or the embedded sample for a kind that has none.</summary>
    public async Task<ZoneReference> ReferenceAsync(CancellationToken ct = default)
    {
        var rows = await db.ZoneCommunes.AsNoTracking().Where(z => z.StructureCode == null).ToListAsync(ct);
        var lists = rows.GroupBy(z => (z.Type, z.Liste, z.Debut, z.Fin))
            .Select(g => new ZoneList(g.Key.Type, g.Key.Liste, g.Key.Debut, g.Key.Fin,
                g.Select(z => new ZoneEntry(z.Commune, z.CodeZone, z.NomZone)), g.First().Source))
            .ToList();
        foreach (var type in Enum.GetValues<ZoneType>())
        {
            if (!lists.Any(l => l.Type == type)) lists.AddRange(ZoneReference.Sample.Lists.Where(l => l.Type == type));
        }
        return new ZoneReference(lists);
    }
}
