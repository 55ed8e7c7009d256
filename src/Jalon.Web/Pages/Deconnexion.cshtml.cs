using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages;

/// <summary>Logout: the server-side session is deleted (a copy of the cookie opens nothing), then the cookie.</summary>
[AllowAnonymous]
public sealed class DeconnexionModel(JalonDbContext db) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && User.SessionToken() is { } token)
        {
            await UserAccounts.CloseSessionAsync(db, token);
            Audit.Add(db, User, AuditAction.Deconnexion, "compte", User.StructureCode(), null, "déconnexion");
            await db.SaveChangesAsync();
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/Connexion");
    }
}
