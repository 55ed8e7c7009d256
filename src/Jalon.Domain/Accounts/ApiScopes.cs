namespace Jalon.Domain.Accounts;

/// <summary>
/// The scopes of a partner client of the REST API v1 (docs/api.md), and the rule that a client never gets more than a human
/// role would: the journey scopes only for a structure role (within its structure), the indicators and reference data for
/// every role (aggregates only, with statistical secrecy, for the aggregate-only roles).
/// </summary>
public static class ApiScopes
{
    public const string ParcoursLecture = "parcours:lecture";
    public const string ParcoursEcriture = "parcours:ecriture";
    public const string Indicateurs = "indicateurs";
    public const string Referentiels = "referentiels";

    public static readonly string[] All = [ParcoursLecture, ParcoursEcriture, Indicateurs, Referentiels];

    /// <summary>The roles a client may be given: one structure role, or the aggregate-only roles.</summary>
    public static bool RoleAllowed(Role role) => role == Role.Conseiller || role.SeesAggregatesOnly();

    /// <summary>The scopes a role's rights allow.</summary>
    public static IReadOnlyList<string> AllowedFor(Role role) =>
        role.IsStructureStaff() ? All : role.SeesAggregatesOnly() ? [Indicateurs, Referentiels] : [];

    /// <summary>Why this client cannot be created (in French), or null.</summary>
    public static string? Problem(Role role, string? structure, string? region, IReadOnlyCollection<string> scopes)
    {
        if (!RoleAllowed(role)) return $"Rôle « {role.Libelle()} » refusé : un client d'API a le rôle Conseiller (une structure) ou un rôle d'agrégats.";
        if (role.IsStructureStaff() && string.IsNullOrWhiteSpace(structure)) return "Un client de structure demande le code de sa structure.";
        if (!role.IsStructureStaff() && !string.IsNullOrWhiteSpace(structure)) return "Un client d'agrégats n'a pas de structure.";
        if (role.IsRegional() && string.IsNullOrWhiteSpace(region)) return "Un client régional demande le code INSEE de sa région.";
        if (scopes.Count == 0) return "Donnez au moins une portée.";
        var unknown = scopes.Where(s => !All.Contains(s)).ToList();
        if (unknown.Count > 0) return $"Portée(s) inconnue(s) : {string.Join(", ", unknown)} (possibles : {string.Join(", ", All)}).";
        var tooWide = scopes.Where(s => !AllowedFor(role).Contains(s)).ToList();
        if (tooWide.Count > 0) return $"Portée(s) plus large(s) que le rôle « {role.Libelle()} » : {string.Join(", ", tooWide)}.";
        return null;
    }
}
