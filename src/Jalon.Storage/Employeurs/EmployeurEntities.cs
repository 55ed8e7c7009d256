using Jalon.Domain.Employeurs;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Employeurs;

// The employer side (schema step 17, docs/employeurs.md). Every row carries its structure's code, first in its keys and
// indexes. A MER is not a second record of the journey: it extends one proposal (PropositionId) and, on a hire, points to
// the job situation it opened (SituationId); an immersion extends the journey's PMSMP (or internship) situation; a
// parrainage points to its sponsor through ParrainageParrains. The names, phones and e-mails of contacts, tutors and
// sponsors are personal data: the pages that show them check the role and write the audit log like a young person's file.

/// <summary>A company (an establishment, by its SIRET) the Mission Locale works with.</summary>
public class EntrepriseEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string Siret { get; set; }
    public required string Nom { get; set; }

    /// <summary>NAF rév. 2 sous-classe (APE), as INSEE writes it: <c>56.10A</c>.</summary>
    public string? Naf { get; set; }

    public TailleEntreprise? Taille { get; set; }

    /// <summary>INSEE code of the establishment's commune.</summary>
    public string? Commune { get; set; }

    public string? ContactNom { get; set; }
    public string? ContactFonction { get; set; }
    public string? ContactTelephone { get; set; }
    public string? ContactEmail { get; set; }
    public DateOnly CreeLe { get; set; }
    public int Version { get; set; }
}

/// <summary>A visit or another exchange with a company: when, who from the Mission Locale, how and what for.</summary>
public class EchangeEntrepriseEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public long EntrepriseId { get; set; }
    public DateOnly Date { get; set; }
    public ModeEchange Mode { get; set; }
    public ObjetEchange Objet { get; set; }

    /// <summary>The user who had the exchange (<see cref="UserEntity.Id"/>).</summary>
    public int? AuteurId { get; set; }

    /// <summary>Free text: never leaves the structure.</summary>
    public string? Note { get; set; }
}

/// <summary>A job offer collected by the Mission Locale.</summary>
public class OffreEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public long EntrepriseId { get; set; }
    public required string Intitule { get; set; }

    /// <summary>The ROME occupation (fiche métier, <c>G1602</c>).</summary>
    public required string Rome { get; set; }

    public TypeContrat Contrat { get; set; }

    /// <summary>The contract's length in months (none for a CDI).</summary>
    public int? DureeMois { get; set; }

    public int? HeuresHebdo { get; set; }
    public required string Commune { get; set; }
    public int Postes { get; set; } = 1;
    public DateOnly RecueLe { get; set; }
    public DateOnly? DebutSouhaite { get; set; }
    public StatutOffre Statut { get; set; }

    /// <summary>When the offer was filled, withdrawn or expired.</summary>
    public DateOnly? StatutLe { get; set; }

    public ModePourvoi? Pourvoi { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A placement (mise en relation): the proposal <see cref="PropositionId"/> of the young person's journey (its date and
/// theme), put to a company on an offer or to another body, with its outcome; a hire points to the job situation it
/// opened (<see cref="SituationId"/>). « Non résolue » while <see cref="Issue"/> is null.
/// </summary>
public class MiseEnRelationEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }
    public long PropositionId { get; set; }
    public TypeMiseEnRelation Type { get; set; }
    public long? OffreId { get; set; }
    public long? EntrepriseId { get; set; }

    /// <summary>The body when it is not a recorded company (a training centre, an association…).</summary>
    public string? Organisme { get; set; }

    public IssueMiseEnRelation? Issue { get; set; }
    public DateOnly? IssueLe { get; set; }
    public long? SituationId { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A period in a company (PMSMP or apprenticeship discovery): the journey's situation <see cref="SituationId"/> (its
/// dates), the host company and tutor, the objective, the three-way review (young person, tutor, counsellor) and what followed.
/// </summary>
public class ImmersionEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }
    public long SituationId { get; set; }
    public TypeImmersion Type { get; set; }
    public long EntrepriseId { get; set; }
    public string? Tuteur { get; set; }
    public string? Objectif { get; set; }
    public DateOnly? BilanLe { get; set; }
    public string? BilanJeune { get; set; }
    public string? BilanTuteur { get; set; }
    public string? BilanConseiller { get; set; }
    public SuiteImmersion? Suite { get; set; }

    /// <summary>The job situation a hire (or an apprenticeship) after the period opened or pointed to (schema step 19).</summary>
    public long? SuiteSituationId { get; set; }

    /// <summary>The convention's id on the State's immersion platform, when imported from its export (schema step 19).</summary>
    public string? ConventionId { get; set; }

    public int Version { get; set; }
}

