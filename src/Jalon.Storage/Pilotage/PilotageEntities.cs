using Jalon.Domain;
using Jalon.Domain.Pilotage;

namespace Jalon.Storage.Pilotage;

// Storage of the dialogue de gestion and of the CPO financing. Plain rows; the aggregates of
// Jalon.Domain.Pilotage are rebuilt from them by PilotageRepository (the only place that converts).

/// <summary>A dialogue de gestion: one per structure and campaign year.</summary>
public class DialogueEntity
{
    public Guid Id { get; set; }
    public required string StructureCode { get; set; }
    public required string Region { get; set; }
    public int Annee { get; set; }
    public EtatDialogue Etat { get; set; }
    public DateOnly? DateSignatureAvenant { get; set; }

    /// <summary>Incremented by every save of the dialogue (optimistic concurrency: a stale save is refused).</summary>
    public int Version { get; set; }

    /// <summary>Who saved the dialogue last (display name), and when (UTC).</summary>
    public string? ModifiePar { get; set; }

    public DateTime? ModifieLe { get; set; }

    public List<DialogueEtapeEntity> Etapes { get; set; } = [];
    public List<DialogueObjectifEntity> Objectifs { get; set; } = [];
    public List<DialoguePlanEntity> Plan { get; set; } = [];
    public List<DialogueTransitionEntity> Transitions { get; set; } = [];
    public List<DialogueValidationEntity> Validations { get; set; } = [];
}

public class DialogueEtapeEntity
{
    public required string StructureCode { get; set; }
    public Guid DialogueId { get; set; }
    public EtapeDialogue Etape { get; set; }
    public string AnalyseMissionLocale { get; set; } = "";
    public string CommentaireEtat { get; set; } = "";
}

public class DialogueObjectifEntity
{
    public required string StructureCode { get; set; }
    public Guid DialogueId { get; set; }
    public required string Ratio { get; set; }
    public double Cible { get; set; }
    public double? Reference { get; set; }
    public string? Commentaire { get; set; }
}

public class DialoguePlanEntity
{
    public required string StructureCode { get; set; }
    public Guid DialogueId { get; set; }
    public ThemePlanAction Theme { get; set; }
    public string Forces { get; set; } = "";
    public string AxesDeProgres { get; set; } = "";
}

/// <summary>The relevé de conclusions of a dialogue (one per dialogue): conclusions, each party's commitments, validations.</summary>
public class DialogueReleveEntity
{
    public Guid DialogueId { get; set; }
    public required string StructureCode { get; set; }
    public required string Region { get; set; }
    public string Conclusions { get; set; } = "";
    public string EngagementsMissionLocale { get; set; } = "";
    public string EngagementsEtat { get; set; } = "";
    public string? ValideMissionLocalePar { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? ValideMissionLocaleLe { get; set; }

    public string? ValideEtatPar { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? ValideEtatLe { get; set; }

    /// <summary>Incremented by every save (optimistic concurrency: a stale save is refused).</summary>
    public int Version { get; set; }

    public string? ModifiePar { get; set; }

    public DateTime? ModifieLe { get; set; }
}

/// <summary>One line of a dialogue's transition log (append only).</summary>
public class DialogueTransitionEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public Guid DialogueId { get; set; }
    public ActionDialogue Action { get; set; }
    public EtatDialogue De { get; set; }
    public EtatDialogue Vers { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Le { get; set; }

    public required string Par { get; set; }
    public Role Role { get; set; }
    public string? Commentaire { get; set; }
}

public class DialogueValidationEntity
{
    public required string StructureCode { get; set; }
    public Guid DialogueId { get; set; }
    public Partie Partie { get; set; }
    public required string Par { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Le { get; set; }
}

/// <summary>The CPO of a structure, with what the avenant needs to name the association.</summary>
public class ConventionEntity
{
    public Guid Id { get; set; }
    public required string StructureCode { get; set; }
    public required string Region { get; set; }
    public required string Numero { get; set; }
    public int AnneeDebut { get; set; }
    public int AnneeFin { get; set; }
    public DateOnly? DateNotification { get; set; }
    public string StatutJuridique { get; set; } = "Association loi 1901";
    public string Siret { get; set; } = "";
    public string CodeApe { get; set; } = "";
    public List<DecisionFinancementEntity> Decisions { get; set; } = [];
}

/// <summary>The financing decided for one year of a convention.</summary>
public class DecisionFinancementEntity
{
    public required string StructureCode { get; set; }
    public Guid ConventionId { get; set; }
    public int Annee { get; set; }
    public decimal SubventionCpo { get; set; }
    public decimal Parrainage { get; set; }
    public decimal FipjAidesDirectes { get; set; }
    public decimal FipjAidesIndirectes { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Le { get; set; }

    public required string Par { get; set; }
    public string? Motif { get; set; }
}
