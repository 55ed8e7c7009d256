using System.Security.Claims;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;

namespace Jalon.Web.Security;

/// <summary>The one way a session opens, by password or by ProConnect: the account's counters, the audit line, the server-side session.</summary>
public static class AccountSignIn
{
    /// <summary>Records the login and opens a session; returns the principal to sign in with the cookie scheme.</summary>
    public static async Task<ClaimsPrincipal> OpenSessionAsync(HttpContext http, JalonDbContext db, UserEntity user, string method, DateTime now)
    {
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        Audit.Access(db, http, user, AuditAction.Connexion, $"connexion ({method})");
        await db.SaveChangesAsync();
        var token = await UserAccounts.OpenSessionAsync(db, user, method, now);
        return JalonClaims.For(user, token);
    }
}
