namespace Jalon.Domain.Pilotage;

/// <summary>
/// The State's yearly amounts for one Mission Locale (avenant type, fiche n°4, articles 1.2 and 2):
/// the subvention annuelle of the CPO, and the complementary subsidies for parrainage and the FIPJ,
/// the FIPJ detailed into direct aids (to the young people) and indirect aids (instruction §2.a).
/// </summary>
public sealed record MontantsAnnuels(decimal SubventionCpo, decimal Parrainage, decimal FipjAidesDirectes, decimal FipjAidesIndirectes)
{
    public decimal Fipj => FipjAidesDirectes + FipjAidesIndirectes;

    /// <summary>« Montant annuel total » of the avenant.</summary>
    public decimal Total => SubventionCpo + Parrainage + Fipj;

    /// <summary>Refuses negative amounts; rounds to the cent.</summary>
    public MontantsAnnuels Valider()
    {
        if (SubventionCpo < 0 || Parrainage < 0 || FipjAidesDirectes < 0 || FipjAidesIndirectes < 0)
            throw new PilotageException("Les montants de financement ne peuvent pas être négatifs.");
        if (SubventionCpo == 0) throw new PilotageException("La subvention annuelle de la CPO doit être supérieure à zéro.");
        return new MontantsAnnuels(Cents(SubventionCpo), Cents(Parrainage), Cents(FipjAidesDirectes), Cents(FipjAidesIndirectes));
    }

