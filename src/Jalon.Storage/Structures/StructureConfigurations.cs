using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Structures;

// Codes are stored as their names (readable in SQL, stable if members are reordered), as in Pilotage.

internal sealed class ProfilVersionConfiguration : IEntityTypeConfiguration<ProfilVersionEntity>
{
    public void Configure(EntityTypeBuilder<ProfilVersionEntity> b)
    {
        b.ToTable("ProfilVersions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => new { e.StructureCode, e.ValableDu });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TerritoireCommuneConfiguration : IEntityTypeConfiguration<TerritoireCommuneEntity>
{
    public void Configure(EntityTypeBuilder<TerritoireCommuneEntity> b)
    {
        b.ToTable("TerritoireCommunes");
        b.HasKey(e => new { e.StructureCode, e.Commune, e.Debut });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TerritoireDeclarationConfiguration : IEntityTypeConfiguration<TerritoireDeclarationEntity>
{
    public void Configure(EntityTypeBuilder<TerritoireDeclarationEntity> b)
    {
        b.ToTable("TerritoireDeclarations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.HasIndex(e => new { e.StructureCode, e.Date });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<SiteEntity>
{
    public void Configure(EntityTypeBuilder<SiteEntity> b)
    {
        b.ToTable("Sites");
        b.HasKey(e => new { e.StructureCode, e.SiteId });
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonnelConfiguration : IEntityTypeConfiguration<PersonnelEntity>
{
    public void Configure(EntityTypeBuilder<PersonnelEntity> b)
    {
        b.ToTable("Personnel");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Sexe).HasConversion<string>().HasMaxLength(5);
        b.Property(e => e.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Contrat).HasConversion<string>().HasMaxLength(5);
        b.Property(e => e.Metier).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Origine).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => new { e.StructureCode, e.Nom });
        b.HasIndex(e => new { e.StructureCode, e.UserId });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BrhLigneConfiguration : IEntityTypeConfiguration<BrhLigneEntity>
{
    public void Configure(EntityTypeBuilder<BrhLigneEntity> b)
    {
        b.ToTable("BrhLignes");
        b.HasKey(e => new { e.StructureCode, e.Annee, e.Code });
        b.Property(e => e.Code).HasMaxLength(10);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetLigneConfiguration : IEntityTypeConfiguration<BudgetLigneEntity>
{
    public void Configure(EntityTypeBuilder<BudgetLigneEntity> b)
    {
        b.ToTable("BudgetLignes");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Financeur).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Nature).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(e => new { e.StructureCode, e.Annee });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContexteConfiguration : IEntityTypeConfiguration<ContexteEntity>
{
    public void Configure(EntityTypeBuilder<ContexteEntity> b)
    {
        b.ToTable("Contexte");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Categorie).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(e => new { e.StructureCode, e.Annee });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ZoneCommuneConfiguration : IEntityTypeConfiguration<ZoneCommuneEntity>
{
    public void Configure(EntityTypeBuilder<ZoneCommuneEntity> b)
    {
        b.ToTable("ZoneCommunes");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(5);
        b.HasIndex(e => new { e.StructureCode, e.Type, e.Commune });
        b.HasIndex(e => new { e.Type, e.Liste });
    }
}
