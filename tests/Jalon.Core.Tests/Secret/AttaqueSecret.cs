using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Tests.Secret;

/// <summary>A cell as read on a screen or in an export: a number, nothing (« — »), or masked.</summary>
public readonly record struct Lu(double? Valeur, bool Masque)
{
    public static Lu Masquee => new(null, true);
}

/// <summary>One row of a dashboard as read: a territory, a period, an indicator, N, N−1, the change and N's breakdowns.</summary>
public sealed record LigneLue(Level Niveau, string Code, Period Periode, string Cle, Lu N, Lu N1, Lu Evolution, IReadOnlyDictionary<Ventilation, Lu> Ventilations);

/// <summary>A regional weight as read: a structure's share of its region for an indicator in a period.</summary>
public sealed record PoidsLu(string Structure, string Region, Period Periode, string Cle, Lu Part);

/// <summary>
/// Turns what an aggregate-only role read (dashboards with N, N−1, change and breakdowns; regional weights; ratios of
/// the dialogue's references) into the attacker's cells and relations: sums over the hierarchy, breakdown +
/// complement = total, sums of months and quarters for counts that add up, N − N−1 = change, ratio × denominator =
/// numerator (counts, hidden numerators and amounts), weight × regional total = structure figure.
/// </summary>
public static class AttaqueSecret
{
    public static string Territoire(Level niveau, string code) => niveau.Code() + ":" + code;

    public static string Case(Level niveau, string code, Period p, string comptage, string slot = "total") =>
        $"{Territoire(niveau, code)}|{p.Debut:yyyy-MM-dd}..{p.Fin:yyyy-MM-dd}|{comptage}|{slot}";

    /// <param name="structures">Every structure (code, region): the hierarchy the attacker knows.</param>
    /// <param name="additifs">The counts that add up across periods.</param>
    /// <param name="complement">The true complement (total − breakdown) of a cell, known to the test only.</param>
    public static Attaquant Construire(
        Catalogue catalogue, IReadOnlyList<(string Code, string Region)> structures, IEnumerable<LigneLue> lignes, IEnumerable<PoidsLu> poids,
        IReadOnlySet<string> additifs, Func<Level, string, Period, string, Ventilation, long?> complement)
    {
        var a = new Attaquant();
        var ratios = new Dictionary<(string T, Period P, string Cle), double>();
        var montants = new Dictionary<(string T, Period P, string Cle), double>();
        var evolutions = new List<(string T, Period P, string Cle, double Delta)>();
        var seenCounts = new HashSet<(Period P, string Comptage, string Slot)>();
        var lignesList = lignes.ToList();

        foreach (var l in lignesList)
        {
            var d = catalogue[l.Cle];
            var t = Territoire(l.Niveau, l.Code);
            var p1 = l.Periode.PreviousYearWholeMonths();
            switch (d.Nature)
            {
                case Nature.Effectif:
                    Lire(a, Case(l.Niveau, l.Code, l.Periode, l.Cle), l.N);
                    Lire(a, Case(l.Niveau, l.Code, p1, l.Cle), l.N1);
                    seenCounts.Add((l.Periode, l.Cle, "total"));
                    seenCounts.Add((p1, l.Cle, "total"));
                    if (l.Evolution is { Masque: false, Valeur: { } delta })
                        a.Relation([(Case(l.Niveau, l.Code, l.Periode, l.Cle), Fraction.One), (Case(l.Niveau, l.Code, p1, l.Cle), -Fraction.One)],
                            Fraction.FromDouble(delta), "évolution");
                    foreach (var (v, lu) in l.Ventilations)
                    {
                        var slot = v.Cle();
                        Lire(a, Case(l.Niveau, l.Code, l.Periode, l.Cle, slot), lu);
                        seenCounts.Add((l.Periode, l.Cle, slot));
                        var comp = Case(l.Niveau, l.Code, l.Periode, l.Cle, "non-" + slot);
                        a.Relation([(Case(l.Niveau, l.Code, l.Periode, l.Cle), Fraction.One), (Case(l.Niveau, l.Code, l.Periode, l.Cle, slot), -Fraction.One), (comp, -Fraction.One)],
                            Fraction.Zero, "ventilation + complément");
                        if (complement(l.Niveau, l.Code, l.Periode, l.Cle, v) is { } truth) a.Verite(comp, truth);
                    }
                    break;
                case Nature.Ratio:
                    if (l.N is { Masque: false, Valeur: { } r }) ratios[(t, l.Periode, l.Cle)] = r;
                    if (l.N1 is { Masque: false, Valeur: { } r1 }) ratios[(t, p1, l.Cle)] = r1;
                    if (l.Evolution is { Masque: false, Valeur: { } dr }) evolutions.Add((t, l.Periode, l.Cle, dr));
                    break;
                case Nature.Montant:
                    if (l.N is { Masque: false, Valeur: { } m }) montants[(t, l.Periode, l.Cle)] = m;
                    if (l.N1 is { Masque: false, Valeur: { } m1 }) montants[(t, p1, l.Cle)] = m1;
                    break;
            }
        }

        // A ratio masked on one side of a shown change is the other side plus or minus the change.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (t, p, cle, delta) in evolutions)
            {
                var kN = (t, p, cle);
                var kN1 = (t, p.PreviousYearWholeMonths(), cle);
                var hasN = ratios.TryGetValue(kN, out var rN);
                var hasN1 = ratios.TryGetValue(kN1, out var rN1);
                if (hasN && !hasN1) { ratios[kN1] = rN - delta; changed = true; }
                else if (!hasN && hasN1) { ratios[kN] = rN1 + delta; changed = true; }
            }
        }