    private static decimal Cents(decimal m) => Math.Round(m, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The financing decided for one year of the convention, dated and signed.</summary>
public sealed record DecisionFinancement(int Annee, MontantsAnnuels Montants, DateTimeOffset Le, string Par, string? Motif);

/// <summary>An inclusive range of euros.</summary>
public readonly record struct Fourchette(decimal Minimum, decimal Maximum)
{
    public bool Contient(decimal montant) => Minimum <= montant && montant <= Maximum;

    public override string ToString() => $"entre {Euros.Format(Minimum)} et {Euros.Format(Maximum)}";
}

/// <summary>
/// The convention pluriannuelle d'objectifs (CPO) of a Mission Locale and the State's financing over its duration.
/// Rule (instruction DGEFP/MIJ/2015/367, annexe 2, §2.b): the dialogues de gestion may adjust the credits up or down,
/// by a variation of at most 10 % <b>over the total duration of the convention</b>. Read precisely: the yearly
/// subvention of any year may differ from the <b>initial yearly amount</b> (the first year's) by at most 10 % of it,
/// whatever the path (the adjustments add up: +6 % then +5 % is +11 %, refused); the bound is not reset each year
/// and not compounded on the previous year. It applies to the subvention annuelle of the CPO; the complementary
/// parrainage and FIPJ subsidies follow their action plans.
/// </summary>
public sealed class ConventionPluriannuelle
{
    /// <summary>Maximum variation over the convention: 10 %.</summary>
    public const decimal VariationMaximale = 0.10m;

    private readonly List<DecisionFinancement> _decisions = [];

    private ConventionPluriannuelle(Guid id, string structure, string region, string numero, int anneeDebut, int anneeFin, DateOnly? dateNotification)
    {
        Id = id;
        Structure = structure;
        Region = region;
        Numero = numero;
        AnneeDebut = anneeDebut;
        AnneeFin = anneeFin;
        DateNotification = dateNotification;
    }

    public Guid Id { get; }
    public string Structure { get; }
    public string Region { get; }

    /// <summary>Number of the convention (« CPO n° … »).</summary>
    public string Numero { get; }

    public int AnneeDebut { get; }
    public int AnneeFin { get; }

    /// <summary>Date the convention was notified.</summary>
    public DateOnly? DateNotification { get; }

    /// <summary>Every decision, the initial one first, in year order (at most one per year: the latest replaces).</summary>
    public IReadOnlyList<DecisionFinancement> Decisions => _decisions;

    /// <summary>The amounts of the first year, set when the convention is signed.</summary>
    public MontantsAnnuels MontantsInitiaux => _decisions[0].Montants;

    /// <summary>The range allowed for the yearly subvention of any year: initial amount ± 10 %.</summary>
    public Fourchette FourchetteAutorisee
    {
        get
        {
            var initial = MontantsInitiaux.SubventionCpo;
            var ecart = Math.Round(initial * VariationMaximale, 2, MidpointRounding.AwayFromZero);
            return new Fourchette(initial - ecart, initial + ecart);
        }
    }

    /// <summary>The State signs a convention with its initial yearly amounts (for <paramref name="anneeDebut"/>).</summary>
    public static ConventionPluriannuelle Signer(
        Acteur acteur, string structure, string region, string numero, int anneeDebut, int anneeFin,
        MontantsAnnuels montantsInitiaux, DateOnly? dateNotification, DateTimeOffset le, Guid? id = null)
    {
        ExigerEtat(acteur, region);
        if (anneeFin < anneeDebut) throw new PilotageException("La dernière année de la convention précède la première.");
        if (string.IsNullOrWhiteSpace(numero)) throw new PilotageException("Le numéro de la convention est requis.");
        var c = new ConventionPluriannuelle(id ?? Guid.NewGuid(), structure, region,
            DialogueDeGestion.Limiter(numero.Trim(), TextLimits.NumeroConvention, "Le numéro de la convention"), anneeDebut, anneeFin, dateNotification);
        c._decisions.Add(new DecisionFinancement(anneeDebut, montantsInitiaux.Valider(), le, acteur.Nom, "Montant annuel initial de la convention"));
        return c;
    }

    /// <summary>Rebuilds a stored convention (storage only).</summary>
    public static ConventionPluriannuelle Restaurer(
        Guid id, string structure, string region, string numero, int anneeDebut, int anneeFin, DateOnly? dateNotification,
        IEnumerable<DecisionFinancement> decisions)
    {
        var c = new ConventionPluriannuelle(id, structure, region, numero, anneeDebut, anneeFin, dateNotification);
        c._decisions.AddRange(decisions.OrderBy(d => d.Annee));
        if (c._decisions.Count == 0 || c._decisions[0].Annee != anneeDebut)
            throw new InvalidOperationException("Une convention stockée doit avoir la décision de sa première année.");
        return c;
    }

    /// <summary>The amounts in force for a year: its decision, or else the last earlier one (tacit renewal).</summary>
    public MontantsAnnuels? MontantsDe(int annee) =>
        _decisions.LastOrDefault(d => d.Annee <= annee && annee <= AnneeFin)?.Montants;

    public DecisionFinancement? DecisionDe(int annee) => _decisions.FirstOrDefault(d => d.Annee == annee);

    /// <summary>Cumulated adjustment of the yearly subvention for a year, relative to the initial amount (in euros).</summary>
    public decimal? AjustementCumule(int annee) => MontantsDe(annee)?.SubventionCpo - MontantsInitiaux.SubventionCpo;

    /// <summary>
    /// The State decides the financing of a year of the convention, in the étape conclusive of that year's dialogue de gestion.
    /// Refused beyond ± 10 % of the initial yearly amount, with the allowed range in euros.
    /// </summary>
    public DecisionFinancement Decider(Acteur acteur, DialogueDeGestion dialogue, MontantsAnnuels montants, DateTimeOffset le, string? motif = null)
    {
        ExigerEtat(acteur, Region);
        if (dialogue.Structure != Structure) throw new PilotageException("Ce dialogue de gestion n'est pas celui de la Mission locale de la convention.");
        if (dialogue.Etat != EtatDialogue.EnDialogue)
            throw new PilotageException($"Le financement se décide pendant le dialogue de gestion (état actuel : {dialogue.Etat.Libelle()}).");
        var annee = dialogue.Annee;
        if (annee <= AnneeDebut || annee > AnneeFin)
            throw new PilotageException($"L'année {annee} n'est pas une année d'ajustement de la convention {AnneeDebut}–{AnneeFin}.");
        var m = montants.Valider();
        var fourchette = FourchetteAutorisee;
        if (!fourchette.Contient(m.SubventionCpo))
        {
            var initial = MontantsInitiaux.SubventionCpo;
            var variation = (double)((m.SubventionCpo - initial) / initial);
            throw new PilotageException(
                $"Ajustement refusé : sur la durée de la convention {AnneeDebut}–{AnneeFin}, la subvention annuelle ne peut varier " +
                $"de plus de 10 % par rapport au montant annuel initial de {Euros.Format(initial)}. " +
                $"Pour {annee}, elle doit être comprise {fourchette} ; le montant proposé, {Euros.Format(m.SubventionCpo)}, " +
                $"représente une variation cumulée de {(variation > 0 ? "+" : "")}{Euros.Pourcentage(variation)}.");
        }
        var decision = new DecisionFinancement(annee, m, le, acteur.Nom,
            string.IsNullOrWhiteSpace(motif) ? null : DialogueDeGestion.Limiter(motif.Trim(), TextLimits.Motif, "Le motif"));
        _decisions.RemoveAll(d => d.Annee == annee);
        _decisions.Add(decision);
        _decisions.Sort((a, b) => a.Annee.CompareTo(b.Annee));
        return decision;
    }

    private static void ExigerEtat(Acteur acteur, string region)
    {
        if (acteur.Role != Role.AgentEtatRegional || acteur.Region != region)
            throw new PilotageException("Le financement est décidé par l'agent de l'État de la région de la Mission locale.");
    }
}
