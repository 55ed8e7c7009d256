namespace Jalon.Domain.Pilotage;

/// <summary>The four steps of the dialogue de gestion (instruction CPO 2015, annexe 2, fiche n°1).</summary>
public enum EtapeDialogue : byte
{
    /// <summary>1. Analyse et partage du contexte (diagnostic de territoire, poids régional).</summary>
    Contexte,

    /// <summary>2. Le parcours d'accompagnement contractualisé (repérage, accueil, diagnostic, accompagnement vers et dans l'emploi).</summary>
    Parcours,

    /// <summary>3. L'offre de service aux employeurs.</summary>
    Employeurs,

    /// <summary>4. Étape conclusive : mesure de la dynamique globale, adéquation des ressources, plan d'actions et objectifs.</summary>
    Conclusive,
}

/// <summary>The themes of the synthesis plan d'action (fiche n°1, « Synthèse du dialogue de gestion – plan d'action »).</summary>
public enum ThemePlanAction : byte
{
    Contexte,
    Parcours,
    Employeurs,
    IngenierieProjets,
    DynamiqueGlobale,
}

/// <summary>States of a dialogue de gestion.</summary>
public enum EtatDialogue : byte
{
    /// <summary>The structure prepares its analyses.</summary>
    Preparation,

    /// <summary>Sent to the State services, who read it before the meeting.</summary>
    Transmis,

    /// <summary>The dialogue is held: the State comments, both sides negotiate targets, plan and financing.</summary>
    EnDialogue,

    /// <summary>Both sides validated the conclusions: nothing can be edited any more.</summary>
    Conclu,

    /// <summary>The avenant to the CPO is signed.</summary>
    AvenantSigne,
}

public static class Referentiel
{
    public static IReadOnlyList<EtapeDialogue> Etapes { get; } = Enum.GetValues<EtapeDialogue>();

    public static IReadOnlyList<ThemePlanAction> Themes { get; } = Enum.GetValues<ThemePlanAction>();

    public static string Libelle(this EtapeDialogue etape) => etape switch
    {
        EtapeDialogue.Contexte => "1. Analyse et partage du contexte",
        EtapeDialogue.Parcours => "2. Le parcours d'accompagnement contractualisé",
        EtapeDialogue.Employeurs => "3. L'offre de service aux employeurs",
        EtapeDialogue.Conclusive => "4. Étape conclusive : ressources, financements, adéquation",
        _ => etape.ToString(),
    };

    /// <summary>What the step covers, from fiche n°1, shown as guidance next to the text areas.</summary>
    public static string Aide(this EtapeDialogue etape) => etape switch
    {
        EtapeDialogue.Contexte => "Caractéristiques démographiques, population, situation de l'emploi, tissu productif, offre de formation ; facteurs favorables et freins ; poids régional de la Mission locale (JANO, DEFM, JDI).",
        EtapeDialogue.Parcours => "Repérage, accueil, information, diagnostic et orientation, consolidation de projet ; modalités d'accompagnement vers et dans l'emploi, offre de service, partenariat, complétude de l'offre.",
        EtapeDialogue.Employeurs => "Organisation de l'offre aux employeurs avec Pôle emploi, animation d'un réseau d'employeurs, partenariats économiques, parrainage.",
        EtapeDialogue.Conclusive => "Mobilisation des financements par financeur, adéquation des ressources aux besoins des publics, ETP dédiés à l'accompagnement, vision partagée des financeurs.",
        _ => "",
    };

    public static string Libelle(this ThemePlanAction theme) => theme switch
    {
        ThemePlanAction.Contexte => "Analyse et partage du contexte",
        ThemePlanAction.Parcours => "Parcours d'accompagnement vers et dans l'emploi, dont l'accès des jeunes à l'autonomie et au droit commun",
        ThemePlanAction.Employeurs => "Offre de service aux employeurs",
        ThemePlanAction.IngenierieProjets => "Ingénierie de projets",
        ThemePlanAction.DynamiqueGlobale => "Mesure de la dynamique globale, adéquation des ressources",
        _ => theme.ToString(),
    };

    public static string Libelle(this EtatDialogue etat) => etat switch
    {
        EtatDialogue.Preparation => "En préparation par la Mission locale",
        EtatDialogue.Transmis => "Transmis aux services de l'État",
        EtatDialogue.EnDialogue => "Dialogue en cours",
        EtatDialogue.Conclu => "Conclu",
        EtatDialogue.AvenantSigne => "Avenant signé",
        _ => etat.ToString(),
    };
}
