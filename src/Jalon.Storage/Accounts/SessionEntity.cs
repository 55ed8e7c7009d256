using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Accounts;

/// <summary>
/// A signed-in session, held on the server (docs/adr/0004-sessions-serveur.md). The session cookie carries a random token;
/// the row is keyed by its SHA-256, so a copy of the table opens no session. Deleting the row ends the session at once.
/// </summary>
public class SessionEntity
{
    /// <summary>SHA-256 of the token, lower-case hexadecimal.</summary>
    public required string Id { get; set; }

    public int UserId { get; set; }

    /// <summary>The structure of the account when the session opened (null for accounts outside a structure).</summary>
    public string? StructureCode { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC, refreshed at most once a minute by the requests of the session: the idle timeout counts from it.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>UTC: <see cref="CreatedAt"/> + the absolute lifetime, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>How the user signed in: <c>mot de passe</c> or <c>ProConnect</c>.</summary>
    public required string Method { get; set; }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<SessionEntity>
{
    public void Configure(EntityTypeBuilder<SessionEntity> b)
    {
        b.ToTable("Sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(64);
        b.Property(s => s.Method).HasMaxLength(20);
        b.HasOne<UserEntity>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The sessions of a structure's staff; revocation by account uses the foreign key's index (UserId).
        b.HasIndex(s => new { s.StructureCode, s.UserId });
    }
}
