using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Qualite;

/// <summary>One figure a fix moves: an indicator (or one breakdown of a count) of the structure, before and after.</summary>
public sealed record IndicatorShift(string Cle, string Libelle, Ventilation? Ventilation, double? Avant, double? Apres)
{
    /// <summary>After − before; null when either is not computable.</summary>
    public double? Ecart => Avant is { } a && Apres is { } b ? b - a : null;
}

/// <summary>The findings of one kind in a structure, how many have an obvious fix, and the figures those fixes move.</summary>
public sealed record KindImpact(QualityKind Kind, int Constats, int Corrigeables, IReadOnlyList<IndicatorShift> Indicateurs);

/// <summary>
/// What the quality findings distort (docs/qualite.md): the obvious fixes applied to a copy of the data
/// (<see cref="QualityAnalysis.Apply"/>) and the structure's indicators recomputed by the engine — the one computation —
/// then compared with the figures as they are. One recomputation per kind (plus one for the data as they are), never
/// per file × indicator. Pure: no I/O.
/// </summary>
public static class QualityImpact
{
    /// <summary>The impact of each kind of finding of <paramref name="report"/> on <paramref name="structure"/>'s indicators.</summary>
    public static IReadOnlyList<KindImpact> ParType(QualityReport report, Catalogue catalogue, IndicatorRequest request, string structure)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        var scoped = request with { Structures = [structure], WithPreviousYear = false };
        var before = IndicatorEngine.Compute(report.Package, catalogue, scoped);
        var code = StructureIndex(report.Package, structure);
        var list = new List<KindImpact>();
        foreach (var group in report.Findings.Where(f => report.Package.Jeunes[f.Jeune].Structure == code).GroupBy(f => f.Kind).OrderBy(g => g.Key))
        {
            var findings = group.ToList();
            var fixable = findings.Where(f => f.Fix is not null).ToList();
            var shifts = fixable.Count == 0 ? [] : Compare(before, IndicatorEngine.Compute(QualityAnalysis.Apply(report.Package, fixable), catalogue, scoped), structure);
            list.Add(new KindImpact(group.Key, findings.Count, fixable.Count, shifts));
        }
        return list;
    }

    /// <summary>The figures of <paramref name="structure"/> the obvious fixes of one file's findings move.</summary>
    public static IReadOnlyList<IndicatorShift> PourDossier(QualityReport report, Catalogue catalogue, IndicatorRequest request, string structure, int jeune)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fixable = report.Of(jeune).Where(f => f.Fix is not null).ToList();
        if (fixable.Count == 0) return [];
        var scoped = request with { Structures = [structure], WithPreviousYear = false };
        var before = IndicatorEngine.Compute(report.Package, catalogue, scoped);
        return Compare(before, IndicatorEngine.Compute(QualityAnalysis.Apply(report.Package, fixable), catalogue, scoped), structure);
    }

    /// <summary>Every figure (value, and each breakdown of a count) of the structure that differs between two results.</summary>
    public static IReadOnlyList<IndicatorShift> Compare(IndicatorResults before, IndicatorResults after, string structure)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var list = new List<IndicatorShift>();
        foreach (var row in before.Current.Rows(Level.Structure, structure))
        {
            var d = row.Value.Definition;
            if (!d.Calculable) continue;
            var a = row.Value;
            var b = after.Current.Get(Level.Structure, structure, d.Cle);
            if (!Same(a.Value, b.Value)) list.Add(new IndicatorShift(d.Cle, d.Libelle, null, a.Value, b.Value));
            if (!a.IsCount) continue;
            foreach (var v in d.Ventilations)
            {
                var x = a.Breakdown(v);
                var y = b.Breakdown(v);
                if (x != y) list.Add(new IndicatorShift(d.Cle, d.Libelle, v, x, y));
            }
        }
        return list;
    }

    private static bool Same(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-9;

    private static int StructureIndex(JourneyPackage package, string structure)
    {
        for (var s = 0; s < package.Structures.Count; s++)
        {
            if (package.Structures[s].Code == structure) return s;
        }
        throw new ArgumentException($"Structure inconnue : {structure}.", nameof(structure));
    }
}
