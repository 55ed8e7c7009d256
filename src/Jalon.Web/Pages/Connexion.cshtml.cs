using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages;

public sealed class ConnexionModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ConnexionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? Retour { get; set; }

    public sealed class ConnexionInput
    {
        public string? Identifiant { get; set; }
        public string? MotDePasse { get; set; }
    }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturn()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Identifiant)) ModelState.AddModelError("Input.Identifiant", "Saisissez votre identifiant.");
        if (string.IsNullOrEmpty(Input.MotDePasse)) ModelState.AddModelError("Input.MotDePasse", "Saisissez votre mot de passe.");
        if (!ModelState.IsValid) return Page();

        var login = Input.Identifiant!.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login);
        if (user is not null && user.LockedUntil > now)
        {
            ModelState.AddModelError("", $"Ce compte est temporairement verrouillé après {Passwords.MaxFailures} échecs de connexion. Réessayez après {Libelles.DateHeure(user.LockedUntil.Value)}.");
            return Page();
        }
        if (user is null || !user.Active || !Passwords.Verify(user, Input.MotDePasse!))
        {
            if (user is not null)
            {
                user.FailedLogins++;
                if (user.FailedLogins >= Passwords.MaxFailures)
                {
                    user.LockedUntil = now + Passwords.LockoutDuration;
                    user.FailedLogins = 0;
                }
                await db.SaveChangesAsync();
            }
            // The same message whatever failed: never reveal whether an account exists.
            ModelState.AddModelError("Input.MotDePasse", "Identifiant ou mot de passe incorrect.");
            return Page();
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        await db.SaveChangesAsync();
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, JalonClaims.For(user),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return LocalRedirect(SafeReturn());
    }

    private string SafeReturn() => !string.IsNullOrEmpty(Retour) && Url.IsLocalUrl(Retour) ? Retour : "/";
}
