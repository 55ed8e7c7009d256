namespace Jalon.Domain;

/// <summary>What a user of Jalon is, which decides what they may see and do.</summary>
public enum Role : byte
{
    /// <summary>Chargé(e) d'accueil: creates files, records first reception and contacts.</summary>
    ChargeAccueil,

    /// <summary>Conseiller: everything about the young people of their structure; their own portfolio.</summary>
    Conseiller,

    /// <summary>Directeur: everything in their structure, its staff accounts and audit log.</summary>
    Directeur,

    /// <summary>Administrateur of the Jalon instance.</summary>
    Administrateur,

    /// <summary>Agent de l'État for one region (DIRECCTE/DREETS): aggregates only.</summary>
    AgentEtatRegional,

    /// <summary>Agent de l'État at national level (DGEFP): aggregates only.</summary>
    AgentEtatNational,

    /// <summary>Association régionale des Missions Locales: aggregates only.</summary>
    AssociationRegionale,

    /// <summary>
    /// Agent of a Région (conseil régional): aggregates of its region's structures, their profiles, staff tables and
    /// budgets, and the Région's own funding grid; never a young person's file.
    /// </summary>
    AgentRegion,
}

public static class Roles
{
    /// <summary>Roles that work inside one Mission Locale and may read young people's files.</summary>
    public static bool IsStructureStaff(this Role role) => role is Role.ChargeAccueil or Role.Conseiller or Role.Directeur;

    /// <summary>Roles that must only ever see aggregates (with statistical secrecy below 5).</summary>
    public static bool SeesAggregatesOnly(this Role role) =>
        role is Role.AgentEtatRegional or Role.AgentEtatNational or Role.AssociationRegionale or Role.AgentRegion;

    /// <summary>Roles bound to one region (their account carries its INSEE code).</summary>
    public static bool IsRegional(this Role role) =>
        role is Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion;

    public static string Libelle(this Role role) => role switch
    {
        Role.ChargeAccueil => "Chargé(e) d'accueil",
        Role.Conseiller => "Conseiller(ère)",
        Role.Directeur => "Directeur(trice)",
        Role.Administrateur => "Administrateur(trice)",
        Role.AgentEtatRegional => "Agent de l'État (région)",
        Role.AgentEtatNational => "Agent de l'État (national)",
        Role.AssociationRegionale => "Association régionale",
        Role.AgentRegion => "Agent de la Région",
        _ => role.ToString(),
    };
}
