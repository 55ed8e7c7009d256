using Jalon.Storage.Taches;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

public partial class JalonDbContext
{
    /// <summary>The state of the scheduler's background jobs (schema step 14).</summary>
    public DbSet<TacheEtatEntity> Taches => Set<TacheEtatEntity>();
}
