using Jalon.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Entities;

// Keys and indexes of every table. Every table carries StructureCode, first in its keys and indexes,
// so that data can be partitioned by structure. Table names are the DbSet names of JalonDbContext.

internal sealed class StructureConfiguration : IEntityTypeConfiguration<StructureEntity>
{
    public void Configure(EntityTypeBuilder<StructureEntity> b)
    {
        b.ToTable("Structures");
        b.HasKey(s => s.Code);
        b.Property(s => s.Code).HasColumnName("StructureCode");
        b.Property(s => s.Revision).HasDefaultValue(0L);
        b.Property(s => s.DernierNumeroJeune).HasDefaultValue(0);
        b.HasIndex(s => s.Region);
    }
}

internal sealed class MoyensConfiguration : IEntityTypeConfiguration<MoyensEntity>
{
    public void Configure(EntityTypeBuilder<MoyensEntity> b)
    {
        b.ToTable("Moyens");
        b.HasKey(m => new { m.StructureCode, m.Annee });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(m => m.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JeuneConfiguration : IEntityTypeConfiguration<JeuneEntity>
{
    public void Configure(EntityTypeBuilder<JeuneEntity> b)
    {
        b.ToTable("Jeunes");
        b.HasKey(j => new { j.StructureCode, j.JeuneId });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(j => j.StructureCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(j => j.ConseillerId).OnDelete(DeleteBehavior.SetNull);
        // Only the young people who have a counsellor (imported ones have none): schema step 27.
        b.HasIndex(j => j.ConseillerId).HasFilter("\"ConseillerId\" IS NOT NULL");
        // Hot paths: a counsellor's portfolio, search by name or birth date within a structure
        // (search by id uses the primary key).
        b.HasIndex(j => new { j.StructureCode, j.ConseillerId });
        b.HasIndex(j => new { j.StructureCode, j.Nom, j.Prenom });
        b.HasIndex(j => new { j.StructureCode, j.Naissance });
        b.Property(j => j.Nom).HasMaxLength(TextLimits.Nom);
        b.Property(j => j.Prenom).HasMaxLength(TextLimits.Nom);
        b.Property(j => j.Email).HasMaxLength(TextLimits.Email);
        b.Property(j => j.Telephone).HasMaxLength(TextLimits.Telephone);
        b.Property(j => j.Version).IsConcurrencyToken().HasDefaultValue(0);
    }
}

internal sealed class JeuneEffaceConfiguration : IEntityTypeConfiguration<JeuneEffaceEntity>
{
    public void Configure(EntityTypeBuilder<JeuneEffaceEntity> b)
    {
        b.ToTable("JeunesEffaces");
        b.HasKey(e => new { e.StructureCode, e.Empreinte });
        b.Property(e => e.Empreinte).HasMaxLength(64);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Shared mapping of the journey events: surrogate key, owner (StructureCode, JeuneId) with its index.</summary>
internal abstract class JeuneEventConfiguration<T> : IEntityTypeConfiguration<T> where T : JeuneEventEntity
{
    protected abstract string Table { get; }

    public virtual void Configure(EntityTypeBuilder<T> b)
    {
        b.ToTable(Table);
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        // The foreign key's index (StructureCode, JeuneId) serves "a young person's events".
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(e => new { e.StructureCode, e.JeuneId }).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Ref).HasMaxLength(TextLimits.IdentifiantEvenement);
        b.Property(e => e.Origine).HasDefaultValue(OrigineEvenement.Paquet);
        b.Property(e => e.Version).IsConcurrencyToken().HasDefaultValue(0);
    }
}

internal sealed class ContactConfiguration : JeuneEventConfiguration<ContactEntity>
{
    protected override string Table => "Contacts";

    public override void Configure(EntityTypeBuilder<ContactEntity> b)
    {
        base.Configure(b);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(c => c.AuteurId).OnDelete(DeleteBehavior.SetNull);
        // Only the contacts that have an author (imported ones have none: 13.5 M on the national package): schema step 27.
        b.HasIndex(c => c.AuteurId).HasFilter("\"AuteurId\" IS NOT NULL");
        b.HasMany(c => c.DiagnosticDomaines).WithOne().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Commentaire).HasMaxLength(TextLimits.Commentaire);
    }
}

internal sealed class DiagnosticDomaineConfiguration : IEntityTypeConfiguration<DiagnosticDomaineEntity>
{
    public void Configure(EntityTypeBuilder<DiagnosticDomaineEntity> b)
    {
        b.ToTable("DiagnosticDomaines");
        b.HasKey(d => new { d.ContactId, d.Domaine });
        b.HasIndex(d => new { d.StructureCode, d.ContactId });
        b.Property(d => d.Note).HasMaxLength(TextLimits.NoteDiagnostic);
    }
}

internal sealed class OrientationConfiguration : JeuneEventConfiguration<OrientationEntity>
{
    protected override string Table => "Orientations";
}

internal sealed class ParcoursConfiguration : JeuneEventConfiguration<ParcoursEntity>
{
    protected override string Table => "Parcours";

    public override void Configure(EntityTypeBuilder<ParcoursEntity> b)
    {
        base.Configure(b);
        b.Property(p => p.Amont).HasMaxLength(Domain.Amont.DispositifsAmont.LongueurMaximale);
    }
}

internal sealed class PropositionConfiguration : JeuneEventConfiguration<PropositionEntity>
{
    protected override string Table => "Propositions";
}

internal sealed class SituationConfiguration : JeuneEventConfiguration<SituationEntity>
{
    protected override string Table => "Situations";
}

internal sealed class DroitConfiguration : JeuneEventConfiguration<DroitEntity>
{
    protected override string Table => "Droits";
}

internal sealed class ParrainageConfiguration : JeuneEventConfiguration<ParrainageEntity>
{
    protected override string Table => "Parrainages";
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> b)
    {
        b.ToTable("Users");
        b.HasKey(u => u.Id);
        b.HasIndex(u => u.Login).IsUnique();
        b.HasIndex(u => new { u.StructureCode, u.Role });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(u => u.StructureCode).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.MustChangePassword).HasDefaultValue(false);
        b.Property(u => u.Email).HasMaxLength(254);
        b.HasIndex(u => u.Email);
        b.Property(u => u.ProConnectSubject).HasMaxLength(255);
        b.HasIndex(u => u.ProConnectSubject).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    /// <summary>The stored codes of <see cref="AuditAction"/>, in enum order.</summary>
    internal static readonly string[] ActionCodes = ["lecture", "création", "modification", "suppression", "import", "export", "connexion", "échec de connexion", "verrouillage", "déconnexion"];

    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.HasKey(a => a.Id);
        b.Property(a => a.Action).HasConversion(a => ActionCodes[(int)a], s => (AuditAction)Array.IndexOf(ActionCodes, s));
        // No foreign keys: the log outlives the accounts, files and structures it names.
        b.HasIndex(a => new { a.StructureCode, a.At });
        b.HasIndex(a => new { a.StructureCode, a.JeuneId });
        b.HasIndex(a => new { a.StructureCode, a.UserId });
        b.Property(a => a.Detail).HasMaxLength(TextLimits.DetailAudit);
    }
}
