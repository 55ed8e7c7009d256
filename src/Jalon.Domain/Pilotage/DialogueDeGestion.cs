namespace Jalon.Domain.Pilotage;

/// <summary>What moves a dialogue from one state to another.</summary>
public enum ActionDialogue : byte
{
    Creer,
    Transmettre,
    Renvoyer,
    OuvrirDialogue,
    Conclure,
    SignerAvenant,
}

/// <summary>One allowed move of the state machine: from, to, by which party.</summary>
public sealed record RegleTransition(ActionDialogue Action, EtatDialogue De, EtatDialogue Vers, Partie Par, string Libelle);

/// <summary>One line of the transition log: every change of state, dated and signed.</summary>
public sealed record TransitionDialogue(
    ActionDialogue Action,
    EtatDialogue De,
    EtatDialogue Vers,
    DateTimeOffset Le,
    string Par,
    Role Role,
    string? Commentaire);

/// <summary>What each party wrote for one step of the dialogue.</summary>
public sealed record ContributionEtape(EtapeDialogue Etape, string AnalyseMissionLocale, string CommentaireEtat);

/// <summary>A target negotiated on a CPO ratio for the campaign year, next to the value of the year analysed.</summary>
public sealed record Objectif(string Ratio, double Cible, double? Reference, string? Commentaire);

/// <summary>
/// One row of the synthesis of the plan d'action: a theme, its strengths and areas for progress. Its priority actions
/// are action sheets of the dialogue's plan (<see cref="PlanActionDuDialogue"/>), not text of the dialogue.
/// </summary>
public sealed record LignePlanAction(ThemePlanAction Theme, string Forces, string AxesDeProgres);

/// <summary>A validation of the conclusions by one party.</summary>
public sealed record Validation(Partie Partie, string Par, DateTimeOffset Le);

/// <summary>
/// The dialogue de gestion of one Mission Locale for one campaign year (instruction DGEFP 2015/367, annexe 2, fiche n°1).
/// The campaign of year <see cref="Annee"/> analyses the activity of <see cref="AnneeAnalysee"/> (N−1), negotiates the
/// targets and the financing of <see cref="Annee"/>, and ends with the avenant of that year.
/// Explicit state machine (<see cref="Transitions"/>), every move logged in <see cref="Journal"/>.
/// Nothing can be edited once concluded.
/// </summary>
public sealed class DialogueDeGestion
{
    /// <summary>The transition table: the only moves allowed.</summary>
    public static IReadOnlyList<RegleTransition> Transitions { get; } =
    [
        new(ActionDialogue.Transmettre, EtatDialogue.Preparation, EtatDialogue.Transmis, Partie.MissionLocale, "Transmettre aux services de l'État"),
        new(ActionDialogue.Renvoyer, EtatDialogue.Transmis, EtatDialogue.Preparation, Partie.Etat, "Renvoyer à la Mission locale pour compléments"),
        new(ActionDialogue.OuvrirDialogue, EtatDialogue.Transmis, EtatDialogue.EnDialogue, Partie.Etat, "Ouvrir le dialogue"),
        new(ActionDialogue.Conclure, EtatDialogue.EnDialogue, EtatDialogue.Conclu, Partie.Etat, "Conclure (validation des deux parties)"),
        new(ActionDialogue.SignerAvenant, EtatDialogue.Conclu, EtatDialogue.AvenantSigne, Partie.Etat, "Enregistrer la signature de l'avenant"),
    ];

    private readonly Dictionary<EtapeDialogue, ContributionEtape> _etapes = [];
    private readonly List<Objectif> _objectifs = [];
    private readonly Dictionary<ThemePlanAction, LignePlanAction> _plan = [];
    private readonly List<TransitionDialogue> _journal = [];
    private readonly List<Validation> _validations = [];

    private DialogueDeGestion(Guid id, string structure, string region, int annee)
    {
        Id = id;
        Structure = structure;
        Region = region;
        Annee = annee;
        foreach (var e in Referentiel.Etapes) _etapes[e] = new ContributionEtape(e, "", "");
        foreach (var t in Referentiel.Themes) _plan[t] = new LignePlanAction(t, "", "");
    }

