using Jalon.Storage.Financement;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The tables of the Région's allocation of its envelope (src/Jalon.Storage/Financement, schema step 13).</summary>
public partial class JalonDbContext
{
    public DbSet<AllocationRegionaleEntity> AllocationsRegionales => Set<AllocationRegionaleEntity>();
    public DbSet<AllocationPartEntity> AllocationParts => Set<AllocationPartEntity>();
    public DbSet<AllocationPoidsEntity> AllocationPoids => Set<AllocationPoidsEntity>();
    public DbSet<AllocationDecisionEntity> AllocationDecisions => Set<AllocationDecisionEntity>();
    public DbSet<AllocationStructureEntity> AllocationStructures => Set<AllocationStructureEntity>();
    public DbSet<AllocationMontantEntity> AllocationMontants => Set<AllocationMontantEntity>();
    public DbSet<AllocationTransitionEntity> AllocationTransitions => Set<AllocationTransitionEntity>();
}
