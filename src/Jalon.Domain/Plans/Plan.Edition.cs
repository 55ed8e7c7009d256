namespace Jalon.Domain.Plans;

/// <summary>What deleting an element of a plan takes with it: the objectives below it, their actions, their indicators.</summary>
public sealed record Suppression(IReadOnlyList<ObjectifPlan> Objectifs, IReadOnlyList<ActionPlan> Actions, IReadOnlyList<IndicateurPlan> Indicateurs)
{
    /// <summary>In French, e.g. « 2 objectifs, 3 fiches action et 4 indicateurs ».</summary>
    public string Libelle
    {
        get
        {
            var parties = new List<string>();
            if (Objectifs.Count > 0) parties.Add(Compter(Objectifs.Count, "objectif", "objectifs"));
            if (Actions.Count > 0) parties.Add(Compter(Actions.Count, "fiche action", "fiches action"));
            if (Indicateurs.Count > 0) parties.Add(Compter(Indicateurs.Count, "indicateur", "indicateurs"));
            return parties.Count switch
            {
                0 => "rien d'autre",
                1 => parties[0],
                _ => string.Join(", ", parties.Take(parties.Count - 1)) + " et " + parties[^1],
            };
        }
    }

    private static string Compter(int n, string un, string plusieurs) => $"{n} {(n > 1 ? plusieurs : un)}";
}

/// <summary>Editing and deleting the elements of an existing plan (docs/plans.md, « Modifier et supprimer »).</summary>
public sealed partial class Plan
{
    public ObjectifPlan Objectif(Guid id) => _objectifs.FirstOrDefault(o => o.Id == id) ?? throw new PlanException("Cet objectif n'existe pas dans ce plan.");

    /// <summary>Changes an objective's code, label and the regional objective it serves (its place in the tree stays).</summary>
    public ObjectifPlan ModifierObjectif(Guid id, string code, string libelle, ObjectifPlan? objectifRegional)
    {
        var o = Objectif(id);
        code = Texte(code, "Le code de l'objectif", 20, requis: false);
        if (code.Length > 0 && _objectifs.Any(x => x.Id != id && x.Code == code))
            throw new PlanException($"Le code « {code} » est déjà celui d'un autre objectif de ce plan.");
        if (objectifRegional is not null && EstRegional)
            throw new PlanException("Un objectif régional ne se rattache pas à un autre objectif régional.");
        var modifie = o with { Code = code, Libelle = Texte(libelle, "Le libellé de l'objectif", TextLimits.Motif, requis: true), ObjectifRegionalId = objectifRegional?.Id };
        _objectifs[_objectifs.FindIndex(x => x.Id == id)] = modifie;
        return modifie;
    }

    /// <summary>What deleting an objective takes with it: the objectives below it (any depth), their actions and indicators.</summary>
    public Suppression CeQuePartAvecObjectif(Guid id)
    {
        Objectif(id);
        var sous = new List<ObjectifPlan>();
        var file = new Queue<Guid>([id]);
        while (file.Count > 0)
        {
            var parent = file.Dequeue();
            foreach (var o in _objectifs.Where(x => x.ParentId == parent))
            {
                sous.Add(o);
                file.Enqueue(o.Id);
            }
        }
        var objectifs = sous.Select(o => o.Id).Append(id).ToHashSet();
        var actions = _actions.Where(a => objectifs.Contains(a.ObjectifId)).ToList();
        var ids = actions.Select(a => a.Id).ToHashSet();
        return new Suppression(sous, actions, [.. _indicateurs.Where(i => ids.Contains(i.ActionId))]);
    }

    /// <summary>What deleting an action takes with it: its indicators (and its status history).</summary>
    public Suppression CeQuePartAvecAction(Guid id)
    {
        Action(id);
        return new Suppression([], [], [.. IndicateursDe(id)]);
    }

    /// <summary>Deletes an objective with everything below it (<see cref="CeQuePartAvecObjectif"/>).</summary>
    public Suppression SupprimerObjectif(Guid id)
    {
        var s = CeQuePartAvecObjectif(id);
        var objectifs = s.Objectifs.Select(o => o.Id).Append(id).ToHashSet();
        _indicateurs.RemoveAll(i => s.Indicateurs.Contains(i));
        _actions.RemoveAll(a => objectifs.Contains(a.ObjectifId));
        _objectifs.RemoveAll(o => objectifs.Contains(o.Id));
        return s;
    }

    /// <summary>Deletes an action sheet with its indicators and its status history.</summary>
    public Suppression SupprimerAction(Guid id)
    {
        var s = CeQuePartAvecAction(id);
        _indicateurs.RemoveAll(i => i.ActionId == id);
        _actions.RemoveAll(a => a.Id == id);
        return s;
    }

    public void SupprimerIndicateur(Guid id)
    {
        Indicateur(id);
        _indicateurs.RemoveAll(i => i.Id == id);
    }

    /// <summary>
    /// Changes an indicator's label, direction, targets (the whole set of years: a year left out has no target any more)
    /// and monthly profile. Its nature and catalogue key stay: another measure is another indicator.
    /// </summary>
    public IndicateurPlan ModifierIndicateur(Guid id, string libelle, SensCible sens, IReadOnlyDictionary<int, double> cibles, ProfilMensuel? profil)
    {
        var i = Indicateur(id);
        if (i.Nature == NatureIndicateur.Taux && profil is not null)
            throw new PlanException("Un taux ne se proratise pas : il n'a pas de profil mensuel.");
        var modifie = i with
        {
            Libelle = Texte(libelle, "Le libellé de l'indicateur", TextLimits.Motif, requis: true),
            Sens = sens,
            Cibles = VerifierCibles(i.Nature, cibles),
            Profil = profil,
        };
        Remplacer(modifie);
        return modifie;
    }

    /// <summary>
    /// Moves an action to a status on a given day (<paramref name="le"/>), signed: never after <paramref name="jour"/>
    /// (today), never before the action's last change.
    /// </summary>
    public void ChangerStatutActionLe(Guid actionId, StatutAction statut, DateOnly le, string par, DateOnly jour)
    {
        var a = Action(actionId);
        if (le > jour) throw new PlanException($"La date du changement de statut ({le:dd/MM/yyyy}) ne peut pas être postérieure à aujourd'hui.");
        if (a.Historique.Count > 0 && le < a.Historique[^1].Le)
            throw new PlanException($"La date du changement de statut ({le:dd/MM/yyyy}) précède le changement précédent (le {a.Historique[^1].Le:dd/MM/yyyy}).");
        ChangerStatutAction(actionId, statut, le, par);
    }
}
