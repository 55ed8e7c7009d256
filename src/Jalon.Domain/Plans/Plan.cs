using Jalon.Domain.Structures;

namespace Jalon.Domain.Plans;

/// <summary>What a plan is: the seeds' documents, all built on the same objective tree.</summary>
public enum TypePlan : byte
{
    /// <summary>« Offre de service » of a Mission Locale (seed 000: five offers, their axes and actions).</summary>
    OffreDeService,

    /// <summary>« Projet de structure » over three years with its yearly action plan (seed 001).</summary>
    ProjetDeStructure,

    /// <summary>« Projet associatif » (seed 004: general → operational objectives → action sheets).</summary>
    ProjetAssociatif,

    /// <summary>The plan d'action of a dialogue de gestion (instruction 2015, fiche n°1).</summary>
    PlanActionDialogue,

    /// <summary>The orientations of a region, whose objectives the structures' objectives serve.</summary>
    OrientationRegionale,
}

public enum StatutPlan : byte
{
    Brouillon,
    EnCours,
    Clos,
}

public enum StatutAction : byte
{
    NonCommencee,
    EnCours,
    Realisee,
    Abandonnee,
}

/// <summary>An objective of the tree: general at the root, operational below, any depth.</summary>
public sealed record ObjectifPlan(Guid Id, Guid? ParentId, string Code, string Libelle, Guid? ObjectifRegionalId);

/// <summary>The staff member piloting an action (an id of the structure's staff register).</summary>
public sealed record Pilote(string Id, string Nom);

public sealed record JalonAction(DateOnly Date, string Libelle);

/// <summary>One change of an action's status: when, by whom.</summary>
public sealed record ChangementStatut(StatutAction Statut, DateOnly Le, string Par);

/// <summary>The contents of an action sheet a user edits (everything but its status and indicators).</summary>
public sealed record ContenuAction(
    string Titre,
    Pilote? Pilote,
    string Partenaires,
    string PublicCible,
    string Moyens,
    DateOnly? Echeance,
    IReadOnlyList<JalonAction> Jalons);

/// <summary>An action sheet (« fiche action ») under an objective.</summary>
public sealed class ActionPlan
{
    private readonly List<ChangementStatut> _historique = [];

    internal ActionPlan(Guid id, Guid objectifId, ContenuAction contenu)
    {
        Id = id;
        ObjectifId = objectifId;
        Contenu = contenu;
    }

    public Guid Id { get; }

    public Guid ObjectifId { get; }

    public ContenuAction Contenu { get; internal set; }

    /// <summary>Every change of status, oldest first; the last one is the current status.</summary>
    public IReadOnlyList<ChangementStatut> Historique => _historique;

    public StatutAction Statut => _historique.Count == 0 ? StatutAction.NonCommencee : _historique[^1].Statut;

    /// <summary>The status at the end of <paramref name="jour"/>: the last change dated at or before it.</summary>
    public StatutAction StatutAu(DateOnly jour) => _historique.LastOrDefault(c => c.Le <= jour)?.Statut ?? StatutAction.NonCommencee;

    /// <summary>
    /// Late at <paramref name="jour"/>: its deadline (or a milestone) is past while it is neither done nor dropped, or
    /// one of its indicators is behind its pro-rated target.
    /// </summary>
    public bool EstEnRetard(DateOnly jour, IEnumerable<Progression> progressions) =>
        StatutAu(jour) is not (StatutAction.Realisee or StatutAction.Abandonnee)
        && ((Contenu.Echeance is { } e && e < jour) || progressions.Any(p => p.Situation == SituationCible.EnRetard));

    internal void AjouterStatut(ChangementStatut c) => _historique.Add(c);
}

