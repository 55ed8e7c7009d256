using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Secret;

/// <summary>
/// Statistical secrecy (« secret statistique »): the one disclosure-control step that every figure shown to the
/// roles that see aggregates only (State, association régionale, Région) goes through — dashboards of a structure,
/// a region or the nation with N−1 and the change, breakdowns, ratios, regional weights, the matrix, the dialogue's
/// references, the avenant, and every export. See docs/adr/0006-secret-statistique.md.
/// <list type="bullet">
/// <item>Periods are whole months, quarters or calendar years (<see cref="RefusPeriode"/>).</item>
/// <item>Counts of young people below <see cref="Seuil"/>, and breakdowns whose complement is below it, are masked
/// (primary suppression); more cells are masked so that none can be recomputed by sums — region and its structures,
/// nation and its regions, months, quarters and year for the counts that add up across periods (secondary
/// suppression, <see cref="Suppression"/>).</item>
/// <item>Decisions are taken per unit (<see cref="UniteSecret"/>) over the whole nation, from the data alone: a cell is
/// masked the same way whatever page, period, role or catalogue shows it.</item>
/// <item>Every other figure is derived from shown cells only (<see cref="Publication"/>): a ratio, a mean, a change or
/// a regional weight is masked when a count it gives away is; amounts (staff, budgets, JANO, DEFM) are shown.</item>
/// </list>
/// </summary>
public sealed class SecretStatistique
{
    /// <summary>The smallest count of young people shown.</summary>
    public const int Seuil = 5;

    /// <summary>What is shown instead of a masked figure (as the INSEE does), whatever the reason it is masked.</summary>
    public const string Symbole = "s";

    /// <summary>The legend of <see cref="Symbole"/>.</summary>
    public const string Legende = "s : secret statistique — effectif de moins de 5 jeunes, ou case masquée pour qu'aucune case masquée ne puisse être recalculée par différence.";

    private readonly Catalogue _catalogue;
    private readonly Dictionary<UniteSecret, DecisionsSecret> _decisions;

    private SecretStatistique(Catalogue catalogue, Territoires territoires, IEnumerable<DecisionsSecret> decisions)
    {
        _catalogue = catalogue;
        Territoires = territoires;
        _decisions = [];
        var layout = StructureTally.Layout(catalogue);
        foreach (var d in decisions)
        {
            if (d.Layout != layout) throw new ArgumentException($"Décisions d'un autre catalogue ({d.Layout}).", nameof(decisions));
            if (d.Territoires != territoires.Signature) throw new ArgumentException("Décisions d'une autre liste de structures.", nameof(decisions));
            _decisions[d.Unite] = d;
        }
    }

    public Territoires Territoires { get; }

    /// <summary>Whether the figures shown to this role go through statistical secrecy.</summary>
    public static bool SAppliqueA(Role role) => role.SeesAggregatesOnly();

    /// <summary>Null when the period may be shown to an aggregate-only role (one whole month, quarter or calendar year); the French reason otherwise.</summary>
    public static string? RefusPeriode(Period periode)
    {
        if (PositionDansLAnnee(periode) is not null) return null;
        return $"Période non autorisée ({periode.Debut:dd/MM/yyyy} – {periode.Fin:dd/MM/yyyy}) : sous le secret statistique, les indicateurs portent sur un mois, un trimestre ou une année civile entiers.";
    }

    /// <summary>The 12 months of a year.</summary>
    public static IReadOnlyList<Period> Mois(int annee) =>
        Enumerable.Range(1, 12).Select(m => new Period(new DateOnly(annee, m, 1), new DateOnly(annee, m, DateTime.DaysInMonth(annee, m)))).ToArray();

    /// <summary>The year, its 4 quarters and its 12 months (the periods a year unit decides, in this order).</summary>
    public static IReadOnlyList<Period> PeriodesDeLAnnee(int annee)
    {
        var list = new List<Period> { Period.Year(annee) };
        for (var k = 0; k < 4; k++)
            list.Add(new Period(new DateOnly(annee, 3 * k + 1, 1), new DateOnly(annee, 3 * k + 3, DateTime.DaysInMonth(annee, 3 * k + 3))));
        list.AddRange(Mois(annee));
        return list;
    }

    /// <summary>0 for a calendar year, 1–4 for a quarter, 5–16 for a month; null for any other period.</summary>
    public static int? PositionDansLAnnee(Period p)
    {
        if (p.Debut.Day != 1 || p.Debut.Year != p.Fin.Year || p.Fin.Day != DateTime.DaysInMonth(p.Fin.Year, p.Fin.Month)) return null;
        var months = p.Fin.Month - p.Debut.Month + 1;
        return months switch
        {
            12 => 0,
            3 when (p.Debut.Month - 1) % 3 == 0 => 1 + (p.Debut.Month - 1) / 3,
            1 => 4 + p.Debut.Month,
            _ => null,
        };
    }

