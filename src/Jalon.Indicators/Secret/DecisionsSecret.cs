using Jalon.Domain;

namespace Jalon.Indicators.Secret;

/// <summary>
/// A unit of decision of statistical secrecy, over the whole nation: either one period for the counts that do not add
/// up across periods, or one calendar year (the year, its 4 quarters and 12 months) for those that do
/// (<see cref="Criteria.CriterionAttribute.Additif"/>). A count's cells are linked by sums only within a unit, so
/// each unit is decided on its own, and the same unit is decided the same way whatever page asks.
/// </summary>
public readonly record struct UniteSecret(Period? Periode, int? Annee)
{
    public static UniteSecret DeLaPeriode(Period periode) => new(periode, null);

    public static UniteSecret DeLAnnee(int annee) => new(null, annee);

    /// <summary>The periods whose tallies the decision reads: the period, or the 12 months of the year.</summary>
    public IReadOnlyList<Period> PeriodesDesDecomptes => Periode is { } p ? [p] : SecretStatistique.Mois(Annee!.Value);

    /// <summary>The periods it decides: the period, or the year, its quarters and its months.</summary>
    public IReadOnlyList<Period> PeriodesDecidees => Periode is { } p ? [p] : SecretStatistique.PeriodesDeLAnnee(Annee!.Value);

    /// <summary>Counts that add up across periods (year units) or the others (period units).</summary>
    public bool Additive => Annee is not null;

    public override string ToString() => Periode is { } p ? "période " + p : "année " + Annee;
}

/// <summary>
/// The decisions of one <see cref="UniteSecret"/>: for every territory, period, count of the catalogue's plan and
/// slot (total, femmes, infra V, QPV, ZRR, NEET), the value decided on and whether it is masked. Immutable: the web
/// keeps them while the data do not change.
/// </summary>
public sealed class DecisionsSecret
{
    private readonly Dictionary<Period, int> _periodIndex;
    private readonly int[] _countIndex;   // plan count → local index, −1 when the unit does not hold it
    private readonly int _territories;
    private readonly int _counts;
    private readonly int[] _values;
    private readonly bool[] _masked;

    internal DecisionsSecret(
        UniteSecret unite, string layout, string territoires, IReadOnlyList<Period> periodes, int[] countIndex, int counts,
        int territoryCount, int[] values, bool[] masked, int sansGlissement, IReadOnlyList<string> blocages)
    {
        Unite = unite;
        Layout = layout;
        Territoires = territoires;
        Periodes = periodes;
        _periodIndex = periodes.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        _countIndex = countIndex;
        _counts = counts;
        _territories = territoryCount;
        _values = values;
        _masked = masked;
        SansGlissement = sansGlissement;
        Blocages = blocages;
        CellulesMasquees = masked.Count(m => m);
    }

    public UniteSecret Unite { get; }

    /// <summary>The catalogue layout decided on (<see cref="Engine.StructureTally.Layout"/>).</summary>
    public string Layout { get; }

    /// <summary>The hierarchy decided on (<see cref="Secret.Territoires.Signature"/>).</summary>
    public string Territoires { get; }

    public IReadOnlyList<Period> Periodes { get; }

    /// <summary>Cells masked (primary and secondary).</summary>
    public int CellulesMasquees { get; }

    /// <summary>
    /// Masked cells protected by a pattern that cannot move by one in either direction without a negative count
    /// (a diagnostic: such a cell is not determined by the sums, but bounds could narrow it). Expected to be 0.
    /// </summary>
    public int SansGlissement { get; }

    /// <summary>The first of those cells, described (diagnostic).</summary>
    public IReadOnlyList<string> Blocages { get; }

    /// <summary>Approximate memory held, in bytes (for a cache's size limit).</summary>
    public long Taille => _values.Length * 5L + 256;

    /// <summary>The decision for one cell, when the unit holds it.</summary>
    public bool TryGet(int territory, Period period, int planCount, int slot, out int valeur, out bool masque)
    {
        valeur = 0;
        masque = true;
        if (territory < 0 || territory >= _territories || planCount < 0 || planCount >= _countIndex.Length) return false;
        var c = _countIndex[planCount];
        if (c < 0 || !_periodIndex.TryGetValue(period, out var q)) return false;
        var i = ((territory * Periodes.Count + q) * _counts + c) * Suppression.Slots + slot;
        valeur = _values[i];
        masque = _masked[i];
        return true;
    }
}