/// <summary>
/// An indicator with a target per year: measured by Jalon from the journeys (<see cref="CleCatalogue"/>, an indicator
/// of the catalogue computed by the dashboard) or manual (<see cref="Valeurs"/> entered by the structure, each the
/// cumulative value of the year at its date).
/// </summary>
public sealed record IndicateurPlan(
    Guid Id,
    Guid ActionId,
    string Libelle,
    NatureIndicateur Nature,
    SensCible Sens,
    string? CleCatalogue,
    IReadOnlyDictionary<int, double> Cibles,
    IReadOnlyList<ValeurSaisie> Valeurs,
    ProfilMensuel? Profil)
{
    public bool EstMesure => CleCatalogue is not null;

    /// <summary>The last manual value of <paramref name="jour"/>'s year entered at or before that day.</summary>
    public double? ValeurSaisieAu(DateOnly jour) =>
        Valeurs.Where(v => v.Date.Year == jour.Year && v.Date <= jour).OrderBy(v => v.Date).LastOrDefault()?.Valeur;

    /// <summary>Progress at <paramref name="jour"/> given the measured value (ignored for a manual indicator); null without a target that year.</summary>
    public Progression? ProgressionAu(DateOnly jour, double? valeurMesuree) =>
        Cibles.TryGetValue(jour.Year, out var cible)
            ? Progression.Calculer(jour.Year, jour, Nature, Sens, cible, EstMesure ? valeurMesuree : ValeurSaisieAu(jour), Profil)
            : null;
}

public sealed record ValeurSaisie(DateOnly Date, double Valeur);

/// <summary>
/// A plan: its kind, its years, its owner (a structure, or a region for a regional orientation), its status, and the
/// tree objectives → action sheets → indicators. Every change goes through a method that checks it.
/// </summary>
public sealed partial class Plan
{
    private readonly List<ObjectifPlan> _objectifs = [];
    private readonly List<ActionPlan> _actions = [];
    private readonly List<IndicateurPlan> _indicateurs = [];

    private Plan(Guid id, TypePlan type, string titre, int debut, int fin, string? structure, string region)
    {
        Id = id;
        Type = type;
        Titre = titre;
        AnneeDebut = debut;
        AnneeFin = fin;
        Structure = structure;
        Region = region;
    }

    public Guid Id { get; }

    public TypePlan Type { get; }

    public string Titre { get; private set; }

    public int AnneeDebut { get; }

    public int AnneeFin { get; }

    /// <summary>Code of the owning Mission Locale; null for a regional plan.</summary>
    public string? Structure { get; }

    /// <summary>INSEE code of the region (of the structure, or owning the regional plan).</summary>
    public string Region { get; }

    public StatutPlan Statut { get; private set; }

    public bool EstRegional => Structure is null;

    public IReadOnlyList<ObjectifPlan> Objectifs => _objectifs;

    public IReadOnlyList<ActionPlan> Actions => _actions;

    public IReadOnlyList<IndicateurPlan> Indicateurs => _indicateurs;

    /// <summary>
    /// Creates a plan. A regional orientation belongs to a region (no structure); every other kind to a structure.
    /// </summary>
    public static Plan Creer(TypePlan type, string titre, int anneeDebut, int anneeFin, string? structure, string region, Guid? id = null)
    {
        if (string.IsNullOrWhiteSpace(region)) throw new PlanException("La région du plan est requise.");
        if (type == TypePlan.OrientationRegionale && structure is not null)
            throw new PlanException("Une orientation régionale appartient à une région, pas à une Mission locale.");
        if (type != TypePlan.OrientationRegionale && string.IsNullOrWhiteSpace(structure))
            throw new PlanException("Ce plan appartient à une Mission locale : sa structure est requise.");
        if (anneeDebut is < 2000 or > 2100 || anneeFin is < 2000 or > 2100)
            throw new PlanException("Les années du plan doivent être comprises entre 2000 et 2100.");
        if (anneeFin < anneeDebut)
            throw new PlanException($"L'année de fin ({anneeFin}) précède l'année de début ({anneeDebut}).");
        return new Plan(id ?? Guid.NewGuid(), type, Texte(titre, "Le titre du plan", TextLimits.Nom * 2, requis: true), anneeDebut, anneeFin, structure, region);
    }

