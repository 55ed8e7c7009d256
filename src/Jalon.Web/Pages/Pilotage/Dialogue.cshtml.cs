using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
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
        return null;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ChargerAsync() is { } r) return r;
        ChargerReferences();
        return Page();
    }

    /// <summary>The ratios of the year analysed, as references for the targets (same engine and step as the dashboard).</summary>
    private void ChargerReferences()
    {
        var publication = indicateurs.Publier(User, Grille, Period.Year(AnneeAnalysee(Grille, Dialogue)), [Dialogue.Structure], avecN1: false);
        References = Grille.Objectifs.ToDictionary(x => x.Cle, x => publication.Valeur(Level.Structure, Dialogue.Structure, x.Cle));
    }

    /// <param name="saisie">What the form held, shown again if the save is refused because the dialogue changed meanwhile.</param>
    private async Task<IActionResult> Agir(Action<DialogueDeGestion> action, string succes, params (string Champ, string? Valeur)[] saisie)
    {
        if (await ChargerAsync() is { } r) return r;
        if (Partie is null) return Forbid();
        try
        {
            action(Dialogue);
            await Repo.EnregistrerAsync(Dialogue, Version, User.NomAffiche());
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

    public Task<IActionResult> OnPostPlanAsync(ThemePlanAction theme, string? forces, string? axes, string? actions) =>
        Agir(d => d.RedigerPlanAction(Acteur, theme, forces ?? "", axes ?? "", actions ?? ""), "Plan d'action enregistré.",
            ($"plan:{theme}:forces", forces), ($"plan:{theme}:axes", axes), ($"plan:{theme}:actions", actions));

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
