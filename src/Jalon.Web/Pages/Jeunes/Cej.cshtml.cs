using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage;
using Jalon.Storage.Cej;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Jeunes;

/// <summary>
/// A young person's contrat d'engagement jeune (docs/cej.md): their weeks at a glance, the actions planned and done, the
/// individual appointments, the validation of a week's hours and the counsellor's validation of a month's allowance.
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class CejModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public sealed class ActionInput
    {
        public DateOnly? Date { get; set; }
        public string? Categorie { get; set; }
        public string? Heures { get; set; }
        public string? Libelle { get; set; }
        public bool Realisee { get; set; }
    }

    public sealed class RendezVousInput
    {
        public DateOnly? Date { get; set; }
        public TimeOnly? Heure { get; set; }
        public string? Duree { get; set; }
        public string? Objet { get; set; }
        public DateOnly? Rappel { get; set; }
    }

    public sealed class SemaineInput
    {
        public DateOnly? Lundi { get; set; }
        public string? Heures { get; set; }
    }

    public sealed class AllocationInput
    {
        public DateOnly? Mois { get; set; }
        public string? Foyer { get; set; }
        public string? AutresRevenus { get; set; }
        public bool RsaOuPrime { get; set; }
        public int? Absences { get; set; }
    }

    [BindProperty] public ActionInput Action { get; set; } = new();
    [BindProperty] public RendezVousInput RendezVous { get; set; } = new();
    [BindProperty] public SemaineInput Semaine { get; set; } = new();
    [BindProperty] public AllocationInput Alloc { get; set; } = new();

    public JeuneEntity Jeune { get; private set; } = default!;
    public string NomComplet { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public ParcoursEntity? Contrat { get; private set; }
    public List<SemaineCej> Semaines { get; private set; } = [];
    public List<CejActiviteEntity> Actions { get; private set; } = [];
    public List<CejRendezVousEntity> RendezVousListe { get; private set; } = [];
    public List<(CejSessionEntity Session, Presence Presence)> Sessions { get; private set; } = [];
    public List<CejAllocationEntity> Allocations { get; private set; } = [];
    public Dictionary<CategorieActivite, decimal> HeuresDefaut { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Erreur { get; private set; }

    public static IEnumerable<(string Value, string Label)> Categories => Libelles.Options<CategorieActivite>(CejLibelles.Of);
    public static IEnumerable<(string Value, string Label)> Foyers => Libelles.Options<FoyerFiscal>(Allocation.Libelle);

    private CejStore Store => new(db, ReglesDispositifs.Publiees);
    private Acteur Par => new(User.UserId(), User.Login());

    public async Task<IActionResult> OnGetAsync(string id, string? message)
    {
        if (!await LoadAsync(id)) return NotFound();
        Message = message;
        Action.Date = Today;
        RendezVous.Date = Today;
        Semaine.Lundi = SemainesCej.Lundi(Today).AddDays(-7);
        Alloc.Mois = Allocation.MoisDe(Today).AddMonths(-1);
        Alloc.Absences = 0;
        Audit.Add(db, User, AuditAction.Lecture, "cej", Jeune.StructureCode, Jeune.JeuneId, "consultation du contrat d'engagement jeune");
        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActionAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var categorie = Enum.TryParse<CategorieActivite>(Action.Categorie, out var c) && Enum.IsDefined(c) ? c : (CategorieActivite?)null;
        if (Action.Date is null) ModelState.AddModelError("Action.Date", "Saisissez la date de l'action.");
        if (categorie is null) ModelState.AddModelError("Action.Categorie", "Choisissez la catégorie de l'action.");
        decimal? heures = string.IsNullOrWhiteSpace(Action.Heures) && categorie is { } k && HeuresDefaut.TryGetValue(k, out var d) ? d : Heures(Action.Heures, "Action.Heures");
        if (heures is null && !ModelState.ContainsKey("Action.Heures"))
            ModelState.AddModelError("Action.Heures", "Saisissez la durée en heures (la structure n'a pas d'heures par défaut pour cette catégorie).");
        if (Action.Libelle is { Length: > 200 }) ModelState.AddModelError("Action.Libelle", "200 caractères au plus.");
        if (!ModelState.IsValid) return Page();
        db.CejActivites.Add(new CejActiviteEntity
        {
            StructureCode = Jeune.StructureCode, JeuneId = Jeune.JeuneId, Date = Action.Date!.Value, Categorie = categorie!.Value, Heures = heures!.Value,
            Libelle = string.IsNullOrWhiteSpace(Action.Libelle) ? null : Action.Libelle.Trim(), Etat = Action.Realisee ? EtatActivite.Realisee : EtatActivite.Prevue,
        });
        Audit.Add(db, User, AuditAction.Creation, CejStore.EntiteActivite, Jeune.StructureCode, Jeune.JeuneId,
            $"action {CejLibelles.Of(categorie!.Value)} du {Action.Date:dd/MM/yyyy}, {heures:0.##} h, {(Action.Realisee ? "réalisée" : "prévue")}");
        await db.SaveChangesAsync();
        return Retour("Action enregistrée.");
    }

    public async Task<IActionResult> OnPostRealiserAsync(string id, long actionId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var row = await db.CejActivites.FirstOrDefaultAsync(a => a.StructureCode == Jeune.StructureCode && a.JeuneId == Jeune.JeuneId && a.Id == actionId);
        if (row is null) return NotFound();
        row.Etat = EtatActivite.Realisee;
        Audit.Add(db, User, AuditAction.Modification, CejStore.EntiteActivite, Jeune.StructureCode, Jeune.JeuneId, $"action du {row.Date:dd/MM/yyyy} réalisée");
        await db.SaveChangesAsync();
        return Retour("Action marquée réalisée.");
    }

    public async Task<IActionResult> OnPostRendezVousAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (RendezVous.Date is null) ModelState.AddModelError("RendezVous.Date", "Saisissez la date du rendez-vous.");
        if (RendezVous.Heure is null) ModelState.AddModelError("RendezVous.Heure", "Saisissez l'heure du rendez-vous.");
        var duree = Heures(RendezVous.Duree, "RendezVous.Duree");
        if (duree is null && !ModelState.ContainsKey("RendezVous.Duree")) ModelState.AddModelError("RendezVous.Duree", "Saisissez la durée en heures.");
        if (RendezVous.Rappel is { } r && RendezVous.Date is { } dt && r > dt) ModelState.AddModelError("RendezVous.Rappel", "Le rappel se fait au plus tard le jour du rendez-vous.");
        if (RendezVous.Objet is { Length: > 200 }) ModelState.AddModelError("RendezVous.Objet", "200 caractères au plus.");
        if (!ModelState.IsValid) return Page();
        db.CejRendezVous.Add(new CejRendezVousEntity
        {
            StructureCode = Jeune.StructureCode, JeuneId = Jeune.JeuneId, Date = RendezVous.Date!.Value, Heure = RendezVous.Heure!.Value, Heures = duree!.Value,
            ConseillerId = User.UserId(), Objet = string.IsNullOrWhiteSpace(RendezVous.Objet) ? null : RendezVous.Objet.Trim(), Rappel = RendezVous.Rappel,
            Presence = Presence.Prevue,
        });
        Audit.Add(db, User, AuditAction.Creation, "cej-rendez-vous", Jeune.StructureCode, Jeune.JeuneId, $"rendez-vous du {RendezVous.Date:dd/MM/yyyy} à {RendezVous.Heure:HH\\:mm}");
        await db.SaveChangesAsync();
        return Retour("Rendez-vous enregistré.");
    }

    public async Task<IActionResult> OnPostPresenceAsync(string id, long rendezVousId, string presence)
    {
        if (!await LoadAsync(id)) return NotFound();
        var row = await db.CejRendezVous.FirstOrDefaultAsync(r => r.StructureCode == Jeune.StructureCode && r.JeuneId == Jeune.JeuneId && r.Id == rendezVousId);
        if (row is null || !Enum.TryParse<Presence>(presence, out var p) || !Enum.IsDefined(p)) return NotFound();
        row.Presence = p;
        Audit.Add(db, User, AuditAction.Modification, "cej-rendez-vous", Jeune.StructureCode, Jeune.JeuneId, $"rendez-vous du {row.Date:dd/MM/yyyy} : {CejLibelles.Of(p)}");
        await db.SaveChangesAsync();
        return Retour("Présence enregistrée.");
    }

    public async Task<IActionResult> OnPostSemaineAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Semaine.Lundi is null) ModelState.AddModelError("Semaine.Lundi", "Saisissez un jour de la semaine.");
        else if (Semaine.Lundi > Today) ModelState.AddModelError("Semaine.Lundi", "La semaine ne peut pas être dans le futur.");
        var heures = Heures(Semaine.Heures, "Semaine.Heures");
        if (heures is null && !ModelState.ContainsKey("Semaine.Heures")) ModelState.AddModelError("Semaine.Heures", "Saisissez les heures de la semaine.");
        if (!ModelState.IsValid) return Page();
        await Store.ValiderSemaineAsync(Jeune.StructureCode, Jeune.JeuneId, Semaine.Lundi!.Value, heures!.Value, Par);
        return Retour($"Semaine du {SemainesCej.Lundi(Semaine.Lundi!.Value):dd/MM/yyyy} validée : {heures:0.##} h.");
    }

    public async Task<IActionResult> OnPostAllocationAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var foyer = Enum.TryParse<FoyerFiscal>(Alloc.Foyer, out var f) && Enum.IsDefined(f) ? f : (FoyerFiscal?)null;
        if (Alloc.Mois is null) ModelState.AddModelError("Alloc.Mois", "Saisissez un jour du mois.");
        else if (Allocation.MoisDe(Alloc.Mois.Value) > Allocation.MoisDe(Today)) ModelState.AddModelError("Alloc.Mois", "Le mois ne peut pas être dans le futur.");
        if (foyer is null) ModelState.AddModelError("Alloc.Foyer", "Choisissez la situation fiscale du foyer.");
        var revenus = string.IsNullOrWhiteSpace(Alloc.AutresRevenus) ? 0m : Heures(Alloc.AutresRevenus, "Alloc.AutresRevenus", max: 100_000m, unite: "un montant en euros");
        if (Alloc.Absences is null or < 0) ModelState.AddModelError("Alloc.Absences", "Saisissez le nombre d'absences injustifiées du mois (0 s'il n'y en a pas).");
        if (!ModelState.IsValid) return Page();
        try
        {
            var row = await Store.ValiderConseillerAsync(Jeune.StructureCode, Jeune.JeuneId, Alloc.Mois!.Value, foyer!.Value, revenus!.Value, Alloc.RsaOuPrime, Alloc.Absences!.Value, Par);
            return Retour($"Allocation de {row.Mois:MM/yyyy} validée : {Allocation.Euros(row.MontantCentimes / 100m)}.");
        }
        catch (AllocationRefuseeException e)
        {
            Erreur = e.Message;
            return Page();
        }
    }

    private RedirectResult Retour(string message) => Redirect($"{BaseUrl}/Cej?message={Uri.EscapeDataString(message)}");

    /// <summary>A decimal typed by the user, « 1,5 » or « 1.5 »; null with a French error when invalid.</summary>
    private decimal? Heures(string? texte, string champ, decimal max = 168m, string unite = "un nombre d'heures")
    {
        if (string.IsNullOrWhiteSpace(texte)) return null;
        if (decimal.TryParse(texte.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v <= max) return v;
        ModelState.AddModelError(champ, $"Saisissez {unite}, par exemple 1,5 (au plus {max:0}).");
        return null;
    }

    private async Task<bool> LoadAsync(string id)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return false;
        Jeune = jeune;
        NomComplet = $"{jeune.Prenom} {jeune.Nom?.ToUpper(Libelles.Fr)}";
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        Today = Dates.TodayInParis(clock);
        var store = Store;
        var contrats = await store.ContratsAsync(jeune.StructureCode, jeune.JeuneId);
        Contrat = contrats.LastOrDefault(c => c.Debut <= Today);
        if (Contrat is not null) Semaines = await store.SemainesAsync(jeune.StructureCode, jeune.JeuneId, Contrat, Today);
        var depuis = Today.AddDays(-42);
        Actions = await db.CejActivites.AsNoTracking().Where(a => a.StructureCode == jeune.StructureCode && a.JeuneId == jeune.JeuneId && a.Date >= depuis)
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).ToListAsync();
        RendezVousListe = await db.CejRendezVous.AsNoTracking().Where(r => r.StructureCode == jeune.StructureCode && r.JeuneId == jeune.JeuneId && r.Date >= depuis)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.Heure).ToListAsync();
        Sessions = (await (from p in db.CejParticipants.AsNoTracking()
                           join s in db.CejSessions.AsNoTracking() on p.SessionId equals s.Id
                           where p.StructureCode == jeune.StructureCode && p.JeuneId == jeune.JeuneId && s.Date >= depuis
                           orderby s.Date descending
                           select new { s, p.Presence }).ToListAsync()).Select(x => (x.s, x.Presence)).ToList();
        Allocations = await db.CejAllocations.AsNoTracking().Where(a => a.StructureCode == jeune.StructureCode && a.JeuneId == jeune.JeuneId)
            .OrderByDescending(a => a.Mois).ToListAsync();
        HeuresDefaut = await db.CejHeuresDefaut.AsNoTracking().Where(h => h.StructureCode == jeune.StructureCode).ToDictionaryAsync(h => h.Categorie, h => h.Heures);
        return true;
    }
}