    /// <summary>Rebuilds a stored plan as it was saved (storage only: no rule is replayed).</summary>
    public static Plan Restaurer(
        Guid id, TypePlan type, string titre, int debut, int fin, string? structure, string region, StatutPlan statut,
        IEnumerable<ObjectifPlan> objectifs, IEnumerable<(ActionPlan Action, IEnumerable<ChangementStatut> Historique)> actions,
        IEnumerable<IndicateurPlan> indicateurs)
    {
        var p = new Plan(id, type, titre, debut, fin, structure, region) { Statut = statut };
        p._objectifs.AddRange(objectifs);
        foreach (var (a, h) in actions)
        {
            foreach (var c in h) a.AjouterStatut(c);
            p._actions.Add(a);
        }
        p._indicateurs.AddRange(indicateurs);
        return p;
    }

    /// <summary>An action restored from storage (its history is added by <see cref="Restaurer"/>).</summary>
    public static ActionPlan ActionStockee(Guid id, Guid objectifId, ContenuAction contenu) => new(id, objectifId, contenu);

    public void Renommer(string titre) => Titre = Texte(titre, "Le titre du plan", TextLimits.Nom * 2, requis: true);

    public void ChangerStatut(StatutPlan statut) => Statut = statut;

    /// <summary>
    /// Adds an objective: general at the root (<paramref name="parentId"/> null) or under another objective. A
    /// structure's objective may serve an objective of its region's orientation (<paramref name="objectifRegional"/>).
    /// </summary>
    public ObjectifPlan AjouterObjectif(Guid? parentId, string code, string libelle, ObjectifPlan? objectifRegional = null, Guid? id = null)
    {
        if (parentId is { } p && _objectifs.All(o => o.Id != p))
            throw new PlanException("L'objectif parent n'existe pas dans ce plan.");
        code = Texte(code, "Le code de l'objectif", 20, requis: false);
        if (code.Length > 0 && _objectifs.Any(o => o.Code == code))
            throw new PlanException($"Le code « {code} » est déjà celui d'un autre objectif de ce plan.");
        if (objectifRegional is not null && EstRegional)
            throw new PlanException("Un objectif régional ne se rattache pas à un autre objectif régional.");
        var o = new ObjectifPlan(id ?? Guid.NewGuid(), parentId, code, Texte(libelle, "Le libellé de l'objectif", TextLimits.Motif, requis: true), objectifRegional?.Id);
        _objectifs.Add(o);
        return o;
    }

    /// <summary>The path of an objective from its root (general objective first).</summary>
    public IReadOnlyList<ObjectifPlan> Chemin(Guid objectifId)
    {
        var chemin = new List<ObjectifPlan>();
        for (var o = _objectifs.FirstOrDefault(x => x.Id == objectifId); o is not null; o = _objectifs.FirstOrDefault(x => x.Id == o.ParentId))
            chemin.Insert(0, o);
        return chemin;
    }

    /// <summary>
    /// Adds an action sheet under an objective. The pilot, when given, must be a member of the structure's staff
    /// register (<paramref name="personnel"/>) present today.
    /// </summary>
    public ActionPlan AjouterAction(Guid objectifId, ContenuAction contenu, IReadOnlyList<MembrePersonnel> personnel, DateOnly jour, Guid? id = null)
    {
        if (_objectifs.All(o => o.Id != objectifId)) throw new PlanException("L'objectif de cette action n'existe pas dans ce plan.");
        var a = new ActionPlan(id ?? Guid.NewGuid(), objectifId, Verifier(contenu, personnel, jour));
        _actions.Add(a);
        return a;
    }

    public void ModifierAction(Guid actionId, ContenuAction contenu, IReadOnlyList<MembrePersonnel> personnel, DateOnly jour) =>
        Action(actionId).Contenu = Verifier(contenu, personnel, jour);

    /// <summary>Moves an action to a status, dated and signed; setting its current status again is refused.</summary>
    public void ChangerStatutAction(Guid actionId, StatutAction statut, DateOnly le, string par)
    {
        var a = Action(actionId);
        if (a.Statut == statut) throw new PlanException($"L'action est déjà « {statut.Libelle()} ».");
        if (string.IsNullOrWhiteSpace(par)) throw new PlanException("L'auteur du changement de statut est requis.");
        a.AjouterStatut(new ChangementStatut(statut, le, par));
    }

