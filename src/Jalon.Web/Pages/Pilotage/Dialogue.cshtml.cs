using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Domain.Structures;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Jalon.Storage.Structures;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jalon.Web.Pages.Pilotage;

/// <summary>One dialogue de gestion: the four steps, targets, plan d'action, transitions and financing.</summary>
[Authorize(Policy = Policies.Pilotage)]
public sealed class DialogueModel(JalonDbContext db, IndicateursPilotage indicateurs, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Structure { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Annee { get; set; }

    public DialogueDeGestion Dialogue { get; private set; } = null!;
    public ConventionPluriannuelle? Convention { get; private set; }
    public string NomStructure { get; private set; } = "";
    public Acteur Acteur { get; private set; } = null!;

    /// <summary>The territory's context figures beside the region and comparable structures: shown in step 1.</summary>
    public Jalon.Web.Pages.Structure.ContexteCompare? Contexte { get; private set; }
    public Partie? Partie { get; private set; }
    /// <summary>The grid of the dialogue (the CPO's catalogue): its negotiable ratios, their units.</summary>
    public Catalogue Grille => indicateurs.Catalogues.Defaut;

    /// <summary>
    /// The value of each negotiable ratio for the year analysed, as this user may see it (through statistical secrecy
    /// for the State): the reference beside the targets.
    /// </summary>
    public Dictionary<string, ValeurPubliee> References { get; private set; } = [];

    /// <summary>
    /// Step 3 (« L'offre de service aux employeurs »): the main indicators of the employeurs catalogue (those that are no
    /// « dont » of another) for the year analysed and N−1, as this user may see them (the same publication as the
    /// dashboard: statistical secrecy for the aggregate-only roles). Null when the instance has no such catalogue.
    /// </summary>
    public Publication? Employeurs { get; private set; }

    /// <summary>The indicators of the step 3 table, in catalogue order.</summary>
    public IEnumerable<IndicatorDefinition> IndicateursEmployeurs =>
        Employeurs?.Catalogue.Indicateurs.Where(d => d.Calculable && d.Parmi is null) ?? [];

    /// <summary>The plan d'action of the dialogue (a plan of the plans' model, same id), null until an action is added.</summary>
    public Plan? PlanAction { get; private set; }

    /// <summary>The staff of the structure present today, the pilots an action may have: for the director only (the State never reads the register).</summary>
    public IReadOnlyList<MembrePersonnel> Personnel { get; private set; } = [];

    /// <summary>What the dialogue opens on: the targets of N−1 against their actual N−1 values, the N−1 actions (null without an N−1 dialogue).</summary>
    public RevueAnneePrecedente? Revue { get; private set; }

    /// <summary>The relevé de conclusions of N−1, whose commitments the review reads (seed 003).</summary>
    public ReleveDeConclusions? RelevePrecedent { get; private set; }

    /// <summary>The actual N−1 value of each ratio as this user may see it (through statistical secrecy for the aggregate-only roles).</summary>
    public Dictionary<string, ValeurPubliee> RealiseNMoins1 { get; private set; } = [];

    /// <summary>The version of the dialogue that the page's forms send back (optimistic concurrency).</summary>
    [BindProperty] public int? Version { get; set; }

    public int VersionDialogue { get; private set; }

    /// <summary>Set when a change was made on a version saved meanwhile by someone else: the page is shown again with it.</summary>
    public string? Conflit { get; private set; }

    /// <summary>What the user typed in the form whose save was refused, by field (e.g. <c>analyse:Activite</c>).</summary>
    public Dictionary<string, string?> Saisie { get; } = new(StringComparer.Ordinal);

    /// <summary>The value of a field: what was typed if its save was refused, else the stored one.</summary>
    public string? Valeur(string champ, string? stocke) => Saisie.TryGetValue(champ, out var tape) ? tape : stocke;

    private PilotageRepository Repo => new(db);

    private async Task<IActionResult?> ChargerAsync()
    {
        Acteur = User.Acteur();
        var d = await Repo.DialogueAsync(Structure, Annee);
        if (d is null) return NotFound();
        if (!Habilitations.PeutLire(Acteur, d.Structure, d.Region)) return Forbid();
        Dialogue = d;
        Partie = Habilitations.PartieDe(Acteur, d.Structure, d.Region);
        Convention = await Repo.ConventionAsync(d.Structure, d.Annee);
        NomStructure = (await db.Structures.FindAsync(d.Structure))?.Nom ?? d.Structure;
        VersionDialogue = await Repo.VersionAsync(d.Id);
        Contexte = await Jalon.Web.Pages.Structure.ContexteCompare.ChargerAsync(db, d.Structure, d.Region, AnneeAnalysee(Grille, d));
        PlanAction = await new PlanRepository(db).PlanAsync(d.Id);
        return null;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        ChargerReferences();
        await ChargerRevueAsync();
        // The staff register (names) is the structure's: its director picks a pilot; the State adds actions without one.
        if (Partie == Domain.Pilotage.Partie.MissionLocale && Dialogue.PeutModifierPlanAction(Acteur))
            Personnel = [.. (await new StructureRepository(db).PersonnelAsync(Dialogue.Structure)).Select(p => p.Membre).Where(m => m.IsActiveOn(Jour))];
        return Page();
    }

    private DateOnly Jour => Dates.TodayInParis(clock);

    /// <summary>
    /// The review of N−1: the previous dialogue's targets against the ratios of N−1 read like every figure of these pages
    /// (one publication, statistical secrecy for the aggregate-only roles), and its plan d'action's actions with their status.
    /// </summary>
    private async Task ChargerRevueAsync()
    {
        var precedent = await Repo.DialogueAsync(Dialogue.Structure, Dialogue.Annee - 1);
        if (precedent is null) return;
        var annee = Dialogue.Annee - 1;
        RealiseNMoins1 = annee == AnneeAnalysee(Grille, Dialogue)
            ? References
            : ValeursDe(indicateurs.Publier(User, Grille, Period.Year(annee), [Dialogue.Structure], avecN1: false));
        var plan = _planPrecedent = await new PlanRepository(db).PlanAsync(precedent.Id);
        Revue = RevueAnneePrecedente.Etablir(precedent, plan,
            r => Grille.TryGet(r, out var def) ? def.Sens : Sens.Neutre,
            r => RealiseNMoins1.TryGetValue(r, out var v) ? (v.Valeur, v.Masquee) : (null, false));
        var releve = await Repo.ReleveAsync(precedent);
        RelevePrecedent = releve.EstVide ? null : releve;
    }

    private Dictionary<string, ValeurPubliee> ValeursDe(Publication publication) =>
        Grille.Objectifs.ToDictionary(x => x.Cle, x => publication.Valeur(Level.Structure, Dialogue.Structure, x.Cle));

    /// <summary>A value of the review written in its ratio's unit (« s » when masked).</summary>
    public string Realise(LigneRevue l) => !Grille.TryGet(l.Objectif.Ratio, out var d) ? "—"
        : Affichage.Publie(d.Unite, RealiseNMoins1.GetValueOrDefault(l.Objectif.Ratio, ValeurPubliee.Masque));

    /// <summary>The theme of an action of the N−1 plan d'action.</summary>
    public string ThemeDe(ActionPlan a) => _planPrecedent is { } p && PlanActionDuDialogue.ThemeDe(p, a) is { } t ? t.Libelle() : "";

    private Plan? _planPrecedent;

    public string Cible(Objectif o) => Grille.TryGet(o.Ratio, out var d) ? Affichage.Valeur(d.Unite, o.Cible) : o.Cible.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ratios of the year analysed, as references for the targets (same engine and step as the dashboard).</summary>
    private void ChargerReferences()
    {
        References = ValeursDe(indicateurs.Publier(User, Grille, Period.Year(AnneeAnalysee(Grille, Dialogue)), [Dialogue.Structure], avecN1: false));
        if (indicateurs.Catalogues.TryGet(Catalogue.Employeurs, out var employeurs))
            Employeurs = indicateurs.Publier(User, employeurs, Period.Year(AnneeAnalysee(Grille, Dialogue)), [Dialogue.Structure], avecN1: true);
    }

    /// <param name="saisie">What the form held, shown again if the save is refused because the dialogue changed meanwhile.</param>
    private Task<IActionResult> Agir(Action<DialogueDeGestion> action, string succes, params (string Champ, string? Valeur)[] saisie) =>
        Agir(action, succes, null, saisie);

    /// <param name="ensuite">What else to save once the dialogue is saved (the plan d'action's sheets).</param>
    private async Task<IActionResult> Agir(Action<DialogueDeGestion> action, string succes, Func<Task>? ensuite, params (string Champ, string? Valeur)[] saisie)
    {
        if (await ChargerAsync() is { } r) return r;
        if (Partie is null) return Forbid();
        try
        {
            action(Dialogue);
            await Repo.EnregistrerAsync(Dialogue, Version, User.NomAffiche());
            if (ensuite is not null) await ensuite();
            TempData["Succes"] = succes;
        }
        catch (PilotageException e)
        {
            TempData["ErreurPilotage"] = e.Message;
        }
        catch (ModificationConcurrenteException e)
        {
            // Nothing was written: the page again, on the dialogue as it is now, with what the user typed.
            db.ChangeTracker.Clear();
            if (await ChargerAsync() is { } again) return again;
            ChargerReferences();
            await ChargerRevueAsync();
            Conflit = $"Le dialogue a été modifié entre-temps par {e.Par ?? "un autre utilisateur"}{(e.Le is { } le ? " le " + Libelles.DateHeure(le) : "")} : " +
                "votre modification n'a pas été enregistrée. Votre saisie est conservée ci-dessous : vérifiez-la au regard de ces changements, puis enregistrez à nouveau.";
            foreach (var (champ, valeur) in saisie) Saisie[champ] = valeur;
            return Page();
        }
        return Redirect($"/Pilotage/Dialogue?structure={Uri.EscapeDataString(Structure)}&annee={Annee}");
    }

    public Task<IActionResult> OnPostAnalyseAsync(EtapeDialogue etape, string? texte) =>
        Agir(d => d.RedigerAnalyse(Acteur, etape, texte ?? ""), "Analyse enregistrée.", ($"analyse:{etape}", texte));

    public Task<IActionResult> OnPostCommentaireAsync(EtapeDialogue etape, string? texte) =>
        Agir(d => d.CommenterEtape(Acteur, etape, texte ?? ""), "Commentaire enregistré.", ($"commentaire:{etape}", texte));

    public Task<IActionResult> OnPostObjectifAsync(string ratio, string? cible, string? commentaire) =>
        Agir(d =>
        {
            if (!Grille.TryGet(ratio, out var def) || !def.Objectif)
                throw new PilotageException($"« {ratio} » n'est pas un ratio de la grille sur lequel négocier un objectif.");
            if (!double.TryParse((cible ?? "").Replace(',', '.').Replace("%", "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new PilotageException("L'objectif doit être un nombre.");
            // The value kept beside the target, for the Mission Locale; the State reads references through statistical
            // secrecy only (Reference), never this stored value.
            var resultats = new Storage.Indicators.IndicatorStore(db).Compute(Grille, new IndicatorRequest(Period.Year(AnneeAnalysee(Grille, d))) { Structures = [d.Structure] });
            var reference = Publication.SansSecret(resultats).Valeur(Level.Structure, d.Structure, ratio).Valeur;
            d.FixerObjectif(Acteur, Grille.Objectifs, ratio, Affichage.Saisie(def.Unite, v), reference, commentaire);
        }, "Objectif enregistré.", ("objectif:ratio", ratio), ("objectif:cible", cible), ("objectif:commentaire", commentaire));

    /// <summary>The year whose activity the dialogue reads (the catalogue's anchoring: N−1 for the CPO).</summary>
    public static int AnneeAnalysee(Catalogue grille, DialogueDeGestion d) => grille.Ancrage == PeriodeRelative.NMoins1 ? d.Annee - 1 : d.Annee;

    /// <summary>
    /// A target's reference as this user may see it: the value stored with the target for the Mission Locale; for the
    /// aggregate-only roles, the figure of the year analysed as the step publishes it (the dashboard's cell).
    /// </summary>
    public string Reference(Objectif o) => !Grille.TryGet(o.Ratio, out var d) ? "—"
        : User.Secret() ? Affichage.Publie(d.Unite, References.GetValueOrDefault(o.Ratio, ValeurPubliee.Masque))
        : o.Reference is { } x ? Affichage.Valeur(d.Unite, x) : "—";

    public Task<IActionResult> OnPostRetirerObjectifAsync(string ratio) =>
        Agir(d => d.RetirerObjectif(Acteur, ratio), "Objectif retiré.");

    public Task<IActionResult> OnPostPlanAsync(ThemePlanAction theme, string? forces, string? axes) =>
        Agir(d => d.RedigerPlanAction(Acteur, theme, forces ?? "", axes ?? ""), "Synthèse du plan d'action enregistrée.",
            ($"plan:{theme}:forces", forces), ($"plan:{theme}:axes", axes));

    /// <summary>
    /// Adds a priority action under a theme: an action sheet of the dialogue's plan (created with the first one), through
    /// the plans' own rules; the dialogue is saved first (its version checked, its validations withdrawn), then the plan.
    /// </summary>
    public async Task<IActionResult> OnPostActionAsync(ThemePlanAction theme, string? titre, string? piloteId, DateOnly? echeance)
    {
        var personnel = (await new StructureRepository(db).PersonnelAsync(Structure)).Select(p => p.Membre).ToList();
        Plan? plan = null;
        ActionPlan? ajoutee = null;
        return await Agir(d =>
        {
            plan = PlanAction ?? PlanActionDuDialogue.Creer(d);
            var pilote = string.IsNullOrEmpty(piloteId) || Partie != Domain.Pilotage.Partie.MissionLocale ? null : new Pilote(piloteId, "");
            ajoutee = PlanActionDuDialogue.AjouterAction(d, plan, Acteur, theme, new ContenuAction(titre ?? "", pilote, "", "", "", echeance, []), personnel, Jour);
        }, "Action ajoutée au plan d'action.", async () =>
        {
            var plans = new PlanRepository(db);
            await plans.EnregistrerAsync(plan!, PlanAction is null ? null : await plans.VersionAsync(plan!.Id), User.NomAffiche());
            Audit.Add(db, User, Storage.Entities.AuditAction.Modification, "plan", plan!.Structure, null, $"{plan.Titre} — action ajoutée : {ajoutee!.Contenu.Titre}");
            await db.SaveChangesAsync();
        }, ($"action:{theme}:titre", titre));
    }

    public Task<IActionResult> OnPostTransitionAsync(ActionDialogue action, string? motif, DateOnly? dateSignature) =>
        Agir(d =>
        {
            var maintenant = clock.GetUtcNow();
            switch (action)
            {
                case ActionDialogue.Transmettre: d.Transmettre(Acteur, maintenant); break;
                case ActionDialogue.Renvoyer: d.Renvoyer(Acteur, maintenant, motif ?? ""); break;
                case ActionDialogue.OuvrirDialogue: d.OuvrirDialogue(Acteur, maintenant); break;
                case ActionDialogue.SignerAvenant: d.SignerAvenant(Acteur, maintenant, dateSignature ?? Dates.TodayInParis(clock)); break;
                default: throw new PilotageException("Action inconnue.");
            }
        }, "Transition enregistrée.", ("transition:motif", motif));

    public Task<IActionResult> OnPostValiderAsync() =>
        Agir(d => d.ValiderConclusions(Acteur, clock.GetUtcNow()), "Conclusions validées.");

    /// <summary>The State records the convention (initial yearly amounts), if there is none yet.</summary>
    public async Task<IActionResult> OnPostConventionAsync(string numero, int anneeDebut, int anneeFin, DateOnly? notification,
        decimal subvention, decimal parrainage, decimal fipjDirectes, decimal fipjIndirectes, string? siret, string? codeApe)
    {
        if (await ChargerAsync() is { } r) return r;
        if (Partie != Domain.Pilotage.Partie.Etat) return Forbid();
        try
        {
            if (Convention is not null) throw new PilotageException("Une convention couvre déjà cette année.");
            if ((siret ?? "").Trim().Length > TextLimits.Siret) throw new PilotageException(TextLimits.Message("Le SIRET", TextLimits.Siret));
            if ((codeApe ?? "").Trim().Length > TextLimits.CodeApe) throw new PilotageException(TextLimits.Message("Le code APE", TextLimits.CodeApe));
            var c = ConventionPluriannuelle.Signer(Acteur, Dialogue.Structure, Dialogue.Region, numero, anneeDebut, anneeFin,
                new MontantsAnnuels(subvention, parrainage, fipjDirectes, fipjIndirectes), notification, clock.GetUtcNow());
            await Repo.EnregistrerAsync(c, (siret ?? "").Trim(), (codeApe ?? "").Trim());
            TempData["Succes"] = "Convention enregistrée.";
        }
        catch (PilotageException e)
        {
            TempData["ErreurPilotage"] = e.Message;
        }
        return Redirect($"/Pilotage/Dialogue?structure={Uri.EscapeDataString(Structure)}&annee={Annee}");
    }

    /// <summary>The State decides the financing of the campaign year (± 10 % rule).</summary>
    public async Task<IActionResult> OnPostFinancementAsync(decimal subvention, decimal parrainage, decimal fipjDirectes, decimal fipjIndirectes, string? motif)
    {
        if (await ChargerAsync() is { } r) return r;
        if (Partie != Domain.Pilotage.Partie.Etat) return Forbid();
        try
        {
            if (Convention is null) throw new PilotageException("Enregistrez d'abord la convention pluriannuelle de la Mission locale.");
            Convention.Decider(Acteur, Dialogue, new MontantsAnnuels(subvention, parrainage, fipjDirectes, fipjIndirectes), clock.GetUtcNow(), motif);
            await Repo.EnregistrerAsync(Convention);
            TempData["Succes"] = "Financement enregistré.";
        }
        catch (PilotageException e)
        {
            TempData["ErreurPilotage"] = e.Message;
        }
        return Redirect($"/Pilotage/Dialogue?structure={Uri.EscapeDataString(Structure)}&annee={Annee}");
    }

    public static string Nombre(decimal m) => m.ToString("0.##", CultureInfo.InvariantCulture);
}
