using Jalon.Domain.Pilotage;

namespace Jalon.Domain.Plans;

/// <summary>An action sheet reviewed at a meeting of the follow-up commission, with the status it had that day (as noted then).</summary>
public sealed record ActionRevue(Guid ActionId, string Titre, StatutAction Statut);

/// <summary>
/// A meeting of a plan's follow-up commission (seed 004: « une commission de suivi … s'assure de la mise en place des plans
/// d'actions, du bon déroulement »): its date, its participants (names and roles, free), the action sheets reviewed with
/// their status at that date, and its decisions.
/// </summary>
public sealed record ReunionCommission(Guid Id, Guid PlanId, DateOnly Date, IReadOnlyList<string> Participants, IReadOnlyList<ActionRevue> ActionsRevues, string Decisions)
{
    /// <summary>
    /// A meeting as recorded (or edited: same <paramref name="id"/>): held (never after <paramref name="jour"/>, today), not
    /// before the plan's start, with at least one participant; the actions reviewed are the plan's, each noted with its
    /// status at the meeting's date.
    /// </summary>
    public static ReunionCommission Enregistrer(Plan plan, DateOnly date, IEnumerable<string> participants, IEnumerable<Guid> actions, string? decisions, DateOnly jour, Guid? id = null)
    {
        if (date > jour) throw new PlanException($"La réunion du {date:dd/MM/yyyy} n'a pas encore eu lieu : on l'enregistre une fois tenue.");
        if (date < Evaluations.Debut(plan))
            throw new PlanException($"La réunion du {date:dd/MM/yyyy} précède le début du plan ({Evaluations.Debut(plan):dd/MM/yyyy}).");
        var noms = participants.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        if (noms.Count == 0) throw new PlanException("Indiquez au moins un participant (un nom et son rôle par ligne).");
        if (noms.Count > 50) throw new PlanException($"Une réunion compte au plus 50 participants ({noms.Count}).");
        if (noms.FirstOrDefault(p => p.Length > TextLimits.Nom * 2) is { } long_)
            throw new PlanException($"Le participant « {long_[..30]}… » dépasse {TextLimits.Nom * 2} caractères.");
        var revues = actions.Distinct().Select(a => plan.Action(a)).Select(a => new ActionRevue(a.Id, a.Contenu.Titre, a.StatutAu(date))).ToList();
        var texte = (decisions ?? "").Replace("\r\n", "\n").Trim();
        if (texte.Length > TextLimits.TexteDialogue) throw new PlanException($"Les décisions dépassent {TextLimits.TexteDialogue} caractères ({texte.Length}).");
        return new ReunionCommission(id ?? Guid.NewGuid(), plan.Id, date, noms, revues, texte);
    }
}

/// <summary>What an evaluation is: the seed's intermediate review at 18 months, its final review at 3 years, or any dated one.</summary>
public enum NatureEvaluation : byte
{
    /// <summary>« Bilan intermédiaire à 18 mois ».</summary>
    DixHuitMois,

    /// <summary>« Bilan final à 3 ans ».</summary>
    TroisAns,

    /// <summary>An evaluation at a date the structure chooses.</summary>
    Datee,
}

/// <summary>The director's sign-off of an evaluation.</summary>
public sealed record SignatureEvaluation(string Par, DateTime Le);

/// <summary>
/// An evaluation of a structure's plan at a date: the report generated from the plan's state at that date
/// (<see cref="RapportEvaluation"/>), the commission's assessment, the director's signature. Once signed it is frozen: its
/// report is stored as signed (later changes of the plan do not alter it) and nothing changes any more.
/// </summary>
public sealed class EvaluationPlan
{
    private EvaluationPlan(Guid id, Guid planId, string structure, NatureEvaluation nature, DateOnly date)
    {
        Id = id;
        PlanId = planId;
        Structure = structure;
        Nature = nature;
        Date = date;
    }

    public Guid Id { get; }

    public Guid PlanId { get; }

    public string Structure { get; }

    public NatureEvaluation Nature { get; }

    /// <summary>The date of the plan's state the evaluation reports.</summary>
    public DateOnly Date { get; }

    public string Appreciation { get; private set; } = "";

    public SignatureEvaluation? Signature { get; private set; }

