using Jalon.Storage.Entities;
using Microsoft.AspNetCore.Identity;

namespace Jalon.Web.Security;

/// <summary>Password hashing (ASP.NET Core's PBKDF2 <see cref="PasswordHasher{TUser}"/>), policy and lockout.</summary>
public static class Passwords
{
    public const int MinLength = 12;
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserEntity> Hasher = new();

    public static string Hash(UserEntity user, string password) => Hasher.HashPassword(user, password);

    /// <summary>Verifies a password; upgrades the stored hash when the hasher asks for it.</summary>
    public static bool Verify(UserEntity user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = Hasher.HashPassword(user, password);
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>A French message when the password is too weak, else null.</summary>
    public static string? Weakness(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"Le mot de passe doit comporter au moins {MinLength} caractères.";
        var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return kinds < 3 ? "Le mot de passe doit mêler au moins trois sortes de caractères parmi minuscules, majuscules, chiffres et symboles." : null;
    }
}
