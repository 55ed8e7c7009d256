using Jalon.Storage.Campagnes;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The tables of the CRA campaigns (src/Jalon.Storage/Campagnes).</summary>
public partial class JalonDbContext
{
    public DbSet<CampagneEntity> Campagnes => Set<CampagneEntity>();
    public DbSet<CampagneSoumissionEntity> CampagneSoumissions => Set<CampagneSoumissionEntity>();
    public DbSet<CampagneVersionEntity> CampagneVersions => Set<CampagneVersionEntity>();
    public DbSet<CampagneTransitionEntity> CampagneTransitions => Set<CampagneTransitionEntity>();
}
