using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Structures;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Jalon.Web.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>Modifies the identity, situation and first reception of a young person.</summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class IdentiteModel(JalonDbContext db, TimeProvider clock) : PageModel, IIdentitePage
{
    [BindProperty]
    public IdentiteInput Input { get; set; } = new();

    public List<(string Value, string Label)> Conseillers { get; private set; } = [];
    public IReadOnlyList<(string Code, string Nom)> CommunesProposees { get; private set; } = [];
    public PropositionZones? Zones { get; private set; }
    public string NomComplet { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";

    /// <summary>Set when the file was saved meanwhile by someone else (the form is shown again).</summary>
    public string? Conflit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return NotFound();
        Input = IdentiteInput.From(jeune);
        await LoadAsync(jeune);
        Audit.Add(db, User, AuditAction.Lecture, "jeune", jeune.StructureCode, jeune.JeuneId, "ouverture du formulaire d'identité");
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id, tracking: true);
        if (jeune is null) return NotFound();
        var conseillers = await IdentiteLists.ConseillersAsync(db, jeune.StructureCode);
        if (!Input.Validate(ModelState, Dates.TodayInParis(clock), conseillers.Select(c => c.Id).ToHashSet()))
        {
            await LoadAsync(jeune);
            return Page();
        }
        var before = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune));
        db.ExpectVersion(jeune, Input.Version);
        Input.ApplyTo(jeune);
        Audit.Add(db, User, AuditAction.Modification, "jeune", jeune.StructureCode, jeune.JeuneId, "identité et situation");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved meanwhile by someone else: say who and when, show the form again with what was typed.
            Conflit = await Concurrence.MessageAsync(db, jeune.StructureCode, jeune.JeuneId);
            var current = await JeuneAccess.FindAsync(db, User, id);
            if (current is null) return NotFound();
            Input.Version = current.Version;
            ModelState.Remove("Input.Version");
            await LoadAsync(current);
            return Page();
        }
        TempData["Succes"] = "L'identité et la situation ont été enregistrées.";
        var added = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune)).Except(before).ToList();
        if (added.Count > 0) TempData["Avertissement"] = string.Join('\n', added);
        return Redirect($"/Jeunes/{Uri.EscapeDataString(jeune.JeuneId)}");
    }

    private async Task LoadAsync(JeuneEntity jeune)
    {
        NomComplet = $"{jeune.Prenom} {jeune.Nom?.ToUpper(Libelles.Fr)}";
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        Conseillers = (await IdentiteLists.ConseillersAsync(db, jeune.StructureCode)).Select(c => (c.Id.ToString(Libelles.Fr), c.Nom)).ToList();
        CommunesProposees = await IdentiteLists.CommunesAsync(db, jeune.StructureCode);
        var commune = ModelState.IsValid ? Input.Commune : jeune.Commune;
        if (!string.IsNullOrWhiteSpace(commune))
            Zones = ZonesJeune.Propose(await new ZoneStore(db).ReferenceAsync(), commune, Dates.TodayInParis(clock), InseeData.Instance);
    }
}
