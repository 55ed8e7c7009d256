using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Indicators;

/// <summary>
/// A stored <see cref="Jalon.Indicators.Engine.StructureTally"/>: the additive figures of one structure over one
/// period, valid while the structure's <see cref="StructureEntity.Revision"/> and the catalogue's layout are those it was
/// computed with. Key (StructureCode, Catalogue, Debut, Fin): each catalogue keeps its own tallies.
/// </summary>
public class IndicatorTallyEntity
{
    public required string StructureCode { get; set; }

    /// <summary>The id of the catalogue (<c>cpo-2015</c>…).</summary>
    public required string Catalogue { get; set; }

    public DateOnly Debut { get; set; }
    public DateOnly Fin { get; set; }

    /// <summary><see cref="Jalon.Indicators.Engine.StructureTally.Layout"/> of the catalogue it was computed with.</summary>
    public required string Layout { get; set; }

    /// <summary>The structure's revision when its data were read.</summary>
    public long Revision { get; set; }

    /// <summary>The counts, little-endian 32-bit integers.</summary>
    public required byte[] Counts { get; set; }

    /// <summary>The measures' sums and numbers, little-endian 64-bit integers.</summary>
    public required byte[] Means { get; set; }

    public DateTime ComputedAt { get; set; }
}

internal sealed class IndicatorTallyConfiguration : IEntityTypeConfiguration<IndicatorTallyEntity>
{
    public void Configure(EntityTypeBuilder<IndicatorTallyEntity> b)
    {
        b.ToTable("IndicatorTallies");
        b.HasKey(t => new { t.StructureCode, t.Catalogue, t.Debut, t.Fin });
        b.HasIndex(t => new { t.Catalogue, t.Debut, t.Fin });
        b.HasIndex(t => new { t.Catalogue, t.ComputedAt }); // IndicatorStore.StoredVersion reads this index only
        b.Property(t => t.Catalogue).HasMaxLength(100);
        b.Property(t => t.Layout).HasMaxLength(100);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(t => t.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}
