using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Jeunes;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>
/// A period in a company (PMSMP or apprenticeship discovery): the young person, the host company, the tutor (personal
/// data: every view is a read of the young person's file in the audit log), the dates and objective, and the form of the
/// three-way review (young person, tutor, counsellor) with what followed — a hire or an apprenticeship points to the
/// journey's job situation, opened once (<see cref="ImmersionStore.EnregistrerBilan"/>). A period of another structure is « not found ».
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class ImmersionModel(JalonDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")] public long Id { get; set; }
    [BindProperty] public BilanInput Bilan { get; set; } = new();

    public sealed class BilanInput
    {
        public DateOnly? BilanLe { get; set; }
        public string? Jeune { get; set; }
        public string? Tuteur { get; set; }
        public string? Conseiller { get; set; }
        public SuiteImmersion? Suite { get; set; }
        public TypeContrat? Contrat { get; set; }
        public DateOnly? DebutEmploi { get; set; }
        public int? DureeMois { get; set; }
    }

    public ImmersionEntity Immersion { get; private set; } = default!;
    public JeuneEntity Jeune { get; private set; } = default!;
    public EntrepriseEntity Entreprise { get; private set; } = default!;
    public SituationEntity Periode { get; private set; } = default!;
    public SituationEntity? SuiteSituation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Bilan = new()
        {
            BilanLe = Immersion.BilanLe, Jeune = Immersion.BilanJeune, Tuteur = Immersion.BilanTuteur, Conseiller = Immersion.BilanConseiller, Suite = Immersion.Suite,
        };
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostBilanAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Bilan.BilanLe is null) ModelState.AddModelError("Bilan.BilanLe", "Indiquez la date du bilan.");
        if (Bilan.Suite is null) ModelState.AddModelError("Bilan.Suite", "Indiquez ce qui a suivi la période.");
        if (ModelState.IsValid)
        {
            try
            {
                ImmersionStore.EnregistrerBilan(db, Jeune.StructureCode, Id, Bilan.BilanLe!.Value, Bilan.Jeune, Bilan.Tuteur, Bilan.Conseiller, Bilan.Suite!.Value,
                    Bilan.Suite == SuiteImmersion.Apprentissage ? Bilan.Contrat ?? TypeContrat.Apprentissage : Bilan.Contrat, Bilan.DebutEmploi, Bilan.DureeMois);
                Audit.Add(db, User, AuditAction.Modification, "jeune", Jeune.StructureCode, Jeune.JeuneId, $"bilan de la période en entreprise {Id}");
                await db.SaveChangesAsync();
                return Redirect($"/Employeurs/Immersion?id={Id}&message=bilan");
            }
            catch (EmployeurException e)
            {
                ModelState.AddModelError("Bilan.Suite", e.Message);
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync();
        await db.SaveChangesAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var structure = User.StructureCode();
        var immersion = await db.Immersions.AsNoTracking().SingleOrDefaultAsync(i => i.StructureCode == structure && i.Id == Id);
        if (immersion is null || await JeuneAccess.FindAsync(db, User, immersion.JeuneId) is not { } jeune) return false;
        Immersion = immersion;
        Jeune = jeune;
        Entreprise = await db.Entreprises.AsNoTracking().SingleAsync(e => e.Id == immersion.EntrepriseId);
        Periode = await db.Situations.AsNoTracking().SingleAsync(s => s.Id == immersion.SituationId);
        SuiteSituation = immersion.SuiteSituationId is { } sid ? await db.Situations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid) : null;
        Audit.Add(db, User, AuditAction.Lecture, "jeune", jeune.StructureCode, jeune.JeuneId, $"période en entreprise {Id} (tuteur)");
        return true;
    }
}
