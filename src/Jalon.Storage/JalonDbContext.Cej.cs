using Jalon.Storage.Cej;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

public partial class JalonDbContext
{
    // The CEJ week and the allowance (schema step 15, docs/cej.md).
    public DbSet<CejRendezVousEntity> CejRendezVous => Set<CejRendezVousEntity>();
    public DbSet<CejSessionEntity> CejSessions => Set<CejSessionEntity>();
    public DbSet<CejParticipantEntity> CejParticipants => Set<CejParticipantEntity>();
    public DbSet<CejActiviteEntity> CejActivites => Set<CejActiviteEntity>();
    public DbSet<CejHeuresDefautEntity> CejHeuresDefaut => Set<CejHeuresDefautEntity>();
    public DbSet<CejSemaineEntity> CejSemaines => Set<CejSemaineEntity>();
    public DbSet<CejAllocationEntity> CejAllocations => Set<CejAllocationEntity>();
}