    /// <summary>The report as signed; null until then (the report is generated from the plan's state each time it is read).</summary>
    public RapportEvaluation? Rapport { get; private set; }

    public bool EstFigee => Signature is not null;

    /// <summary>
    /// A new evaluation of <paramref name="plan"/> (a structure's plan): the 18-month and 3-year ones are dated at their due
    /// date (<see cref="Evaluations.Echeance"/>) and each is done once; a dated one at <paramref name="date"/>, within the plan's
    /// years. Never dated after <paramref name="jour"/> (today): an evaluation reports what happened.
    /// </summary>
    public static EvaluationPlan Creer(Plan plan, NatureEvaluation nature, DateOnly? date, DateOnly jour, IEnumerable<EvaluationPlan> existantes, Guid? id = null)
    {
        if (plan.Structure is null) throw new PlanException("Une orientation régionale n'a pas d'évaluation signée par une direction : seul le plan d'une Mission locale s'évalue ici.");
        DateOnly le;
        if (nature == NatureEvaluation.Datee)
        {
            le = date ?? throw new PlanException("La date de l'évaluation est requise.");
            if (le < Evaluations.Debut(plan) || le > Evaluations.Fin(plan))
                throw new PlanException($"La date de l'évaluation ({le:dd/MM/yyyy}) doit tomber dans les années du plan ({plan.AnneeDebut}–{plan.AnneeFin}).");
        }
        else
        {
            le = Evaluations.Echeance(plan, nature);
            if (existantes.Any(e => e.PlanId == plan.Id && e.Nature == nature))
                throw new PlanException($"Le {nature.Libelle().ToLowerInvariant()} de ce plan existe déjà.");
        }
        if (le > jour)
            throw new PlanException($"L'évaluation au {le:dd/MM/yyyy} ne peut pas encore se faire : elle rend compte de l'état du plan à cette date, qui n'est pas passée.");
        return new EvaluationPlan(id ?? Guid.NewGuid(), plan.Id, plan.Structure, nature, le);
    }

    /// <summary>Rebuilds a stored evaluation (storage only: no rule is replayed).</summary>
    public static EvaluationPlan Restaurer(Guid id, Guid planId, string structure, NatureEvaluation nature, DateOnly date, string appreciation,
        SignatureEvaluation? signature, RapportEvaluation? rapport) =>
        new(id, planId, structure, nature, date) { Appreciation = appreciation, Signature = signature, Rapport = rapport };

    /// <summary>Writes the commission's assessment; refused once signed.</summary>
    public void Rediger(string? appreciation)
    {
        Figee("modifier son appréciation");
        var t = (appreciation ?? "").Replace("\r\n", "\n").Trim();
        if (t.Length > TextLimits.TexteDialogue) throw new PlanException($"L'appréciation dépasse {TextLimits.TexteDialogue} caractères ({t.Length}).");
        Appreciation = t;
    }

    /// <summary>
    /// The director of the owning structure signs the evaluation with its <paramref name="rapport"/> (the plan's state at the
    /// evaluation's date, as generated now): it is stored as signed and frozen.
    /// </summary>
    public void Signer(Acteur acteur, RapportEvaluation rapport, DateTime le)
    {
        if (!Evaluations.PeutSigner(acteur, Structure))
            throw new PlanException("Seul le directeur de la Mission locale qui porte le plan signe ses évaluations.");
        Figee("la signer");
        if (Appreciation.Length == 0) throw new PlanException("L'évaluation ne peut pas être signée sans l'appréciation de la commission.");
        if (rapport.Jour != Date) throw new PlanException("Le rapport signé doit être celui de la date de l'évaluation.");
        Signature = new SignatureEvaluation(acteur.Nom, le);
        Rapport = rapport;
    }

    /// <summary>Checks that the evaluation may be deleted: not once signed.</summary>
    public void VerifierSuppression() => Figee("la supprimer");

    private void Figee(string quoi)
    {
        if (Signature is { } s)
            throw new PlanException($"Cette évaluation est figée : signée par {s.Par} le {s.Le:dd/MM/yyyy}, on ne peut plus {quoi}.");
    }
}

