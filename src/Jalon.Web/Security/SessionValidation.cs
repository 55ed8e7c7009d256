using Jalon.Storage;
using Jalon.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jalon.Web.Security;

/// <summary>
/// Checks at every request that the cookie's session still exists on the server (docs/adr/0004-sessions-serveur.md): not
/// closed by a logout, not revoked by a password change or reset, within its absolute lifetime and idle timeout; and that
/// the account is still active with the same role and structure. Otherwise the request is anonymous and the cookie removed.
/// </summary>
public static class SessionValidation
{
    /// <summary>Set in <see cref="HttpContext.Items"/> when the account must change its password before anything else.</summary>
    public const string MustChangePassword = "jalon:changer-mot-de-passe";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null) return;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var token = principal.SessionToken();
        var account = token is null ? null : await UserAccounts.CheckSessionAsync(services.GetRequiredService<JalonDbContext>(), token, now);
        if (account is null || account.UserId != principal.UserId() || account.Role != principal.JalonRole() || account.StructureCode != principal.StructureCode())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (account.MustChangePassword) context.HttpContext.Items[MustChangePassword] = true;
    }

    /// <summary>
    /// While the password must be changed, every page but the change itself, the logout and the error pages sends to
    /// <c>/MotDePasse</c>.
    /// </summary>
    public static Task PasswordChangeGate(HttpContext context, Func<Task> next)
    {
        if (context.Items[MustChangePassword] is true && !context.Request.Path.StartsWithSegments("/MotDePasse")
            && !context.Request.Path.StartsWithSegments("/Deconnexion") && !context.Request.Path.StartsWithSegments("/Erreur"))
        {
            context.Response.Redirect("/MotDePasse");
            return Task.CompletedTask;
        }
        return next();
    }
}