    /// <summary>
    /// The units whose decisions the figures of these periods need: each period (counts that do not add up across
    /// periods) and each calendar year of them (counts that do), when the catalogue has such counts.
    /// </summary>
    public static IReadOnlyList<UniteSecret> Unites(Catalogue catalogue, IEnumerable<Period> periodes)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var plan = catalogue.Plan;
        var additive = Enumerable.Range(0, plan.CountCount).Any(c => IsAdditive(catalogue, c));
        var nonAdditive = Enumerable.Range(0, plan.CountCount).Any(c => !IsAdditive(catalogue, c));
        var units = new List<UniteSecret>();
        foreach (var p in periodes.Distinct())
        {
            if (RefusPeriode(p) is { } refus) throw new ArgumentException(refus, nameof(periodes));
            if (nonAdditive) units.Add(UniteSecret.DeLaPeriode(p));
            if (additive && !units.Contains(UniteSecret.DeLAnnee(p.Debut.Year))) units.Add(UniteSecret.DeLAnnee(p.Debut.Year));
        }
        return units;
    }

    private static bool IsAdditive(Catalogue catalogue, int planCount) => catalogue.Registry.IsAdditive(catalogue.Plan.CriterionNames[planCount]);

    /// <summary>
    /// Decides one unit over the nation: <paramref name="tally"/> gives the tally of a structure (index in
    /// <paramref name="territoires"/>) for each period of <see cref="UniteSecret.PeriodesDesDecomptes"/>.
    /// </summary>
    public static DecisionsSecret Decider(Catalogue catalogue, Territoires territoires, UniteSecret unite, Func<int, Period, StructureTally> tally)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(territoires);
        ArgumentNullException.ThrowIfNull(tally);
        var plan = catalogue.Plan;
        var countIndex = new int[plan.CountCount];
        var local = new List<int>();
        for (var c = 0; c < plan.CountCount; c++)
        {
            countIndex[c] = IsAdditive(catalogue, c) == unite.Additive ? local.Count : -1;
            if (countIndex[c] >= 0) local.Add(c);
        }
        var periodes = unite.PeriodesDecidees;
        var q = periodes.Count;
        var counts = local.Count;
        var slots = Suppression.Slots;
        var values = new int[territoires.Count * q * counts * slots];
        var width = plan.CountCount * EnginePlan.Slots;
        int Cell(int t, int p, int c, int s) => ((t * q + p) * counts + c) * slots + s;

        // Structures from their tallies (months, for a year unit), then sums: quarters and year, regions, nation.
        var read = unite.PeriodesDesDecomptes;
        var first = unite.Additive ? 5 : 0;
        for (var s = 0; s < territoires.StructureCount; s++)
        {
            for (var i = 0; i < read.Count; i++)
            {
                var tl = tally(s, read[i]);
                if (tl.Counts.Length != width || tl.Period != read[i] || tl.Structure != territoires.Code(s))
                    throw new ArgumentException($"Décompte inattendu pour {territoires.Code(s)} {read[i]}.", nameof(tally));
                for (var c = 0; c < counts; c++)
                {
                    for (var sl = 0; sl < slots; sl++) values[Cell(s, first + i, c, sl)] = tl.Counts[local[c] * EnginePlan.Slots + sl];
                }
            }
            if (unite.Additive)
            {
                for (var k = 1; k <= 4; k++)
                {
                    for (var mo = 0; mo < 3; mo++) AddInto(s, k, s, 5 + 3 * (k - 1) + mo);
                    AddInto(s, 0, s, k);
                }
            }
        }
        for (var r = territoires.StructureCount; r < territoires.Nation; r++)
        {
            foreach (var s in territoires.Children(r))
            {
                for (var p = 0; p < q; p++) AddInto(r, p, s, p);
            }
            for (var p = 0; p < q; p++) AddInto(territoires.Nation, p, r, p);
        }

        void AddInto(int tTo, int pTo, int tFrom, int pFrom)
        {
            for (var c = 0; c < counts; c++)
            {
                for (var sl = 0; sl < slots; sl++) values[Cell(tTo, pTo, c, sl)] += values[Cell(tFrom, pFrom, c, sl)];
            }
        }

        var hasNeet = local.Select(c => plan.NeetCriterionNames[c] is not null).ToArray();
        var masked = new bool[values.Length];
        var blocages = new List<string>();
        var stuck = Suppression.Decide(territoires, q, counts, hasNeet, values, masked, blocages);
        return new DecisionsSecret(unite, StructureTally.Layout(catalogue), territoires.Signature, periodes, countIndex, counts,
            territoires.Count, values, masked, stuck, [.. blocages]);
    }

    /// <summary>The step for a catalogue and hierarchy, from the decisions of the units it will be asked about.</summary>
    public static SecretStatistique Avec(Catalogue catalogue, Territoires territoires, IEnumerable<DecisionsSecret> decisions)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(territoires);
        ArgumentNullException.ThrowIfNull(decisions);
        return new SecretStatistique(catalogue, territoires, decisions);
    }

    /// <summary>The figures of these results as an aggregate-only role may see them.</summary>
    public Publication Publier(IndicatorResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Catalogue != _catalogue) throw new ArgumentException("Résultats d'un autre catalogue.", nameof(results));
        return new Publication(results, this);
    }

    /// <summary>
    /// Is this count cell masked? Masked too — failing closed — when no decision covers it, or when the value shown
    /// (<paramref name="valeurAffichee"/>) is not the one decided on (data changed in between, or a partial scope).
    /// </summary>
    public bool Masque(Level level, string code, Period periode, string comptage, int slot, long? valeurAffichee)
    {
        var plan = _catalogue.Plan;
        if (!Territoires.TryIndex(level, code, out var t) || !plan.CountIndex.TryGetValue(comptage, out var c)) return true;
        var unite = IsAdditive(_catalogue, c) ? UniteSecret.DeLAnnee(periode.Debut.Year) : UniteSecret.DeLaPeriode(periode);
        if (!_decisions.TryGetValue(unite, out var d) || !d.TryGet(t, periode, c, slot, out var valeur, out var masque)) return true;
        return masque || (valeurAffichee is { } v && v != valeur);
    }
}
