using System.Globalization;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Financement;

/// <summary>The life of a regional allocation (docs/financement-region.md): simulated, then voted, then notified.</summary>
public enum StatutAllocation : byte
{
    /// <summary>Being prepared: envelope, shares, weights and axis-3 decisions may change; figures are recomputed.</summary>
    Simulation,

    /// <summary>Voted by the regional council (a délibération with its number and date): the figures are frozen.</summary>
    Votee,

    /// <summary>Notified to the structures (a « notification de subvention » each): final.</summary>
    Notifiee,
}

/// <summary>
/// The rules of an allocation's life and of its parameters, written once for every entry point. Only a simulation
/// can be changed; a voted allocation goes back to simulation explicitly (the vote is withdrawn, its figures dropped);
/// a notified one is final.
/// </summary>
public static class VieAllocation
{
    public const int LongueurDeliberation = 60;
    public const int LongueurArgument = 2000;

    public static string Libelle(this StatutAllocation statut) => statut switch
    {
        StatutAllocation.Simulation => "simulation",
        StatutAllocation.Votee => "votée",
        StatutAllocation.Notifiee => "notifiée",
        _ => statut.ToString(),
    };

    /// <summary>Why the parameters or decisions cannot be changed now, or null.</summary>
    public static string? RefusModification(StatutAllocation statut) => statut switch
    {
        StatutAllocation.Simulation => null,
        StatutAllocation.Votee => "L'allocation est votée : ses montants sont figés. Pour la modifier, revenez d'abord à la simulation (le vote est retiré).",
        _ => "L'allocation est notifiée : elle ne peut plus être modifiée.",
    };

    /// <summary>Why the allocation cannot be voted with this délibération, or null.</summary>
    public static string? RefusVote(StatutAllocation statut, string? numero, DateOnly? date)
    {
        if (statut != StatutAllocation.Simulation) return $"L'allocation est déjà {statut.Libelle()}.";
        if (string.IsNullOrWhiteSpace(numero)) return "Indiquez le numéro de la délibération.";
        if (numero.Trim().Length > LongueurDeliberation) return $"Le numéro de la délibération dépasse {LongueurDeliberation} caractères.";
        if (date is null) return "Indiquez la date de la délibération (jj/mm/aaaa).";
        return null;
    }

    /// <summary>Why the allocation cannot be notified on <paramref name="date"/>, or null.</summary>
    public static string? RefusNotification(StatutAllocation statut, DateOnly? deliberation, DateOnly? date)
    {
        if (statut == StatutAllocation.Simulation) return "L'allocation doit être votée avant d'être notifiée.";
        if (statut == StatutAllocation.Notifiee) return "L'allocation est déjà notifiée.";
        if (date is null) return "Indiquez la date de la notification (jj/mm/aaaa).";
        if (deliberation is { } d && date < d)
            return $"La notification ne peut pas précéder la délibération du {d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.";
        return null;
    }

    /// <summary>Why the vote cannot be withdrawn, or null (only a voted, not yet notified allocation goes back).</summary>
    public static string? RefusRetour(StatutAllocation statut) => statut switch
    {
        StatutAllocation.Votee => null,
        StatutAllocation.Simulation => "L'allocation n'est pas votée.",
        _ => "L'allocation est notifiée : le vote ne peut plus être retiré.",
    };

    /// <summary>
    /// The grid with the funder's shares of the axes (axis number → fraction), checked: every axis given, each share in
    /// [0, 1] with at most 4 decimals, adding up to exactly 1. Problems are added in French; the grid is unchanged then.
    /// </summary>
    public static GrilleFinancement AvecParts(GrilleFinancement grille, IReadOnlyDictionary<int, decimal> parts, List<string> problemes)
    {
        var avant = problemes.Count;
        foreach (var axe in grille.Axes)
        {
            if (!parts.TryGetValue(axe.Numero, out var p)) problemes.Add($"Part de l'axe {axe.Numero} manquante.");
            else if (p < 0 || p > 1 || decimal.Round(p, 4) != p)
                problemes.Add($"Part de l'axe {axe.Numero} invalide : {Pourcent(p)} (entre 0 et 100 %, au plus 2 décimales en pourcentage).");
        }
        if (problemes.Count > avant) return grille;
        var somme = grille.Axes.Sum(a => parts[a.Numero]);
        if (somme != 1m)
        {
            problemes.Add($"Les parts des axes font {Pourcent(somme)} : elles doivent faire exactement 100 %.");
            return grille;
        }
        return grille with { Axes = grille.Axes.Select(a => a with { Part = parts[a.Numero] }).ToArray() };
    }

    /// <summary>Checks the weights of the computed axes' indicators (≥ 0, at most 4 decimals), in French.</summary>
    public static void VerifierPoids(GrilleFinancement grille, IReadOnlyDictionary<(int Axe, string Cle), decimal> poids, List<string> problemes)
    {
        foreach (var ((axe, cle), w) in poids)
        {
            var a = grille.Axes.FirstOrDefault(x => x.Numero == axe);
            if (a is null || !a.Indicateurs.Contains(cle)) problemes.Add($"Poids de {cle} : indicateur hors de l'axe {axe}.");
            else if (w < 0 || decimal.Round(w, 4) != w) problemes.Add($"Poids de {cle} invalide : {w.ToString(CultureInfo.GetCultureInfo("fr-FR"))} (un nombre positif ou nul, au plus 4 décimales).");
        }
    }

    /// <summary>Checks an envelope or an amount typed in euros: positive, at most 2 decimals.</summary>
    public static string? RefusMontant(string quoi, decimal? euros) => euros switch
    {
        null => $"{quoi} : un montant en euros est attendu (1500000 ou 1500000,50).",
        < 0 => $"{quoi} : le montant doit être positif ou nul.",
        { } e when decimal.Round(e, 2) != e => $"{quoi} : au plus 2 décimales (des centimes).",
        _ => null,
    };

    private static string Pourcent(decimal p) => (p * 100).ToString("0.####", CultureInfo.GetCultureInfo("fr-FR")) + " %";
}