/// <summary>The due dates of a plan's evaluations and who signs them (docs/plans.md).</summary>
public static class Evaluations
{
    /// <summary>A plan starts on the 1st of January of its first year.</summary>
    public static DateOnly Debut(Plan plan) => new(plan.AnneeDebut, 1, 1);

    public static DateOnly Fin(Plan plan) => new(plan.AnneeFin, 12, 31);

    /// <summary>
    /// The day an evaluation at 18 or 36 months reports: the last day of its period, start + 18 months − 1 day (30 June of the
    /// second year) or start + 36 months − 1 day (31 December of the third year).
    /// </summary>
    public static DateOnly Echeance(Plan plan, NatureEvaluation nature) => nature switch
    {
        NatureEvaluation.DixHuitMois => Debut(plan).AddMonths(18).AddDays(-1),
        NatureEvaluation.TroisAns => Debut(plan).AddMonths(36).AddDays(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(nature), "Une évaluation datée n'a pas d'échéance."),
    };

    /// <summary>The 18-month and 3-year evaluations a structure's plan owes: those whose due date falls within its years.</summary>
    public static IReadOnlyList<(NatureEvaluation Nature, DateOnly Echeance)> Prevues(Plan plan) => plan.Structure is null
        ? []
        : [.. new[] { NatureEvaluation.DixHuitMois, NatureEvaluation.TroisAns }.Select(n => (n, Echeance(plan, n))).Where(x => x.Item2 <= Fin(plan))];

    /// <summary>Only a director of the owning structure signs its plan's evaluations.</summary>
    public static bool PeutSigner(Acteur acteur, string? structure) =>
        structure is not null && acteur.Role == Role.Directeur && acteur.Structure == structure;

    public static string Libelle(this NatureEvaluation nature) => nature switch
    {
        NatureEvaluation.DixHuitMois => "Bilan intermédiaire à 18 mois",
        NatureEvaluation.TroisAns => "Bilan final à 3 ans",
        NatureEvaluation.Datee => "Évaluation datée",
        _ => nature.ToString(),
    };
}

/// <summary>
/// The report of an evaluation: the plan's state at its date — each action's status then, each indicator's value then
/// against its target, the late actions, the commission's meetings up to then — as plain values, stored as signed.
/// </summary>
public sealed record RapportEvaluation(
    string Titre, TypePlan Type, int AnneeDebut, int AnneeFin, string Porteur, DateOnly Jour,
    IReadOnlyList<ObjectifRapport> Objectifs, IReadOnlyList<ReunionCommission> Reunions)
{
    /// <summary>Every action of the report, objective after objective.</summary>
    public IEnumerable<ActionRapport> ToutesLesActions() => Objectifs.SelectMany(o => o.Actions);

    /// <summary>How many actions are in each status at the day (statuses without action left out).</summary>
    public IEnumerable<(StatutAction Statut, int Nombre)> ParStatut() =>
        Enum.GetValues<StatutAction>().Select(s => (s, ToutesLesActions().Count(a => a.Statut == s))).Where(x => x.Item2 > 0);

    /// <summary>
    /// The report as an aggregate-only role reads it (statistical secrecy): the measured values are the structure's own
    /// figures, not published through the disclosure-control step, so they are withheld.
    /// </summary>
    public RapportEvaluation SansValeursMesurees() => this with
    {
        Objectifs = [.. Objectifs.Select(o => o with
        {
            Actions = [.. o.Actions.Select(a => a with
            {
                Indicateurs = [.. a.Indicateurs.Select(i => i.Mesure ? i with { Valeur = null, Situation = NonDiffuse } : i)],
            })],
        })],
    };

    public const string NonDiffuse = "non diffusé (secret statistique)";
}

public sealed record ObjectifRapport(string Code, string Libelle, int Profondeur, IReadOnlyList<ActionRapport> Actions);

public sealed record ActionRapport(string Titre, string? Pilote, DateOnly? Echeance, StatutAction Statut, DateOnly? Depuis, bool EnRetard, IReadOnlyList<IndicateurRapport> Indicateurs);

/// <summary>An indicator at the report's day: its value, the value expected then, the year's target, the situation in words.</summary>
public sealed record IndicateurRapport(string Libelle, NatureIndicateur Nature, bool Mesure, double? Valeur, double? Attendu, double? Cible, string Situation);
