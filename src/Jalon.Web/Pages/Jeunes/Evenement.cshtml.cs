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

    /// <summary>The « amont » schemes offered on a path: the reference list, plus an imported code it does not know (kept, not lost).</summary>
    public IEnumerable<(string Value, string Label)> OptionsAmont =>
        Domain.Amont.DispositifsAmont.Reference.Select(d => (d.Code, d.Libelle))
            .Concat(Input.Amont is { Length: > 0 } a && Domain.Amont.DispositifsAmont.Connu(a) is null ? [(a, $"{a} (hors de la liste de référence)")] : []);

    public string Type { get; private set; } = "";
    public long? EventId { get; private set; }
    public string NomComplet { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public bool PeutDiagnostiquer => User.Is(Policies.AccompagnementRoles);

    /// <summary>The structure's sites, offered for a contact: (id, name).</summary>
    public IReadOnlyList<(string Value, string Label)> Sites { get; private set; } = [];

    /// <summary>Set when the event was saved or removed meanwhile by someone else (the form is shown again).</summary>
    public string? Conflit { get; private set; }

    public const string RqthHorsCej = "La RQTH ne se coche que pour un contrat d'engagement jeune : décochez-la ou choisissez le dispositif « Contrat d'engagement jeune ».";

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

        /// <summary>The Région's « amont » scheme of a REGIONAL or LOCAL path (code of <see cref="Domain.Amont.DispositifsAmont"/>), or empty.</summary>
        public string? Amont { get; set; }

        /// <summary>A CEJ: the young person holds a « reconnaissance de la qualité de travailleur handicapé » at entry (age limit 29).</summary>
        public bool Rqth { get; set; }
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

    /// <param name="dispositif">A new path's scheme, pre-selected (e.g. <c>Cej</c> from the CEJ page).</param>
    public async Task<IActionResult> OnGetAsync(string id, string type, long? eventId, string? dispositif = null)
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
            if (type == "parcours" && Enum.TryParse<Dispositif>(dispositif, out var d) && Enum.IsDefined(d)) Input.Dispositif = d.ToString();
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
        foreach (var (field, message) in Erreurs(Type, Input, Dates.TodayInParis(clock), Sites, PeutDiagnostiquer,
            field => ModelState.TryGetValue("Input." + field, out var entry) && entry.Errors.Count > 0))
        {
            ModelState.AddModelError("Input." + field, message);
        }
    }

    /// <summary>
    /// The rules of an event's form, in French, per field (<see cref="EvenementInput"/>'s property names): the one rule set of the
    /// screens and of the REST API (Api/ApiV1.cs). <paramref name="bindingFailed"/> tells a field whose value could not be read.
    /// </summary>
    public static List<(string Field, string Message)> Erreurs(string type, EvenementInput input, DateOnly today,
        IReadOnlyList<(string Value, string Label)> sites, bool peutDiagnostiquer, Func<string, bool> bindingFailed)
    {
        var errors = new List<(string Field, string Message)>();
        bool Missing(string field) => !bindingFailed(field);
        void Require(object? value, string field, string message)
        {
            if (value is null && Missing(field)) errors.Add((field, message));
        }
        void RequireEnum<T>(string? value, string field, string message) where T : struct, Enum
        {
            if (!Enum.TryParse<T>(value, out _) || int.TryParse(value, out _)) errors.Add((field, message));
        }
        switch (type)
        {
            case "contact" or "orientation" or "proposition" or "droit":
                Require(input.Date, nameof(EvenementInput.Date), "Saisissez la date, au format jj/mm/aaaa.");
                if (input.Date > today) errors.Add((nameof(EvenementInput.Date), "La date ne peut pas être dans le futur."));
                break;
            default:
                Require(input.Debut, nameof(EvenementInput.Debut), "Saisissez la date de début, au format jj/mm/aaaa.");
                if (input.Debut is { } d && input.Fin is { } f && f < d) errors.Add((nameof(EvenementInput.Fin), JourneyRules.FinAvantDebut));
                break;
        }
        switch (type)
        {
            case "contact":
                RequireEnum<ModeContact>(input.Mode, nameof(EvenementInput.Mode), "Choisissez le mode du contact.");
                if (input.SiteId is { Length: > 0 } site && !sites.Any(x => x.Value == site))
                    errors.Add((nameof(EvenementInput.SiteId), "Choisissez un site de la structure, ou aucun."));
                if (input.Diagnostic && !peutDiagnostiquer) errors.Add((nameof(EvenementInput.Diagnostic), "Seuls les conseillers enregistrent un entretien de diagnostic."));
                else if (input.Diagnostic && input.Mode != nameof(ModeContact.Entretien)) errors.Add((nameof(EvenementInput.Diagnostic), JourneyRules.DiagnosticSansEntretien));
                if (TextLimits.Normaliser(input.Commentaire) is { Length: > TextLimits.Commentaire }) errors.Add((nameof(EvenementInput.Commentaire), TextLimits.Message("Le commentaire", TextLimits.Commentaire)));
                break;
            case "orientation":
                RequireEnum<Operateur>(input.Operateur, nameof(EvenementInput.Operateur), "Choisissez l'opérateur vers lequel le jeune est orienté.");
                break;
            case "parcours":
                RequireEnum<Dispositif>(input.Dispositif, nameof(EvenementInput.Dispositif), "Choisissez le dispositif.");
                if (!string.IsNullOrEmpty(input.Amont))
                {
                    var dispositif = Enum.TryParse<Dispositif>(input.Dispositif, out var d) && Enum.IsDefined(d) ? d : (Dispositif?)null;
                    switch (Domain.Amont.DispositifsAmont.Verifier(input.Amont, dispositif))
                    {
                        case Domain.Amont.ProblemeAmont.MalForme:
                            errors.Add((nameof(EvenementInput.Amont), "Choisissez un dispositif amont de la liste, ou aucun."));
                            break;
                        case Domain.Amont.ProblemeAmont.ParcoursNational:
                            errors.Add((nameof(EvenementInput.Amont), "Un dispositif amont ne s'applique qu'à un parcours régional ou local : choisissez « Aucun » ou un dispositif régional ou local."));
                            break;
                    }
                }
                if (input.Rqth && input.Dispositif != nameof(Dispositif.Cej))
                    errors.Add((nameof(EvenementInput.Rqth), RqthHorsCej));
                if (!string.IsNullOrEmpty(input.MotifFin))
                {
                    RequireEnum<MotifFin>(input.MotifFin, nameof(EvenementInput.MotifFin), "Choisissez un motif de fin de la liste.");
                    if (input.Fin is null && Missing(nameof(EvenementInput.Fin))) errors.Add((nameof(EvenementInput.MotifFin), JourneyRules.MotifSansFin));
                }
                break;
            case "proposition":
                RequireEnum<Theme>(input.Theme, nameof(EvenementInput.Theme), "Choisissez le thème de la proposition.");
                break;
            case "situation":
                RequireEnum<TypeSituation>(input.TypeSituation, nameof(EvenementInput.TypeSituation), "Choisissez le type de situation.");
                if (input.DureePrevueJours is < 1) errors.Add((nameof(EvenementInput.DureePrevueJours), "La durée prévue doit être d'au moins 1 jour."));
                break;
            case "droit":
                RequireEnum<DomaineDroit>(input.Domaine, nameof(EvenementInput.Domaine), "Choisissez le domaine du droit commun.");
                break;
        }
        if ((input.Debut ?? input.Date) is { } start && start < today.AddYears(-30))
            errors.Add((input.Debut is null ? nameof(EvenementInput.Date) : nameof(EvenementInput.Debut), "La date est trop ancienne : vérifiez l'année."));
        return errors;
    }

    private JeuneEventEntity Create(JeuneEntity j) => Create(Type, j, User.UserId());

    /// <summary>A new event of this type in the file, entered by hand (the screens) or by a partner system (the REST API, no author).</summary>
    public static JeuneEventEntity Create(string type, JeuneEntity j, int? auteurId) => type switch
    {
        "contact" => new ContactEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId, AuteurId = auteurId },
        "orientation" => new OrientationEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "parcours" => new ParcoursEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "proposition" => new PropositionEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "situation" => new SituationEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        "droit" => new DroitEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
        _ => new ParrainageEntity { Origine = OrigineEvenement.Saisie, StructureCode = j.StructureCode, JeuneId = j.JeuneId },
    };

    private void Apply(JeuneEventEntity entity) => Apply(entity, Input, PeutDiagnostiquer);

    /// <summary>Copies a validated input (<see cref="Erreurs"/>) into the event.</summary>
    public static void Apply(JeuneEventEntity entity, EvenementInput input, bool peutDiagnostiquer)
    {
        switch (entity)
        {
            case ContactEntity c:
                c.Date = input.Date!.Value;
                c.Mode = Enum.Parse<ModeContact>(input.Mode!);
                if (peutDiagnostiquer) c.Diagnostic = input.Diagnostic;
                c.Commentaire = TextLimits.Normaliser(input.Commentaire);
                c.SiteId = string.IsNullOrEmpty(input.SiteId) ? null : input.SiteId;
                break;
            case OrientationEntity o:
                o.Date = input.Date!.Value;
                o.Operateur = Enum.Parse<Operateur>(input.Operateur!);
                break;
            case ParcoursEntity p:
                p.Dispositif = Enum.Parse<Dispositif>(input.Dispositif!);
                p.Debut = input.Debut!.Value;
                p.Fin = input.Fin;
                p.MotifFin = string.IsNullOrEmpty(input.MotifFin) ? null : Enum.Parse<MotifFin>(input.MotifFin);
                p.Neet = input.Neet;
                p.Amont = string.IsNullOrEmpty(input.Amont) ? null : input.Amont;
                // Only a CEJ carries the RQTH; an unticked box on a CEJ imported without it stays « not recorded ».
                p.Rqth = p.Dispositif != Dispositif.Cej ? null : input.Rqth ? true : p.Rqth is null ? null : false;
                break;
            case PropositionEntity p:
                p.Date = input.Date!.Value;
                p.Theme = Enum.Parse<Theme>(input.Theme!);
                break;
            case SituationEntity s:
                s.Type = Enum.Parse<TypeSituation>(input.TypeSituation!);
                s.Debut = input.Debut!.Value;
                s.Fin = input.Fin;
                s.DureePrevueJours = input.DureePrevueJours;
                break;
            case DroitEntity d:
                d.Date = input.Date!.Value;
                d.Domaine = Enum.Parse<DomaineDroit>(input.Domaine!);
                break;
            case ParrainageEntity p:
                p.Debut = input.Debut!.Value;
                p.Fin = input.Fin;
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
            case ParcoursEntity p: Input.Dispositif = p.Dispositif.ToString(); Input.Debut = p.Debut; Input.Fin = p.Fin; Input.MotifFin = p.MotifFin?.ToString(); Input.Neet = p.Neet; Input.Amont = p.Amont; Input.Rqth = p.Rqth == true; break;
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
