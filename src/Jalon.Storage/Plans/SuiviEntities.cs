using Jalon.Domain.Plans;

namespace Jalon.Storage.Plans;

// Storage of a plan's follow-up (docs/plans.md, « La commission de suivi et les évaluations »): the commission's meetings and
// the evaluations. SuiviRepository is the one place that converts them to and from the domain. Each row carries the region's
// code and the structure's; its small lists (participants, actions reviewed) and an evaluation's report as signed are JSON.

/// <summary>A meeting of a plan's follow-up commission.</summary>
public class PlanReunionEntity
{
    public Guid Id { get; set; }
    public string? StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>JSON: ["Présidente — gouvernance", …].</summary>
    public string Participants { get; set; } = "[]";

    /// <summary>JSON: [{"ActionId":"…","Titre":"…","Statut":"EnCours"}].</summary>
    public string ActionsRevues { get; set; } = "[]";
    public string Decisions { get; set; } = "";

    /// <summary>Incremented by every save (optimistic concurrency).</summary>
    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
}

/// <summary>An evaluation of a plan at a date; once signed, its report as signed (JSON) and nothing changes any more.</summary>
public class PlanEvaluationEntity
{
    public Guid Id { get; set; }
    public required string StructureCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid PlanId { get; set; }
    public NatureEvaluation Nature { get; set; }
    public DateOnly Date { get; set; }
    public string Appreciation { get; set; } = "";
    public string? SigneePar { get; set; }
    public DateTime? SigneeLe { get; set; }

    /// <summary>The report as signed (<see cref="RapportEvaluation"/>, JSON); null until signed.</summary>
    public string? Rapport { get; set; }
    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
}
