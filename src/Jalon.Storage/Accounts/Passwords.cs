using Jalon.Storage.Entities;
using Microsoft.AspNetCore.Identity;

namespace Jalon.Storage.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100 000 iterations) and the
/// lockout rule. The policy a new password must meet is <see cref="Jalon.Domain.Accounts.Credentials.PasswordProblem"/>.
/// </summary>
public static class Passwords
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserEntity> Hasher = new();
    private static readonly UserEntity Nobody = new() { Login = "", DisplayName = "", PasswordHash = "" };

    /// <summary>A hash no password matches, verified when there is no account to check so that the answer takes as long.</summary>
    private static readonly Lazy<string> Decoy = new(() =>
        Hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    public static string Hash(UserEntity user, string password) => Hasher.HashPassword(user, password);

    /// <summary>Verifies a password; upgrades the stored hash when the hasher asks for it.</summary>
    public static bool Verify(UserEntity user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hasher.HashPassword(user, password);
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the time of a verification without an account (unknown, locked or deactivated): no timing tells them apart.</summary>
    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(Nobody, Decoy.Value, password);
}
