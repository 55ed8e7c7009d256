using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>
/// Jalon's database, on SQLite or PostgreSQL with the same model (see <see cref="JalonStorage"/>).
/// Partial: other parts of the product add their DbSets in <c>JalonDbContext.*.cs</c> files and their
/// mappings as <see cref="IEntityTypeConfiguration{TEntity}"/> classes of this assembly.
/// </summary>
public partial class JalonDbContext(DbContextOptions<JalonDbContext> options) : DbContext(options)
{
    public DbSet<StructureEntity> Structures => Set<StructureEntity>();
    public DbSet<MoyensEntity> Moyens => Set<MoyensEntity>();
    public DbSet<JeuneEntity> Jeunes => Set<JeuneEntity>();
    public DbSet<ContactEntity> Contacts => Set<ContactEntity>();
    public DbSet<DiagnosticDomaineEntity> DiagnosticDomaines => Set<DiagnosticDomaineEntity>();
    public DbSet<OrientationEntity> Orientations => Set<OrientationEntity>();
    public DbSet<ParcoursEntity> Parcours => Set<ParcoursEntity>();
    public DbSet<PropositionEntity> Propositions => Set<PropositionEntity>();
    public DbSet<SituationEntity> Situations => Set<SituationEntity>();
    public DbSet<DroitEntity> Droits => Set<DroitEntity>();
    public DbSet<ParrainageEntity> Parrainages => Set<ParrainageEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>The provider in use.</summary>
    public DatabaseProvider Provider => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? DatabaseProvider.Postgres
        : DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JalonDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Refuses to change or remove audit rows; stamps creation and update times (UTC).</summary>
    private void BeforeSave()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("Le journal d'audit est en ajout seul : une ligne ne peut être ni modifiée ni supprimée.");
                case AuditEntry audit when entry.State == EntityState.Added && audit.At == default:
                    audit.At = now;
                    break;
                case JeuneEntity jeune:
                    Stamp(entry.State, now, t => jeune.CreatedAt = t, jeune.CreatedAt, t => jeune.UpdatedAt = t);
                    break;
                case StructureEntity structure:
                    Stamp(entry.State, now, t => structure.CreatedAt = t, structure.CreatedAt, t => structure.UpdatedAt = t);
                    break;
                case UserEntity user when entry.State == EntityState.Added && user.CreatedAt == default:
                    user.CreatedAt = now;
                    break;
            }
        }
    }

    private static void Stamp(EntityState state, DateTime now, Action<DateTime> setCreated, DateTime created, Action<DateTime> setUpdated)
    {
        if (state == EntityState.Added && created == default) setCreated(now);
        if (state is EntityState.Added or EntityState.Modified) setUpdated(now);
    }
}