        // ratio × denominator = numerator.
        foreach (var ((t, p, cle), r) in ratios)
        {
            var d = catalogue[cle];
            var parts = t.Split(':');
            var niveau = parts[0] switch { "structure" => Level.Structure, "region" => Level.Region, _ => Level.National };
            var code = parts[1];
            var pDen = d.PeriodeDenominateur == PeriodeRelative.NMoins1 ? p.PreviousYearWholeMonths() : p;
            var terms = new List<(string, Fraction)>();
            var constant = Fraction.Zero;
            var fr = Fraction.FromDouble(r);
            if (!Operande(d.Numerateur ?? "critere:" + d.NumerateurCritere, p, Fraction.One)) continue;
            if (!Operande(d.Denominateur!, pDen, -fr)) continue;
            a.Relation(terms, constant, "ratio " + cle);

            bool Operande(string op, Period per, Fraction coef)
            {
                if (op.StartsWith("critere:", StringComparison.Ordinal) || catalogue[op].Nature == Nature.Effectif)
                {
                    terms.Add((Case(niveau, code, per, op), coef));
                    seenCounts.Add((per, op, "total"));
                    return true;
                }
                if (!montants.TryGetValue((t, per, op), out var m)) return false;
                constant -= coef * Fraction.FromDouble(m);
                return true;
            }
        }

        // weight × regional total = structure figure.
        foreach (var w in poids)
        {
            if (w.Part is not { Masque: false, Valeur: { } part } || catalogue[w.Cle].Nature != Nature.Effectif) continue;
            a.Relation([(Case(Level.Structure, w.Structure, w.Periode, w.Cle), Fraction.One), (Case(Level.Region, w.Region, w.Periode, w.Cle), -Fraction.FromDouble(part))],
                Fraction.Zero, "poids régional");
            seenCounts.Add((w.Periode, w.Cle, "total"));
        }

        // Sums over the hierarchy, for every count cell seen.
        var regions = structures.GroupBy(s => s.Region).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var (p, comptage, slot) in seenCounts)
        {
            foreach (var region in regions)
                a.Somme(Case(Level.Region, region.Key, p, comptage, slot), region.Select(s => Case(Level.Structure, s.Code, p, comptage, slot)), "région = Σ structures");
            a.Somme(Case(Level.National, LevelNames.National, p, comptage, slot), regions.Select(r => Case(Level.Region, r.Key, p, comptage, slot)), "nation = Σ régions");
        }

        // Months → quarters → year for the counts that add up.
        var territoires = structures.Select(s => (Level.Structure, s.Code)).Concat(regions.Select(r => (Level.Region, r.Key))).Append((Level.National, LevelNames.National)).ToList();
        foreach (var annee in seenCounts.Select(s => s.P.Debut.Year).Distinct())
        {
            var trimestres = Enumerable.Range(0, 4).Select(k => new Period(new DateOnly(annee, 3 * k + 1, 1), new DateOnly(annee, 3 * k + 3, DateTime.DaysInMonth(annee, 3 * k + 3)))).ToList();
            Period Mois(int m) => new(new DateOnly(annee, m, 1), new DateOnly(annee, m, DateTime.DaysInMonth(annee, m)));
            foreach (var (comptage, slot) in seenCounts.Where(s => additifs.Contains(s.Comptage)).Select(s => (s.Comptage, s.Slot)).Distinct())
            {
                foreach (var (niveau, code) in territoires)
                {
                    a.Somme(Case(niveau, code, Period.Year(annee), comptage, slot), trimestres.Select(q => Case(niveau, code, q, comptage, slot)), "année = Σ trimestres");
                    for (var k = 0; k < 4; k++)
                        a.Somme(Case(niveau, code, trimestres[k], comptage, slot), Enumerable.Range(3 * k + 1, 3).Select(m => Case(niveau, code, Mois(m), comptage, slot)), "trimestre = Σ mois");
                }
            }
        }
        return a;
    }

    private static void Lire(Attaquant a, string cell, Lu lu)
    {
        if (lu.Masque) a.Masque(cell);
        else if (lu.Valeur is { } v) a.Montre(cell, (long)Math.Round(v));
    }
}
