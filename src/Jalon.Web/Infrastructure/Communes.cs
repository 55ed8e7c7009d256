using Jalon.Referentiels;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// The INSEE communes (the generator's embedded reference data from @etalab/decoupage-administratif): offered by
/// the commune field (a datalist of the structure's department) and required by its validation.
/// </summary>
public static class Communes
{
    public static bool Exists(string code) => InseeData.Instance.CommunesByCode.ContainsKey(code);

    /// <summary>The name of a commune, if known.</summary>
    public static string? Nom(string? code) =>
        code is not null && InseeData.Instance.CommunesByCode.TryGetValue(code, out var c) ? c.Nom : null;

    /// <summary>(code, name) of the communes of a department, in name order.</summary>
    public static IReadOnlyList<(string Code, string Nom)> Of(string? departement) =>
        departement is not null && InseeData.Instance.CommunesByDepartement.TryGetValue(departement, out var list)
            ? list.OrderBy(c => c.Nom, StringComparer.Create(Libelles.Fr, true)).Select(c => (c.Code, c.Nom)).ToList()
            : [];
}
