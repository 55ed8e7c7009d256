using Jalon.Domain;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Pilotage;

// Enums are stored as their names (readable in SQL, stable if members are reordered).

internal sealed class DialogueConfiguration : IEntityTypeConfiguration<DialogueEntity>
{
    public void Configure(EntityTypeBuilder<DialogueEntity> b)
    {
        b.ToTable("Dialogues");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.StructureCode, d.Annee }).IsUnique();
        b.HasIndex(d => new { d.Region, d.Annee });
        b.Property(d => d.Etat).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Version).HasDefaultValue(0);
        b.Property(d => d.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(d => d.StructureCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Etapes).WithOne().HasForeignKey(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Objectifs).WithOne().HasForeignKey(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Plan).WithOne().HasForeignKey(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Transitions).WithOne().HasForeignKey(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Validations).WithOne().HasForeignKey(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DialogueEtapeConfiguration : IEntityTypeConfiguration<DialogueEtapeEntity>
{
    public void Configure(EntityTypeBuilder<DialogueEtapeEntity> b)
    {
        b.ToTable("DialogueEtapes");
        b.HasKey(e => new { e.DialogueId, e.Etape });
        b.Property(e => e.Etape).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.AnalyseMissionLocale).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(e => e.CommentaireEtat).HasMaxLength(TextLimits.TexteDialogue);
        b.HasIndex(e => e.StructureCode);
    }
}

internal sealed class DialogueObjectifConfiguration : IEntityTypeConfiguration<DialogueObjectifEntity>
{
    public void Configure(EntityTypeBuilder<DialogueObjectifEntity> b)
    {
        b.ToTable("DialogueObjectifs");
        b.HasKey(e => new { e.DialogueId, e.Ratio });
        b.Property(e => e.Ratio).HasMaxLength(20);
        b.Property(e => e.Commentaire).HasMaxLength(TextLimits.Motif);
        b.HasIndex(e => e.StructureCode);
    }
}

internal sealed class DialoguePlanConfiguration : IEntityTypeConfiguration<DialoguePlanEntity>
{
    public void Configure(EntityTypeBuilder<DialoguePlanEntity> b)
    {
        b.ToTable("DialoguePlans");
        b.HasKey(e => new { e.DialogueId, e.Theme });
        b.Property(e => e.Theme).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Forces).HasMaxLength(TextLimits.TextePlanAction);
        b.Property(e => e.AxesDeProgres).HasMaxLength(TextLimits.TextePlanAction);
        b.HasIndex(e => e.StructureCode);
    }
}

internal sealed class DialogueReleveConfiguration : IEntityTypeConfiguration<DialogueReleveEntity>
{
    public void Configure(EntityTypeBuilder<DialogueReleveEntity> b)
    {
        b.ToTable("DialogueReleves");
        b.HasKey(e => e.DialogueId);
        b.HasOne<DialogueEntity>().WithOne().HasForeignKey<DialogueReleveEntity>(e => e.DialogueId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Conclusions).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(e => e.EngagementsMissionLocale).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(e => e.EngagementsEtat).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(e => e.ValideMissionLocalePar).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.ValideEtatPar).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.Version).HasDefaultValue(0);
        b.Property(e => e.ModifiePar).HasMaxLength(TextLimits.Auteur);
        b.HasIndex(e => e.StructureCode);
    }
}

internal sealed class DialogueTransitionConfiguration : IEntityTypeConfiguration<DialogueTransitionEntity>
{
    public void Configure(EntityTypeBuilder<DialogueTransitionEntity> b)
    {
        b.ToTable("DialogueTransitions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.De).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Vers).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Role).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Par).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.Commentaire).HasMaxLength(TextLimits.Motif);
        b.HasIndex(e => new { e.StructureCode, e.DialogueId });
    }
}

internal sealed class DialogueValidationConfiguration : IEntityTypeConfiguration<DialogueValidationEntity>
{
    public void Configure(EntityTypeBuilder<DialogueValidationEntity> b)
    {
        b.ToTable("DialogueValidations");
        b.HasKey(e => new { e.DialogueId, e.Partie });
        b.Property(e => e.Partie).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Par).HasMaxLength(TextLimits.Auteur);
        b.HasIndex(e => e.StructureCode);
    }
}

internal sealed class ConventionConfiguration : IEntityTypeConfiguration<ConventionEntity>
{
    public void Configure(EntityTypeBuilder<ConventionEntity> b)
    {
        b.ToTable("Conventions");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.StructureCode, c.AnneeDebut }).IsUnique();
        b.Property(c => c.Numero).HasMaxLength(TextLimits.NumeroConvention);
        b.Property(c => c.Siret).HasMaxLength(TextLimits.Siret);
        b.Property(c => c.CodeApe).HasMaxLength(TextLimits.CodeApe);
        b.Property(c => c.StatutJuridique).HasMaxLength(TextLimits.StatutJuridique);
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(c => c.StructureCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Decisions).WithOne().HasForeignKey(d => d.ConventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DecisionFinancementConfiguration : IEntityTypeConfiguration<DecisionFinancementEntity>
{
    public void Configure(EntityTypeBuilder<DecisionFinancementEntity> b)
    {
        b.ToTable("DecisionsFinancement");
        b.HasKey(d => new { d.ConventionId, d.Annee });
        b.HasIndex(d => d.StructureCode);
        foreach (var p in new[] { nameof(DecisionFinancementEntity.SubventionCpo), nameof(DecisionFinancementEntity.Parrainage), nameof(DecisionFinancementEntity.FipjAidesDirectes), nameof(DecisionFinancementEntity.FipjAidesIndirectes) })
            b.Property(p).HasPrecision(14, 2);
        b.Property(d => d.Par).HasMaxLength(TextLimits.Auteur);
        b.Property(d => d.Motif).HasMaxLength(TextLimits.Motif);
    }
}
