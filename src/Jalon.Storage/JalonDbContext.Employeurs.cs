using Jalon.Storage.Employeurs;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

public partial class JalonDbContext
{
    // The employer side (schema step 17, docs/employeurs.md).
    public DbSet<EntrepriseEntity> Entreprises => Set<EntrepriseEntity>();
    public DbSet<EchangeEntrepriseEntity> EchangesEntreprises => Set<EchangeEntrepriseEntity>();
    public DbSet<OffreEntity> Offres => Set<OffreEntity>();
    public DbSet<MiseEnRelationEntity> MisesEnRelation => Set<MiseEnRelationEntity>();
    public DbSet<ImmersionEntity> Immersions => Set<ImmersionEntity>();
    public DbSet<ParrainEntity> Parrains => Set<ParrainEntity>();
    public DbSet<ParrainageParrainEntity> ParrainageParrains => Set<ParrainageParrainEntity>();
    public DbSet<RechercheEmploiEntity> RecherchesEmploi => Set<RechercheEmploiEntity>();
}
