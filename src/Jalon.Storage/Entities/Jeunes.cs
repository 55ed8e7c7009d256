using Jalon.Domain;

namespace Jalon.Storage.Entities;

/// <summary>
/// A young person's file. Key (StructureCode, JeuneId). The exchange format's fields plus the identity
/// and follow-up fields that the format does not carry (kept as they are by imports).
/// </summary>
public class JeuneEntity
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
}
