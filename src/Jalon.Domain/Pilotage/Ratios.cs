namespace Jalon.Domain.Pilotage;

/// <summary>Which way a ratio is read: is a higher value the desired direction?</summary>
public enum Sens : sbyte
{
    /// <summary>Lower is the desired direction (e.g. young people without solution).</summary>
    Baisse = -1,

    /// <summary>Neither: context only.</summary>
    Neutre = 0,

    /// <summary>Higher is the desired direction.</summary>
    Hausse = 1,
}

/// <summary>One of the 13 ratios of fiche n°3, on which targets are negotiated. Key = catalogue key (R1…R13).</summary>
public sealed record RatioCpo(string Cle, string Libelle, Sens Sens, bool EstTaux);

/// <summary>The 13 ratios of the CPO 2015–2018 (annexe 2, fiche n°3), with the catalogue keys of cpo-2015.</summary>
public static class Ratios
{
    public static IReadOnlyList<RatioCpo> Tous { get; } =
    [
        new("R1", "Jeunes en contact / jeunes 16-25 ans actifs non occupés (couverture)", Sens.Hausse, true),
        new("R2", "Progression des jeunes accueillis pour la 1re fois (N / N−1)", Sens.Neutre, false),
        new("R3", "Jeunes ayant eu un diagnostic approfondi / jeunes en 1er accueil", Sens.Hausse, true),
        new("R4", "JDI / jeunes 16-25 ans actifs non occupés", Sens.Hausse, true),
        new("R5", "Jeunes entrés en parcours contractualisé / jeunes en contact", Sens.Hausse, true),
        new("R6", "Jeunes entrés ayant eu un diagnostic approfondi / jeunes entrés en parcours", Sens.Hausse, true),
        new("R7", "Jeunes présents en parcours national / JDI", Sens.Hausse, true),
        new("R8", "Jeunes en parcours sans proposition depuis plus de 3 mois", Sens.Baisse, true),
        new("R9", "Jeunes ayant démarré une situation dans les 12 premiers mois d'accompagnement", Sens.Hausse, true),
        new("R10", "Jeunes sortis en emploi / jeunes sortis de parcours national", Sens.Hausse, true),
        new("R11", "Jeunes sortis de parcours sans solution connue", Sens.Baisse, true),
        new("R12", "ETP dédiés à l'accompagnement / ETP total", Sens.Hausse, true),
        new("R13", "Jeunes accompagnés / ETP dédiés à l'accompagnement", Sens.Hausse, false),
    ];

    public static RatioCpo? Trouver(string cle) => Tous.FirstOrDefault(r => r.Cle == cle);

    /// <summary>A ratio value for display: a percentage for rates, a number otherwise.</summary>
    public static string Afficher(RatioCpo ratio, double? valeur) =>
        valeur is not { } v ? "—" : ratio.EstTaux ? Euros.Pourcentage(v) : Euros.Reel(v, 2);
}
