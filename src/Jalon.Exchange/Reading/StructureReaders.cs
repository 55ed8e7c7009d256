using System.Runtime.CompilerServices;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Referentiels;

namespace Jalon.Exchange.Reading;

/// <summary>A row of a structure file with the line it came from; <see cref="Key"/> is null when the row cannot be keyed.</summary>
internal readonly record struct Lined<T>(T Value, int Line, bool Ok, object? Key);

/// <summary>
/// A small file of the structure side (territoires, sites, brh, budget, contexte): rows kept in file order with their line,
/// a duplicate key is an error on its second occurrence (<see cref="Duplicate"/> gives the message).
/// </summary>
internal abstract class StructureFileReader<T>(ReadSession session, string name, ColumnSpec[] columns)
    : FileReader(session, name, false, columns)
{
    private readonly Dictionary<object, int> _lines = [];

    /// <summary>The sound rows, in file order, with their line.</summary>
    public List<Lined<T>> All { get; } = [];

    protected override ChunkResult CreateResult(int sequence, int capacity) => new ChunkResult<Lined<T>>(sequence, capacity);

    protected override void Commit(ChunkResult result)
    {
        foreach (ref readonly var row in ((ChunkResult<Lined<T>>)result).Span)
        {
            if (row.Key is { } key && !_lines.TryAdd(key, row.Line))
            {
                var (column, message) = Duplicate(row.Value, _lines[key]);
                result.Add(new PackageIssue(Name, row.Line, column, message, true));
                continue;
            }
            if (row.Ok) All.Add(row);
        }
    }

    protected void Keep(RowContext row, T value, object? key) =>
        ((ChunkResult<Lined<T>>)row.Result).Add(new Lined<T>(value, row.Line, row.Ok, key));

    protected abstract (string Column, string Message) Duplicate(T value, int firstLine);

    protected string CodeOf(int structure) => Session.Structures[structure].Code;

    /// <summary>Anomaly when a commune code is unknown to the embedded COG (a code of another year may still be right).</summary>
    protected static void CheckCommune(RowContext row, int col, string? commune)
    {
        if (commune is null) return;
        if (InseeData.Instance.Current(commune) is null)
            row.Anomaly(col, $"commune « {commune} » inconnue du Code officiel géographique {InseeData.Instance.CogYear}");
    }
}

internal sealed class TerritoiresReader(ReadSession session) : StructureFileReader<TerritoireCommune>(session, "territoires.csv",
    [Col.Req("structure"), Col.Req("commune"), Col.Req("debut"), Col.Opt("fin")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var commune = row.Text(1, intern: true);
        var debut = row.Date(2);
        var fin = row.Date(3);
        if (debut is { } d && fin is { } f && f < d)
            row.Error(3, $"fin {f:yyyy-MM-dd} antérieure au début {d:yyyy-MM-dd} (attendu fin ≥ debut)");
        if (row.Ok) CheckCommune(row, 1, commune);
        Keep(row, new TerritoireCommune(structure, commune ?? "", debut ?? default, fin),
            structure >= 0 && commune is not null && debut is not null ? (structure, commune, debut.Value) : null);
    }

    protected override (string, string) Duplicate(TerritoireCommune v, int firstLine) =>
        ("debut", $"commune {v.Commune} en double pour la structure « {CodeOf(v.Structure)} » au {v.Debut:yyyy-MM-dd} (déjà donnée ligne {firstLine})");
}

internal sealed class SitesReader(ReadSession session) : StructureFileReader<Site>(session, "sites.csv",
    [Col.Req("structure"), Col.Req("site"), Col.Req("type"), Col.Req("nom"), Col.Req("commune"), Col.Opt("adresse"), Col.Opt("code_postal"),
     Col.Opt("horaires"), Col.Opt("espace_ressources"), Col.Opt("debut"), Col.Opt("fin")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var id = row.Text(1);
        var type = row.Code<TypeSite>(2);
        var nom = row.Text(3);
        var commune = row.Text(4, intern: true);
        var adresse = row.Text(5);
        var codePostal = row.Text(6);
        var horaires = row.Text(7);
        var espace = row.Bool(8) ?? false;
        var debut = row.Date(9);
        var fin = row.Date(10);
        if (debut is { } d && fin is { } f && f < d)
            row.Error(10, $"fin {f:yyyy-MM-dd} antérieure au début {d:yyyy-MM-dd} (attendu fin ≥ debut)");
        if (row.Ok) CheckCommune(row, 4, commune);
        Keep(row, new Site(structure, id ?? "", type ?? default, nom ?? "", commune ?? "", adresse, codePostal, horaires, espace, debut, fin),
            structure >= 0 && id is not null ? (structure, id) : null);
    }

    protected override (string, string) Duplicate(Site v, int firstLine) =>
        ("site", $"site « {v.Id} » en double dans la structure « {CodeOf(v.Structure)} » (déjà défini ligne {firstLine})");
}

