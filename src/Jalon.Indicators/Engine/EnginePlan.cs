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
        // Measures of young people first (the hot loop runs 0 .. YoungMeasureCount), then those of structures (added once
        // per structure after the pass), then, when some figure reads the employer side, the hidden measure that says
        // whether a structure's package carries it (sum 1 if so, count 1: a level knows its figures when sum = count).
        var means = catalogue.Indicateurs.Where(d => d.Nature is Nature.Moyenne or Nature.Nombre)
            .OrderBy(d => registry.IsStructureMeasure(d.Mesure!) ? 1 : 0).ToArray();
        YoungMeasureCount = means.Count(d => !registry.IsStructureMeasure(d.Mesure!));
        var structureMeasures = means.Skip(YoungMeasureCount).Select(d => registry.GetStructureMeasure(d.Mesure!)).ToList();
        var keys = means.Select(d => d.Cle).ToList();
        var divisors = means.Select(d => d.Unite switch { Unite.Mois => Domain.Dates.DaysPerMonth, Unite.Heures => 100.0, _ => 1.0 }).ToList();
        // Which indicators read the employer side: a count by its criterion, an event count by its measure, a ratio by an operand.
        bool Reads(IndicatorDefinition d) => d.Nature switch
        {
            Nature.Effectif => registry.ReadsEmployeurs(d.Critere!),
            Nature.Moyenne or Nature.Nombre => registry.ReadsEmployeurs(d.Mesure!),
            Nature.Ratio => (d.Numerateur is { } n ? Reads(catalogue[n]) : registry.ReadsEmployeurs(d.NumerateurCritere!)) || Reads(catalogue[d.Denominateur!]),
            _ => false,
        };
        ReadsEmployeurs = catalogue.Indicateurs.Select(Reads).ToArray();
        if (ReadsEmployeurs.Any(r => r))
        {
            keys.Add(EmployeursKey);
            divisors.Add(1.0);
            structureMeasures.Add(HasEmployeurFiles);
        }
        MeasureKeys = [.. keys];
        StructureMeasures = [.. structureMeasures];
        Measures = means.Take(YoungMeasureCount).Select(d => registry.GetMeasure(d.Mesure!)).ToArray();
        MeasurePointers = means.Take(YoungMeasureCount).Select(d => registry.GetMeasurePointer(d.Mesure!)).ToArray();
        // Months: days / 30.4375; hours: hundredths of an hour / 100 (measures add whole numbers).
        MeasureDivisor = [.. divisors];
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

    /// <summary>
    /// The keys of the means and numbers of events: those of young people (<see cref="YoungMeasureCount"/>, the hot
    /// loop's), then those of structures (<see cref="StructureMeasures"/>, among them <see cref="EmployeursKey"/>).
    /// </summary>
    public string[] MeasureKeys { get; }

    public int YoungMeasureCount { get; }

    /// <summary>The measures of <see cref="MeasureKeys"/> from <see cref="YoungMeasureCount"/> on, in order.</summary>
    public StructureMeasure[] StructureMeasures { get; }

    /// <summary>For each indicator of the catalogue (its order): does it read the employer side?</summary>
    public bool[] ReadsEmployeurs { get; }

    /// <summary>The hidden measure: sum = structures whose package carries the employer files, count = structures.</summary>
    public const string EmployeursKey = "fichiers:employeurs";

    /// <summary>Index of <see cref="EmployeursKey"/> in <see cref="MeasureKeys"/>, −1 when no figure reads the employer side.</summary>
    public int EmployeursIndex => MeasureIndex.GetValueOrDefault(EmployeursKey, -1);

    private static void HasEmployeurFiles(Domain.JourneyPackage package, int structure, in Domain.Period period, ref long sum, ref long count)
    {
        if (package.Employeurs.HasFiles) sum++;
        count++;
    }

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