    /// <summary>
    /// Adds an indicator to an action: a catalogue indicator (<paramref name="cleCatalogue"/>, measured) or a manual
    /// one (null key), with a target per year of the plan.
    /// </summary>
    public IndicateurPlan AjouterIndicateur(
        Guid actionId, string libelle, NatureIndicateur nature, SensCible sens, string? cleCatalogue,
        IReadOnlyDictionary<int, double> cibles, ProfilMensuel? profil = null, Guid? id = null)
    {
        Action(actionId);
        var i = new IndicateurPlan(id ?? Guid.NewGuid(), actionId, Texte(libelle, "Le libellé de l'indicateur", TextLimits.Motif, requis: true),
            nature, sens, string.IsNullOrWhiteSpace(cleCatalogue) ? null : cleCatalogue.Trim(), VerifierCibles(nature, cibles), [], profil);
        if (nature == NatureIndicateur.Taux && profil is not null)
            throw new PlanException("Un taux ne se proratise pas : il n'a pas de profil mensuel.");
        _indicateurs.Add(i);
        return i;
    }

    public void FixerCible(Guid indicateurId, int annee, double cible)
    {
        var i = Indicateur(indicateurId);
        var cibles = new Dictionary<int, double>(i.Cibles) { [annee] = cible };
        Remplacer(i with { Cibles = VerifierCibles(i.Nature, cibles) });
    }

    public void FixerProfil(Guid indicateurId, ProfilMensuel? profil)
    {
        var i = Indicateur(indicateurId);
        if (i.Nature == NatureIndicateur.Taux && profil is not null)
            throw new PlanException("Un taux ne se proratise pas : il n'a pas de profil mensuel.");
        Remplacer(i with { Profil = profil });
    }

    /// <summary>Enters the cumulative value of a manual indicator at a date (replacing one already entered that day).</summary>
    public void SaisirValeur(Guid indicateurId, DateOnly date, double valeur)
    {
        var i = Indicateur(indicateurId);
        if (i.EstMesure) throw new PlanException("Cet indicateur est mesuré par Jalon à partir des parcours : sa valeur ne se saisit pas.");
        if (date.Year < AnneeDebut || date.Year > AnneeFin)
            throw new PlanException($"La date doit tomber dans les années du plan ({AnneeDebut}–{AnneeFin}).");
        if (double.IsNaN(valeur) || double.IsInfinity(valeur) || valeur < 0) throw new PlanException("La valeur doit être un nombre positif ou nul.");
        if (i.Nature == NatureIndicateur.Taux && valeur > 1) throw new PlanException("Un taux est compris entre 0 % et 100 %.");
        Remplacer(i with { Valeurs = [.. i.Valeurs.Where(v => v.Date != date), new ValeurSaisie(date, valeur)] });
    }

    public ActionPlan Action(Guid id) => _actions.FirstOrDefault(a => a.Id == id) ?? throw new PlanException("Cette action n'existe pas dans ce plan.");

    public IndicateurPlan Indicateur(Guid id) => _indicateurs.FirstOrDefault(i => i.Id == id) ?? throw new PlanException("Cet indicateur n'existe pas dans ce plan.");

    public IEnumerable<IndicateurPlan> IndicateursDe(Guid actionId) => _indicateurs.Where(i => i.ActionId == actionId);

    private void Remplacer(IndicateurPlan i) => _indicateurs[_indicateurs.FindIndex(x => x.Id == i.Id)] = i;

    private IReadOnlyDictionary<int, double> VerifierCibles(NatureIndicateur nature, IReadOnlyDictionary<int, double> cibles)
    {
        foreach (var (annee, cible) in cibles)
        {
            if (annee < AnneeDebut || annee > AnneeFin)
                throw new PlanException($"L'année {annee} n'est pas une année du plan ({AnneeDebut}–{AnneeFin}).");
            if (double.IsNaN(cible) || double.IsInfinity(cible) || cible < 0)
                throw new PlanException($"La cible {annee} doit être un nombre positif ou nul.");
            if (nature == NatureIndicateur.Taux && cible > 1)
                throw new PlanException($"La cible {annee} est un taux : elle doit être comprise entre 0 % et 100 %.");
        }
        return new SortedDictionary<int, double>(cibles.ToDictionary());
    }

