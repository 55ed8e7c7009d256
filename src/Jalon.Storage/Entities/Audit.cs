namespace Jalon.Storage.Entities;

public enum AuditAction : byte
{
    Lecture,
    Creation,
    Modification,
    Suppression,
    Import,
    Export,
    Connexion,
    EchecConnexion,
    Verrouillage,
    Deconnexion,
}

/// <summary>
/// One line of the append-only audit log: who did what to which file. Rows are only ever added:
/// <see cref="JalonDbContext"/> refuses to save a modified or deleted entry and database triggers
/// refuse UPDATE and DELETE statements.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    /// <summary>The acting user (<see cref="UserEntity.Id"/>), null for the system or the command line.</summary>
    public int? UserId { get; set; }

    /// <summary>The acting user's login at that time (kept if the account is renamed).</summary>
    public string? UserLogin { get; set; }

    /// <summary>Stored as <c>lecture</c>, <c>création</c>, <c>modification</c>, <c>suppression</c>, <c>import</c>, <c>export</c>,
    /// <c>connexion</c>, <c>échec de connexion</c>, <c>verrouillage</c>, <c>déconnexion</c>.</summary>
    public AuditAction Action { get; set; }

    /// <summary>The kind of thing acted on, e.g. <c>jeune</c>, <c>contact</c>, <c>paquet</c>.</summary>
    public required string Entity { get; set; }

    public string? StructureCode { get; set; }
    public string? JeuneId { get; set; }
    public string? Detail { get; set; }
}
