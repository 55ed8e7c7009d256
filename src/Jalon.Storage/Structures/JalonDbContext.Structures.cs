using Jalon.Storage.Structures;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage;

/// <summary>The tables of the structure side (src/Jalon.Storage/Structures): profile, territory, sites, staff, BRH, budget, context, zones.</summary>
public partial class JalonDbContext
{
    public DbSet<ProfilVersionEntity> ProfilVersions => Set<ProfilVersionEntity>();
    public DbSet<TerritoireCommuneEntity> TerritoireCommunes => Set<TerritoireCommuneEntity>();
    public DbSet<TerritoireDeclarationEntity> TerritoireDeclarations => Set<TerritoireDeclarationEntity>();
    public DbSet<SiteEntity> Sites => Set<SiteEntity>();
    public DbSet<PersonnelEntity> Personnel => Set<PersonnelEntity>();
    public DbSet<BrhLigneEntity> BrhLignes => Set<BrhLigneEntity>();
    public DbSet<BudgetLigneEntity> BudgetLignes => Set<BudgetLigneEntity>();
    public DbSet<ContexteEntity> Contexte => Set<ContexteEntity>();
    public DbSet<ZoneCommuneEntity> ZoneCommunes => Set<ZoneCommuneEntity>();
}