    private ContenuAction Verifier(ContenuAction c, IReadOnlyList<MembrePersonnel> personnel, DateOnly jour)
    {
        if (c.Pilote is { } p)
        {
            var membre = personnel.FirstOrDefault(m => m.Id == p.Id);
            if (membre is null) throw new PlanException("Le pilote doit être un membre du personnel de la structure.");
            if (!membre.IsActiveOn(jour) && (c.Echeance is null || c.Echeance >= jour))
                throw new PlanException($"{membre.Nom} ne fait plus partie du personnel de la structure : choisissez un autre pilote.");
            p = p with { Nom = membre.Nom };
            c = c with { Pilote = p };
        }
        foreach (var j in c.Jalons)
            if (j.Date.Year < AnneeDebut || j.Date.Year > AnneeFin + 1)
                throw new PlanException($"Le jalon « {j.Libelle} » du {j.Date:dd/MM/yyyy} tombe hors des années du plan.");
        return c with
        {
            Titre = Texte(c.Titre, "Le titre de l'action", TextLimits.Motif, requis: true),
            Partenaires = Texte(c.Partenaires, "Les partenaires", TextLimits.TextePlanAction, requis: false),
            PublicCible = Texte(c.PublicCible, "Le public visé", TextLimits.TextePlanAction, requis: false),
            Moyens = Texte(c.Moyens, "Les moyens", TextLimits.TextePlanAction, requis: false),
            Jalons = [.. c.Jalons.Select(j => j with { Libelle = Texte(j.Libelle, "Le libellé du jalon", TextLimits.Motif, requis: true) }).OrderBy(j => j.Date)],
        };
    }

    private static string Texte(string? texte, string quoi, int max, bool requis)
    {
        var t = (texte ?? "").Trim();
        if (requis && t.Length == 0) throw new PlanException($"{quoi} est requis.");
        if (t.Length > max) throw new PlanException($"{quoi} dépasse {max} caractères ({t.Length}).");
        return t;
    }
}

/// <summary>French labels of the plans' enums.</summary>
public static class LibellesPlans
{
    public static string Libelle(this TypePlan type) => type switch
    {
        TypePlan.OffreDeService => "Offre de service",
        TypePlan.ProjetDeStructure => "Projet de structure",
        TypePlan.ProjetAssociatif => "Projet associatif",
        TypePlan.PlanActionDialogue => "Plan d'action du dialogue de gestion",
        TypePlan.OrientationRegionale => "Orientation régionale",
        _ => type.ToString(),
    };

    public static string Libelle(this StatutPlan statut) => statut switch
    {
        StatutPlan.Brouillon => "Brouillon",
        StatutPlan.EnCours => "En cours",
        StatutPlan.Clos => "Clos",
        _ => statut.ToString(),
    };

    public static string Libelle(this StatutAction statut) => statut switch
    {
        StatutAction.NonCommencee => "Non commencée",
        StatutAction.EnCours => "En cours",
        StatutAction.Realisee => "Réalisée",
        StatutAction.Abandonnee => "Abandonnée",
        _ => statut.ToString(),
    };
}

/// <summary>Which objectives of a regional orientation no structure objective serves: « non couvert ».</summary>
public static class Couverture
{
    public static IReadOnlyList<ObjectifPlan> NonCouverts(Plan orientation, IEnumerable<Plan> plansDesStructures)
    {
        if (!orientation.EstRegional) throw new PlanException("La couverture se calcule sur une orientation régionale.");
        var servis = plansDesStructures.SelectMany(p => p.Objectifs).Select(o => o.ObjectifRegionalId).OfType<Guid>().ToHashSet();
        return orientation.Objectifs.Where(o => !servis.Contains(o.Id) && orientation.Objectifs.All(e => e.ParentId != o.Id)).ToList();
    }
}
