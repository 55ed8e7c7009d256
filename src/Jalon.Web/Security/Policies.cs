using Jalon.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Jalon.Web.Security;

/// <summary>
/// Authorization policies, one per kind of work. Every page names its policy; the fallback policy
/// requires a signed-in user everywhere else. Policies check the role; the structure of a resource
/// is checked by the page itself (a file of another structure is "not found").
/// </summary>
public static class Policies
{
    /// <summary>Read young people's files, create them, record first reception and contacts: structure staff.</summary>
    public const string Dossiers = "Dossiers";

    /// <summary>Record the accompaniment (diagnostic, paths, proposals, situations…): conseiller and directeur.</summary>
    public const string Accompagnement = "Accompagnement";

    /// <summary>A counsellor's portfolio: conseiller and directeur.</summary>
    public const string Portefeuille = "Portefeuille";

    /// <summary>Staff accounts: directeur (their structure) and administrateur.</summary>
    public const string Comptes = "Comptes";

    /// <summary>The audit log: directeur (their structure) and administrateur.</summary>
    public const string Journal = "Journal";

    /// <summary>Import and export of exchange packages: directeur (their structure) and administrateur.</summary>
    public const string Echanges = "Echanges";

    /// <summary>Steering pages (aggregates only): directeur, administrateur, State and regional roles.</summary>
    public const string Pilotage = "Pilotage";

    /// <summary>The CEJ allowance's validation and the ASP files: the directeur of the structure (docs/cej.md).</summary>
    public const string AllocationsCej = "AllocationsCej";

    public static readonly Role[] DossiersRoles = [Role.ChargeAccueil, Role.Conseiller, Role.Directeur];
    public static readonly Role[] AccompagnementRoles = [Role.Conseiller, Role.Directeur];
    public static readonly Role[] DirectionRoles = [Role.Directeur, Role.Administrateur];
    public static readonly Role[] PilotageRoles = [Role.Directeur, Role.Administrateur, Role.AgentEtatRegional, Role.AgentEtatNational, Role.AssociationRegionale, Role.AgentRegion];

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        Add(options, Dossiers, DossiersRoles, requireStructure: true);
        Add(options, Accompagnement, AccompagnementRoles, requireStructure: true);
        Add(options, Portefeuille, AccompagnementRoles, requireStructure: true);
        Add(options, Comptes, DirectionRoles, requireStructure: false);
        Add(options, Journal, DirectionRoles, requireStructure: false);
        Add(options, Echanges, DirectionRoles, requireStructure: false);
        Add(options, Pilotage, PilotageRoles, requireStructure: false);
        Add(options, AllocationsCej, [Role.Directeur], requireStructure: true);
    }

    private static void Add(AuthorizationOptions options, string name, Role[] roles, bool requireStructure) =>
        options.AddPolicy(name, p =>
        {
            p.RequireAuthenticatedUser();
            p.RequireRole(roles.Select(r => r.ToString()));
            if (requireStructure) p.RequireClaim(JalonClaims.Structure);
        });
}
