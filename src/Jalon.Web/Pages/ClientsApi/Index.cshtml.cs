using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage;
using Jalon.Storage.Api;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.ClientsApi;

/// <summary>
/// The partner clients of the REST API v1 (docs/api.md), for the instance's administrator: list, create (the secret is shown once,
/// on this answer only), revoke. The same rules and audit as <c>./jalon api clients</c> (<see cref="ApiClients"/>).
/// </summary>
[Authorize(Roles = nameof(Role.Administrateur))]
public sealed class IndexModel(JalonDbContext db) : PageModel
{
    public List<ApiClientEntity> Clients { get; private set; } = [];
    public List<(string Value, string Label)> Structures { get; private set; } = [];

    /// <summary>The client just created and its secret, shown once.</summary>
    public ApiClients.Created? Cree { get; private set; }

    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public sealed class ClientInput
    {
        public string? Nom { get; set; }
        public string? Role { get; set; }
        public string? Structure { get; set; }
        public string? Region { get; set; }
        public List<string> Portees { get; set; } = [];
    }

    public static IEnumerable<(string Value, string Label)> RolesPossibles =>
        Enum.GetValues<Role>().Where(ApiScopes.RoleAllowed).Select(r => (r.ToString(), r.Libelle()));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreerAsync()
    {
        if (!Enum.TryParse<Role>(Input.Role, out var role) || !ApiScopes.RoleAllowed(role))
            ModelState.AddModelError("Input.Role", "Choisissez le rôle dont le client reçoit les droits.");
        if (ModelState.IsValid)
        {
            try
            {
                Cree = ApiClients.Create(db, Input.Nom ?? "", role, Input.Structure, Input.Region, Input.Portees, User.Login());
                ModelState.Clear();
                Input = new();
            }
            catch (ArgumentException e)
            {
                ModelState.AddModelError("Input.Nom", e.Message);
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevoquerAsync(string clientId)
    {
        TempData[ApiClients.Revoke(db, clientId, User.Login()) ? "Succes" : "Avertissement"] =
            $"Client {clientId} : " + (await db.ApiClients.AnyAsync(c => c.ClientId == clientId) ? "révoqué." : "introuvable.");
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevoqueLe != null).ThenBy(c => c.Nom).ToListAsync();
        Structures = [.. (await db.Structures.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Nom }).ToListAsync()).Select(s => (s.Code, $"{s.Code} — {s.Nom}"))];
    }
}
