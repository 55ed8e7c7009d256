using Jalon.Storage.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The stored indicator tallies and the marks of the revisions (src/Jalon.Storage/Indicators).</summary>
public partial class JalonDbContext
{
    public DbSet<IndicatorTallyEntity> IndicatorTallies => Set<IndicatorTallyEntity>();
    public DbSet<RevisionMarkEntity> RevisionMarks => Set<RevisionMarkEntity>();
}
