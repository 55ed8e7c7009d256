using Jalon.Domain;

namespace Jalon.Storage.Entities;

/// <summary>A user account. Staff belong to a structure; State agents and administrators do not.</summary>
public class UserEntity
{
    public int Id { get; set; }
    public required string Login { get; set; }
    public required string DisplayName { get; set; }
    public Role Role { get; set; }

    /// <summary>The structure of structure staff; null for State agents and administrators.</summary>
    public string? StructureCode { get; set; }

    /// <summary>INSEE region code for regional roles (agent de l'État régional, association régionale).</summary>
    public string? RegionCode { get; set; }

    public required string PasswordHash { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>Consecutive failed log-ins since the last success.</summary>
    public int FailedLogins { get; set; }

    /// <summary>UTC; log-in refused until then.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>UTC.</summary>
    public DateTime? LastLoginAt { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when someone else chose the password (creation, reset): nothing but the password change until it is changed.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Professional e-mail; a ProConnect identity with this e-mail is linked to this account at its first use.</summary>
    public string? Email { get; set; }

    /// <summary>The ProConnect subject (<c>sub</c>) linked to this account, stored at the first ProConnect login.</summary>
    public string? ProConnectSubject { get; set; }
}