/// <summary>A sponsor (parrain, marraine): a professional who follows young people.</summary>
public class ParrainEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string Nom { get; set; }
    public string? Profession { get; set; }
    public long? EntrepriseId { get; set; }
    public string? Disponibilites { get; set; }
    public string? Telephone { get; set; }
    public string? Email { get; set; }
    public bool Actif { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>The sponsor of a parrainage of the journey (one row per parrainage that has one).</summary>
public class ParrainageParrainEntity
{
    public long ParrainageId { get; set; }
    public required string StructureCode { get; set; }
    public long ParrainId { get; set; }
}

/// <summary>What a young person looks for: up to three ROME occupations (space-separated), their mobility, from when.</summary>
public class RechercheEmploiEntity
{
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }
    public required string Romes { get; set; }
    public Mobilite Mobilite { get; set; }
    public DateOnly? DisponibleLe { get; set; }
}

internal sealed class EntrepriseConfiguration : IEntityTypeConfiguration<EntrepriseEntity>
{
    public void Configure(EntityTypeBuilder<EntrepriseEntity> b)
    {
        b.ToTable("Entreprises");
        b.Property(e => e.Siret).HasMaxLength(14);
        b.Property(e => e.Nom).HasMaxLength(200);
        b.Property(e => e.Naf).HasMaxLength(6);
        b.Property(e => e.Commune).HasMaxLength(5);
        b.Property(e => e.ContactNom).HasMaxLength(100);
        b.Property(e => e.ContactFonction).HasMaxLength(100);
        b.Property(e => e.ContactTelephone).HasMaxLength(30);
        b.Property(e => e.ContactEmail).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(e => new { e.StructureCode, e.Siret }).IsUnique();
        b.HasIndex(e => new { e.StructureCode, e.Nom });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(e => e.StructureCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EchangeEntrepriseConfiguration : IEntityTypeConfiguration<EchangeEntrepriseEntity>
{
    public void Configure(EntityTypeBuilder<EchangeEntrepriseEntity> b)
    {
        b.ToTable("EchangesEntreprises");
        b.Property(e => e.Note).HasMaxLength(1000);
        b.HasIndex(e => new { e.StructureCode, e.EntrepriseId, e.Date });
        b.HasOne<EntrepriseEntity>().WithMany().HasForeignKey(e => e.EntrepriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(e => e.AuteurId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OffreConfiguration : IEntityTypeConfiguration<OffreEntity>
{
    public void Configure(EntityTypeBuilder<OffreEntity> b)
    {
        b.ToTable("Offres");
        b.Property(o => o.Intitule).HasMaxLength(200);
        b.Property(o => o.Rome).HasMaxLength(5);
        b.Property(o => o.Commune).HasMaxLength(5);
        b.Property(o => o.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(o => new { o.StructureCode, o.Statut, o.RecueLe });
        b.HasIndex(o => new { o.StructureCode, o.EntrepriseId });
        b.HasOne<EntrepriseEntity>().WithMany().HasForeignKey(o => o.EntrepriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MiseEnRelationConfiguration : IEntityTypeConfiguration<MiseEnRelationEntity>
{
    public void Configure(EntityTypeBuilder<MiseEnRelationEntity> b)
    {
        b.ToTable("MisesEnRelation");
        b.Property(m => m.Organisme).HasMaxLength(200);
        b.Property(m => m.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(m => new { m.StructureCode, m.JeuneId });
        b.HasIndex(m => new { m.StructureCode, m.OffreId });
        b.HasIndex(m => m.PropositionId).IsUnique();
        b.HasIndex(m => m.SituationId).IsUnique();
        b.HasOne<PropositionEntity>().WithMany().HasForeignKey(m => m.PropositionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SituationEntity>().WithMany().HasForeignKey(m => m.SituationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<OffreEntity>().WithMany().HasForeignKey(m => m.OffreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EntrepriseEntity>().WithMany().HasForeignKey(m => m.EntrepriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImmersionConfiguration : IEntityTypeConfiguration<ImmersionEntity>
{
    public void Configure(EntityTypeBuilder<ImmersionEntity> b)
    {
        b.ToTable("Immersions");
        b.Property(i => i.Tuteur).HasMaxLength(100);
        b.Property(i => i.Objectif).HasMaxLength(300);
        b.Property(i => i.BilanJeune).HasMaxLength(1000);
        b.Property(i => i.BilanTuteur).HasMaxLength(1000);
        b.Property(i => i.BilanConseiller).HasMaxLength(1000);
        b.Property(i => i.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(i => new { i.StructureCode, i.JeuneId });
        b.HasIndex(i => new { i.StructureCode, i.EntrepriseId });
        b.HasIndex(i => i.SituationId).IsUnique();
        b.HasOne<SituationEntity>().WithMany().HasForeignKey(i => i.SituationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.ConventionId).HasMaxLength(64);
        b.HasIndex(i => i.SuiteSituationId).IsUnique();
        b.HasIndex(i => new { i.StructureCode, i.ConventionId }).IsUnique();
        b.HasOne<SituationEntity>().WithMany().HasForeignKey(i => i.SuiteSituationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<EntrepriseEntity>().WithMany().HasForeignKey(i => i.EntrepriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParrainConfiguration : IEntityTypeConfiguration<ParrainEntity>
{
    public void Configure(EntityTypeBuilder<ParrainEntity> b)
    {
        b.ToTable("Parrains");
        b.Property(p => p.Nom).HasMaxLength(100);
        b.Property(p => p.Profession).HasMaxLength(100);
        b.Property(p => p.Disponibilites).HasMaxLength(200);
        b.Property(p => p.Telephone).HasMaxLength(30);
        b.Property(p => p.Email).HasMaxLength(200);
        b.Property(p => p.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(p => new { p.StructureCode, p.Nom });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(p => p.StructureCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EntrepriseEntity>().WithMany().HasForeignKey(p => p.EntrepriseId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ParrainageParrainConfiguration : IEntityTypeConfiguration<ParrainageParrainEntity>
{
    public void Configure(EntityTypeBuilder<ParrainageParrainEntity> b)
    {
        b.ToTable("ParrainageParrains");
        b.HasKey(p => p.ParrainageId);
        b.HasIndex(p => new { p.StructureCode, p.ParrainId });
        b.HasOne<ParrainageEntity>().WithMany().HasForeignKey(p => p.ParrainageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ParrainEntity>().WithMany().HasForeignKey(p => p.ParrainId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RechercheEmploiConfiguration : IEntityTypeConfiguration<RechercheEmploiEntity>
{
    public void Configure(EntityTypeBuilder<RechercheEmploiEntity> b)
    {
        b.ToTable("RecherchesEmploi");
        b.HasKey(r => new { r.StructureCode, r.JeuneId });
        b.Property(r => r.Romes).HasMaxLength(17);
        b.HasOne<JeuneEntity>().WithMany().HasForeignKey(r => new { r.StructureCode, r.JeuneId }).OnDelete(DeleteBehavior.Cascade);
    }
}
