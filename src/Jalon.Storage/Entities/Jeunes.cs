using Jalon.Domain;

namespace Jalon.Storage.Entities;

/// <summary>
/// A young person's file. Key (StructureCode, JeuneId). The exchange format's fields plus the identity
/// and follow-up fields that the format does not carry (kept as they are by imports).
/// </summary>
public class JeuneEntity : IVersioned
{
    public required string StructureCode { get; set; }

    /// <summary>Identifier of the young person, unique within the structure (column <c>jeune</c>).</summary>
    public required string JeuneId { get; set; }

    public DateOnly Naissance { get; set; }
    public Sexe Sexe { get; set; }
    public Niveau Niveau { get; set; }
    public bool Diplome { get; set; }

    /// <summary>INSEE code of the commune of residence.</summary>
    public string? Commune { get; set; }
    public bool Qpv { get; set; }
    public bool Zrr { get; set; }
    public DateOnly PremierAccueil { get; set; }

    // Identity and follow-up, not in the exchange format.
    public string? Nom { get; set; }
    public string? Prenom { get; set; }
    public string? Email { get; set; }
    public string? Telephone { get; set; }

    /// <summary>The referent counsellor (<see cref="UserEntity.Id"/>).</summary>
    public int? ConseillerId { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Incremented by every save (optimistic concurrency).</summary>
    public int Version { get; set; }

    /// <summary>UTC; set when the file was anonymised (retention rule or erasure): identity gone, journey facts kept.</summary>
    public DateTime? AnonymiseLe { get; set; }
}

/// <summary>A row whose saves are checked for concurrent changes: <see cref="JalonDbContext"/> increments its version.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>
/// The trace of a file anonymised or erased: a one-way fingerprint (SHA-256) of its former identifier within its
/// structure, so that a later import of an older package does not bring the person back. Key (StructureCode, Empreinte).
/// </summary>
public class JeuneEffaceEntity
{
    public required string StructureCode { get; set; }

    /// <summary>Hexadecimal SHA-256 of the structure code, a line feed, and the former identifier.</summary>
    public required string Empreinte { get; set; }

    /// <summary>UTC.</summary>
    public DateTime Le { get; set; }
}
