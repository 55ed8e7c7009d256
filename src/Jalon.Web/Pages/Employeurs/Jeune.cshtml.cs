using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;
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
/// A young person's employment space: what they look for (occupations, mobility, availability), the open offers that fit
/// (<see cref="Apparier.OffresPour"/>) with the button that records a MER, and their MER with outcomes. A file of another
/// structure is « not found » (<see cref="JeuneAccess"/>); every view is a read of the file (audit log).
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class JeuneModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")] public string? Id { get; set; }
    [BindProperty] public RechercheInput Recherche { get; set; } = new();

    public sealed class RechercheInput
    {
        public string? Romes { get; set; }
        public Mobilite? Mobilite { get; set; }
        public DateOnly? DisponibleLe { get; set; }
    }

    public sealed record LigneOffre(long Id, string Intitule, string Entreprise, string Rome, string Commune, Appariement Accord);

    public sealed record LigneMer(DateOnly Date, string Quoi, long? OffreId, IssueMiseEnRelation? Issue, DateOnly? IssueLe);

    public JeuneEntity Jeune { get; private set; } = default!;
    public bool RechercheConnue { get; private set; }
    public IReadOnlyList<LigneOffre> Offres { get; private set; } = [];
    public IReadOnlyList<LigneMer> Mer { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(fillForm: true)) return NotFound();
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRechercheAsync()
    {
        if (await JeuneAccess.FindAsync(db, User, Id) is not { } jeune) return NotFound();
        var romes = (Recherche.Romes ?? "").ToUpperInvariant().Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        try
        {
            EmployeurStore.EnregistrerRecherche(db, jeune.StructureCode, jeune.JeuneId, romes, Recherche.Mobilite ?? Mobilite.Commune, Recherche.DisponibleLe);
            Audit.Add(db, User, AuditAction.Modification, "jeune", jeune.StructureCode, jeune.JeuneId, "recherche d'emploi");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Jeune?id={jeune.JeuneId}");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("Recherche.Romes", e.Message);
            await LoadAsync(fillForm: false);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostMerAsync(long offre)
    {
        if (await JeuneAccess.FindAsync(db, User, Id) is not { } jeune) return NotFound();
        try
        {
            EmployeurStore.MettreEnRelation(db, jeune.StructureCode, jeune.JeuneId, TypeMiseEnRelation.Emploi, Dates.TodayInParis(clock), offreId: offre);
            Audit.Add(db, User, AuditAction.Creation, "mise en relation", jeune.StructureCode, jeune.JeuneId, $"offre {offre}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Offre?id={offre}&message=mer");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("", e.Message);
            await LoadAsync(fillForm: true);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(bool fillForm)
    {
        if (await JeuneAccess.FindAsync(db, User, Id) is not { } jeune) return false;
        Jeune = jeune;
        var structure = jeune.StructureCode;
        var today = Dates.TodayInParis(clock);
        var recherche = await db.RecherchesEmploi.AsNoTracking().SingleOrDefaultAsync(r => r.StructureCode == structure && r.JeuneId == jeune.JeuneId);
        RechercheConnue = recherche is not null;
        if (fillForm && recherche is not null) Recherche = new() { Romes = recherche.Romes, Mobilite = recherche.Mobilite, DisponibleLe = recherche.DisponibleLe };
        if (RechercheConnue)
        {
            var fits = Apparier.OffresPour(EmployeurStore.Recherches(db, structure, today, jeune.JeuneId).Single(), EmployeurStore.OffresOuvertes(db, structure), today,
                InseeData.Instance);
            var ids = fits.Select(f => f.OffreId).ToList();
            var offres = await (from o in db.Offres.AsNoTracking()
                                join e in db.Entreprises on o.EntrepriseId equals e.Id
                                where o.StructureCode == structure && ids.Contains(o.Id)
                                select new { o.Id, o.Intitule, e.Nom, o.Rome, o.Commune }).ToDictionaryAsync(o => o.Id);
            Offres = [.. fits.Select(f => offres[f.OffreId]).Zip(fits, (o, f) => new LigneOffre(o.Id, o.Intitule, o.Nom, o.Rome, o.Commune, f))];
        }
        Mer = await (from m in db.MisesEnRelation.AsNoTracking()
                     join p in db.Propositions on m.PropositionId equals p.Id
                     join o in db.Offres on m.OffreId equals (long?)o.Id into oo
                     from o in oo.DefaultIfEmpty()
                     where m.StructureCode == structure && m.JeuneId == jeune.JeuneId
                     orderby p.Date descending
                     select new LigneMer(p.Date, o != null ? o.Intitule : (m.Organisme ?? "entreprise"), m.OffreId, m.Issue, m.IssueLe)).ToListAsync();
        Audit.Add(db, User, AuditAction.Lecture, "jeune", structure, jeune.JeuneId, "espace emploi");
        return true;
    }
}
