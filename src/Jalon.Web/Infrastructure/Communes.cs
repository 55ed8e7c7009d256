namespace Jalon.Web.Infrastructure;

/// <summary>
/// The INSEE communes offered by the commune field (datalist) and accepted by its validation.
/// Until the generator's INSEE data is wired, any well-formed code is accepted.
/// </summary>
public static class Communes
{
    public static bool Exists(string code) => Lookup is null || Lookup(code) is not null;

    /// <summary>The name of a commune, if known.</summary>
    public static string? Nom(string? code) => code is null || Lookup is null ? null : Lookup(code);

    /// <summary>(code, name) of the communes suggested for a department, in name order.</summary>
    public static IReadOnlyList<(string Code, string Nom)> Of(string? departement) =>
        departement is null || ByDepartement is null ? [] : ByDepartement(departement);

    private static readonly Func<string, string?>? Lookup = null;
    private static readonly Func<string, IReadOnlyList<(string, string)>>? ByDepartement = null;
}
