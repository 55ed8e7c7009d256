using Jalon.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Security;

/// <summary>Ends a session whose account was deactivated, locked or changed (role, structure) since sign-in.</summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null) return;
        var id = principal.UserId();
        var db = context.HttpContext.RequestServices.GetRequiredService<JalonDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null || !user.Active || user.Role != principal.JalonRole() || user.StructureCode != principal.StructureCode())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
