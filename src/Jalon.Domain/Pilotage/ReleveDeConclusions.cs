namespace Jalon.Domain.Pilotage;

/// <summary>
/// The relevé de conclusions of a dialogue de gestion (seed 003: « formaliser les engagements de chacun et le plan
/// d'action qui en découle dans un relevé de conclusions, coproduit par la DIRECCTE et la ML »): the conclusions, the
/// commitments of the Mission Locale and those of the State, written by either party at the end of the dialogue (once it
/// is held: during the dialogue or after its conclusion), validated by both — the director and the State agent of the
/// region — and frozen once both have validated. Any change withdraws the validations already given.
/// </summary>
public sealed class ReleveDeConclusions
{
    private readonly List<Validation> _validations = [];

    private ReleveDeConclusions(Guid dialogueId, string structure, string region, int annee)
    {
        DialogueId = dialogueId;
        Structure = structure;
        Region = region;
        Annee = annee;
    }

    public Guid DialogueId { get; }

    public string Structure { get; }

    public string Region { get; }

    public int Annee { get; }

    public string Conclusions { get; private set; } = "";

    public string EngagementsMissionLocale { get; private set; } = "";

    public string EngagementsEtat { get; private set; } = "";

    public IReadOnlyList<Validation> Validations => _validations;

    public bool EstValidePar(Partie partie) => _validations.Any(v => v.Partie == partie);

    /// <summary>Validated by both parties: nothing can change any more.</summary>
    public bool EstFige => EstValidePar(Partie.MissionLocale) && EstValidePar(Partie.Etat);

    public bool EstVide => Conclusions.Length == 0 && EngagementsMissionLocale.Length == 0 && EngagementsEtat.Length == 0;

    /// <summary>The (empty) relevé of a dialogue.</summary>
    public static ReleveDeConclusions De(DialogueDeGestion dialogue) => new(dialogue.Id, dialogue.Structure, dialogue.Region, dialogue.Annee);

    /// <summary>Rebuilds a stored relevé (storage only: no rule is replayed).</summary>
    public static ReleveDeConclusions Restaurer(Guid dialogueId, string structure, string region, int annee, string conclusions,
        string engagementsMissionLocale, string engagementsEtat, IEnumerable<Validation> validations)
    {
        var r = new ReleveDeConclusions(dialogueId, structure, region, annee)
        {
            Conclusions = conclusions, EngagementsMissionLocale = engagementsMissionLocale, EngagementsEtat = engagementsEtat,
        };
        r._validations.AddRange(validations.OrderBy(v => v.Le));
        return r;
    }

    /// <summary>May this actor write or validate the relevé now?</summary>
    public bool PeutModifier(Acteur acteur, DialogueDeGestion dialogue) =>
        Habilitations.PartieDe(acteur, Structure, Region) is not null && !EstFige && Ouvert(dialogue);

    /// <summary>Either party writes the relevé (the whole of it: it is co-produced); the validations already given are withdrawn.</summary>
    public void Rediger(Acteur acteur, DialogueDeGestion dialogue, string conclusions, string engagementsMissionLocale, string engagementsEtat)
    {
        Exiger(acteur, dialogue, "rédiger le relevé de conclusions");
        Conclusions = DialogueDeGestion.Limiter(Nettoyer(conclusions), TextLimits.TexteDialogue, "Les conclusions");
        EngagementsMissionLocale = DialogueDeGestion.Limiter(Nettoyer(engagementsMissionLocale), TextLimits.TexteDialogue, "Les engagements de la Mission locale");
        EngagementsEtat = DialogueDeGestion.Limiter(Nettoyer(engagementsEtat), TextLimits.TexteDialogue, "Les engagements de l'État");
        _validations.Clear();
    }

    /// <summary>One party validates the relevé as written; the second validation freezes it.</summary>
    public Partie Valider(Acteur acteur, DialogueDeGestion dialogue, DateTimeOffset le)
    {
        var partie = Exiger(acteur, dialogue, "valider le relevé de conclusions");
        if (EstValidePar(partie)) throw new PilotageException($"Le relevé de conclusions est déjà validé par la partie « {partie.Libelle()} ».");
        var manque = new[] { ("les conclusions", Conclusions), ("les engagements de la Mission locale", EngagementsMissionLocale), ("les engagements de l'État", EngagementsEtat) }
            .Where(x => x.Item2.Length == 0).Select(x => x.Item1).ToList();
        if (manque.Count > 0)
            throw new PilotageException("Le relevé de conclusions ne peut pas être validé : il manque " + string.Join(", ", manque) + ".");
        _validations.Add(new Validation(partie, acteur.Nom, le));
        return partie;
    }

    /// <summary>The relevé is written once the dialogue is held: during it, or after its conclusion.</summary>
    private static bool Ouvert(DialogueDeGestion d) => d.Etat is EtatDialogue.EnDialogue or EtatDialogue.Conclu or EtatDialogue.AvenantSigne;

    private Partie Exiger(Acteur acteur, DialogueDeGestion dialogue, string quoi)
    {
        if (dialogue.Id != DialogueId) throw new PilotageException("Ce relevé n'est pas celui de ce dialogue de gestion.");
        var partie = Habilitations.PartieDe(acteur, Structure, Region)
            ?? throw new PilotageException($"Vous ne pouvez pas {quoi} : seuls le directeur de la Mission locale et l'agent de l'État de la région sont parties au dialogue.");
        if (EstFige) throw new PilotageException($"Impossible de {quoi} : il est validé par les deux parties, plus rien n'est modifiable.");
        if (!Ouvert(dialogue))
            throw new PilotageException($"Impossible de {quoi} quand le dialogue est « {dialogue.Etat.Libelle()} » : le relevé se rédige à l'issue du dialogue, une fois celui-ci ouvert.");
        return partie;
    }

    private static string Nettoyer(string? texte) => (texte ?? "").Replace("\r\n", "\n").Trim();
}
