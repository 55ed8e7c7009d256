using Jalon.Storage.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>Server-side sessions and the instance's own settings (src/Jalon.Storage/Accounts).</summary>
public partial class JalonDbContext
{
    public DbSet<SessionEntity> Sessions => Set<SessionEntity>();
    public DbSet<InstanceSettingEntity> InstanceSettings => Set<InstanceSettingEntity>();
}
