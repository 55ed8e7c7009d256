using Jalon.Domain.Accounts;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages;

/// <summary>
/// Login by identifier and password (and the ProConnect button when it is configured). Every refusal gives the same
/// message and takes as long, whether the account is unknown, deactivated, locked or the password wrong; each is audited.
/// </summary>
public sealed class ConnexionModel(JalonDbContext db, TimeProvider clock, StartMode mode, IConfiguration configuration) : PageModel
{
    public const string Refused = "Identifiant ou mot de passe incorrect.";

    [BindProperty]
    public ConnexionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? Retour { get; set; }

    /// <summary>A refused ProConnect login (<c>?proconnect=…</c>, set by <see cref="ProConnect"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "proconnect")]
    public string? ProConnectRefus { get; set; }

    /// <summary>The database holds no account yet: a production start before <c>./jalon comptes creer-admin</c>.</summary>
    public bool NoAccountYet { get; private set; }

    public bool ProConnectAvailable => ProConnect.IsConfigured(configuration);

    public sealed class ConnexionInput
    {
        public string? Identifiant { get; set; }
        public string? MotDePasse { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturn());
        if (ProConnect.RefusalMessage(ProConnectRefus) is { } refusal) ModelState.AddModelError("", refusal);
        NoAccountYet = !await db.Users.AnyAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Identifiant)) ModelState.AddModelError("Input.Identifiant", "Saisissez votre identifiant.");
        if (string.IsNullOrEmpty(Input.MotDePasse)) ModelState.AddModelError("Input.MotDePasse", "Saisissez votre mot de passe.");
        if (!ModelState.IsValid)
        {
            NoAccountYet = !await db.Users.AnyAsync();
            return Page();
        }

        var login = Credentials.NormalizeLogin(Input.Identifiant);
        var password = Input.MotDePasse!;
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login);
        var refusal = Refusal(user, login, password, now);
        if (refusal is not null)
        {
            await db.SaveChangesAsync();
            // The same message whatever failed: never reveal whether an account exists, is locked or deactivated.
            ModelState.AddModelError("Input.MotDePasse", Refused);
            NoAccountYet = !await db.Users.AnyAsync();
            return Page();
        }
        var principal = await AccountSignIn.OpenSessionAsync(HttpContext, db, user!, UserAccounts.PasswordMethod, now);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return user!.MustChangePassword ? Redirect("/MotDePasse") : LocalRedirect(SafeReturn());
    }

    /// <summary>Why the login is refused (audited, counted against the account), or null when it succeeds.</summary>
    private string? Refusal(UserEntity? user, string login, string password, DateTime now)
    {
        string? reason;
        if (user is null || !user.Active || user.LockedUntil > now)
        {
            Passwords.VerifyDecoy(password);
            reason = user is null ? $"identifiant inconnu « {Truncate(login)} »" : !user.Active ? "compte désactivé" : "compte verrouillé";
        }
        else if (!Passwords.Verify(user, password))
        {
            reason = "mot de passe incorrect";
            user.FailedLogins++;
            if (user.FailedLogins >= Passwords.MaxFailures)
            {
                user.LockedUntil = now + Passwords.LockoutDuration;
                user.FailedLogins = 0;
                Audit.Access(db, HttpContext, user, AuditAction.Verrouillage,
                    $"compte verrouillé {Passwords.LockoutDuration.TotalMinutes:0} min après {Passwords.MaxFailures} échecs");
            }
        }
        else if (mode.Production && string.Equals(password, Credentials.DemoPassword, StringComparison.Ordinal))
        {
            // A demo account (the published password) in a production start.
            reason = "mot de passe de démonstration refusé en production";
        }
        else
        {
            return null;
        }
        Audit.Access(db, HttpContext, user, AuditAction.EchecConnexion, "échec de connexion : " + reason);
        return reason;
    }

    private static string Truncate(string s) => s.Length > Credentials.MaxLoginLength ? s[..Credentials.MaxLoginLength] + "…" : s;

    private string SafeReturn() => !string.IsNullOrEmpty(Retour) && Url.IsLocalUrl(Retour) ? Retour : "/";
}
