using Jalon.Storage.Api;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

public partial class JalonDbContext
{
    /// <summary>The partner clients of the REST API v1 (schema step 12).</summary>
    public DbSet<ApiClientEntity> ApiClients => Set<ApiClientEntity>();
}
