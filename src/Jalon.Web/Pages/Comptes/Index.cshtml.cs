using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Comptes;

/// <summary>
/// Staff accounts: a directeur manages their structure's chargés d'accueil and conseillers; the administrateur
/// manages every account. Create, deactivate or reactivate, unlock, set a new password.
/// </summary>
[Authorize(Policy = Policies.Comptes)]
public sealed class IndexModel(JalonDbContext db) : PageModel
{
    [BindProperty] public CompteInput Input { get; set; } = new();

    public List<UserEntity> Users { get; private set; } = [];
    public Dictionary<string, string> StructureNoms { get; private set; } = [];

    public sealed class CompteInput
    {
        public string? Login { get; set; }
        public string? Nom { get; set; }
        public string? Role { get; set; }
        public string? Structure { get; set; }
        public string? Region { get; set; }
        public string? MotDePasse { get; set; }
    }

    /// <summary>The roles the current user may give.</summary>
    public IEnumerable<(string Value, string Label)> RolesPossibles =>
        (User.Is(Jalon.Domain.Role.Administrateur) ? Enum.GetValues<Role>() : [Jalon.Domain.Role.ChargeAccueil, Jalon.Domain.Role.Conseiller])
        .Select(r => (r.ToString(), r.Libelle()));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreerAsync()
    {
        const string p = "Input.";
        var admin = User.Is(Jalon.Domain.Role.Administrateur);
        var login = Input.Login?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(login) || login.Length > 64 || !login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            ModelState.AddModelError(p + nameof(Input.Login), "Saisissez un identifiant de 1 à 64 caractères : lettres, chiffres, point, tiret ou tiret bas.");
        else if (await db.Users.AnyAsync(u => u.Login == login))
            ModelState.AddModelError(p + nameof(Input.Login), "Cet identifiant est déjà utilisé : choisissez-en un autre.");
        if (string.IsNullOrWhiteSpace(Input.Nom)) ModelState.AddModelError(p + nameof(Input.Nom), "Saisissez le nom et le prénom de la personne.");
        else if (Input.Nom.Trim().Length > TextLimits.NomUtilisateur) ModelState.AddModelError(p + nameof(Input.Nom), TextLimits.Message("Le nom", TextLimits.NomUtilisateur));
        if (!Enum.TryParse<Role>(Input.Role, out var role) || !RolesPossibles.Any(r => r.Value == Input.Role))
            ModelState.AddModelError(p + nameof(Input.Role), "Choisissez un rôle de la liste.");
        if (Passwords.Weakness(Input.MotDePasse) is { } weak) ModelState.AddModelError(p + nameof(Input.MotDePasse), weak);
        var structure = admin ? (string.IsNullOrWhiteSpace(Input.Structure) ? null : Input.Structure.Trim()) : User.StructureCode();
        if (ModelState.IsValid)
        {
            if (role.IsStructureStaff() && (structure is null || !await db.Structures.AnyAsync(s => s.Code == structure)))
                ModelState.AddModelError(p + nameof(Input.Structure), "Choisissez la structure de ce compte.");
            if (!role.IsStructureStaff()) structure = null;
            if (role.IsRegional() && string.IsNullOrWhiteSpace(Input.Region))
                ModelState.AddModelError(p + nameof(Input.Region), "Saisissez le code INSEE de la région (2 chiffres, par exemple 84).");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var user = new UserEntity
        {
            Login = login!, DisplayName = Input.Nom!.Trim(), Role = role, StructureCode = structure,
            RegionCode = role.IsRegional() ? Input.Region!.Trim() : null,
            PasswordHash = "",
        };
        user.PasswordHash = Passwords.Hash(user, Input.MotDePasse!);
        db.Users.Add(user);
        Audit.Add(db, User, AuditAction.Creation, "compte", structure, null, $"compte {login} ({role.Libelle()})");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Le compte « {login} » a été créé.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDesactiverAsync(int userId) => ChangeAsync(userId, u => u.Active = false, "désactivation");

    public Task<IActionResult> OnPostActiverAsync(int userId) => ChangeAsync(userId, u => u.Active = true, "réactivation");

    public Task<IActionResult> OnPostDeverrouillerAsync(int userId) => ChangeAsync(userId, u => { u.LockedUntil = null; u.FailedLogins = 0; }, "déverrouillage");

    private async Task<IActionResult> ChangeAsync(int userId, Action<UserEntity> change, string what)
    {
        var user = await Manageable().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return NotFound();
        if (user.Id == User.UserId()) return Forbid();
        change(user);
        Audit.Add(db, User, AuditAction.Modification, "compte", user.StructureCode, null, $"{what} du compte {user.Login}");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Compte « {user.Login} » : {what} enregistrée.";
        return RedirectToPage();
    }

    /// <summary>The accounts the current user manages.</summary>
    private IQueryable<UserEntity> Manageable() =>
        User.Is(Jalon.Domain.Role.Administrateur)
            ? db.Users
            : db.Users.Where(u => u.StructureCode == User.StructureCode() && (u.Role == Jalon.Domain.Role.ChargeAccueil || u.Role == Jalon.Domain.Role.Conseiller));

    private async Task LoadAsync()
    {
        var query = User.Is(Jalon.Domain.Role.Administrateur) ? db.Users.AsNoTracking() : db.Users.AsNoTracking().Where(u => u.StructureCode == User.StructureCode());
        Users = await query.OrderBy(u => u.StructureCode).ThenBy(u => u.Role).ThenBy(u => u.DisplayName).ToListAsync();
        StructureNoms = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Nom);
    }

    public bool CanManage(UserEntity u) =>
        u.Id != User.UserId() && (User.Is(Jalon.Domain.Role.Administrateur) || (u.StructureCode == User.StructureCode() && u.Role is Jalon.Domain.Role.ChargeAccueil or Jalon.Domain.Role.Conseiller));
}
