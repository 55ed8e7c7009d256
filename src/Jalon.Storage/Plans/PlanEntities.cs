using Jalon.Domain.Plans;

namespace Jalon.Storage.Plans;

// Storage of the plans (docs/plans.md). Plain rows; PlanRepository is the one place that converts them to and from
// Jalon.Domain.Plans.Plan. Every row carries the region's INSEE code, and the structure code unless the plan is a
// regional orientation. The small lists read and written only with their row (an action's milestones, an indicator's
// yearly targets, entered values and monthly profile) are JSON texts of that row.

public class PlanEntity
{
    public Guid Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public TypePlan Type { get; set; }
    public required string Titre { get; set; }
    public int AnneeDebut { get; set; }
    public int AnneeFin { get; set; }
    public StatutPlan Statut { get; set; }

    /// <summary>Incremented by every save (optimistic concurrency).</summary>
    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }

    public List<PlanObjectifEntity> Objectifs { get; set; } = [];
    public List<PlanActionEntity> Actions { get; set; } = [];
    public List<PlanActionStatutEntity> Statuts { get; set; } = [];
    public List<PlanIndicateurEntity> Indicateurs { get; set; } = [];
}

public class PlanObjectifEntity
{
    public Guid Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public int Ordre { get; set; }
    public Guid? ParentId { get; set; }
    public required string Code { get; set; }
    public required string Libelle { get; set; }

    /// <summary>The objective of the region's orientation this one serves.</summary>
    public Guid? ObjectifRegionalId { get; set; }
}

public class PlanActionEntity
{
    public Guid Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public int Ordre { get; set; }
    public Guid ObjectifId { get; set; }
    public required string Titre { get; set; }
    public string? PiloteId { get; set; }
    public string? PiloteNom { get; set; }
    public string Partenaires { get; set; } = "";
    public string PublicCible { get; set; } = "";
    public string Moyens { get; set; } = "";
    public DateOnly? Echeance { get; set; }

    /// <summary>The milestones, JSON: [{"Date":"2012-03-31","Libelle":"…"}].</summary>
    public string Jalons { get; set; } = "[]";
}

/// <summary>One change of an action's status (append only).</summary>
public class PlanActionStatutEntity
{
    public long Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public Guid ActionId { get; set; }
    public StatutAction Statut { get; set; }
    public DateOnly Le { get; set; }
    public required string Par { get; set; }
}

public class PlanIndicateurEntity
{
    public Guid Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public int Ordre { get; set; }
    public Guid ActionId { get; set; }
    public required string Libelle { get; set; }
    public NatureIndicateur Nature { get; set; }
    public SensCible Sens { get; set; }

    /// <summary>The catalogue indicator measured by Jalon; null for a manual indicator.</summary>
    public string? CleCatalogue { get; set; }

    /// <summary>Targets per year, JSON: {"2011":353,"2012":360}.</summary>
    public string Cibles { get; set; } = "{}";

    /// <summary>Entered values of a manual indicator, JSON: [{"Date":"2011-08-31","Valeur":5}].</summary>
    public string Valeurs { get; set; } = "[]";

    /// <summary>The twelve monthly weights, JSON; null = linear.</summary>
    public string? Profil { get; set; }
}
