using Jalon.Domain.Plans;

namespace Jalon.Domain.Pilotage;

/// <summary>Whether a target of N−1 was reached, read in the ratio's direction.</summary>
public enum AtteinteObjectif : byte
{
    /// <summary>No actual value to compare (not measured, or masked by statistical secrecy).</summary>
    Inconnue,
    Atteint,
    NonAtteint,

    /// <summary>A context-only ratio (neither higher nor lower is better): compared, not judged.</summary>
    SansSens,
}

/// <summary>One target negotiated for N−1 against the actual value of N−1 (null when unknown or masked).</summary>
public sealed record LigneRevue(Objectif Objectif, double? Realise, bool Masque, AtteinteObjectif Atteinte);

/// <summary>
/// What dialogue N opens on (seed 003: « le bilan de l'action N−1 sera réalisé sur la base des engagements N−1 »): each
/// ratio's target negotiated in the dialogue of N−1 against its actual value of N−1, and each action of the N−1 plan
/// d'action with its status. The actual values come from the caller, as this user may see them (statistical secrecy).
/// </summary>
public sealed record RevueAnneePrecedente(int Annee, IReadOnlyList<LigneRevue> Objectifs, IReadOnlyList<ActionPlan> Actions)
{
    /// <param name="precedent">The dialogue of N−1 (null if there was none: nothing to review).</param>
    /// <param name="plan">The N−1 plan d'action (null if none).</param>
    /// <param name="sens">The direction of each ratio (from the catalogue).</param>
    /// <param name="realise">The actual value of a ratio in N−1 as the user may see it: (value, masked).</param>
    public static RevueAnneePrecedente? Etablir(DialogueDeGestion? precedent, Plan? plan, Func<string, Sens> sens, Func<string, (double? Valeur, bool Masque)> realise)
    {
        if (precedent is null) return null;
        var lignes = precedent.Objectifs.Select(o =>
        {
            var (valeur, masque) = realise(o.Ratio);
            return new LigneRevue(o, masque ? null : valeur, masque, Atteinte(sens(o.Ratio), o.Cible, masque ? null : valeur));
        }).ToList();
        return new RevueAnneePrecedente(precedent.Annee, lignes, plan?.Actions ?? []);
    }

    /// <summary>Reached when the actual value is at or beyond the target in the ratio's direction.</summary>
    public static AtteinteObjectif Atteinte(Sens sens, double cible, double? realise) => realise is not { } v ? AtteinteObjectif.Inconnue : sens switch
    {
        Sens.Hausse => v >= cible ? AtteinteObjectif.Atteint : AtteinteObjectif.NonAtteint,
        Sens.Baisse => v <= cible ? AtteinteObjectif.Atteint : AtteinteObjectif.NonAtteint,
        _ => AtteinteObjectif.SansSens,
    };

    /// <summary>« 3 réalisées sur 5 (1 en cours, 1 abandonnée) ».</summary>
    public string BilanActions()
    {
        if (Actions.Count == 0) return "aucune action";
        var realisees = Actions.Count(a => a.Statut == StatutAction.Realisee);
        var autres = Actions.Where(a => a.Statut != StatutAction.Realisee).GroupBy(a => a.Statut).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.Libelle().ToLowerInvariant()}{(g.Count() > 1 && g.Key != StatutAction.EnCours ? "s" : "")}").ToList();
        return $"{realisees} réalisée{(realisees > 1 ? "s" : "")} sur {Actions.Count}{(autres.Count > 0 ? " (" + string.Join(", ", autres) + ")" : "")}";
    }
}

public static class LibellesRevue
{
    public static string Libelle(this AtteinteObjectif a) => a switch
    {
        AtteinteObjectif.Atteint => "atteint",
        AtteinteObjectif.NonAtteint => "non atteint",
        AtteinteObjectif.SansSens => "sans sens de lecture",
        _ => "non connu",
    };
}
