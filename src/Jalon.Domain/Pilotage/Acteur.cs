namespace Jalon.Domain.Pilotage;

/// <summary>Who acts in the dialogue de gestion: a signed-in user, with the structure or region they belong to.</summary>
public sealed record Acteur(string Nom, Role Role, string? Structure = null, string? Region = null);

/// <summary>The two parties of the dialogue.</summary>
public enum Partie : byte
{
    /// <summary>The Mission Locale (its director).</summary>
    MissionLocale,

    /// <summary>The State services (DIRECCTE / DREETS agent of the region).</summary>
    Etat,
}

/// <summary>Who may read and act on the dialogue of one structure of one region.</summary>
public static class Habilitations
{
    /// <summary>The party an actor speaks for in the dialogue of this structure, or null if they may not act on it.</summary>
    public static Partie? PartieDe(Acteur acteur, string structure, string region) => acteur.Role switch
    {
        Role.Directeur when acteur.Structure == structure => Partie.MissionLocale,
        Role.AgentEtatRegional when acteur.Region == region => Partie.Etat,
        _ => null,
    };

    /// <summary>Read access to the dialogue (and to the dashboards of the structure).</summary>
    public static bool PeutLire(Acteur acteur, string structure, string region) => acteur.Role switch
    {
        Role.ChargeAccueil or Role.Conseiller or Role.Directeur => acteur.Structure == structure,
        Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => acteur.Region == region,
        Role.AgentEtatNational or Role.Administrateur => true,
        _ => false,
    };

    /// <summary>Read access to the figures of a whole region (null = nation).</summary>
    public static bool PeutLireTerritoire(Acteur acteur, string? region) => acteur.Role switch
    {
        Role.AgentEtatNational or Role.Administrateur => true,
        Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => region is not null && acteur.Region == region,
        _ => false,
    };

    public static string Libelle(this Partie partie) => partie == Partie.Etat ? "État" : "Mission locale";
}