internal sealed class BrhReader(ReadSession session) : StructureFileReader<BrhLigne>(session, "brh.csv",
    [Col.Req("structure"), Col.Req("annee"), Col.Req("code"), Col.Opt("femmes"), Col.Opt("hommes"), Col.Opt("total")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var annee = row.Int(1);
        var code = row.Text(2);
        var definition = code is null ? null : BrhCodes.Find(code);
        if (code is not null && definition is null)
            row.Error(2, $"code BRH inconnu « {code} » (codes de docs/spec/brh-codes.md : B1, B11, A3121…)");
        var femmes = row.Decimal(3);
        var hommes = row.Decimal(4);
        var total = row.Decimal(5);
        for (var col = 3; col <= 5; col++)
        {
            var value = col == 3 ? femmes : col == 4 ? hommes : total;
            if (value < 0) row.Error(col, $"effectif négatif {Brh.Show(value.Value)} (attendu un nombre ≥ 0)");
        }
        // A heading row (B, C, A, A3, C3) is not data: accepted, not kept, never checked.
        if (definition is { IsTitre: true }) return;
        Keep(row, new BrhLigne(structure, annee ?? 0, code ?? "", femmes, hommes, total),
            structure >= 0 && annee is not null && definition is not null ? (structure, annee.Value, code!) : null);
    }

    protected override (string, string) Duplicate(BrhLigne v, int firstLine) =>
        ("code", $"code {v.Code} en double pour la structure « {CodeOf(v.Structure)} » en {v.Annee} (déjà donné ligne {firstLine})");

    /// <summary>The roll-up inconsistencies of each structure-year, on the line of the aggregate row.</summary>
    public void CheckRollUps(List<PackageIssue> anomalies)
    {
        foreach (var group in All.GroupBy(r => (r.Value.Structure, r.Value.Annee)))
        {
            var lines = group.ToDictionary(r => r.Value.Code, r => r.Line, StringComparer.Ordinal);
            foreach (var ecart in Brh.Check(group.Select(r => r.Value)))
                anomalies.Add(new PackageIssue(Name, lines[ecart.Code], ecart.ColonnesTexte, ecart.Message, false));
        }
    }
}

internal sealed class BudgetReader(ReadSession session) : StructureFileReader<BudgetLigne>(session, "budget.csv",
    [Col.Req("structure"), Col.Req("annee"), Col.Opt("financeur"), Col.Req("nature"), Col.Req("montant")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var annee = row.Int(1);
        var financeur = row.Code<Financeur>(2);
        var nature = row.Code<NatureBudget>(3);
        var montant = row.Decimal(4);
        if (nature is { } n)
        {
            if (n.NeedsFinanceur() && financeur is null && row.Raw(2).IsEmpty)
                row.Error(2, $"financeur obligatoire pour la nature {Codes.Of(n)} (ETAT, REGION, DEPARTEMENT, COMMUNES_EPCI, FSE, FRANCE_TRAVAIL ou AUTRE)");
            if (n.RefusesFinanceur() && financeur is { } f)
                row.Error(2, $"financeur {Codes.Of(f)} avec la nature {Codes.Of(n)} (une charge ou un total n'a pas de financeur : laisser vide)");
        }
        Keep(row, new BudgetLigne(structure, annee ?? 0, financeur, nature ?? default, montant ?? 0),
            structure >= 0 && annee is not null && nature is not null ? (structure, annee.Value, financeur, nature.Value) : null);
    }

    protected override (string, string) Duplicate(BudgetLigne v, int firstLine) =>
        ("nature", $"ligne {(v.Financeur is { } f ? Codes.Of(f) + " " : "")}{Codes.Of(v.Nature)} en double pour la structure « {CodeOf(v.Structure)} » en {v.Annee} (déjà donnée ligne {firstLine})");

    /// <summary>Declared totals that differ from the lines, on the total's line.</summary>
    public void CheckTotals(List<PackageIssue> anomalies)
    {
        foreach (var group in All.GroupBy(r => (r.Value.Structure, r.Value.Annee)))
        {
            var budget = Budgets.Of(group.Key.Structure, group.Key.Annee, group.Select(r => r.Value));
            foreach (var (nature, message) in Budgets.CheckTotals(budget))
                anomalies.Add(new PackageIssue(Name, group.First(r => r.Value.Nature == nature).Line, "montant", message, false));
        }
    }
}

