using System.Security.Cryptography;
using System.Text;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Engine;

/// <summary>
/// The additive figures of one structure over one period, from which every indicator of any level is computed
/// (<see cref="IndicatorEngine.Combine"/>): each count of the catalogue's plan with its breakdowns
/// (total, femmes, infra V, QPV, ZRR, NEET) and each mean's sum and number of young people.
/// A region's tally is the sum of its structures': this is what lets dashboards be served from stored tallies.
/// </summary>
public sealed record StructureTally(string Structure, Period Period, int[] Counts, long[] Means)
{
    /// <summary>
    /// Identifies the layout of <see cref="Counts"/> and <see cref="Means"/> for a catalogue (its id and the ordered
    /// names of its counts and measures): a stored tally whose layout differs is out of date.
    /// </summary>
    public static string Layout(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var plan = catalogue.Plan;
        var text = string.Join('\n', plan.CountNames) + "\n\n" + string.Join('\n', plan.MeasureKeys) + "\n" + EnginePlan.Slots;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return catalogue.Id + ":" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>
    /// This tally with <paramref name="removed"/>'s figures taken out and <paramref name="added"/>'s put in (same
    /// structure, period and layout): a structure's tally after some of its young people changed, from their old and
    /// new figures (<see cref="IndicatorEngine.Tally"/> over them alone).
    /// </summary>
    public StructureTally Replace(StructureTally removed, StructureTally added)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(added);
        if (removed.Structure != Structure || added.Structure != Structure || removed.Period != Period || added.Period != Period
            || removed.Counts.Length != Counts.Length || added.Counts.Length != Counts.Length
            || removed.Means.Length != Means.Length || added.Means.Length != Means.Length)
            throw new ArgumentException($"Décomptes de {Structure} incompatibles : structure, période ou catalogue différents.");
        var counts = new int[Counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Counts[i] - removed.Counts[i] + added.Counts[i];
        var means = new long[Means.Length];
        for (var i = 0; i < means.Length; i++) means[i] = Means[i] - removed.Means[i] + added.Means[i];
        return this with { Counts = counts, Means = means };
    }
}
