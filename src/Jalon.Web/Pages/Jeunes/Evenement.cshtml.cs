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
/// Records, modifies or removes one event of a journey: contact, orientation, parcours, proposition, situation,
/// droit commun, parrainage. Contacts are open to every structure staff member; the rest to conseillers and directeurs.
/// </summary>
[Authorize(Policy = Policies.Dossiers)]
public sealed class EvenementModel(JalonDbContext db, TimeProvider clock) : PageModel
{
    public static readonly string[] Types = ["contact", "orientation", "parcours", "proposition", "situation", "droit", "parrainage"];

    [BindProperty]
    public EvenementInput Input { get; set; } = new();

    public string Type { get; private set; } = "";
    public long? EventId { get; private set; }
    public string NomComplet { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public bool PeutDiagnostiquer => User.Is(Policies.AccompagnementRoles);

    /// <summary>The structure's sites, offered for a contact: (id, name).</summary>
    public IReadOnlyList<(string Value, string Label)> Sites { get; private set; } = [];

    /// <summary>Set when the event was saved or removed meanwhile by someone else (the form is shown again).</summary>
    public string? Conflit { get; private set; }

    public sealed class EvenementInput
    {
        public DateOnly? Date { get; set; }
        public DateOnly? Debut { get; set; }
        public DateOnly? Fin { get; set; }
        public string? Mode { get; set; }
        public bool Diagnostic { get; set; }
        public string? Commentaire { get; set; }
        public string? Operateur { get; set; }
        public string? Dispositif { get; set; }
        public string? MotifFin { get; set; }
        public bool Neet { get; set; }
        public string? Theme { get; set; }
        public string? TypeSituation { get; set; }
        public int? DureePrevueJours { get; set; }
        public string? Domaine { get; set; }

        /// <summary>The site of a contact (optional): one of the structure's sites.</summary>
        public string? SiteId { get; set; }

        /// <summary>The version of the event when the form was opened (optimistic concurrency).</summary>
        public int Version { get; set; }
    }

    public string Titre => (Type, EventId is null) switch
    {
        ("contact", true) => "Enregistrer un contact",
        ("contact", false) => "Modifier un contact",
        ("orientation", true) => "Enregistrer une orientation",
        ("orientation", false) => "Modifier une orientation",
        ("parcours", true) => "Enregistrer une entrée en parcours",
        ("parcours", false) => "Modifier un parcours ou enregistrer la sortie",
        ("proposition", true) => "Enregistrer une proposition",
        ("proposition", false) => "Modifier une proposition",
        ("situation", true) => "Enregistrer une situation",
        ("situation", false) => "Modifier une situation",
        ("droit", true) => "Enregistrer un accès au droit commun",
        ("droit", false) => "Modifier un accès au droit commun",
        ("parrainage", true) => "Enregistrer un parrainage",
        _ => "Modifier un parrainage",
    };

    public async Task<IActionResult> OnGetAsync(string id, string type, long? eventId)
    {
        var (jeune, denied) = await PrepareAsync(id, type, eventId);
        if (denied is not null) return denied;
        if (eventId is null)
        {
            var today = Dates.TodayInParis(clock);
            Input.Date = today;
            Input.Debut = today;
            if (type == "contact") Input.Mode = nameof(ModeContact.Entretien);
            if (type == "parcours") Input.Neet = true;
        }
        else if (await LoadAsync(jeune!, eventId.Value) is { } refused)
        {
            return refused;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string type, long? eventId)
    {
        var (jeune, denied) = await PrepareAsync(id, type, eventId);
        if (denied is not null) return denied;
        Validate();
        if (!ModelState.IsValid) return Page();

        var before = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune!));
        JeuneEventEntity? entity = eventId is { } e ? await FindAsync(jeune!, e) : null;
        if (eventId is not null && entity is null)
            return await ConflictAsync(jeune!, "Cet événement a été supprimé");
        // A diagnostic's synthesis and domains are for the accompaniment roles only.
        if (entity is ContactEntity { Diagnostic: true } && !PeutDiagnostiquer) return Forbid();
        var creating = entity is null;
        entity ??= Create(jeune!);
        if (!creating) db.ExpectVersion(entity, Input.Version);
        Apply(entity);
        if (creating) db.Add(entity);
        Audit.Add(db, User, creating ? AuditAction.Creation : AuditAction.Modification, Type, jeune!.StructureCode, jeune.JeuneId, Titre);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(jeune, "Cet événement");
        }

