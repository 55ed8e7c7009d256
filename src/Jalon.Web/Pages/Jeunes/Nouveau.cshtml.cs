using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Jalon.Web.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>Creates a young person's file with their identity and first reception.</summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class NouveauModel(JalonDbContext db, TimeProvider clock) : PageModel, IIdentitePage
{
    [BindProperty]
    public IdentiteInput Input { get; set; } = new();

    public List<(string Value, string Label)> Conseillers { get; private set; } = [];
    public IReadOnlyList<(string Code, string Nom)> CommunesProposees { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.PremierAccueil = Dates.TodayInParis(clock);
        if (User.Is(Role.Conseiller)) Input.ConseillerId = User.UserId();
        await LoadListsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var structure = User.StructureCode()!;
        var conseillers = await IdentiteLists.ConseillersAsync(db, structure);
        if (!Input.Validate(ModelState, Dates.TodayInParis(clock), conseillers.Select(c => c.Id).ToHashSet()))
        {
            await LoadListsAsync();
            return Page();
        }
        var jeune = new JeuneEntity { StructureCode = structure, JeuneId = await JeuneIds.NextAsync(db, structure) };
        Input.ApplyTo(jeune);
        db.Jeunes.Add(jeune);
        Audit.Add(db, User, AuditAction.Creation, "jeune", structure, jeune.JeuneId, "création du dossier et premier accueil");
        await db.SaveChangesAsync();
        TempData["Succes"] = $"Le dossier de {jeune.Prenom} {jeune.Nom} a été créé (identifiant {jeune.JeuneId}).";
        var anomalies = JourneyRules.Anomalies(new JourneyData { Jeune = jeune });
        if (anomalies.Count > 0) TempData["Avertissement"] = string.Join('\n', anomalies);
        return Redirect($"/Jeunes/{Uri.EscapeDataString(jeune.JeuneId)}");
    }

    private async Task LoadListsAsync()
    {
        var structure = User.StructureCode()!;
        Conseillers = (await IdentiteLists.ConseillersAsync(db, structure)).Select(c => (c.Id.ToString(Libelles.Fr), c.Nom)).ToList();
        CommunesProposees = await IdentiteLists.CommunesAsync(db, structure);
    }
}

public static class IdentiteLists
{
    /// <summary>Active conseillers and directeurs of the structure, by name.</summary>
    public static async Task<List<(int Id, string Nom)>> ConseillersAsync(JalonDbContext db, string structure) =>
        (await db.Users.AsNoTracking()
            .Where(u => u.StructureCode == structure && u.Active && (u.Role == Role.Conseiller || u.Role == Role.Directeur))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync())
        .Select(u => (u.Id, u.DisplayName)).ToList();

    /// <summary>Communes proposed for the structure: those of its department.</summary>
    public static async Task<IReadOnlyList<(string Code, string Nom)>> CommunesAsync(JalonDbContext db, string structure)
    {
        var departement = await db.Structures.Where(s => s.Code == structure).Select(s => s.Departement).FirstOrDefaultAsync();
        return Communes.Of(departement);
    }
}
