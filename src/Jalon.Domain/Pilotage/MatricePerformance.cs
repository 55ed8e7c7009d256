namespace Jalon.Domain.Pilotage;

/// <summary>A ratio (any catalogue key) entering a score, with its weight and the direction that counts as better.</summary>
public sealed record PonderationRatio(string Ratio, double Poids, Sens Sens);

/// <summary>
/// How the two scores of the matrix are built: the weighted ratios of each axis. Data, not code: the defaults are the
/// catalogue's (<c>matrice</c> of <c>cpo-2015.json</c>: efficacité = use of resources — coverage, first-level take-up,
/// entries, FTE, cost per young person; performance = results — situations, exits into employment, exits without
/// solution), and a deployment may change weights or ratios in its configuration without touching the method.
/// </summary>
public sealed record ConfigurationMatrice(IReadOnlyList<PonderationRatio> Efficacite, IReadOnlyList<PonderationRatio> Performance)
{
    public ConfigurationMatrice Valider()
    {
        foreach (var p in Efficacite.Concat(Performance))
        {
            if (string.IsNullOrWhiteSpace(p.Ratio)) throw new PilotageException("Chaque pondération doit nommer un ratio.");
            if (p.Poids < 0 || double.IsNaN(p.Poids)) throw new PilotageException($"Le poids du {p.Ratio} doit être positif.");
            if (p.Sens == Sens.Neutre) throw new PilotageException($"Le {p.Ratio} doit avoir un sens (hausse ou baisse) pour entrer dans un score.");
        }
        if (Efficacite.Sum(p => p.Poids) <= 0 || Performance.Sum(p => p.Poids) <= 0)
            throw new PilotageException("Chaque axe de la matrice doit avoir au moins un ratio de poids non nul.");
        return this;
    }
}

/// <summary>The ratios of one structure for the period (key → value, null when not computable).</summary>
public sealed record RatiosStructure(string Structure, string Nom, IReadOnlyDictionary<string, double?> Valeurs);

/// <summary>The standardized contribution of one ratio to a structure's score.</summary>
public sealed record ContributionScore(string Ratio, double? Valeur, double? ScoreStandardise, double Poids);

/// <summary>One structure in the matrix. Scores are weighted means of z-scores: 0 = the regional mean, ±1 = one standard deviation.</summary>
public sealed record PointMatrice(
    string Structure,
    string Nom,
    double? Efficacite,
    double? Performance,
    IReadOnlyList<ContributionScore> DetailEfficacite,
    IReadOnlyList<ContributionScore> DetailPerformance)
{
    /// <summary>A neutral reading of the position (it complements the dialogue; it does not grade).</summary>
    public string? Lecture => (Efficacite, Performance) switch
    {
        ({ } e, { } p) => $"Efficacité {(e >= 0 ? "au-dessus" : "en dessous")} de la moyenne régionale, performance {(p >= 0 ? "au-dessus" : "en dessous")}",
        _ => null,
    };
}

/// <summary>
/// The performance × efficiency matrix of instruction §2.a, as standardized scores across the structures of a region.
/// For each ratio of an axis: mean and (population) standard deviation over the structures where it is known;
/// the structure's z-score is (value − mean) / deviation, negated for ratios where lower is better, 0 when all
/// structures have the same value; the axis score is the weighted mean of the z-scores the structure has
/// (weights re-normalized over its known ratios), null when it has none. It is an aid to the dialogue, not a grade.
/// </summary>
public static class MatricePerformance
{
    public static IReadOnlyList<PointMatrice> Calculer(IReadOnlyList<RatiosStructure> structures, ConfigurationMatrice configuration)
    {
        configuration.Valider();
        var efficacite = Axe(structures, configuration.Efficacite);
        var performance = Axe(structures, configuration.Performance);
        return structures.Select((s, i) => new PointMatrice(
            s.Structure, s.Nom,
            Score(efficacite[i]), Score(performance[i]),
            efficacite[i], performance[i])).ToList();
    }

    private static List<ContributionScore>[] Axe(IReadOnlyList<RatiosStructure> structures, IReadOnlyList<PonderationRatio> ponderations)
    {
        var result = structures.Select(_ => new List<ContributionScore>()).ToArray();
        foreach (var p in ponderations)
        {
            var valeurs = structures.Select(s => s.Valeurs.TryGetValue(p.Ratio, out var v) && v is { } x && double.IsFinite(x) ? x : (double?)null).ToArray();
            var connues = valeurs.Where(v => v is not null).Select(v => v!.Value).ToArray();
            var moyenne = connues.Length > 0 ? connues.Average() : 0;
            var ecart = connues.Length > 0 ? Math.Sqrt(connues.Sum(x => (x - moyenne) * (x - moyenne)) / connues.Length) : 0;
            for (var i = 0; i < structures.Count; i++)
            {
                double? z = valeurs[i] is { } v ? (ecart > 1e-12 ? (v - moyenne) / ecart * (int)p.Sens : 0) : null;
                result[i].Add(new ContributionScore(p.Ratio, valeurs[i], z, p.Poids));
            }
        }
        return result;
    }

    private static double? Score(List<ContributionScore> contributions)
    {
        var connues = contributions.Where(c => c.ScoreStandardise is not null && c.Poids > 0).ToList();
        var poids = connues.Sum(c => c.Poids);
        return poids > 0 ? connues.Sum(c => c.ScoreStandardise!.Value * c.Poids) / poids : null;
    }
}