    public Guid Id { get; }

    /// <summary>Code of the Mission Locale.</summary>
    public string Structure { get; }

    /// <summary>INSEE code of its region.</summary>
    public string Region { get; }

    /// <summary>Campaign year: targets, financing and avenant of this year.</summary>
    public int Annee { get; }

    /// <summary>The year whose activity is analysed (N−1 of the campaign).</summary>
    public int AnneeAnalysee => Annee - 1;

    public EtatDialogue Etat { get; private set; }

    /// <summary>Signature date of the avenant, once signed.</summary>
    public DateOnly? DateSignatureAvenant { get; private set; }

    public IReadOnlyList<ContributionEtape> Etapes => Referentiel.Etapes.Select(e => _etapes[e]).ToList();

    public ContributionEtape Etape(EtapeDialogue etape) => _etapes[etape];

    public IReadOnlyList<Objectif> Objectifs => _objectifs;

    public IReadOnlyList<LignePlanAction> PlanAction => Referentiel.Themes.Select(t => _plan[t]).ToList();

    public IReadOnlyList<TransitionDialogue> Journal => _journal;

    /// <summary>Validations of the conclusions given in the current dialogue (reset by any change of its content).</summary>
    public IReadOnlyList<Validation> Validations => _validations;

    public bool EstValidePar(Partie partie) => _validations.Any(v => v.Partie == partie);

    /// <summary>Once concluded, the content is frozen.</summary>
    public bool EstFige => Etat is EtatDialogue.Conclu or EtatDialogue.AvenantSigne;

    /// <summary>Opens the dialogue of a structure for a campaign year, in preparation by the Mission Locale.</summary>
    public static DialogueDeGestion Ouvrir(Acteur acteur, string structure, string region, int annee, DateTimeOffset le, Guid? id = null)
    {
        if (string.IsNullOrWhiteSpace(structure)) throw new ArgumentException("Structure requise.", nameof(structure));
        if (annee is < 2000 or > 2100) throw new PilotageException($"L'année {annee} n'est pas une année de campagne valide.");
        var partie = Habilitations.PartieDe(acteur, structure, region);
        if (partie is null)
            throw new PilotageException("Seuls le directeur de la Mission locale ou l'agent de l'État de sa région peuvent ouvrir son dialogue de gestion.");
        var d = new DialogueDeGestion(id ?? Guid.NewGuid(), structure, region, annee);
        d._journal.Add(new TransitionDialogue(ActionDialogue.Creer, EtatDialogue.Preparation, EtatDialogue.Preparation, le, acteur.Nom, acteur.Role, "Ouverture du dialogue de gestion " + annee));
        return d;
    }

    /// <summary>Rebuilds a stored dialogue, as it was saved (storage only: no rule is replayed).</summary>
    public static DialogueDeGestion Restaurer(
        Guid id, string structure, string region, int annee, EtatDialogue etat, DateOnly? dateSignature,
        IEnumerable<ContributionEtape> etapes, IEnumerable<Objectif> objectifs, IEnumerable<LignePlanAction> plan,
        IEnumerable<TransitionDialogue> journal, IEnumerable<Validation> validations)
    {
        var d = new DialogueDeGestion(id, structure, region, annee) { Etat = etat, DateSignatureAvenant = dateSignature };
        foreach (var e in etapes) d._etapes[e.Etape] = e;
        d._objectifs.AddRange(objectifs);
        foreach (var l in plan) d._plan[l.Theme] = l;
        d._journal.AddRange(journal.OrderBy(t => t.Le));
        d._validations.AddRange(validations);
        return d;
    }

    // ---- content ----

