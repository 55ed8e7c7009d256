using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Storage;
using Jalon.Storage.Accounts;
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
/// manages every account. Create, deactivate or reactivate, unlock, reset a password (a temporary one, to change at the next
/// login; every session of the account ends), set the e-mail that links a ProConnect identity.
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
        public string? Courriel { get; set; }
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
        var login = Credentials.NormalizeLogin(Input.Login);
        if (Credentials.LoginProblem(login) is { } badLogin)
            ModelState.AddModelError(p + nameof(Input.Login), badLogin);
        else if (await db.Users.AnyAsync(u => u.Login == login))
            ModelState.AddModelError(p + nameof(Input.Login), "Cet identifiant est déjà utilisé : choisissez-en un autre.");
        if (string.IsNullOrWhiteSpace(Input.Nom)) ModelState.AddModelError(p + nameof(Input.Nom), "Saisissez le nom et le prénom de la personne.");
        else if (Input.Nom.Trim().Length > TextLimits.NomUtilisateur) ModelState.AddModelError(p + nameof(Input.Nom), TextLimits.Message("Le nom", TextLimits.NomUtilisateur));
        if (!Enum.TryParse<Role>(Input.Role, out var role) || !RolesPossibles.Any(r => r.Value == Input.Role))
            ModelState.AddModelError(p + nameof(Input.Role), "Choisissez un rôle de la liste.");
        if (Credentials.PasswordProblem(Input.MotDePasse, login) is { } weak) ModelState.AddModelError(p + nameof(Input.MotDePasse), weak);
        var email = NormalizeEmail(Input.Courriel);
        if (email is not null && EmailProblem(email) is { } badEmail) ModelState.AddModelError(p + nameof(Input.Courriel), badEmail);
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
            PasswordHash = "", Email = email,
        };
        // Chosen by someone else: to be changed at the first login.
        UserAccounts.SetPassword(user, Input.MotDePasse!, mustChange: true);
        db.Users.Add(user);
        Audit.Add(db, User, AuditAction.Creation, "compte", structure, null, $"compte {login} ({role.Libelle()})");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Le compte « {login} » a été créé. Son mot de passe initial sera à changer à la première connexion.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDesactiverAsync(int userId) => ChangeAsync(userId, u => u.Active = false, "désactivation", revokeSessions: true);

    public Task<IActionResult> OnPostActiverAsync(int userId) => ChangeAsync(userId, u => u.Active = true, "réactivation");

    public Task<IActionResult> OnPostDeverrouillerAsync(int userId) => ChangeAsync(userId, u => { u.LockedUntil = null; u.FailedLogins = 0; }, "déverrouillage");

    /// <summary>
    /// Resets a password: a temporary one, shown once to the person who reset it, to be changed at the next login; the account
    /// is unlocked and every one of its sessions ends.
    /// </summary>
    public async Task<IActionResult> OnPostReinitialiserAsync(int userId)
    {
        var temporary = UserAccounts.TemporaryPassword();
        var result = await ChangeAsync(userId, u => UserAccounts.SetPassword(u, temporary, mustChange: true), "réinitialisation du mot de passe", revokeSessions: true);
        if (result is RedirectToPageResult && TempData.Peek("Succes") is string)
            TempData["Succes"] = $"{TempData["Succes"]} Mot de passe provisoire, à transmettre à la personne (il ne sera plus affiché) : {temporary}";
        return result;
    }

    /// <summary>Sets or clears the professional e-mail that links a ProConnect identity to the account.</summary>
    public async Task<IActionResult> OnPostCourrielAsync(int userId, string? courriel)
    {
        var email = NormalizeEmail(courriel);
        if (email is not null && EmailProblem(email) is { } bad)
        {
            TempData["Avertissement"] = bad;
            return RedirectToPage();
        }
        return await ChangeAsync(userId, u =>
        {
            if (u.Email != email) u.ProConnectSubject = null; // a new address links a new identity
            u.Email = email;
        }, email is null ? "retrait de l'adresse ProConnect" : $"adresse ProConnect {email}");
    }

    private async Task<IActionResult> ChangeAsync(int userId, Action<UserEntity> change, string what, bool revokeSessions = false)
    {
        var user = await Manageable().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return NotFound();
        if (user.Id == User.UserId()) return Forbid();
        change(user);
        Audit.Add(db, User, AuditAction.Modification, "compte", user.StructureCode, null, $"{what} du compte {user.Login}");
        await db.SaveChangesAsync();
        if (revokeSessions) await UserAccounts.RevokeSessionsAsync(db, user.Id);
        TempData["Succes"] = $"Compte « {user.Login} » modifié : {what}.";
        return RedirectToPage();
    }

    private static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    private static string? EmailProblem(string email) =>
        email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal)
            ? "Saisissez une adresse électronique professionnelle valide (par exemple prenom.nom@mission-locale.fr)."
            : null;

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
