using Jalon.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Plans;

internal sealed class PlanReunionConfiguration : IEntityTypeConfiguration<PlanReunionEntity>
{
    public void Configure(EntityTypeBuilder<PlanReunionEntity> b)
    {
        b.ToTable("PlanReunions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.StructureCode, r.PlanId });
        b.HasOne<PlanEntity>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Decisions).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(r => r.Version).HasDefaultValue(0);
        b.Property(r => r.ModifiePar).HasMaxLength(TextLimits.Auteur);
    }
}

internal sealed class PlanEvaluationConfiguration : IEntityTypeConfiguration<PlanEvaluationEntity>
{
    public void Configure(EntityTypeBuilder<PlanEvaluationEntity> b)
    {
        b.ToTable("PlanEvaluations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => new { e.StructureCode, e.PlanId });
        b.HasOne<PlanEntity>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Nature).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Appreciation).HasMaxLength(TextLimits.TexteDialogue);
        b.Property(e => e.SigneePar).HasMaxLength(TextLimits.Auteur);
        b.Property(e => e.Version).HasDefaultValue(0);
        b.Property(e => e.ModifiePar).HasMaxLength(TextLimits.Auteur);
    }
}