    /// <summary>The Mission Locale writes its analysis of a step (in preparation or during the dialogue).</summary>
    public void RedigerAnalyse(Acteur acteur, EtapeDialogue etape, string texte)
    {
        Exiger(acteur, Partie.MissionLocale, "rédiger l'analyse de la Mission locale");
        ExigerEtat("modifier l'analyse de la Mission locale", EtatDialogue.Preparation, EtatDialogue.EnDialogue);
        _etapes[etape] = _etapes[etape] with { AnalyseMissionLocale = Limiter(Nettoyer(texte), TextLimits.TexteDialogue, "L'analyse") };
        ContenuModifie();
    }

    /// <summary>The State writes its comments on a step, once the dialogue is transmitted.</summary>
    public void CommenterEtape(Acteur acteur, EtapeDialogue etape, string texte)
    {
        Exiger(acteur, Partie.Etat, "commenter au nom de l'État");
        ExigerEtat("commenter une étape", EtatDialogue.Transmis, EtatDialogue.EnDialogue);
        _etapes[etape] = _etapes[etape] with { CommentaireEtat = Limiter(Nettoyer(texte), TextLimits.TexteDialogue, "Le commentaire") };
        ContenuModifie();
    }

    /// <summary>
    /// Sets (or replaces) the target on a ratio of the grid (<paramref name="ratios"/>, the negotiable ratios of the
    /// catalogue, in their order). The Mission Locale may propose in preparation; both negotiate during the dialogue.
    /// </summary>
    public void FixerObjectif(Acteur acteur, IReadOnlyList<RatioObjectif> ratios, string ratio, double cible, double? reference = null, string? commentaire = null)
    {
        ExigerPartie(acteur, "fixer un objectif");
        ExigerEtat("fixer un objectif", EtatDialogue.Preparation, EtatDialogue.EnDialogue);
        var r = ratios.FirstOrDefault(x => x.Cle == ratio)
            ?? throw new PilotageException($"« {ratio} » n'est pas un ratio de la grille sur lequel négocier un objectif ({string.Join(", ", ratios.Select(x => x.Cle))}).");
        if (double.IsNaN(cible) || double.IsInfinity(cible) || cible < 0)
            throw new PilotageException($"L'objectif du {r.Cle} doit être un nombre positif.");
        if (r.EstTaux && cible > 1)
            throw new PilotageException($"L'objectif du {r.Cle} est un taux : il doit être compris entre 0 % et 100 %.");
        var objectif = new Objectif(r.Cle, cible, reference, string.IsNullOrWhiteSpace(commentaire) ? null : Limiter(Nettoyer(commentaire), TextLimits.Motif, "Le commentaire de l'objectif"));
        var i = _objectifs.FindIndex(o => o.Ratio == r.Cle);
        if (i >= 0) _objectifs[i] = objectif;
        else
        {
            _objectifs.Add(objectif);
            int Ordre(string cle) => ratios.Select(x => x.Cle).ToList().IndexOf(cle) is var k and >= 0 ? k : int.MaxValue;
            _objectifs.Sort((a, b) => Ordre(a.Ratio).CompareTo(Ordre(b.Ratio)));
        }
        ContenuModifie();
    }

    public void RetirerObjectif(Acteur acteur, string ratio)
    {
        ExigerPartie(acteur, "retirer un objectif");
        ExigerEtat("retirer un objectif", EtatDialogue.Preparation, EtatDialogue.EnDialogue);
        if (_objectifs.RemoveAll(o => o.Ratio == ratio) == 0)
            throw new PilotageException($"Aucun objectif n'est fixé sur le {ratio}.");
        ContenuModifie();
    }

    /// <summary>Writes one row of the synthesis of the plan d'action (during preparation or dialogue, by either party).</summary>
    public void RedigerPlanAction(Acteur acteur, ThemePlanAction theme, string forces, string axesDeProgres)
    {
        ModifierPlanAction(acteur);
        _plan[theme] = new LignePlanAction(theme, Limiter(Nettoyer(forces), TextLimits.TextePlanAction, "Les forces"),
            Limiter(Nettoyer(axesDeProgres), TextLimits.TextePlanAction, "Les axes de progrès"));
    }

