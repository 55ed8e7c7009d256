using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Indicators.Secret;

/// <summary>A figure as it may be shown: its value (null when not computable), or masked by statistical secrecy.</summary>
public readonly record struct ValeurPubliee(double? Valeur, bool Masquee)
{
    public static ValeurPubliee Masque => new(null, true);
}

/// <summary>
/// The figures of a computation as a user may see them: every page and export reads its figures here, never from
/// the engine's results directly. Without secrecy (the structure's staff, administrators) every figure is shown; under
/// <see cref="SecretStatistique"/> a count is shown only when its cell is not masked, and every other figure only when
/// every count it gives away (<see cref="IndicatorDefinition.Revele"/>) is shown: ratios, means, changes and regional
/// weights are derived from shown cells only, so they reveal nothing more.
/// </summary>
public sealed class Publication
{
    private readonly IndicatorResults _results;
    private readonly SecretStatistique? _secret;

    internal Publication(IndicatorResults results, SecretStatistique? secret)
    {
        _results = results;
        _secret = secret;
    }

    /// <summary>Every figure of the results, as they are (no secrecy applies to this user).</summary>
    public static Publication SansSecret(IndicatorResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new Publication(results, null);
    }

    public Catalogue Catalogue => _results.Catalogue;

    /// <summary>Statistical secrecy applies.</summary>
    public bool Secret => _secret is not null;

    public Period Periode => _results.Current.Period;

    /// <summary>The same period a year earlier, when computed.</summary>
    public Period? PeriodePrecedente => _results.Previous?.Period;

    /// <summary>The value of an indicator for a territory, in the period or (<paramref name="precedente"/>) a year earlier.</summary>
    public ValeurPubliee Valeur(Level level, string code, string cle, bool precedente = false)
    {
        var periode = precedente ? _results.Previous : _results.Current;
        if (periode is null || !periode.TryGet(level, code, cle, out var v)) return new(null, false);
        if (_secret is null) return new(v.Value, false);
        foreach (var r in v.Definition.Revele)
        {
            var p = r.Periode == PeriodeRelative.N ? periode.Period : _results.Precedente(periode.Period);
            if (_secret.Masque(level, code, p, r.Comptage, 0, CountValue(level, code, p, r.Comptage))) return ValeurPubliee.Masque;
        }
        return new(v.Value, false);
    }

    /// <summary>A breakdown of a count (null when the indicator has not this breakdown).</summary>
    public ValeurPubliee Ventilation(Level level, string code, string cle, Ventilation ventilation, bool precedente = false)
    {
        var periode = precedente ? _results.Previous : _results.Current;
        if (periode is null || !periode.TryGet(level, code, cle, out var v) || !v.IsCount || !v.Definition.Ventilations.Contains(ventilation))
            return new(null, false);
        var valeur = v.Breakdown(ventilation);
        if (_secret is null) return new(valeur, false);
        return _secret.Masque(level, code, periode.Period, cle, ventilation.Slot(), valeur) ? ValeurPubliee.Masque : new(valeur, false);
    }

    /// <summary>The change from N−1 to N: shown only when both are.</summary>
    public ValeurPubliee Evolution(Level level, string code, string cle)
    {
        var n = Valeur(level, code, cle);
        var n1 = Valeur(level, code, cle, precedente: true);
        if (n.Masquee || n1.Masquee) return ValeurPubliee.Masque;
        return new(n.Valeur is { } a && n1.Valeur is { } b ? a - b : null, false);
    }

    /// <summary>
    /// A structure's share of its region for an indicator (poids régional), in the period: shown only when the
    /// structure's and the region's figures both are.
    /// </summary>
    public ValeurPubliee Part(string structure, string region, string cle)
    {
        var s = Valeur(Level.Structure, structure, cle);
        var r = Valeur(Level.Region, region, cle);
        if (s.Masquee || r.Masquee) return ValeurPubliee.Masque;
        return new(s.Valeur is { } a && r.Valeur is { } b && b > 0 ? a / b : null, false);
    }

    /// <summary>The value of a count of the plan shown beside a decision (to check it is the one decided on); null when not at hand.</summary>
    private long? CountValue(Level level, string code, Period p, string comptage)
    {
        if (!_results.Catalogue.TryGet(comptage, out var d) || d.Nature != Nature.Effectif) return null;
        var periode = p == _results.Current.Period ? _results.Current : p == _results.Previous?.Period ? _results.Previous : null;
        return periode is not null && periode.TryGet(level, code, comptage, out var v) ? v.Count : null;
    }
}
