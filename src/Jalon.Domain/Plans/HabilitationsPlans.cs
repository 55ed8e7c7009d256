using Jalon.Domain.Pilotage;

namespace Jalon.Domain.Plans;

/// <summary>Who may read and change a plan (docs/plans.md).</summary>
public static class HabilitationsPlans
{
    /// <summary>
    /// A structure's plan: its director and counsellors, the State, ARML and Région of its region, the national State
    /// and the administrator. A regional orientation: the same, plus every structure's director and counsellors of the region.
    /// </summary>
    public static bool PeutLire(Acteur acteur, string? structure, string region) => acteur.Role switch
    {
        Role.Conseiller or Role.Directeur => structure is null ? acteur.Region == region : acteur.Structure == structure,
        Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => acteur.Region == region,
        Role.AgentEtatNational or Role.Administrateur => true,
        _ => false,
    };

    /// <summary>A structure's plan is changed by its director; a regional orientation by the Région or the State of that region.</summary>
    public static bool PeutModifier(Acteur acteur, string? structure, string region) => structure is null
        ? acteur.Role is Role.AgentRegion or Role.AgentEtatRegional && acteur.Region == region
        : acteur.Role == Role.Directeur && acteur.Structure == structure;
}