    /// <summary>
    /// Checks that this actor may change the plan d'action now — its synthesis or its action sheets, which the plans'
    /// own code changes (<see cref="PlanActionDuDialogue"/>) — and withdraws the validations already given.
    /// </summary>
    public void ModifierPlanAction(Acteur acteur)
    {
        ExigerPartie(acteur, "rédiger le plan d'action");
        ExigerEtat("modifier le plan d'action", EtatDialogue.Preparation, EtatDialogue.EnDialogue);
        ContenuModifie();
    }

    /// <summary>May this actor change the plan d'action now (either party, in preparation or during the dialogue)?</summary>
    public bool PeutModifierPlanAction(Acteur acteur) =>
        Habilitations.PartieDe(acteur, Structure, Region) is not null && Etat is EtatDialogue.Preparation or EtatDialogue.EnDialogue;

    // ---- transitions ----

    /// <summary>The Mission Locale sends its analyses to the State services.</summary>
    public void Transmettre(Acteur acteur, DateTimeOffset le)
    {
        var regle = Regle(ActionDialogue.Transmettre, acteur);
        var manquantes = _etapes.Values.Where(e => e.AnalyseMissionLocale.Length == 0).Select(e => e.Etape.Libelle()).ToList();
        if (manquantes.Count > 0)
            throw new PilotageException("Le dialogue ne peut pas être transmis : l'analyse de la Mission locale manque pour " + string.Join(", ", manquantes) + ".");
        Appliquer(regle, acteur, le, null);
    }

    /// <summary>The State sends the dialogue back to the Mission Locale, saying why.</summary>
    public void Renvoyer(Acteur acteur, DateTimeOffset le, string motif)
    {
        var regle = Regle(ActionDialogue.Renvoyer, acteur);
        if (string.IsNullOrWhiteSpace(motif)) throw new PilotageException("Indiquez le motif du renvoi à la Mission locale.");
        Appliquer(regle, acteur, le, Limiter(Nettoyer(motif), TextLimits.Motif, "Le motif du renvoi"));
    }

    /// <summary>The State opens the dialogue (the meeting is held).</summary>
    public void OuvrirDialogue(Acteur acteur, DateTimeOffset le) => Appliquer(Regle(ActionDialogue.OuvrirDialogue, acteur), acteur, le, null);

    /// <summary>
    /// One party validates the conclusions. When both have validated, the dialogue is concluded
    /// (logged as a transition by the second one) and frozen.
    /// </summary>
    public void ValiderConclusions(Acteur acteur, DateTimeOffset le)
    {
        var partie = Habilitations.PartieDe(acteur, Structure, Region)
            ?? throw new PilotageException("Seuls le directeur de la Mission locale et l'agent de l'État de la région peuvent valider les conclusions.");
        if (Etat != EtatDialogue.EnDialogue)
            throw new PilotageException($"Les conclusions ne peuvent être validées que pendant le dialogue (état actuel : {Etat.Libelle()}).");
        if (EstValidePar(partie)) throw new PilotageException($"Les conclusions sont déjà validées par la partie « {partie.Libelle()} ».");
        if (partie == Partie.Etat && _objectifs.Count == 0)
            throw new PilotageException("Aucun objectif n'a été négocié : fixez au moins un objectif sur un ratio avant de conclure.");
        _validations.Add(new Validation(partie, acteur.Nom, le));
        if (EstValidePar(Partie.MissionLocale) && EstValidePar(Partie.Etat))
        {
            var regle = Transitions.Single(t => t.Action == ActionDialogue.Conclure);
            var note = string.Join(" ; ", _validations.Select(v => $"validé par {v.Par} ({v.Partie.Libelle()})"));
            Bouger(regle, acteur, le, note);
        }
    }

    /// <summary>The State records the signature of the avenant.</summary>
    public void SignerAvenant(Acteur acteur, DateTimeOffset le, DateOnly dateSignature)
    {
        var regle = Regle(ActionDialogue.SignerAvenant, acteur);
        Appliquer(regle, acteur, le, $"Avenant signé le {dateSignature:dd/MM/yyyy}");
        DateSignatureAvenant = dateSignature;
    }