internal sealed class ContexteReader(ReadSession session) : StructureFileReader<ContexteLigne>(session, "contexte.csv",
    [Col.Req("structure"), Col.Req("annee"), Col.Req("categorie"), Col.Req("indicateur"), Col.Req("zone"), Col.Req("valeur"), Col.Opt("unite"),
     Col.Opt("source"), Col.Opt("date")])
{
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var annee = row.Int(1);
        var categorie = row.Code<CategorieContexte>(2);
        var indicateur = row.Text(3);
        var zone = row.Text(4);
        if (zone is not null && !ContexteZones.IsValid(zone))
            row.Error(4, $"zone invalide « {zone} » (attendu TERRITOIRE, FRANCE, REG-84, DEP-03, EPCI-200071140 ou COM-03190)");
        var valeur = row.Decimal(5);
        var unite = row.Text(6);
        var source = row.Text(7);
        var date = row.Date(8);
        Keep(row, new ContexteLigne(structure, annee ?? 0, categorie ?? default, indicateur ?? "", zone ?? "", valeur ?? 0, unite, source, date),
            structure >= 0 && annee is not null && categorie is not null && indicateur is not null && zone is not null
                ? (structure, annee.Value, categorie.Value, indicateur, zone) : null);
    }

    protected override (string, string) Duplicate(ContexteLigne v, int firstLine) =>
        ("indicateur", $"indicateur « {v.Indicateur} » en double pour la zone {v.Zone} en {v.Annee} (déjà donné ligne {firstLine})");
}

/// <summary>The zones a context figure may describe.</summary>
public static class ContexteZones
{
    public const string Territoire = "TERRITOIRE";
    public const string France = "FRANCE";

    public static bool IsValid(string zone) =>
        zone is Territoire or France
        || (zone.StartsWith("REG-", StringComparison.Ordinal) && zone.Length == 6 && zone[4..].All(char.IsAsciiDigit))
        || (zone.StartsWith("DEP-", StringComparison.Ordinal) && zone.Length is 6 or 7 && zone[4..].All(char.IsAsciiLetterOrDigit))
        || (zone.StartsWith("EPCI-", StringComparison.Ordinal) && zone.Length == 14 && zone[5..].All(char.IsAsciiDigit))
        || (zone.StartsWith("COM-", StringComparison.Ordinal) && zone.Length == 9 && zone[4..].All(char.IsAsciiLetterOrDigit));

    /// <summary>A zone as shown to a person: « Territoire », « France », « Région 84 »…</summary>
    public static string Libelle(string zone) => zone switch
    {
        Territoire => "Territoire de la structure",
        France => "France",
        _ when zone.StartsWith("REG-", StringComparison.Ordinal) => "Région " + zone[4..],
        _ when zone.StartsWith("DEP-", StringComparison.Ordinal) => "Département " + zone[4..],
        _ when zone.StartsWith("EPCI-", StringComparison.Ordinal) => "EPCI " + zone[5..],
        _ => "Commune " + zone[4..],
    };
}

/// <summary>The checks across the structure files once they are all read: territory overlaps, sites against territory.</summary>
internal static class StructureChecks
{
    public static void Run(ReadSession session, TerritoiresReader territoires, SitesReader sites, BrhReader brh, BudgetReader budget, List<PackageIssue> anomalies)
    {
        // A commune covered by two structures on the same day: on the later row, in file order.
        var rows = territoires.All;
        foreach (var group in rows.Select((r, i) => (r, i)).GroupBy(x => x.r.Value.Commune, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.Count < 2) continue;
            for (var b = 1; b < list.Count; b++)
            {
                for (var a = 0; a < b; a++)
                {
                    var x = list[a].r;
                    var y = list[b].r;
                    if (!x.Value.Interval.Overlaps(y.Value.Interval)) continue;
                    var message = x.Value.Structure == y.Value.Structure
                        ? $"commune {y.Value.Commune} déjà couverte par la structure à la même date (ligne {x.Line})"
                        : $"commune {y.Value.Commune} couverte aussi par la structure « {session.Structures[x.Value.Structure].Code} » à la même date (ligne {x.Line})";
                    anomalies.Add(new PackageIssue(territoires.Name, y.Line, "commune", message, false));
                }
            }
        }

        var territoryOf = rows.GroupBy(r => r.Value.Structure).ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToList());
        foreach (var group in sites.All.GroupBy(s => s.Value.Structure))
        {
            var list = group.Select(s => s.Value).ToList();
            var lines = group.ToDictionary(s => s.Value.Id, s => s.Line, StringComparer.Ordinal);
            foreach (var (site, message) in Sites.Check(list, territoryOf.TryGetValue(group.Key, out var t) ? t : []))
                anomalies.Add(new PackageIssue(sites.Name, site is null ? group.First().Line : lines[site], site is null ? "type" : "commune", message, false));
        }

        brh.CheckRollUps(anomalies);
        budget.CheckTotals(anomalies);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static StructureData Build(TerritoiresReader t, SitesReader s, BrhReader b, BudgetReader bu, ContexteReader c)
    {
        if (t.All.Count + s.All.Count + b.All.Count + bu.All.Count + c.All.Count == 0) return StructureData.Empty;
        return new StructureData
        {
            Territoires = t.All.Select(r => r.Value).ToArray(),
            Sites = s.All.Select(r => r.Value).ToArray(),
            Brh = b.All.Select(r => r.Value).ToArray(),
            Budget = bu.All.Select(r => r.Value).ToArray(),
            Contexte = c.All.Select(r => r.Value).ToArray(),
        };
    }
}
