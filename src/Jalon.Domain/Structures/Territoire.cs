using System.Globalization;
using Jalon.Referentiels;

namespace Jalon.Domain.Structures;

/// <summary>An EPCI of a computed territory: how many of its communes the structure covers, out of how many.</summary>
public sealed record EpciCouvert(string Code, string Nom, int CommunesCouvertes, int CommunesTotal, long Population)
{
    public bool Partiel => CommunesCouvertes < CommunesTotal;
}

/// <summary>
/// A structure's territory as Jalon computes it from the list of communes it covers on a date, with the INSEE data of one
/// COG year: communes (current ones; a former commune counts as the current commune it is part of), EPCI, departments,
/// population. <see cref="Inconnues"/>: codes unknown to that COG.
/// </summary>
public sealed record TerritoireCalcule(
    DateOnly Date,
    int CogYear,
    IReadOnlyList<Commune> Communes,
    IReadOnlyList<EpciCouvert> Epcis,
    IReadOnlyList<string> Departements,
    long Population,
    IReadOnlyList<string> Inconnues)
{
    /// <summary>Computes the territory of the communes covered on <paramref name="date"/>.</summary>
    public static TerritoireCalcule Of(IEnumerable<TerritoireCommune> rows, DateOnly date, InseeData insee) =>
        Of(rows.Where(r => r.Interval.IsActiveOn(date)).Select(r => r.Commune), date, insee);

    public static TerritoireCalcule Of(IEnumerable<string> codes, DateOnly date, InseeData insee)
    {
        var communes = new Dictionary<string, Commune>(StringComparer.Ordinal);
        var inconnues = new List<string>();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (insee.Current(code) is { } c) communes.TryAdd(c.Code, c);
            else inconnues.Add(code);
        }
        var list = communes.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var epcis = list.Where(c => c.Epci.Length > 0).GroupBy(c => c.Epci, StringComparer.Ordinal)
            .Select(g => new EpciCouvert(g.Key, insee.EpcisByCode.TryGetValue(g.Key, out var e) ? e.Nom : g.Key, g.Count(),
                insee.CommunesByEpci.TryGetValue(g.Key, out var all) ? all.Count : g.Count(), g.Sum(c => (long)c.Population)))
            .OrderByDescending(e => e.Population).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        return new TerritoireCalcule(date, insee.CogYear, list, epcis,
            list.Select(c => c.Departement).Distinct().Order(StringComparer.Ordinal).ToList(),
            list.Sum(c => (long)c.Population), inconnues.Order(StringComparer.Ordinal).ToList());
    }
}

/// <summary>An intercommunal body as the director lists it, with the number of communes declared for it (if any).</summary>
public sealed record EpciDeclare(string Nom, int? Communes = null);

/// <summary>
/// The territory as the director declares it (seed 000 « Territoire d'intervention », seed 004 « Couverture territoriale »):
/// numbers of communes and EPCI, the EPCI listed, population figures and unemployment, as of a date and a COG year.
/// </summary>
public sealed record TerritoireDeclare
{
    public DateOnly Date { get; init; }
    public int? CogYear { get; init; }
    public int? Communes { get; init; }
    public int? Epcis { get; init; }
    public IReadOnlyList<EpciDeclare> EpcisListes { get; init; } = [];
    public long? Population { get; init; }
    public long? Population1625 { get; init; }
    public decimal? TauxChomage { get; init; }
    public decimal? TauxChomage1625 { get; init; }
}

/// <summary>A discrepancy between what is declared and what is listed or computed: shown, never blocking.</summary>
public sealed record EcartTerritoire(string Sujet, string Message);

