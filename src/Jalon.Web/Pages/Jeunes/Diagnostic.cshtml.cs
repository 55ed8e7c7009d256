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

/// <summary>
/// The entretien de diagnostic approfondi: an individual interview (contact ENTRETIEN with diagnostic = 1) and
/// the counsellor's assessment of its nine domains (annexe 2, fiche n°1, §2.1.f).
/// </summary>
[Authorize(Policy = Policies.Accompagnement)]
public sealed class DiagnosticModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public static readonly DomaineDiagnostic[] Domaines = Enum.GetValues<DomaineDiagnostic>();

    [BindProperty]
    public DiagnosticInput Input { get; set; } = new();

    public string NomComplet { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public long? ContactId { get; private set; }

    /// <summary>Set when the diagnostic was saved meanwhile by someone else (the form is shown again).</summary>
    public string? Conflit { get; private set; }

    public sealed class DiagnosticInput
    {
        public DateOnly? Date { get; set; }
        public string? Commentaire { get; set; }
        public List<DomaineInput> Domaines { get; set; } = [];

        /// <summary>The version of the contact when the form was opened (optimistic concurrency).</summary>
        public int Version { get; set; }
    }

    public sealed class DomaineInput
    {
        public string? Appreciation { get; set; }
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string id, long? contactId)
    {
        var jeune = await PrepareAsync(id, contactId);
        if (jeune is null) return NotFound();
        Input.Domaines = Domaines.Select(_ => new DomaineInput { Appreciation = nameof(AppreciationDiagnostic.NonAborde) }).ToList();
        Input.Date = Dates.TodayInParis(clock);
        if (contactId is { } cid)
        {
            var contact = await Find(jeune, cid).AsNoTracking().FirstOrDefaultAsync();
            if (contact is null) return NotFound();
            Input.Date = contact.Date;
            Input.Commentaire = contact.Commentaire;
            Input.Version = contact.Version;
            foreach (var d in contact.DiagnosticDomaines)
                Input.Domaines[(int)d.Domaine] = new DomaineInput { Appreciation = d.Appreciation.ToString(), Note = d.Note };
            Audit.Add(db, User, AuditAction.Lecture, "diagnostic", jeune.StructureCode, jeune.JeuneId, $"ouverture (diagnostic n° {cid})");
            await db.SaveChangesAsync();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, long? contactId)
    {
        var jeune = await PrepareAsync(id, contactId);
        if (jeune is null) return NotFound();
        while (Input.Domaines.Count < Domaines.Length) Input.Domaines.Add(new DomaineInput());
        if (Input.Date is null && (!ModelState.TryGetValue("Input.Date", out var e) || e.Errors.Count == 0))
            ModelState.AddModelError("Input.Date", "Saisissez la date de l'entretien, au format jj/mm/aaaa.");
        else if (Input.Date > Dates.TodayInParis(clock))
            ModelState.AddModelError("Input.Date", "La date ne peut pas être dans le futur.");
        for (var i = 0; i < Domaines.Length; i++)
        {
            if (!Enum.TryParse<AppreciationDiagnostic>(Input.Domaines[i].Appreciation, out _))
                ModelState.AddModelError($"Input.Domaines[{i}].Appreciation", $"Choisissez une appréciation pour le domaine « {Libelles.Of(Domaines[i])} ».");
            if (TextLimits.Normaliser(Input.Domaines[i].Note) is { Length: > TextLimits.NoteDiagnostic })
                ModelState.AddModelError($"Input.Domaines[{i}].Note", TextLimits.Message("Les observations", TextLimits.NoteDiagnostic));
        }
        if (TextLimits.Normaliser(Input.Commentaire) is { Length: > TextLimits.Commentaire })
            ModelState.AddModelError("Input.Commentaire", TextLimits.Message("La synthèse", TextLimits.Commentaire));
        if (!ModelState.IsValid) return Page();

        var before = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune));
        ContactEntity? contact;
        if (contactId is { } cid)
        {
            contact = await Find(jeune, cid).FirstOrDefaultAsync();
            if (contact is null) return await ConflictAsync(jeune, "Ce diagnostic a été supprimé");
            // The domains hang on the contact: its version guards the whole diagnostic.
            db.ExpectVersion(contact, Input.Version);
        }
        else
        {
            contact = new ContactEntity { Origine = OrigineEvenement.Saisie, StructureCode = jeune.StructureCode, JeuneId = jeune.JeuneId, AuteurId = User.UserId() };
            db.Contacts.Add(contact);
        }
        contact.Date = Input.Date!.Value;
        contact.Mode = ModeContact.Entretien;
        contact.Diagnostic = true;
        contact.Commentaire = TextLimits.Normaliser(Input.Commentaire);
        for (var i = 0; i < Domaines.Length; i++)
        {
            var existing = contact.DiagnosticDomaines.FirstOrDefault(d => d.Domaine == Domaines[i]);
            if (existing is null)
            {
                existing = new DiagnosticDomaineEntity { StructureCode = jeune.StructureCode, Domaine = Domaines[i] };
                contact.DiagnosticDomaines.Add(existing);
            }
            existing.Appreciation = Enum.Parse<AppreciationDiagnostic>(Input.Domaines[i].Appreciation!);
            existing.Note = TextLimits.Normaliser(Input.Domaines[i].Note);
        }
        Audit.Add(db, User, contactId is null ? AuditAction.Creation : AuditAction.Modification, "diagnostic", jeune.StructureCode, jeune.JeuneId, "entretien de diagnostic approfondi");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(jeune, "Ce diagnostic");
        }
        TempData["Succes"] = "L'entretien de diagnostic a été enregistré.";
        var added = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune)).Except(before).ToList();
        if (added.Count > 0) TempData["Avertissement"] = string.Join('\n', added);
        return Redirect(BaseUrl);
    }

    /// <summary>A stale save: the form again with what was typed, who changed the diagnostic and when, its current version.</summary>
    private async Task<IActionResult> ConflictAsync(JeuneEntity jeune, string quoi)
    {
        Conflit = await Concurrence.MessageAsync(db, jeune.StructureCode, jeune.JeuneId, quoi);
        if (ContactId is { } id && await Find(jeune, id).AsNoTracking().FirstOrDefaultAsync() is { } current)
        {
            Input.Version = current.Version;
            ModelState.Remove("Input.Version");
        }
        else
        {
            ContactId = null; // removed meanwhile: saving again records a new diagnostic
        }
        return Page();
    }

    private IQueryable<ContactEntity> Find(JeuneEntity j, long contactId) =>
        db.Contacts.Include(c => c.DiagnosticDomaines).Where(c => c.Id == contactId && c.StructureCode == j.StructureCode && c.JeuneId == j.JeuneId && c.Diagnostic);

    private async Task<JeuneEntity?> PrepareAsync(string id, long? contactId)
    {
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return null;
        ContactId = contactId;
        NomComplet = $"{jeune.Prenom} {jeune.Nom?.ToUpper(Libelles.Fr)}";
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        return jeune;
    }
}
