using Jalon.Storage.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The stored indicator tallies (src/Jalon.Storage/Indicators).</summary>
public partial class JalonDbContext
{
    public DbSet<IndicatorTallyEntity> IndicatorTallies => Set<IndicatorTallyEntity>();
}
