using Jalon.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Api;

/// <summary>
/// A partner system allowed to call the REST API v1 (docs/api.md): client credentials (its id and the SHA-256 of its secret,
/// never the secret), the human role whose rights it gets at most (with that role's structure or region), its scopes, and
/// who created and revoked it.
/// </summary>
public class ApiClientEntity
{
    public int Id { get; set; }

    /// <summary>The public identifier, <c>jalon-</c> followed by 16 hexadecimal characters.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>SHA-256 of the secret, in lowercase hexadecimal (the secret is 32 random bytes: no slow hash needed).</summary>
    public string SecretHash { get; set; } = "";

    public string Nom { get; set; } = "";

    /// <summary>The role whose rights the client gets at most: a structure role (its structure) or an aggregate-only role.</summary>
    public Role Role { get; set; }

    /// <summary>The structure of a structure client; null for an aggregate-only client.</summary>
    public string? StructureCode { get; set; }

    /// <summary>The region (INSEE code) of a regional aggregate-only client.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Its scopes, separated by spaces (<c>parcours:lecture parcours:ecriture indicateurs referentiels</c>).</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreeLe { get; set; }
    public string CreePar { get; set; } = "";
    public DateTime? RevoqueLe { get; set; }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClientEntity>
{
    public void Configure(EntityTypeBuilder<ApiClientEntity> b)
    {
        b.ToTable("ApiClients");
        b.Property(c => c.ClientId).HasMaxLength(40);
        b.Property(c => c.SecretHash).HasMaxLength(64);
        b.Property(c => c.Nom).HasMaxLength(200);
        b.Property(c => c.StructureCode).HasMaxLength(20);
        b.Property(c => c.RegionCode).HasMaxLength(3);
        b.Property(c => c.Scopes).HasMaxLength(200);
        b.Property(c => c.CreePar).HasMaxLength(100);
        b.HasIndex(c => c.ClientId).IsUnique();
        b.HasIndex(c => c.StructureCode);
    }
}
