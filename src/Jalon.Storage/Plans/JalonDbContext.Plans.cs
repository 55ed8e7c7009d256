using Jalon.Storage.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The tables of the plans (src/Jalon.Storage/Plans, docs/plans.md).</summary>
public partial class JalonDbContext
{
    public DbSet<PlanEntity> Plans => Set<PlanEntity>();
    public DbSet<ProgresDemarcheEntity> ProgresDemarches => Set<ProgresDemarcheEntity>();
    public DbSet<ProgresEtatDesLieuxEntity> ProgresEtatsDesLieux => Set<ProgresEtatDesLieuxEntity>();
}
