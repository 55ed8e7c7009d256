using Jalon.Domain;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Cej;

// Enums are stored as their names (readable in SQL, stable if members are reordered).

internal sealed class CejRendezVousConfiguration : IEntityTypeConfiguration<CejRendezVousEntity>
{
    public void Configure(EntityTypeBuilder<CejRendezVousEntity> b)
    {
        b.ToTable("CejRendezVous");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.StructureCode, r.JeuneId, r.Date });
        b.Property(r => r.Heures).HasPrecision(5, 2);
        b.Property(r => r.Objet).HasMaxLength(200);
        b.Property(r => r.Presence).HasConversion<string>().HasMaxLength(20);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(r => new { r.StructureCode, r.JeuneId }).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(r => r.ConseillerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CejSessionConfiguration : IEntityTypeConfiguration<CejSessionEntity>
{
    public void Configure(EntityTypeBuilder<CejSessionEntity> b)
    {
        b.ToTable("CejSessions");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.StructureCode, s.Date });
        b.Property(s => s.Theme).HasMaxLength(200);
        b.Property(s => s.Categorie).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Heures).HasPrecision(5, 2);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(s => s.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CejParticipantConfiguration : IEntityTypeConfiguration<CejParticipantEntity>
{
    public void Configure(EntityTypeBuilder<CejParticipantEntity> b)
    {
        b.ToTable("CejParticipants");
        b.HasKey(p => new { p.StructureCode, p.SessionId, p.JeuneId });
        b.HasIndex(p => new { p.StructureCode, p.JeuneId });
        b.Property(p => p.Presence).HasConversion<string>().HasMaxLength(20);
        b.HasOne<CejSessionEntity>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(p => new { p.StructureCode, p.JeuneId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CejActiviteConfiguration : IEntityTypeConfiguration<CejActiviteEntity>
{
    public void Configure(EntityTypeBuilder<CejActiviteEntity> b)
    {
        b.ToTable("CejActivites");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.StructureCode, a.JeuneId, a.Date });
        b.Property(a => a.Categorie).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Etat).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Libelle).HasMaxLength(200);
        b.Property(a => a.Heures).HasPrecision(5, 2);
        b.Property(a => a.Session).HasMaxLength(TextLimits.IdentifiantEvenement);
        b.Property(a => a.Ref).HasMaxLength(TextLimits.IdentifiantEvenement);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(a => new { a.StructureCode, a.JeuneId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CejHeuresDefautConfiguration : IEntityTypeConfiguration<CejHeuresDefautEntity>
{
    public void Configure(EntityTypeBuilder<CejHeuresDefautEntity> b)
    {
        b.ToTable("CejHeuresDefaut");
        b.HasKey(h => new { h.StructureCode, h.Categorie });
        b.Property(h => h.Categorie).HasConversion<string>().HasMaxLength(20);
        b.Property(h => h.Heures).HasPrecision(5, 2);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(h => h.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CejSemaineConfiguration : IEntityTypeConfiguration<CejSemaineEntity>
{
    public void Configure(EntityTypeBuilder<CejSemaineEntity> b)
    {
        b.ToTable("CejSemaines");
        b.HasKey(s => new { s.StructureCode, s.JeuneId, s.Lundi });
        b.Property(s => s.HeuresDeclarees).HasPrecision(5, 2);
        b.Property(s => s.ValideePar).HasMaxLength(TextLimits.Auteur);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(s => new { s.StructureCode, s.JeuneId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CejAllocationConfiguration : IEntityTypeConfiguration<CejAllocationEntity>
{
    public void Configure(EntityTypeBuilder<CejAllocationEntity> b)
    {
        b.ToTable("CejAllocations");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.StructureCode, a.JeuneId, a.Mois }).IsUnique();
        b.HasIndex(a => new { a.StructureCode, a.Mois, a.Statut });
        b.Property(a => a.Situation).HasMaxLength(40);
        b.Property(a => a.Calcul).HasMaxLength(1000);
        b.Property(a => a.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.ValideeConseillerPar).HasMaxLength(TextLimits.Auteur);
        b.Property(a => a.ValideeDirecteurPar).HasMaxLength(TextLimits.Auteur);
        b.Property(a => a.MotifRejet).HasMaxLength(TextLimits.Commentaire); // retour_asp of allocations.csv (step 18; 300 before)
        b.Property(a => a.Ref).HasMaxLength(TextLimits.IdentifiantEvenement);
        b.Property(a => a.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(a => new { a.StructureCode, a.JeuneId }).OnDelete(DeleteBehavior.Restrict);
    }
}
