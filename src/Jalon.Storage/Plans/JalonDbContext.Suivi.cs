using Jalon.Storage.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The follow-up of the plans: the commission's meetings and the evaluations (docs/plans.md).</summary>
public partial class JalonDbContext
{
    public DbSet<PlanReunionEntity> PlanReunions => Set<PlanReunionEntity>();

    public DbSet<PlanEvaluationEntity> PlanEvaluations => Set<PlanEvaluationEntity>();
}
