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
/// Every user changes their own password here (from the header), and must after a reset or an account creation by someone
/// else. The current password is required; the new one meets <see cref="Credentials.PasswordProblem"/>. Every session of
/// the account ends (a copied cookie stops working) and this browser gets a new one.
/// </summary>
public sealed class MotDePasseModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public MotDePasseInput Input { get; set; } = new();

    /// <summary>The account must change its password before anything else.</summary>
    public bool Imposed { get; private set; }

    public sealed class MotDePasseInput
    {
        public string? Actuel { get; set; }
        public string? Nouveau { get; set; }
        public string? Confirmation { get; set; }
    }

    public void OnGet() => Imposed = HttpContext.Items[SessionValidation.MustChangePassword] is true;

    public async Task<IActionResult> OnPostAsync()
    {
        Imposed = HttpContext.Items[SessionValidation.MustChangePassword] is true;
        const string p = "Input.";
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == User.UserId());
        if (user is null) return Forbid();
        var now = clock.GetUtcNow().UtcDateTime;
        if (string.IsNullOrEmpty(Input.Actuel))
        {
            ModelState.AddModelError(p + nameof(Input.Actuel), "Saisissez votre mot de passe actuel.");
        }
        else if (user.LockedUntil > now || !Passwords.Verify(user, Input.Actuel))
        {
            // Counted like a failed login: the form must not serve to guess the password of an open session.
            if (!(user.LockedUntil > now))
            {
                user.FailedLogins++;
                if (user.FailedLogins >= Passwords.MaxFailures)
                {
                    user.LockedUntil = now + Passwords.LockoutDuration;
                    user.FailedLogins = 0;
                    Audit.Access(db, HttpContext, user, AuditAction.Verrouillage, "compte verrouillé : mot de passe actuel incorrect au changement");
                }
            }
            Audit.Access(db, HttpContext, user, AuditAction.EchecConnexion, "changement de mot de passe : mot de passe actuel incorrect");
            await db.SaveChangesAsync();
            ModelState.AddModelError(p + nameof(Input.Actuel), "Le mot de passe actuel est incorrect.");
        }
        if (Credentials.PasswordProblem(Input.Nouveau, user.Login) is { } weak)
            ModelState.AddModelError(p + nameof(Input.Nouveau), weak);
        else if (ModelState.IsValid && Passwords.Verify(user, Input.Nouveau!))
            ModelState.AddModelError(p + nameof(Input.Nouveau), "Le nouveau mot de passe doit être différent de l'actuel.");
        if (Input.Confirmation != Input.Nouveau)
            ModelState.AddModelError(p + nameof(Input.Confirmation), "La confirmation ne reprend pas le nouveau mot de passe.");
        if (!ModelState.IsValid) return Page();

        UserAccounts.SetPassword(user, Input.Nouveau!, mustChange: false);
        Audit.Add(db, User, AuditAction.Modification, "compte", user.StructureCode, null, $"changement de mot de passe par {user.Login} ; sessions fermées");
        await db.SaveChangesAsync();
        await UserAccounts.RevokeSessionsAsync(db, user.Id);
        var token = await UserAccounts.OpenSessionAsync(db, user, UserAccounts.PasswordMethod, now);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, JalonClaims.For(user, token),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        TempData["Succes"] = "Votre mot de passe a été changé. Vos autres sessions ont été fermées.";
        return Redirect("/");
    }
}
