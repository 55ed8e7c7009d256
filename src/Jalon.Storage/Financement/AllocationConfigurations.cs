using Jalon.Domain;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Financement;

internal sealed class AllocationRegionaleConfiguration : IEntityTypeConfiguration<AllocationRegionaleEntity>
{
    public void Configure(EntityTypeBuilder<AllocationRegionaleEntity> b)
    {
        b.ToTable("AllocationsRegionales");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.RegionCode, a.Grille, a.Annee }).IsUnique();
        b.Property(a => a.RegionCode).HasMaxLength(3);
        b.Property(a => a.Grille).HasMaxLength(60);
        b.Property(a => a.Enveloppe).HasPrecision(14, 2);
        b.Property(a => a.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Deliberation).HasMaxLength(60);
        b.Property(a => a.ModifieePar).HasMaxLength(TextLimits.Auteur);
    }
}

internal sealed class AllocationPartConfiguration : IEntityTypeConfiguration<AllocationPartEntity>
{
    public void Configure(EntityTypeBuilder<AllocationPartEntity> b)
    {
        b.ToTable("AllocationParts");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.AllocationId, p.Axe }).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.Property(p => p.RegionCode).HasMaxLength(3);
        b.Property(p => p.Part).HasPrecision(6, 4);
        b.Property(p => p.MontantVote).HasPrecision(14, 2);
        b.Property(p => p.NonAttribueVote).HasPrecision(14, 2);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(p => p.AllocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AllocationPoidsConfiguration : IEntityTypeConfiguration<AllocationPoidsEntity>
{
    public void Configure(EntityTypeBuilder<AllocationPoidsEntity> b)
    {
        b.ToTable("AllocationPoids");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.AllocationId, p.Axe, p.Indicateur }).IsUnique();
        b.HasIndex(p => p.RegionCode);
        b.Property(p => p.RegionCode).HasMaxLength(3);
        b.Property(p => p.Indicateur).HasMaxLength(40);
        b.Property(p => p.Poids).HasPrecision(14, 4);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(p => p.AllocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AllocationDecisionConfiguration : IEntityTypeConfiguration<AllocationDecisionEntity>
{
    public void Configure(EntityTypeBuilder<AllocationDecisionEntity> b)
    {
        b.ToTable("AllocationDecisions");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.AllocationId, d.Axe, d.StructureCode }).IsUnique();
        b.HasIndex(d => d.StructureCode);
        b.Property(d => d.RegionCode).HasMaxLength(3);
        b.Property(d => d.Montant).HasPrecision(14, 2);
        b.Property(d => d.Argument).HasMaxLength(2000);
        b.Property(d => d.DecideePar).HasMaxLength(TextLimits.Auteur);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(d => d.AllocationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(d => d.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationStructureConfiguration : IEntityTypeConfiguration<AllocationStructureEntity>
{
    public void Configure(EntityTypeBuilder<AllocationStructureEntity> b)
    {
        b.ToTable("AllocationStructures");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.AllocationId, s.StructureCode }).IsUnique();
        b.HasIndex(s => s.StructureCode);
        b.Property(s => s.RegionCode).HasMaxLength(3);
        b.Property(s => s.PremierVersement).HasPrecision(14, 2);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(s => s.AllocationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(s => s.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationMontantConfiguration : IEntityTypeConfiguration<AllocationMontantEntity>
{
    public void Configure(EntityTypeBuilder<AllocationMontantEntity> b)
    {
        b.ToTable("AllocationMontants");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.AllocationId, m.StructureCode, m.Axe }).IsUnique();
        b.HasIndex(m => m.StructureCode);
        b.Property(m => m.RegionCode).HasMaxLength(3);
        b.Property(m => m.Montant).HasPrecision(14, 2);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(m => m.AllocationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(m => m.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationTransitionConfiguration : IEntityTypeConfiguration<AllocationTransitionEntity>
{
    public void Configure(EntityTypeBuilder<AllocationTransitionEntity> b)
    {
        b.ToTable("AllocationTransitions");
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.AllocationId);
        b.HasIndex(t => t.RegionCode);
        b.Property(t => t.RegionCode).HasMaxLength(3);
        b.Property(t => t.De).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Vers).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Par).HasMaxLength(TextLimits.Auteur);
        b.Property(t => t.Detail).HasMaxLength(500);
        b.HasOne<AllocationRegionaleEntity>().WithMany().HasForeignKey(t => t.AllocationId).OnDelete(DeleteBehavior.Cascade);
    }
}