        TempData["Succes"] = creating ? "L'événement a été enregistré." : "Les modifications ont été enregistrées.";
        var added = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, jeune)).Except(before).ToList();
        if (added.Count > 0) TempData["Avertissement"] = string.Join('\n', added);
        return Redirect(BaseUrl);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(string id, string type, long eventId)
    {
        var (jeune, denied) = await PrepareAsync(id, type, eventId);
        if (denied is not null) return denied;
        var entity = await FindAsync(jeune!, eventId);
        if (entity is null) return NotFound();
        if (entity is ContactEntity { Diagnostic: true } && !PeutDiagnostiquer) return Forbid();
        db.ExpectVersion(entity, Input.Version);
        if (entity is ContactEntity c)
            db.DiagnosticDomaines.RemoveRange(db.DiagnosticDomaines.Where(d => d.StructureCode == c.StructureCode && d.ContactId == c.Id));
        db.Remove(entity);
        Audit.Add(db, User, AuditAction.Suppression, Type, jeune!.StructureCode, jeune.JeuneId, $"suppression ({Type} n° {eventId})");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(jeune, "Cet événement");
        }
        TempData["Succes"] = "L'événement a été supprimé.";
        return Redirect(BaseUrl);
    }

    /// <summary>
    /// A stale save or removal: the form again with what was typed, the message of who changed the event and when, and
    /// the event's current version (saving again overwrites deliberately).
    /// </summary>
    private async Task<IActionResult> ConflictAsync(JeuneEntity jeune, string quoi)
    {
        Conflit = await Concurrence.MessageAsync(db, jeune.StructureCode, jeune.JeuneId, quoi);
        if (EventId is { } id && await FindAsync(jeune, id) is { } current)
        {
            Input.Version = current.Version;
            ModelState.Remove("Input.Version");
        }
        else
        {
            // Removed meanwhile: saving again records it as a new event.
            EventId = null;
        }
        return Page();
    }

    /// <summary>Checks the type, the role for that type and the structure of the file.</summary>
    private async Task<(JeuneEntity? Jeune, IActionResult? Denied)> PrepareAsync(string id, string type, long? eventId)
    {
        Type = type.ToLowerInvariant();
        EventId = eventId;
        if (!Types.Contains(Type)) return (null, NotFound());
        if (Type != "contact" && !User.Is(Policies.AccompagnementRoles)) return (null, Forbid());
        var jeune = await JeuneAccess.FindAsync(db, User, id);
        if (jeune is null) return (null, NotFound());
        NomComplet = $"{jeune.Prenom} {jeune.Nom?.ToUpper(Libelles.Fr)}";
        BaseUrl = "/Jeunes/" + Uri.EscapeDataString(jeune.JeuneId);
        if (Type == "contact")
            Sites = (await db.Sites.AsNoTracking().Where(x => x.StructureCode == jeune.StructureCode).OrderBy(x => x.Type).ThenBy(x => x.Nom)
                .Select(x => new { x.SiteId, x.Nom }).ToListAsync()).Select(x => (x.SiteId, x.Nom)).ToList();
        return (jeune, null);
    }

    private void Validate()
    {
        const string p = "Input.";
        bool Missing(string field) => !ModelState.TryGetValue(p + field, out var entry) || entry.Errors.Count == 0;
        void Require(object? value, string field, string message)
        {
            if (value is null && Missing(field)) ModelState.AddModelError(p + field, message);
        }
        void RequireEnum<T>(string? value, string field, string message) where T : struct, Enum
        {
            if (!Enum.TryParse<T>(value, out _)) ModelState.AddModelError(p + field, message);
        }
        var today = Dates.TodayInParis(clock);
        switch (Type)
        {
            case "contact" or "orientation" or "proposition" or "droit":
                Require(Input.Date, nameof(Input.Date), "Saisissez la date, au format jj/mm/aaaa.");
                if (Input.Date > today) ModelState.AddModelError(p + nameof(Input.Date), "La date ne peut pas être dans le futur.");
                break;
            default:
                Require(Input.Debut, nameof(Input.Debut), "Saisissez la date de début, au format jj/mm/aaaa.");
                if (Input.Debut is { } d && Input.Fin is { } f && f < d) ModelState.AddModelError(p + nameof(Input.Fin), JourneyRules.FinAvantDebut);
                break;
        }
        switch (Type)
        {
            case "contact":
                RequireEnum<ModeContact>(Input.Mode, nameof(Input.Mode), "Choisissez le mode du contact.");
                if (Input.SiteId is { Length: > 0 } site && !Sites.Any(x => x.Value == site))
                    ModelState.AddModelError(p + nameof(Input.SiteId), "Choisissez un site de la structure, ou aucun.");
                if (Input.Diagnostic && !PeutDiagnostiquer) ModelState.AddModelError(p + nameof(Input.Diagnostic), "Seuls les conseillers enregistrent un entretien de diagnostic.");
                else if (Input.Diagnostic && Input.Mode != nameof(ModeContact.Entretien)) ModelState.AddModelError(p + nameof(Input.Diagnostic), JourneyRules.DiagnosticSansEntretien);
                if (TextLimits.Normaliser(Input.Commentaire) is { Length: > TextLimits.Commentaire }) ModelState.AddModelError(p + nameof(Input.Commentaire), TextLimits.Message("Le commentaire", TextLimits.Commentaire));
                break;
            case "orientation":
                RequireEnum<Operateur>(Input.Operateur, nameof(Input.Operateur), "Choisissez l'opérateur vers lequel le jeune est orienté.");
                break;
            case "parcours":
                RequireEnum<Dispositif>(Input.Dispositif, nameof(Input.Dispositif), "Choisissez le dispositif.");
                if (!string.IsNullOrEmpty(Input.MotifFin))
                {
                    RequireEnum<MotifFin>(Input.MotifFin, nameof(Input.MotifFin), "Choisissez un motif de fin de la liste.");
                    if (Input.Fin is null && Missing(nameof(Input.Fin))) ModelState.AddModelError(p + nameof(Input.MotifFin), JourneyRules.MotifSansFin);
                }
                break;
            case "proposition":
                RequireEnum<Theme>(Input.Theme, nameof(Input.Theme), "Choisissez le thème de la proposition.");
                break;
            case "situation":
                RequireEnum<TypeSituation>(Input.TypeSituation, nameof(Input.TypeSituation), "Choisissez le type de situation.");
                if (Input.DureePrevueJours is < 1) ModelState.AddModelError(p + nameof(Input.DureePrevueJours), "La durée prévue doit être d'au moins 1 jour.");
                break;
            case "droit":
                RequireEnum<DomaineDroit>(Input.Domaine, nameof(Input.Domaine), "Choisissez le domaine du droit commun.");
                break;
        }
        if ((Input.Debut ?? Input.Date) is { } start && start < today.AddYears(-30))
            ModelState.AddModelError(p + (Input.Debut is null ? nameof(Input.Date) : nameof(Input.Debut)), "La date est trop ancienne : vérifiez l'année.");
    }

    private JeuneEventEntity Create(JeuneEntity j) => Type switch
    {
        "contact" => new ContactEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId, AuteurId = User.UserId() },
        "orientation" => new OrientationEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "parcours" => new ParcoursEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "proposition" => new PropositionEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "situation" => new SituationEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "droit" => new DroitEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        _ => new ParrainageEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
    };

    private void Apply(JeuneEventEntity entity)
    {
        switch (entity)
        {
            case ContactEntity c:
                c.Date = Input.Date!.Value;
                c.Mode = Enum.Parse<ModeContact>(Input.Mode!);
                if (PeutDiagnostiquer) c.Diagnostic = Input.Diagnostic;
                c.Commentaire = TextLimits.Normaliser(Input.Commentaire);
                c.SiteId = string.IsNullOrEmpty(Input.SiteId) ? null : Input.SiteId;
                break;
            case OrientationEntity o:
                o.Date = Input.Date!.Value;
                o.Operateur = Enum.Parse<Operateur>(Input.Operateur!);
                break;
            case ParcoursEntity p:
                p.Dispositif = Enum.Parse<Dispositif>(Input.Dispositif!);
                p.Debut = Input.Debut!.Value;
                p.Fin = Input.Fin;
                p.MotifFin = string.IsNullOrEmpty(Input.MotifFin) ? null : Enum.Parse<MotifFin>(Input.MotifFin);
                p.Neet = Input.Neet;
                break;
            case PropositionEntity p:
                p.Date = Input.Date!.Value;
                p.Theme = Enum.Parse<Theme>(Input.Theme!);
                break;
            case SituationEntity s:
                s.Type = Enum.Parse<TypeSituation>(Input.TypeSituation!);
                s.Debut = Input.Debut!.Value;
                s.Fin = Input.Fin;
                s.DureePrevueJours = Input.DureePrevueJours;
                break;
            case DroitEntity d:
                d.Date = Input.Date!.Value;
                d.Domaine = Enum.Parse<DomaineDroit>(Input.Domaine!);
                break;
            case ParrainageEntity p:
                p.Debut = Input.Debut!.Value;
                p.Fin = Input.Fin;
                break;
        }
    }

    private async Task<JeuneEventEntity?> FindAsync(JeuneEntity j, long eventId)
    {
        var s = j.StructureCode;
        var id = j.JeuneId;
        return Type switch
        {
            "contact" => await db.Contacts.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            "orientation" => await db.Orientations.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            "parcours" => await db.Parcours.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            "proposition" => await db.Propositions.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            "situation" => await db.Situations.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            "droit" => await db.Droits.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
            _ => await db.Parrainages.FirstOrDefaultAsync(e => e.Id == eventId && e.StructureCode == s && e.JeuneId == id),
        };
    }

    /// <summary>Fills the form with the event; null when shown, else the refusal (not found, or a diagnostic for reception).</summary>
    private async Task<IActionResult?> LoadAsync(JeuneEntity j, long eventId)
    {
        var e = await FindAsync(j, eventId);
        if (e is null) return NotFound();
        if (e is ContactEntity { Diagnostic: true } && !PeutDiagnostiquer) return Forbid();
        Input.Version = e.Version;
        switch (e)
        {
            case ContactEntity c: Input.Date = c.Date; Input.Mode = c.Mode.ToString(); Input.Diagnostic = c.Diagnostic; Input.Commentaire = c.Commentaire; Input.SiteId = c.SiteId; break;
            case OrientationEntity o: Input.Date = o.Date; Input.Operateur = o.Operateur.ToString(); break;
            case ParcoursEntity p: Input.Dispositif = p.Dispositif.ToString(); Input.Debut = p.Debut; Input.Fin = p.Fin; Input.MotifFin = p.MotifFin?.ToString(); Input.Neet = p.Neet; break;
            case PropositionEntity p: Input.Date = p.Date; Input.Theme = p.Theme.ToString(); break;
            case SituationEntity s: Input.TypeSituation = s.Type.ToString(); Input.Debut = s.Debut; Input.Fin = s.Fin; Input.DureePrevueJours = s.DureePrevueJours; break;
            case DroitEntity d: Input.Date = d.Date; Input.Domaine = d.Domaine.ToString(); break;
            case ParrainageEntity p: Input.Debut = p.Debut; Input.Fin = p.Fin; break;
        }
        Audit.Add(db, User, AuditAction.Lecture, Type, j.StructureCode, j.JeuneId, $"ouverture ({Type} n° {eventId})");
        await db.SaveChangesAsync();
        return null;
    }
}
