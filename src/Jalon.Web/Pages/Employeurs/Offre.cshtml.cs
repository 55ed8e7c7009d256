using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>
/// A job offer: the young people of the structure who fit it (<see cref="Apparier.JeunesPour"/>), the MER recorded on it
/// with their outcome, and closing it. Recording a MER adds one proposal to the young person's journey; a hire adds the
/// job situation once (<see cref="EmployeurStore"/>). Every young person listed is a read of their file (audit log).
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class OffreModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxAppariements = 50;

    [BindProperty(SupportsGet = true, Name = "id")] public long Id { get; set; }
    [BindProperty] public IssueInput Issue { get; set; } = new();

    public sealed class IssueInput
    {
        public long Mer { get; set; }
        public IssueMiseEnRelation? Issue { get; set; }
        public DateOnly? Le { get; set; }
        public DateOnly? DebutEmploi { get; set; }
    }

    public sealed record Candidat(string JeuneId, string Nom, Appariement Accord);

    public sealed record LigneMer(long Id, string JeuneId, string Nom, DateOnly Date, IssueMiseEnRelation? Issue, DateOnly? IssueLe, long? SituationId);

    public OffreEntity Offre { get; private set; } = default!;
    public string Entreprise { get; private set; } = "";
    public IReadOnlyList<Candidat> Candidats { get; private set; } = [];
    public IReadOnlyList<LigneMer> Mer { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message)
    {
        if (!await LoadAsync()) return NotFound();
        Message = message;
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostMerAsync(string jeune)
    {
        var structure = User.StructureCode()!;
        var today = Dates.TodayInParis(clock);
        try
        {
            EmployeurStore.MettreEnRelation(db, structure, jeune, TypeMiseEnRelation.Emploi, today, offreId: Id);
            Audit.Add(db, User, AuditAction.Creation, "mise en relation", structure, jeune, $"offre {Id}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Offre?id={Id}&message=mer");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("", e.Message);
            if (!await LoadAsync()) return NotFound();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        var structure = User.StructureCode()!;
        if (Issue.Issue is null) ModelState.AddModelError("", "Choisissez l'issue de la mise en relation.");
        if (ModelState.IsValid)
        {
            try
            {
                var mer = await db.MisesEnRelation.AsNoTracking().SingleOrDefaultAsync(m => m.StructureCode == structure && m.Id == Issue.Mer && m.OffreId == Id);
                if (mer is null) return NotFound();
                EmployeurStore.EnregistrerIssue(db, structure, mer.Id, Issue.Issue!.Value, Issue.Le ?? Dates.TodayInParis(clock), Issue.DebutEmploi);
                Audit.Add(db, User, AuditAction.Modification, "mise en relation", structure, mer.JeuneId, $"issue {EmployeurLibelles.Of(Issue.Issue)} (offre {Id})");
                await db.SaveChangesAsync();
                return Redirect($"/Employeurs/Offre?id={Id}&message=issue");
            }
            catch (EmployeurException e)
            {
                ModelState.AddModelError("", e.Message);
            }
        }
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostClore(StatutOffre statut)
    {
        var structure = User.StructureCode()!;
        try
        {
            EmployeurStore.CloreOffre(db, structure, Id, statut, Dates.TodayInParis(clock));
            Audit.Add(db, User, AuditAction.Modification, "offre", structure, null, $"offre {Id} {EmployeurLibelles.Of(statut)}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Offre?id={Id}");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("", e.Message);
            if (!await LoadAsync()) return NotFound();
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var structure = User.StructureCode()!;
        Today = Dates.TodayInParis(clock);
        var offre = await db.Offres.AsNoTracking().SingleOrDefaultAsync(o => o.StructureCode == structure && o.Id == Id);
        if (offre is null) return false;
        Offre = offre;
        Entreprise = await db.Entreprises.Where(e => e.Id == offre.EntrepriseId).Select(e => e.Nom).SingleAsync();

        var critere = new OffreCritere(offre.Id, offre.Rome, offre.Commune, offre.Statut, offre.DebutSouhaite);
        var dejaProposes = await db.MisesEnRelation.Where(m => m.StructureCode == structure && m.OffreId == Id).Select(m => m.JeuneId).ToListAsync();
        var fits = Apparier.JeunesPour(critere, EmployeurStore.Recherches(db, structure, Today), Today, InseeData.Instance)
            .Where(f => !dejaProposes.Contains(f.JeuneId)).Take(MaxAppariements).ToList();
        var merRows = await (from m in db.MisesEnRelation.AsNoTracking()
                             join p in db.Propositions on m.PropositionId equals p.Id
                             where m.StructureCode == structure && m.OffreId == Id
                             orderby p.Date, m.Id
                             select new { m.Id, m.JeuneId, p.Date, m.Issue, m.IssueLe, m.SituationId }).ToListAsync();
        var ids = fits.Select(f => f.JeuneId).Concat(merRows.Select(m => m.JeuneId)).Distinct().ToList();
        var noms = await db.Jeunes.Where(j => j.StructureCode == structure && ids.Contains(j.JeuneId))
            .Select(j => new { j.JeuneId, j.Nom, j.Prenom }).ToDictionaryAsync(j => j.JeuneId, j => $"{j.Prenom} {j.Nom}".Trim());
        string Nom(string id) => noms.TryGetValue(id, out var n) && n.Length > 0 ? n : id;
        Candidats = [.. fits.Select(f => new Candidat(f.JeuneId, Nom(f.JeuneId), f))];
        Mer = [.. merRows.Select(m => new LigneMer(m.Id, m.JeuneId, Nom(m.JeuneId), m.Date, m.Issue, m.IssueLe, m.SituationId))];
        foreach (var id in ids) Audit.Add(db, User, AuditAction.Lecture, "jeune", structure, id, $"offre {Id} (appariement, mises en relation)");
        return true;
    }
}