/// <summary>The checks of a territory (docs/structure.md): declared against listed against computed.</summary>
public static class Territoires
{
    /// <summary>Lower-case, without accents, apostrophes or repeated spaces: how two spellings of an EPCI name are compared.</summary>
    public static string NormalizeName(string name)
    {
        var d = name.Normalize(System.Text.NormalizationForm.FormD);
        var chars = d.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            .Select(ch => char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
        return string.Join(' ', new string(chars.ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// The discrepancies of a declared territory with itself (declared count against the list, a body listed twice, the
    /// communes per EPCI against the declared total) and, when given, with the computed territory.
    /// </summary>
    public static IReadOnlyList<EcartTerritoire> Ecarts(TerritoireDeclare declare, TerritoireCalcule? calcule = null)
    {
        var ecarts = new List<EcartTerritoire>();
        var listes = declare.EpcisListes;
        if (listes.Count > 0)
        {
            var groups = listes.GroupBy(e => NormalizeName(e.Nom)).ToList();
            foreach (var twice in groups.Where(g => g.Count() > 1))
                ecarts.Add(new("epci", $"« {twice.First().Nom} » est cité {twice.Count()} fois dans la liste des intercommunalités"));
            if (declare.Epcis is { } n && n != groups.Count)
                ecarts.Add(new("epci",
                    $"{n} intercommunalités déclarées, {groups.Count} distinctes dans la liste ({listes.Count} citées)"));
            var parEpci = listes.Where(e => e.Communes is not null).ToList();
            if (declare.Communes is { } total && parEpci.Count == listes.Count)
            {
                var sum = parEpci.Sum(e => e.Communes!.Value);
                if (sum != total)
                    ecarts.Add(new("communes",
                        $"{total} communes déclarées, {sum} dans le détail par intercommunalité ({string.Join(" + ", parEpci.Select(e => e.Communes!.Value))})"));
            }
        }
        if (calcule is not null)
        {
            var cog = declare.CogYear is { } y && y != calcule.CogYear ? $" (déclaré en COG {y}, calculé en COG {calcule.CogYear})" : "";
            if (declare.Communes is { } c && c != calcule.Communes.Count)
                ecarts.Add(new("communes", $"{c} communes déclarées, {calcule.Communes.Count} dans la liste des communes couvertes{cog}"));
            if (declare.Epcis is { } e && e != calcule.Epcis.Count)
                ecarts.Add(new("epci", $"{e} intercommunalités déclarées, {calcule.Epcis.Count} selon les communes couvertes{cog}"));
            if (declare.Population is { } p && p != calcule.Population)
                ecarts.Add(new("population",
                    $"population déclarée {Nombre(p)}, {Nombre(calcule.Population)} selon l'INSEE (COG {calcule.CogYear})"));
            foreach (var code in calcule.Inconnues)
                ecarts.Add(new("communes", $"commune « {code} » inconnue du COG {calcule.CogYear}"));
        }
        return ecarts;
    }

    private static string Nombre(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    /// <summary>A commune covered by two structures on the same day.</summary>
    public sealed record Chevauchement(string Commune, int StructureA, int StructureB, DateOnly Depuis);

    /// <summary>
    /// Every commune covered by two structures at a same date (rows of any structure), once per pair of rows, with the
    /// first day they overlap.
    /// </summary>
    public static IReadOnlyList<Chevauchement> Chevauchements(IEnumerable<TerritoireCommune> rows)
    {
        var result = new List<Chevauchement>();
        foreach (var group in rows.GroupBy(r => r.Commune, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.Count < 2) continue;
            for (var i = 0; i < list.Count; i++)
            {
                for (var k = i + 1; k < list.Count; k++)
                {
                    if (list[i].Structure == list[k].Structure || !list[i].Interval.Overlaps(list[k].Interval)) continue;
                    var depuis = list[i].Debut > list[k].Debut ? list[i].Debut : list[k].Debut;
                    result.Add(new Chevauchement(group.Key, list[i].Structure, list[k].Structure, depuis));
                }
            }
        }
        return result;
    }
}

/// <summary>What Jalon proposes for a young person's <c>qpv</c> flag: a QPV depends on the address, not the commune.</summary>
public enum PropositionQpv : byte
{
    /// <summary>No QPV list covers the date: nothing to propose.</summary>
    Inconnu,

    /// <summary>No QPV in the commune: <c>qpv = 0</c>.</summary>
    Non,

    /// <summary>The commune holds a QPV: « à vérifier » with the address.</summary>
    AVerifier,
}

/// <summary>The zone flags proposed when a young person's commune is entered (the counsellor confirms).</summary>
public sealed record PropositionZones(bool? Zrr, PropositionQpv Qpv, IReadOnlyList<ZoneEntry> Quartiers);

public static class ZonesJeune
{
    /// <summary>
    /// Proposes the <c>zrr</c> flag from the commune at a date (true/false when a ZRR list is in force that day, null
    /// otherwise) and the <c>qpv</c> flag « à vérifier » when the commune holds a QPV. A former commune is looked up as
    /// itself, then as the current commune it belongs to.
    /// </summary>
    public static PropositionZones Propose(ZoneReference zones, string? commune, DateOnly date, InseeData? insee = null)
    {
        if (string.IsNullOrEmpty(commune)) return new(null, PropositionQpv.Inconnu, []);
        var codes = new List<string> { commune };
        if (insee?.Current(commune) is { } current && current.Code != commune) codes.Add(current.Code);
        bool? zrr = zones.Covers(ZoneType.Zrr, date) ? codes.Any(c => zones.IsIn(ZoneType.Zrr, c, date)) : null;
        if (!zones.Covers(ZoneType.Qpv, date)) return new(zrr, PropositionQpv.Inconnu, []);
        var quartiers = codes.SelectMany(c => zones.QpvOf(c, date)).DistinctBy(q => q.CodeZone).ToList();
        return new(zrr, quartiers.Count > 0 ? PropositionQpv.AVerifier : PropositionQpv.Non, quartiers);
    }
}
