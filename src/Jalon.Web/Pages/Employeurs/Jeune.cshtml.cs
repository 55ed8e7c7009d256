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
    [BindProperty] public ImmersionInput NouvelleImmersion { get; set; } = new();

    public sealed class ImmersionInput
    {
        public TypeImmersion? Type { get; set; }
        public long? Entreprise { get; set; }
        public DateOnly? Debut { get; set; }
        public DateOnly? Fin { get; set; }
        public string? Tuteur { get; set; }
        public string? Objectif { get; set; }
    }

    public sealed record LigneImmersion(long Id, TypeImmersion Type, string Entreprise, DateOnly Debut, DateOnly? Fin, SuiteImmersion? Suite);

    public sealed record LigneParrainage(long Id, DateOnly Debut, DateOnly? Fin, long? ParrainId, string? Parrain);

    public IReadOnlyList<LigneImmersion> Immersions { get; private set; } = [];
    public IReadOnlyList<LigneParrainage> Parrainages { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> EntreprisesOptions { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> ParrainsOptions { get; private set; } = [];

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

    public async Task<IActionResult> OnPostImmersionAsync()
    {
        if (await JeuneAccess.FindAsync(db, User, Id) is not { } jeune) return NotFound();
        var input = NouvelleImmersion;
        if (input.Type is null) ModelState.AddModelError("NouvelleImmersion.Type", "Indiquez le type de période.");
        if (input.Entreprise is null) ModelState.AddModelError("NouvelleImmersion.Entreprise", "Choisissez l'entreprise d'accueil.");
        if (input.Debut is null) ModelState.AddModelError("NouvelleImmersion.Debut", "Indiquez le début de la période.");
        if (input.Fin is null) ModelState.AddModelError("NouvelleImmersion.Fin", "Indiquez la fin de la période.");
        if (ModelState.IsValid)
        {
            try
            {
                var immersion = EmployeurStore.AjouterImmersion(db, jeune.StructureCode, jeune.JeuneId, input.Type!.Value, input.Entreprise!.Value, input.Debut!.Value,
                    input.Fin!.Value, input.Tuteur, input.Objectif);
                Audit.Add(db, User, AuditAction.Creation, "jeune", jeune.StructureCode, jeune.JeuneId, $"période en entreprise {immersion.Id}");
                await db.SaveChangesAsync();
                return Redirect($"/Employeurs/Immersion?id={immersion.Id}");
            }
            catch (EmployeurException e)
            {
                ModelState.AddModelError("NouvelleImmersion.Fin", e.Message);
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync(fillForm: true);
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostParrainerAsync(long? parrain, DateOnly? debut, long? parrainage)
    {
        if (await JeuneAccess.FindAsync(db, User, Id) is not { } jeune) return NotFound();
        if (parrainage is { } p && !await db.Parrainages.AnyAsync(x => x.Id == p && x.StructureCode == jeune.StructureCode && x.JeuneId == jeune.JeuneId)) return NotFound();
        try
        {
            if (parrain is null) throw new EmployeurException("Choisissez le parrain ou la marraine.");
            if (parrainage is { } existing) EmployeurStore.AttribuerParrain(db, jeune.StructureCode, existing, parrain.Value);
            else ParrainStore.Parrainer(db, jeune.StructureCode, jeune.JeuneId, parrain.Value, debut ?? Dates.TodayInParis(clock));
            Audit.Add(db, User, AuditAction.Modification, "jeune", jeune.StructureCode, jeune.JeuneId, $"parrain {parrain}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Jeune?id={jeune.JeuneId}#parrainage");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("parrain", e.Message);
            db.ChangeTracker.Clear();
            await LoadAsync(fillForm: true);
            await db.SaveChangesAsync();
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
        Immersions = await (from i in db.Immersions.AsNoTracking()
                            join s in db.Situations on i.SituationId equals s.Id
                            join e in db.Entreprises on i.EntrepriseId equals e.Id
                            where i.StructureCode == structure && i.JeuneId == jeune.JeuneId
                            orderby s.Debut descending
                            select new LigneImmersion(i.Id, i.Type, e.Nom, s.Debut, s.Fin, i.Suite)).ToListAsync();
        Parrainages = await (from p in db.Parrainages.AsNoTracking()
                             join l in db.ParrainageParrains on p.Id equals l.ParrainageId into ll
                             from l in ll.DefaultIfEmpty()
                             join r in db.Parrains on l.ParrainId equals r.Id into rr
                             from r in rr.DefaultIfEmpty()
                             where p.StructureCode == structure && p.JeuneId == jeune.JeuneId
                             orderby p.Debut descending
                             select new LigneParrainage(p.Id, p.Debut, p.Fin, l != null ? l.ParrainId : null, r != null ? r.Nom : null)).ToListAsync();
        EntreprisesOptions = [.. (await db.Entreprises.AsNoTracking().Where(e => e.StructureCode == structure).OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom, e.Siret }).ToListAsync())
            .Select(e => (e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{e.Nom} ({e.Siret})"))];
        ParrainsOptions = [.. (await db.Parrains.AsNoTracking().Where(p => p.StructureCode == structure && p.Actif).OrderBy(p => p.Nom).Select(p => new { p.Id, p.Nom, p.Profession }).ToListAsync())
            .Select(p => (p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Profession is null ? p.Nom : $"{p.Nom} — {p.Profession}"))];
        Audit.Add(db, User, AuditAction.Lecture, "jeune", structure, jeune.JeuneId, "espace emploi");
        return true;
    }
}
