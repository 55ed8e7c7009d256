using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Criteria;

namespace Jalon.Indicators.Engine;

/// <summary>
/// A catalogue compiled for the engine: its counts (the keys of nature effectif, then the criteria that ratios
/// use as hidden numerators) in an order where every count comes after its "parmi" parent, its measures and amounts.
/// </summary>
internal sealed class EnginePlan
{
    public EnginePlan(Catalogue catalogue)
    {
        var registry = catalogue.Registry;
        var counts = new List<(string Name, string Criterion, string? Neet, string? Parent)>();
        foreach (var d in catalogue.Indicateurs.Where(d => d.Nature == Nature.Effectif))
            counts.Add((d.Cle, d.Critere!, d.CritereNeet, d.Parmi));
        // Parents first: sort by depth in the "parmi" tree, keeping the catalogue order otherwise.
        int Depth(string? key) => key is null ? 0 : 1 + Depth(catalogue[key].Parmi);
        counts = [.. counts.Select((c, i) => (c, i)).OrderBy(t => Depth(t.c.Parent)).ThenBy(t => t.i).Select(t => t.c)];
        foreach (var d in catalogue.Indicateurs.Where(d => d.NumerateurCritere is not null))
        {
            var name = "critere:" + d.NumerateurCritere;
            if (!counts.Exists(c => c.Name == name)) counts.Add((name, d.NumerateurCritere!, null, null));
        }

        CountNames = counts.Select(c => c.Name).ToArray();
        CriterionNames = counts.Select(c => c.Criterion).ToArray();
        NeetCriterionNames = counts.Select(c => c.Neet).ToArray();
        CountIndex = CountNames.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
        Criteria = counts.Select(c => registry.GetCriterion(c.Criterion)).ToArray();
        NeetCriteria = counts.Select(c => c.Neet is null ? null : registry.GetCriterion(c.Neet)).ToArray();
        CriterionPointers = counts.Select(c => registry.GetCriterionPointer(c.Criterion)).ToArray();
        NeetPointers = counts.Select(c => c.Neet is null ? 0 : registry.GetCriterionPointer(c.Neet)).ToArray();
        Parents = counts.Select(c => c.Parent is null ? -1 : CountIndex[c.Parent]).ToArray();

        // Means and numbers of events: both add a measure's sum and count per young person.
        var means = catalogue.Indicateurs.Where(d => d.Nature is Nature.Moyenne or Nature.Nombre).ToArray();
        MeasureKeys = means.Select(d => d.Cle).ToArray();
        Measures = means.Select(d => registry.GetMeasure(d.Mesure!)).ToArray();
        MeasurePointers = means.Select(d => registry.GetMeasurePointer(d.Mesure!)).ToArray();
        // Months: days / 30.4375; hours: hundredths of an hour / 100 (measures add whole numbers).
        MeasureDivisor = means.Select(d => d.Unite switch { Unite.Mois => Domain.Dates.DaysPerMonth, Unite.Heures => 100.0, _ => 1.0 }).ToArray();
        MeasureIndex = MeasureKeys.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);

        var amounts = catalogue.Indicateurs.Where(d => d.Nature == Nature.Montant).ToArray();
        AmountKeys = amounts.Select(d => d.Cle).ToArray();
        AmountColumns = amounts.Select(d => d.Moyens!).ToArray();
        AmountIndex = AmountKeys.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);

        // Counts whose previous-period value a ratio of the period needs (R2: I2 of N−1).
        PreviousPeriodCounts = catalogue.Indicateurs
            .Where(d => d.Nature == Nature.Ratio && d.PeriodeDenominateur == PeriodeRelative.NMoins1 && CountIndex.ContainsKey(d.Denominateur!))
            .Select(d => CountIndex[d.Denominateur!])
            .Distinct()
            .Order()
            .ToArray();
    }

    public string[] CountNames { get; }

    /// <summary>The criterion of each count, and of its NEET breakdown (null when none).</summary>
    public string[] CriterionNames { get; }

    public string?[] NeetCriterionNames { get; }
    public Dictionary<string, int> CountIndex { get; }
    public Criterion[] Criteria { get; }
    public Criterion?[] NeetCriteria { get; }

    /// <summary>The criteria as function pointers (<c>delegate*&lt;in JeuneJourney, in Period, bool&gt;</c>); 0 for none.</summary>
    public nint[] CriterionPointers { get; }
    public nint[] NeetPointers { get; }
    public nint[] MeasurePointers { get; }
    public int[] Parents { get; }
    public int CountCount => CountNames.Length;

    public string[] MeasureKeys { get; }
    public Measure[] Measures { get; }
    public double[] MeasureDivisor { get; }
    public Dictionary<string, int> MeasureIndex { get; }

    public string[] AmountKeys { get; }
    public string[] AmountColumns { get; }
    public Dictionary<string, int> AmountIndex { get; }

    public int[] PreviousPeriodCounts { get; }

    /// <summary>Slots per count: total, femmes, infra_v, qpv, zrr, neet.</summary>
    public const int Slots = 6;
}
