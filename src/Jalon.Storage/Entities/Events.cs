using Jalon.Domain;

namespace Jalon.Storage.Entities;

// The events of a young person's journey, one row per row of the exchange format.
// Each has a surrogate Id (insertion order = order of the events in the package) and
// refers to its young person by (StructureCode, JeuneId).

/// <summary>Where a journey event comes from: an imported package, or a form of Jalon.</summary>
public enum OrigineEvenement : byte
{
    /// <summary>Imported from a package (or seeded): a later package may change or remove it.</summary>
    Paquet,

    /// <summary>Entered in Jalon: an import never removes it (docs/adr/0005-reimport-fusion.md).</summary>
    Saisie,
}

/// <summary>Common columns of the journey events.</summary>
public abstract class JeuneEventEntity : IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }

    /// <summary>
    /// The event's stable identifier across packages (column <c>id</c> of the exchange format): given by the package
    /// that brought it, or generated when it is entered in Jalon; null for an event imported without one.
    /// </summary>
    public string? Ref { get; set; }

    public OrigineEvenement Origine { get; set; }

    /// <summary>Incremented by every save (optimistic concurrency).</summary>
    public int Version { get; set; }
}

public class ContactEntity : JeuneEventEntity
{
    public DateOnly Date { get; set; }
    public ModeContact Mode { get; set; }

    /// <summary>Entretien de diagnostic approfondi; its domains are in <see cref="DiagnosticDomaines"/>.</summary>
    public bool Diagnostic { get; set; }

    // Not in the exchange format: kept by imports (an imported contact matched by a re-import keeps it).
    public string? Commentaire { get; set; }

    /// <summary>The user who recorded the contact (<see cref="UserEntity.Id"/>).</summary>
    public int? AuteurId { get; set; }

    /// <summary>The site where the contact took place (<see cref="Structures.SiteEntity.SiteId"/> of the same structure), if recorded.</summary>
    public string? SiteId { get; set; }

    public List<DiagnosticDomaineEntity> DiagnosticDomaines { get; } = [];
}

/// <summary>The nine domains reviewed during a diagnostic interview.</summary>
public enum DomaineDiagnostic : byte
{
    SituationAdministrative,
    SituationFamiliale,
    ScolariteFormation,
    Logement,
    Sante,
    Mobilite,
    Ressources,
    VieSociale,
    Experiences,
}

/// <summary>The counsellor's assessment of one diagnostic domain.</summary>
public enum AppreciationDiagnostic : byte
{
    NonAborde,
    PasDeFrein,
    FreinLeger,
    FreinImportant,
}

/// <summary>One domain of a diagnostic contact. Key (ContactId, Domaine).</summary>
public class DiagnosticDomaineEntity
{
    public long ContactId { get; set; }
    public DomaineDiagnostic Domaine { get; set; }
    public required string StructureCode { get; set; }
    public AppreciationDiagnostic Appreciation { get; set; }
    public string? Note { get; set; }
}

public class OrientationEntity : JeuneEventEntity
{
    public DateOnly Date { get; set; }
    public Operateur Operateur { get; set; }
}

public class ParcoursEntity : JeuneEventEntity
{
    public Dispositif Dispositif { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
    public MotifFin? MotifFin { get; set; }
    public bool Neet { get; set; }

    /// <summary>The Région's « amont » scheme this path is (column amont of parcours.csv), or null.</summary>
    public string? Amont { get; set; }

    /// <summary>For a CEJ: the young person held an RQTH at entry (column rqth of parcours.csv; entry age up to 29); null = not recorded (counts as no).</summary>
    public bool? Rqth { get; set; }
}

public class PropositionEntity : JeuneEventEntity
{
    public DateOnly Date { get; set; }
    public Theme Theme { get; set; }
}

public class SituationEntity : JeuneEventEntity
{
    public TypeSituation Type { get; set; }
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
    public int? DureePrevueJours { get; set; }
}

public class DroitEntity : JeuneEventEntity
{
    public DateOnly Date { get; set; }
    public DomaineDroit Domaine { get; set; }
}

public class ParrainageEntity : JeuneEventEntity
{
    public DateOnly Debut { get; set; }
    public DateOnly? Fin { get; set; }
}
