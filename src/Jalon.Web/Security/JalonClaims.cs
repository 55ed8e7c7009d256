using System.Security.Claims;
using Jalon.Domain;
using Jalon.Storage.Entities;

namespace Jalon.Web.Security;

/// <summary>The claims of a Jalon session and how to read them back.</summary>
public static class JalonClaims
{
    public const string Structure = "jalon:structure";
    public const string Region = "jalon:region";
    public const string DisplayName = "jalon:nom";

    /// <summary>The token of the server-side session (docs/adr/0004-sessions-serveur.md).</summary>
    public const string Session = "jalon:session";

    /// <summary>The principal of a session opened by <see cref="Jalon.Storage.Accounts.UserAccounts.OpenSessionAsync"/>.</summary>
    public static ClaimsPrincipal For(UserEntity user, string sessionToken)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Login),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(DisplayName, user.DisplayName),
            new(Session, sessionToken),
        };
        if (user.StructureCode is { } s) claims.Add(new Claim(Structure, s));
        if (user.RegionCode is { } r) claims.Add(new Claim(Region, r));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static int UserId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Login(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static string? SessionToken(this ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static string NomAffiche(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Login();

    public static Role? JalonRole(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    /// <summary>The structure of a structure staff member; null for everyone else.</summary>
    public static string? StructureCode(this ClaimsPrincipal user) => user.FindFirstValue(Structure);

    public static string? RegionCode(this ClaimsPrincipal user) => user.FindFirstValue(Region);

    public static bool Is(this ClaimsPrincipal user, params Role[] roles) => user.JalonRole() is { } r && roles.Contains(r);
}
