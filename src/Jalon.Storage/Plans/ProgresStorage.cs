using System.Text.Json;
using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Storage.Entities;
using Jalon.Storage.Pilotage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Plans;

// Storage of the démarches de progrès (docs/plans.md, schema step 26). A démarche is regional (RegionCode); an état des
// lieux carries its structure and region codes. The sections, the analysis and the recommendations are JSON texts of their row.

public class ProgresDemarcheEntity : IVersioned
{
    public Guid Id { get; set; }
    public required string RegionCode { get; set; }
    public required string Titre { get; set; }
    public int AnneeDebut { get; set; }
    public int AnneeFin { get; set; }
    public DateOnly OuverteLe { get; set; }
    public required string OuvertePar { get; set; }

    /// <summary>The cross-analysis per theme, JSON: {"BonnesPratiques":"…"}.</summary>
    public string Analyse { get; set; } = "{}";

    /// <summary>The recommendations, JSON: ["…","…"].</summary>
    public string Preconisations { get; set; } = "[]";
    public DateOnly? AnalyseLe { get; set; }
    public string? AnalysePar { get; set; }

    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
    public List<ProgresEtatDesLieuxEntity> EtatsDesLieux { get; set; } = [];
}

public class ProgresEtatDesLieuxEntity : IVersioned
{
    public Guid Id { get; set; }
    public Guid DemarcheId { get; set; }
    public required string StructureCode { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>The sections, JSON: {"Sources":"…","PointsDeBlocage":"…"}.</summary>
    public string Sections { get; set; } = "{}";
    public DateOnly? ValideLe { get; set; }
    public string? ValidePar { get; set; }

    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
}

internal sealed class ProgresDemarcheConfiguration : IEntityTypeConfiguration<ProgresDemarcheEntity>
{
    public void Configure(EntityTypeBuilder<ProgresDemarcheEntity> b)
    {
        b.ToTable("ProgresDemarches");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.HasIndex(d => new { d.RegionCode, d.AnneeDebut });
        b.Property(d => d.Titre).HasMaxLength(TextLimits.Nom * 2);
        b.Property(d => d.OuvertePar).HasMaxLength(TextLimits.Auteur);
        b.Property(d => d.AnalysePar).HasMaxLength(TextLimits.Auteur);
        b.Property(d => d.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.Property(d => d.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasMany(d => d.EtatsDesLieux).WithOne().HasForeignKey(e => e.DemarcheId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgresEtatDesLieuxConfiguration : IEntityTypeConfiguration<ProgresEtatDesLieuxEntity>
{
    public void Configure(EntityTypeBuilder<ProgresEtatDesLieuxEntity> b)
    {
        b.ToTable("ProgresEtatsDesLieux");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => new { e.DemarcheId, e.StructureCode }).IsUnique();
        b.HasIndex(e => new { e.StructureCode, e.DemarcheId });
        b.Property(e => e.ValidePar).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.Version).IsConcurrencyToken().HasDefaultValue(0);
    }
}

/// <summary>Loads and saves the démarches de progrès: the one place that converts rows ↔ <see cref="DemarcheProgres"/> and <see cref="EtatDesLieux"/>.</summary>
public sealed class ProgresRepository(JalonDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The démarches of a region (every region when null), newest first, with their version.</summary>
    public async Task<List<(DemarcheProgres Demarche, int Version)>> DemarchesAsync(string? region, CancellationToken ct = default) =>
        [.. (await db.ProgresDemarches.AsNoTracking().Where(d => region == null || d.RegionCode == region)
            .OrderByDescending(d => d.AnneeDebut).ThenBy(d => d.Titre).ToListAsync(ct)).Select(d => (VersDomaine(d), d.Version))];

    public async Task<(DemarcheProgres Demarche, int Version)?> DemarcheAsync(Guid id, CancellationToken ct = default) =>
        await db.ProgresDemarches.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } e ? (VersDomaine(e), e.Version) : null;

    /// <summary>The états des lieux of a démarche (drafts included: the caller filters what the user may read).</summary>
    public async Task<List<(EtatDesLieux Etat, int Version)>> EtatsAsync(Guid demarche, CancellationToken ct = default) =>
        [.. (await db.ProgresEtatsDesLieux.AsNoTracking().Where(e => e.DemarcheId == demarche).OrderBy(e => e.StructureCode).ToListAsync(ct))
            .Select(e => (VersDomaine(e), e.Version))];

    /// <summary>Saves a démarche; with <paramref name="versionLue"/>, refuses (nothing written) if it was saved meanwhile.</summary>
    public async Task EnregistrerAsync(DemarcheProgres d, int? versionLue, string par, CancellationToken ct = default)
    {
        var e = await db.ProgresDemarches.FirstOrDefaultAsync(x => x.Id == d.Id, ct);
        if (e is null)
        {
            e = new ProgresDemarcheEntity
            {
                Id = d.Id, RegionCode = d.Region, Titre = d.Titre, AnneeDebut = d.AnneeDebut, AnneeFin = d.AnneeFin, OuverteLe = d.Ouverture.Le, OuvertePar = d.Ouverture.Par,
            };
            db.Add(e);
        }
        else if (versionLue is { } v) db.ExpectVersion(e, v);
        e.Analyse = JsonSerializer.Serialize(d.Analyse.ToDictionary(x => x.Key.ToString(), x => x.Value), Json);
        e.Preconisations = JsonSerializer.Serialize(d.Preconisations, Json);
        (e.AnalyseLe, e.AnalysePar) = (d.AnalyseModifiee?.Le, d.AnalyseModifiee?.Par);
        (e.ModifiePar, e.ModifieLe) = (par, DateTime.UtcNow);
        await SaveAsync(e, ct);
    }

    /// <summary>Saves an état des lieux; with <paramref name="versionLue"/>, refuses (nothing written) if it was saved meanwhile.</summary>
    public async Task EnregistrerAsync(EtatDesLieux etat, int? versionLue, string par, CancellationToken ct = default)
    {
        var e = await db.ProgresEtatsDesLieux.FirstOrDefaultAsync(x => x.Id == etat.Id, ct);
        if (e is null)
        {
            e = new ProgresEtatDesLieuxEntity { Id = etat.Id, DemarcheId = etat.DemarcheId, StructureCode = etat.Structure, RegionCode = etat.Region };
            db.Add(e);
        }
        else if (versionLue is { } v) db.ExpectVersion(e, v);
        e.Sections = JsonSerializer.Serialize(etat.Sections.ToDictionary(x => x.Key.ToString(), x => x.Value), Json);
        (e.ValideLe, e.ValidePar) = (etat.Validation?.Le, etat.Validation?.Par);
        (e.ModifiePar, e.ModifieLe) = (par, DateTime.UtcNow);
        await SaveAsync(e, ct);
    }

    private async Task SaveAsync<T>(T row, CancellationToken ct) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(row).State = EntityState.Detached;
            var id = row switch { ProgresDemarcheEntity d => d.Id, ProgresEtatDesLieuxEntity e => e.Id, _ => Guid.Empty };
            var courant = row is ProgresDemarcheEntity
                ? await db.ProgresDemarches.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.ModifiePar, x.ModifieLe }).FirstOrDefaultAsync(ct)
                : await db.ProgresEtatsDesLieux.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.ModifiePar, x.ModifieLe }).FirstOrDefaultAsync(ct);
            var (par, le) = (courant?.ModifiePar, courant?.ModifieLe);
            throw new ModificationConcurrenteException(par, le);
        }
    }

    private static DemarcheProgres VersDomaine(ProgresDemarcheEntity e) => DemarcheProgres.Restaurer(
        e.Id, e.RegionCode, e.Titre, e.AnneeDebut, e.AnneeFin, new Signature(e.OuvertePar, e.OuverteLe),
        (JsonSerializer.Deserialize<Dictionary<string, string>>(e.Analyse, Json) ?? []).ToDictionary(x => Enum.Parse<ThemeAnalyse>(x.Key), x => x.Value),
        JsonSerializer.Deserialize<List<string>>(e.Preconisations, Json) ?? [],
        e.AnalyseLe is { } le ? new Signature(e.AnalysePar ?? "", le) : null);

    private static EtatDesLieux VersDomaine(ProgresEtatDesLieuxEntity e) => EtatDesLieux.Restaurer(
        e.Id, e.DemarcheId, e.StructureCode, e.RegionCode,
        (JsonSerializer.Deserialize<Dictionary<string, string>>(e.Sections, Json) ?? []).ToDictionary(x => Enum.Parse<SectionEtatDesLieux>(x.Key), x => x.Value),
        e.ValideLe is { } le ? new Signature(e.ValidePar ?? "", le) : null);
}
