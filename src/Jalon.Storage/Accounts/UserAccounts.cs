using System.Security.Cryptography;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Accounts;

/// <summary>What a request learns from a valid session: the account as it is now.</summary>
public sealed record SessionAccount(int UserId, Role Role, string? StructureCode, bool MustChangePassword);

/// <summary>
/// Accounts and their server-side sessions (docs/adr/0004-sessions-serveur.md): open, check, close, revoke; set a password;
/// create or recover an administrator from the command line.
/// </summary>
public static class UserAccounts
{
    /// <summary>A session unused for this long ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after it opened, whatever its activity.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(10);

    /// <summary><see cref="SessionEntity.LastSeenAt"/> is written at most this often (not at every request).</summary>
    public static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    public const string PasswordMethod = "mot de passe";
    public const string ProConnectMethod = "ProConnect";

    /// <summary>Opens a session for <paramref name="user"/> and returns its token (for the cookie); clears sessions that have ended.</summary>
    public static async Task<string> OpenSessionAsync(JalonDbContext db, UserEntity user, string method, DateTime now, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var idle = now - IdleTimeout;
        await db.Sessions.Where(s => s.ExpiresAt <= now || s.LastSeenAt <= idle).ExecuteDeleteAsync(cancellationToken);
        db.Sessions.Add(new SessionEntity
        {
            Id = SessionKey(token), UserId = user.Id, StructureCode = user.StructureCode, Method = method,
            CreatedAt = now, LastSeenAt = now, ExpiresAt = now + AbsoluteLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// The account behind a session token, or null when the session does not exist (closed, revoked), has passed its absolute
    /// lifetime or its idle timeout, or its account is deactivated. Records the activity (at most once a minute).
    /// </summary>
    public static async Task<SessionAccount?> CheckSessionAsync(JalonDbContext db, string token, DateTime now, CancellationToken cancellationToken = default)
    {
        var key = SessionKey(token);
        var row = await (from s in db.Sessions
                         join u in db.Users on s.UserId equals u.Id
                         where s.Id == key
                         select new { s.LastSeenAt, s.ExpiresAt, s.Method, u.Id, u.Active, u.Role, u.StructureCode, u.MustChangePassword })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        if (now >= row.ExpiresAt || now - row.LastSeenAt >= IdleTimeout || !row.Active)
        {
            await db.Sessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (now - row.LastSeenAt >= ActivityResolution)
            await db.Sessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        // A password set by someone else gates a password session; a ProConnect login did not use it.
        return new SessionAccount(row.Id, row.Role, row.StructureCode, row.MustChangePassword && row.Method == PasswordMethod);
    }

    /// <summary>Ends one session (logout).</summary>
    public static Task CloseSessionAsync(JalonDbContext db, string token, CancellationToken cancellationToken = default)
    {
        var key = SessionKey(token);
        return db.Sessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of an account (password reset or change, deactivation).</summary>
    public static Task RevokeSessionsAsync(JalonDbContext db, int userId, CancellationToken cancellationToken = default) =>
        db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The stored key of a token: its SHA-256.</summary>
    public static string SessionKey(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Sets a new password (already checked against the policy), unlocks the account, and says whether it must be changed at
    /// the next login (true when someone else chose it).
    /// </summary>
    public static void SetPassword(UserEntity user, string password, bool mustChange)
    {
        user.PasswordHash = Passwords.Hash(user, password);
        user.MustChangePassword = mustChange;
        user.FailedLogins = 0;
        user.LockedUntil = null;
    }

    /// <summary>
    /// A temporary password for a reset: 16 characters of the four kinds, without the ones that read alike (0/O, 1/l/I),
    /// meeting the policy.
    /// </summary>
    public static string TemporaryPassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-+*!?#%=";
        const string all = lower + upper + digits + symbols;
        while (true)
        {
            var chars = new char[16];
            chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
            chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
            chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
            chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
            for (var i = 4; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var password = new string(chars);
            if (Credentials.PasswordProblem(password, null) is null) return password;
        }
    }

    /// <summary>What <see cref="SetAdministrator"/> did.</summary>
    public enum AdministratorOutcome
    {
        Created,
        Reset,
    }

    /// <summary>
    /// <c>./jalon comptes creer-admin</c>: creates the administrator <paramref name="login"/>, or — when the identifier exists —
    /// resets its password, unlocks and reactivates it and ends its sessions (access recovery). Audited. The caller checked the
    /// identifier and the password (<see cref="Credentials"/>).
    /// </summary>
    public static AdministratorOutcome SetAdministrator(JalonDbContext db, string login, string password, string? displayName)
    {
        using var transaction = db.Database.BeginTransaction();
        var user = db.Users.FirstOrDefault(u => u.Login == login);
        AdministratorOutcome outcome;
        if (user is null)
        {
            user = new UserEntity
            {
                Login = login, DisplayName = string.IsNullOrWhiteSpace(displayName) ? "Administration Jalon" : displayName.Trim(),
                Role = Role.Administrateur, PasswordHash = "",
            };
            db.Users.Add(user);
            outcome = AdministratorOutcome.Created;
        }
        else
        {
            outcome = AdministratorOutcome.Reset;
            user.Active = true;
            if (!string.IsNullOrWhiteSpace(displayName)) user.DisplayName = displayName.Trim();
        }
        SetPassword(user, password, mustChange: false);
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = "ligne de commande",
            Action = outcome == AdministratorOutcome.Created ? AuditAction.Creation : AuditAction.Modification,
            Entity = "compte",
            StructureCode = user.StructureCode,
            Detail = outcome == AdministratorOutcome.Created
                ? $"création de l'administrateur {login} (./jalon comptes creer-admin)"
                : $"mot de passe de {login} réinitialisé, compte déverrouillé et actif, sessions fermées (./jalon comptes creer-admin)",
        });
        db.SaveChanges();
        db.Sessions.Where(s => s.UserId == user.Id).ExecuteDelete();
        transaction.Commit();
        return outcome;
    }
}
