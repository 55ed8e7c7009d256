using Jalon.Domain;
using Jalon.Domain.Employeurs;
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
/// A company's file: the establishment, its contact (personal data: every reading is written in the audit log), and its
/// history with the Mission Locale (exchanges, offers, MER, immersions), with the forms to record an exchange and an offer.
/// A company of another structure is « not found ».
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class EntrepriseModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "id")] public long Id { get; set; }
    [BindProperty] public EchangeInput Echange { get; set; } = new();
    [BindProperty] public OffreInput Offre { get; set; } = new();

    public sealed class EchangeInput
    {
        public DateOnly? Date { get; set; }
        public ModeEchange? Mode { get; set; }
        public ObjetEchange? Objet { get; set; }
        public string? Note { get; set; }
    }

    public sealed class OffreInput
    {
        public string? Intitule { get; set; }
        public string? Rome { get; set; }
        public TypeContrat? Contrat { get; set; }
        public int? DureeMois { get; set; }
        public int? HeuresHebdo { get; set; }
        public string? Commune { get; set; }
        public DateOnly? RecueLe { get; set; }
        public DateOnly? DebutSouhaite { get; set; }
        public int? Postes { get; set; }
    }

    /// <summary>One line of the company's history with the Mission Locale, newest first.</summary>
    public sealed record Evenement(DateOnly Date, string Quoi, string? Lien);

    public EntrepriseEntity Entreprise { get; private set; } = default!;
    public IReadOnlyList<Evenement> Historique { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Audit.Add(db, User, AuditAction.Lecture, "entreprise", Entreprise.StructureCode, null, $"entreprise {Entreprise.Id} (contact)");
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEchangeAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Echange.Date is not { } date) ModelState.AddModelError("Echange.Date", "Indiquez la date de l'échange.");
        if (Echange.Mode is null) ModelState.AddModelError("Echange.Mode", "Indiquez comment l'échange a eu lieu.");
        if (Echange.Objet is null) ModelState.AddModelError("Echange.Objet", "Indiquez l'objet de l'échange.");
        if (!ModelState.IsValid) return Page();
        EmployeurStore.AjouterEchange(db, Entreprise.StructureCode, Id, Echange.Date!.Value, Echange.Mode!.Value, Echange.Objet!.Value, User.UserId(), Echange.Note);
        Audit.Add(db, User, AuditAction.Creation, "entreprise", Entreprise.StructureCode, null, $"échange avec l'entreprise {Id}");
        await db.SaveChangesAsync();
        return Redirect($"/Employeurs/Entreprise?id={Id}");
    }

    public async Task<IActionResult> OnPostOffreAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Offre.Contrat is null) ModelState.AddModelError("Offre.Contrat", "Indiquez le type de contrat.");
        if (!ModelState.IsValid) return Page();
        try
        {
            var offre = EmployeurStore.AjouterOffre(db, Entreprise.StructureCode, Id, Offre.Intitule ?? "", (Offre.Rome ?? "").Trim().ToUpperInvariant(), Offre.Contrat!.Value,
                Offre.DureeMois, Offre.HeuresHebdo, (Offre.Commune ?? Entreprise.Commune ?? "").Trim(), Offre.RecueLe ?? Today, Offre.DebutSouhaite, Offre.Postes ?? 1);
            Audit.Add(db, User, AuditAction.Creation, "offre", Entreprise.StructureCode, null, $"offre {offre.Id} de l'entreprise {Id}");
            await db.SaveChangesAsync();
            return Redirect($"/Employeurs/Offre?id={offre.Id}");
        }
        catch (EmployeurException e)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var structure = User.StructureCode()!;
        Today = Dates.TodayInParis(clock);
        var entreprise = await db.Entreprises.AsNoTracking().SingleOrDefaultAsync(e => e.StructureCode == structure && e.Id == Id);
        if (entreprise is null) return false;
        Entreprise = entreprise;
        var historique = new List<Evenement>();
        foreach (var e in await db.EchangesEntreprises.AsNoTracking().Where(e => e.StructureCode == structure && e.EntrepriseId == Id).ToListAsync())
            historique.Add(new(e.Date, $"Échange ({EmployeurLibelles.Of(e.Mode)}) : {EmployeurLibelles.Of(e.Objet)}{(e.Note is null ? "" : " — " + e.Note)}", null));
        var offres = await db.Offres.AsNoTracking().Where(o => o.StructureCode == structure && o.EntrepriseId == Id).ToListAsync();
        foreach (var o in offres)
        {
            historique.Add(new(o.RecueLe, $"Offre reçue : {o.Intitule} ({EmployeurLibelles.Of(o.Contrat)}, {EmployeurLibelles.Metier(o.Rome)})", $"/Employeurs/Offre?id={o.Id}"));
            if (o.StatutLe is { } le) historique.Add(new(le, $"Offre {EmployeurLibelles.Of(o.Statut)} : {o.Intitule}", $"/Employeurs/Offre?id={o.Id}"));
        }
        var mers = await (from m in db.MisesEnRelation.AsNoTracking()
                          join p in db.Propositions on m.PropositionId equals p.Id
                          where m.StructureCode == structure && m.EntrepriseId == Id
                          select new { m.JeuneId, p.Date, m.Issue, m.IssueLe }).ToListAsync();
        foreach (var m in mers)
        {
            historique.Add(new(m.Date, $"Mise en relation du jeune {m.JeuneId}", $"/Jeunes/{m.JeuneId}"));
            if (m.IssueLe is { } le) historique.Add(new(le, $"Issue de la mise en relation du jeune {m.JeuneId} : {EmployeurLibelles.Of(m.Issue)}", $"/Jeunes/{m.JeuneId}"));
        }
        var immersions = await (from i in db.Immersions.AsNoTracking()
                                join s in db.Situations on i.SituationId equals s.Id
                                where i.StructureCode == structure && i.EntrepriseId == Id
                                select new { i.Id, i.JeuneId, i.Type, i.Tuteur, s.Debut, s.Fin, i.BilanLe, i.Suite }).ToListAsync();
        foreach (var i in immersions)
        {
            historique.Add(new(i.Debut, $"{EmployeurLibelles.Of(i.Type)} du jeune {i.JeuneId} jusqu'au {Libelles.Date(i.Fin)}{(i.Tuteur is null ? "" : ", tuteur " + i.Tuteur)}",
                $"/Employeurs/Immersion?id={i.Id}"));
            if (i.BilanLe is { } b) historique.Add(new(b, $"Bilan de la période du jeune {i.JeuneId} : {(i.Suite is { } suite ? EmployeurLibelles.Of(suite) : "")}", $"/Employeurs/Immersion?id={i.Id}"));
        }
        Historique = [.. historique.OrderByDescending(h => h.Date)];
        return true;
    }
}
