using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Campagnes;

// Enums are stored as their names (readable in SQL, stable if members are reordered).

internal sealed class CampagneConfiguration : IEntityTypeConfiguration<CampagneEntity>
{
    public void Configure(EntityTypeBuilder<CampagneEntity> b)
    {
        b.ToTable("Campagnes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.StructureCode, c.Annee, c.Type }).IsUnique();
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Etat).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Version).HasDefaultValue(0);
        b.Property(c => c.ModifiePar).HasMaxLength(TextLimits.Auteur);
    }
}

internal sealed class CampagneSoumissionConfiguration : IEntityTypeConfiguration<CampagneSoumissionEntity>
{
    public void Configure(EntityTypeBuilder<CampagneSoumissionEntity> b)
    {
        b.ToTable("CampagneSoumissions");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.CampagneId, s.StructureCode }).IsUnique();
        b.HasIndex(s => s.StructureCode);
        b.Property(s => s.Etat).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Champs).HasMaxLength(20000);
        b.Property(s => s.Version).HasDefaultValue(0);
        b.Property(s => s.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.HasOne<CampagneEntity>().WithMany().HasForeignKey(s => s.CampagneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(s => s.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampagneVersionConfiguration : IEntityTypeConfiguration<CampagneVersionEntity>
{
    public void Configure(EntityTypeBuilder<CampagneVersionEntity> b)
    {
        b.ToTable("CampagneVersions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedOnAdd();
        b.HasIndex(v => new { v.SoumissionId, v.Numero }).IsUnique();
        b.HasIndex(v => v.StructureCode);
        b.Property(v => v.Par).HasMaxLength(TextLimits.Auteur);
        b.HasOne<CampagneSoumissionEntity>().WithMany().HasForeignKey(v => v.SoumissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampagneTransitionConfiguration : IEntityTypeConfiguration<CampagneTransitionEntity>
{
    public void Configure(EntityTypeBuilder<CampagneTransitionEntity> b)
    {
        b.ToTable("CampagneTransitions");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedOnAdd();
        b.HasIndex(t => t.CampagneId);
        b.HasIndex(t => t.StructureCode);
        b.Property(t => t.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.De).HasMaxLength(40);
        b.Property(t => t.Vers).HasMaxLength(40);
        b.Property(t => t.Role).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Par).HasMaxLength(TextLimits.Auteur);
        b.Property(t => t.Commentaire).HasMaxLength(ReferentielCampagnes.TexteMax);
        b.HasOne<CampagneEntity>().WithMany().HasForeignKey(t => t.CampagneId).OnDelete(DeleteBehavior.Cascade);
    }
}
