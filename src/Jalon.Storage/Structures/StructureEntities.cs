using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;

namespace Jalon.Storage.Structures;

// Storage of the structure side: profile versions, territory (covered communes and declared figures), sites, staff
// register, staff table (BRH), budget, context figures, zone lists. Plain rows; StructureRepository converts them to the
// records of Jalon.Domain.Structures (the only place that converts), PackageImporter/PackageLoader move them in and out
// of the exchange format.

/// <summary>A version of a structure's profile (<see cref="ProfilStructure"/>), valid from <see cref="ValableDu"/>.</summary>
public class ProfilVersionEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public DateOnly ValableDu { get; set; }
    public required string RaisonSociale { get; set; }
    public TypeStructure Type { get; set; }
    public string? Siret { get; set; }
    public string? Adresse { get; set; }
    public string? BoitePostale { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public string? Ville { get; set; }
    public string? CodeCedex { get; set; }

    /// <summary>The phone lines, as JSON (<see cref="Telephone"/>[]).</summary>
    public string Telephones { get; set; } = "[]";

    public string? Email { get; set; }
    public string? SiteWeb { get; set; }
    public string? President { get; set; }
    public string? Directeur { get; set; }

    /// <summary>The board's colleges, as JSON (<see cref="College"/>[]).</summary>
    public string Colleges { get; set; } = "[]";

    public DateOnly? DateCreation { get; set; }
    public DateTime SaisiLe { get; set; }
    public int? SaisiParId { get; set; }
    public string? SaisiPar { get; set; }
}

/// <summary>A commune covered by the structure over a period (territoires.csv).</summary>
public class TerritoireCommuneEntity
{
    public required string StructureCode { get; set; }
    public required string Commune { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
}

/// <summary>The territory as declared by the director on a date (<see cref="TerritoireDeclare"/>), one version per date.</summary>
public class TerritoireDeclarationEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public DateOnly Date { get; set; }
    public int? CogYear { get; set; }
    public int? Communes { get; set; }
    public int? Epcis { get; set; }

    /// <summary>The intercommunal bodies listed, as JSON (<see cref="EpciDeclare"/>[]).</summary>
    public string EpcisListes { get; set; } = "[]";

    public long? Population { get; set; }
    public long? Population1625 { get; set; }
    public decimal? TauxChomage { get; set; }
    public decimal? TauxChomage1625 { get; set; }
    public DateTime SaisiLe { get; set; }
    public string? SaisiPar { get; set; }
}

/// <summary>A site (sites.csv).</summary>
public class SiteEntity
{
    public required string StructureCode { get; set; }
    public required string SiteId { get; set; }
    public TypeSite Type { get; set; }
    public required string Nom { get; set; }
    public required string Commune { get; set; }
    public string? Adresse { get; set; }
    public string? CodePostal { get; set; }
    public string? Horaires { get; set; }
    public bool EspaceRessources { get; set; }
    public DateOnly? Debut { get; set; }
    public DateOnly? Fin { get; set; }
}

/// <summary>A person of the staff register (<see cref="MembrePersonnel"/>): not in the exchange format (names of staff).</summary>
public class PersonnelEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string Nom { get; set; }
    public Sexe Sexe { get; set; }
    public StatutPersonnel Statut { get; set; }
    public ContratPersonnel Contrat { get; set; }
    public bool TempsPlein { get; set; }
    public decimal Etp { get; set; }
    public Metier Metier { get; set; }
    public bool ContratAide { get; set; }
    public CorpsOrigine? Origine { get; set; }
    public string? SiteId { get; set; }

    /// <summary>The person's login account, if any (<see cref="Entities.UserEntity.Id"/>).</summary>
    public int? UserId { get; set; }

    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
}

/// <summary>A row of the staff table (brh.csv).</summary>
public class BrhLigneEntity
{
    public required string StructureCode { get; set; }
    public int Annee { get; set; }
    public required string Code { get; set; }
    public decimal? Femmes { get; set; }
    public decimal? Hommes { get; set; }
    public decimal? Total { get; set; }
}

/// <summary>A line of the budget (budget.csv).</summary>
public class BudgetLigneEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public int Annee { get; set; }
    public Financeur? Financeur { get; set; }
    public NatureBudget Nature { get; set; }
    public decimal Montant { get; set; }
}

/// <summary>A context figure (contexte.csv).</summary>
public class ContexteEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public int Annee { get; set; }
    public CategorieContexte Categorie { get; set; }
    public required string Indicateur { get; set; }
    public required string Zone { get; set; }
    public decimal Valeur { get; set; }
    public string? Unite { get; set; }
    public string? Source { get; set; }
    public DateOnly? Date { get; set; }
}

/// <summary>
/// A commune of an imported zone list (ZRR/FRR, QPV) with the list's validity. <see cref="StructureCode"/> is null for the
/// national lists (./jalon referentiels importer), or the structure that recorded a local list.
/// </summary>
public class ZoneCommuneEntity
{
    public long Id { get; set; }
    public string? StructureCode { get; set; }
    public ZoneType Type { get; set; }
    public required string Liste { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
    public required string Commune { get; set; }
    public string? CodeZone { get; set; }
    public string? NomZone { get; set; }
    public string? Source { get; set; }
    public DateTime ImporteLe { get; set; }
}
