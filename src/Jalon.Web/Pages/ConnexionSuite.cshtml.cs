using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages;

/// <summary>
/// Where a ProConnect login lands: a page of Jalon's own that moves on by itself (HTTP <c>Refresh</c>). The redirect chain
/// from the identity provider is cross-site, so the browser withholds the new <c>SameSite=Strict</c> session cookie until a
/// navigation starts from Jalon itself — this one.
/// </summary>
public sealed class ConnexionSuiteModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? Retour { get; set; }

    public string Destination => !string.IsNullOrEmpty(Retour) && Url.IsLocalUrl(Retour) ? Retour : "/";

    public void OnGet() => Response.Headers["Refresh"] = "0;url=" + Destination;
}