    /// <summary>The actions an actor can take now (to show only the buttons that will work).</summary>
    public IReadOnlyList<RegleTransition> ActionsPossibles(Acteur acteur)
    {
        var partie = Habilitations.PartieDe(acteur, Structure, Region);
        if (partie is null) return [];
        return Transitions.Where(t => t.De == Etat && t.Par == partie && t.Action != ActionDialogue.Conclure).ToList();
    }

    /// <summary>May this actor edit the given kind of content now?</summary>
    public bool PeutModifier(Acteur acteur, Partie contenu)
    {
        var partie = Habilitations.PartieDe(acteur, Structure, Region);
        if (partie != contenu) return false;
        return contenu == Partie.MissionLocale
            ? Etat is EtatDialogue.Preparation or EtatDialogue.EnDialogue
            : Etat is EtatDialogue.Transmis or EtatDialogue.EnDialogue;
    }

    // ---- rules ----

    private RegleTransition Regle(ActionDialogue action, Acteur acteur)
    {
        var regles = Transitions.Where(t => t.Action == action).ToList();
        var regle = regles.FirstOrDefault(t => t.De == Etat);
        if (regle is null)
        {
            var depuis = string.Join(" ou ", regles.Select(r => "« " + r.De.Libelle() + " »"));
            throw new PilotageException($"Action « {regles[0].Libelle} » impossible : le dialogue est « {Etat.Libelle()} », il doit être {depuis}.");
        }
        var partie = Habilitations.PartieDe(acteur, Structure, Region);
        if (partie != regle.Par)
            throw new PilotageException($"Action « {regle.Libelle} » réservée à la partie « {regle.Par.Libelle()} » ({(regle.Par == Partie.Etat ? "agent de l'État de la région" : "directeur de la Mission locale")}).");
        return regle;
    }

    private void Appliquer(RegleTransition regle, Acteur acteur, DateTimeOffset le, string? commentaire) => Bouger(regle, acteur, le, commentaire);

    private void Bouger(RegleTransition regle, Acteur acteur, DateTimeOffset le, string? commentaire)
    {
        if (_journal.Count > 0 && le < _journal[^1].Le)
            throw new PilotageException("Une transition ne peut pas être antérieure à la précédente.");
        _journal.Add(new TransitionDialogue(regle.Action, Etat, regle.Vers, le, acteur.Nom, acteur.Role, commentaire));
        Etat = regle.Vers;
        if (regle.Vers != EtatDialogue.Conclu && regle.Vers != EtatDialogue.AvenantSigne) _validations.Clear();
    }

    private void Exiger(Acteur acteur, Partie partie, string quoi)
    {
        if (Habilitations.PartieDe(acteur, Structure, Region) != partie)
            throw new PilotageException($"Vous ne pouvez pas {quoi} : action réservée à la partie « {partie.Libelle()} » de ce dialogue.");
    }

    private void ExigerPartie(Acteur acteur, string quoi)
    {
        if (Habilitations.PartieDe(acteur, Structure, Region) is null)
            throw new PilotageException($"Vous ne pouvez pas {quoi} : seuls le directeur de la Mission locale et l'agent de l'État de la région sont parties au dialogue.");
    }

    private void ExigerEtat(string quoi, params EtatDialogue[] permis)
    {
        if (EstFige)
            throw new PilotageException($"Impossible de {quoi} : le dialogue est conclu, plus rien n'est modifiable.");
        if (!permis.Contains(Etat))
            throw new PilotageException($"Impossible de {quoi} quand le dialogue est « {Etat.Libelle()} ».");
    }

    /// <summary>Any change of content during the dialogue withdraws the validations already given.</summary>
    private void ContenuModifie() => _validations.Clear();

    private static string Nettoyer(string? texte) => (texte ?? "").Replace("\r\n", "\n").Trim();

    /// <summary>Refuses a text over its limit (<see cref="TextLimits"/>), with the French message the form shows.</summary>
    internal static string Limiter(string texte, int limite, string libelle) =>
        texte.Length <= limite ? texte : throw new PilotageException(TextLimits.Message(libelle, limite));
}
