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
    public DbSet<JeuneEffaceEntity> JeunesEffaces => Set<JeuneEffaceEntity>();

    /// <summary>The provider in use.</summary>
    public DatabaseProvider Provider => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? DatabaseProvider.Postgres
        : DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JalonDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var touched = BeforeSave();
        if (touched.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        BumpRevisions(touched);
        own?.Commit();
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = BeforeSave();
        if (touched.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        BumpRevisions(touched);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>The columns of a young person's file that the indicators read (a change to the others keeps the tallies).</summary>
    private static readonly HashSet<string> IndicatorColumns =
    [
        nameof(JeuneEntity.Naissance), nameof(JeuneEntity.Sexe), nameof(JeuneEntity.Niveau), nameof(JeuneEntity.Diplome),
        nameof(JeuneEntity.Commune), nameof(JeuneEntity.Qpv), nameof(JeuneEntity.Zrr), nameof(JeuneEntity.PremierAccueil),
    ];

    /// <summary>The columns of an event that the indicators do not read (a change to them alone keeps the tallies).</summary>
    private static readonly HashSet<string> EventColumnsIgnoredByIndicators =
    [
        nameof(ContactEntity.Commentaire), nameof(ContactEntity.AuteurId), nameof(ContactEntity.SiteId), nameof(JeuneEventEntity.Ref),
        nameof(JeuneEventEntity.Origine), nameof(JeuneEventEntity.Version),
    ];

    /// <summary>
    /// Refuses to change or remove audit rows and texts longer than their column; stamps creation and update times
    /// (UTC); increments the version of a changed <see cref="IVersioned"/> row (its stored version must still be
    /// the one read, else <see cref="DbUpdateConcurrencyException"/>). Returns the structures whose indicator data
    /// change (young people, events, moyens, CEJ activities and allowances, employer rows), whose revision must move,
    /// each with the young people changed.
    /// </summary>
    private Dictionary<string, HashSet<string>> BeforeSave()
    {
        var now = DateTime.UtcNow;
        var touched = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Touch(string structure, string? jeune)
        {
            if (!touched.TryGetValue(structure, out var jeunes)) touched[structure] = jeunes = new HashSet<string>(StringComparer.Ordinal);
            if (jeune is not null) jeunes.Add(jeune);
        }
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State is EntityState.Added or EntityState.Modified) CheckLengths(entry);
            // An event entered in Jalon gets its stable identifier (column id of an export) when first saved.
            if (entry.State == EntityState.Added && entry.Entity is JeuneEventEntity { Origine: OrigineEvenement.Saisie, Ref: null } entered)
                entered.Ref = Guid.CreateVersion7().ToString("N");
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned)
                versioned.Version = entry.Property(nameof(IVersioned.Version)).OriginalValue is int read ? read + 1 : versioned.Version + 1;
            switch (entry.Entity)
            {
                case AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("Le journal d'audit est en ajout seul : une ligne ne peut être ni modifiée ni supprimée.");
                case AuditEntry audit when entry.State == EntityState.Added && audit.At == default:
                    audit.At = now;
                    break;
                case JeuneEntity jeune:
                    Stamp(entry.State, now, t => jeune.CreatedAt = t, jeune.CreatedAt, t => jeune.UpdatedAt = t);
                    if (entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && IndicatorColumns.Contains(p.Metadata.Name)))
                        Touch(jeune.StructureCode, jeune.JeuneId);
                    break;
                case JeuneEventEntity e when entry.State != EntityState.Modified
                                             || entry.Properties.Any(p => p.IsModified && !EventColumnsIgnoredByIndicators.Contains(p.Metadata.Name)):
                    Touch(e.StructureCode, e.JeuneId);
                    break;
                case MoyensEntity m:
                    Touch(m.StructureCode, null);
                    break;
                // What the loaded package carries besides the journeys (PackageLoader): a young person's CEJ activities and
                // allowances, MER and immersions; a structure's companies, exchanges and offers (its own measures).
                case Cej.CejActiviteEntity or Cej.CejAllocationEntity or Employeurs.MiseEnRelationEntity or Employeurs.ImmersionEntity:
                    Touch(Text(entry, "StructureCode"), Text(entry, "JeuneId"));
                    break;
                case Employeurs.EntrepriseEntity or Employeurs.EchangeEntrepriseEntity or Employeurs.OffreEntity:
                    Touch(Text(entry, "StructureCode"), null);
                    break;
                case StructureEntity structure:
                    Stamp(entry.State, now, t => structure.CreatedAt = t, structure.CreatedAt, t => structure.UpdatedAt = t);
                    break;
                case UserEntity user when entry.State == EntityState.Added && user.CreatedAt == default:
                    user.CreatedAt = now;
                    break;
            }
        }
        return touched;
    }

    private static string Text(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        (string)entry.Property(property).CurrentValue!;

    /// <summary>Refuses a text longer than its column (the forms say it in French first; this holds on both databases).</summary>
    private static void CheckLengths(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (property.CurrentValue is not string text || property.Metadata.GetMaxLength() is not { } max || text.Length <= max) continue;
            throw new TexteTropLongException(
                $"Texte trop long : {entry.Metadata.GetTableName()}.{property.Metadata.Name} a {text.Length} caractères, au plus {max}.");
        }
    }

    /// <summary>
    /// Marks <paramref name="row"/> as read at <paramref name="version"/> (the version a form was opened with): its
    /// next save fails with <see cref="DbUpdateConcurrencyException"/> if it was saved meanwhile, and always increments it.
    /// </summary>
    public void ExpectVersion(IVersioned row, int version)
    {
        var property = Entry(row).Property(nameof(IVersioned.Version));
        property.OriginalValue = version;
        property.IsModified = true;
    }

    /// <summary>
    /// Moves the revision of structures whose indicator data changed (in the caller's transaction), without saying what
    /// changed: the tallies kept at an earlier revision are then computed again from the whole structure (an import's
    /// merge, an anonymisation).
    /// </summary>
    internal void BumpRevisions(IEnumerable<string> structureCodes)
    {
        foreach (var code in structureCodes) MoveRevision(code);
    }

    /// <summary>Moves the revision of a structure by one; its new value, or null when there is no such structure.</summary>
    private long? MoveRevision(string code) =>
        Database.SqlQuery<long>(
                $"UPDATE \"Structures\" SET \"Revision\" = \"Revision\" + 1 WHERE \"StructureCode\" = {code} RETURNING \"Revision\" AS \"Value\"")
            .AsEnumerable().Select(r => (long?)r).SingleOrDefault();

    /// <summary>
    /// Moves the revision of structures whose indicator data a save changed and marks it with the young people changed
    /// (<see cref="Indicators.RevisionMarkEntity"/>; <see cref="Indicators.RevisionMarkEntity.NoJeune"/> when none), in
    /// the save's transaction. Every <see cref="Indicators.RevisionMarkEntity.MarksKept"/> revisions, the older marks go.
    /// </summary>
    private void BumpRevisions(Dictionary<string, HashSet<string>> touched)
    {
        foreach (var (code, jeunes) in touched)
        {
            if (MoveRevision(code) is not { } revision) continue;
            foreach (var jeune in jeunes.Count == 0 ? (IEnumerable<string>)[Indicators.RevisionMarkEntity.NoJeune] : jeunes)
                Database.ExecuteSql($"INSERT INTO \"RevisionMarks\" (\"StructureCode\", \"Revision\", \"JeuneId\") VALUES ({code}, {revision}, {jeune})");
            if (revision % Indicators.RevisionMarkEntity.MarksKept == 0)
                Database.ExecuteSql($"DELETE FROM \"RevisionMarks\" WHERE \"StructureCode\" = {code} AND \"Revision\" <= {revision - Indicators.RevisionMarkEntity.MarksKept}");
        }
    }

    private static void Stamp(EntityState state, DateTime now, Action<DateTime> setCreated, DateTime created, Action<DateTime> setUpdated)
    {
        if (state == EntityState.Added && created == default) setCreated(now);
        if (state is EntityState.Added or EntityState.Modified) setUpdated(now);
    }
}

/// <summary>A text longer than its column: refused on save, on both databases.</summary>
public sealed class TexteTropLongException(string message) : InvalidOperationException(message);
