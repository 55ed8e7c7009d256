using Jalon.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Plans;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PlanEntity>
{
    public void Configure(EntityTypeBuilder<PlanEntity> b)
    {
        b.ToTable("Plans");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.StructureCode, p.AnneeDebut });
        b.HasIndex(p => new { p.RegionCode, p.Type });
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Titre).HasMaxLength(TextLimits.Nom * 2);
        b.Property(p => p.Version).HasDefaultValue(0);
        b.Property(p => p.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.HasMany(p => p.Objectifs).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Actions).WithOne().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Statuts).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Indicateurs).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanObjectifConfiguration : IEntityTypeConfiguration<PlanObjectifEntity>
{
    public void Configure(EntityTypeBuilder<PlanObjectifEntity> b)
    {
        b.ToTable("PlanObjectifs");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.HasIndex(o => new { o.StructureCode, o.PlanId });
        b.HasIndex(o => new { o.RegionCode, o.ObjectifRegionalId });
        b.Property(o => o.Code).HasMaxLength(20);
        b.Property(o => o.Libelle).HasMaxLength(TextLimits.Motif);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanActionEntity>
{
    public void Configure(EntityTypeBuilder<PlanActionEntity> b)
    {
        b.ToTable("PlanActions");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.HasIndex(a => new { a.StructureCode, a.PlanId });
        b.Property(a => a.Titre).HasMaxLength(TextLimits.Motif);
        b.Property(a => a.PiloteId).HasMaxLength(64);
        b.Property(a => a.PiloteNom).HasMaxLength(TextLimits.Nom);
        b.Property(a => a.Partenaires).HasMaxLength(TextLimits.TextePlanAction);
        b.Property(a => a.PublicCible).HasMaxLength(TextLimits.TextePlanAction);
        b.Property(a => a.Moyens).HasMaxLength(TextLimits.TextePlanAction);
    }
}

internal sealed class PlanActionStatutConfiguration : IEntityTypeConfiguration<PlanActionStatutEntity>
{
    public void Configure(EntityTypeBuilder<PlanActionStatutEntity> b)
    {
        b.ToTable("PlanActionStatuts");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedOnAdd();
        b.HasIndex(s => new { s.StructureCode, s.PlanId });
        b.Property(s => s.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Par).HasMaxLength(TextLimits.Auteur);
    }
}

internal sealed class PlanIndicateurConfiguration : IEntityTypeConfiguration<PlanIndicateurEntity>
{
    public void Configure(EntityTypeBuilder<PlanIndicateurEntity> b)
    {
        b.ToTable("PlanIndicateurs");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.HasIndex(i => new { i.StructureCode, i.PlanId });
        b.Property(i => i.Libelle).HasMaxLength(TextLimits.Motif);
        b.Property(i => i.Nature).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Sens).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.CleCatalogue).HasMaxLength(64);
    }
}
