namespace Jalon.Domain.Plans;

/// <summary>Whether a plan indicator counts things (pro-rated over the year) or is a rate (never pro-rated).</summary>
public enum NatureIndicateur : byte
{
    /// <summary>A count over the year (« entrées en PPAE », « animations »): its target is pro-rated at a date.</summary>
    Effectif,

    /// <summary>A rate (« taux de MER résolues »): compared as is to its target, never pro-rated.</summary>
    Taux,
}

/// <summary>Which way is better: reach at least the target, or stay at or under it.</summary>
public enum SensCible : byte
{
    /// <summary>« au moins » : more is better (entries, animations, rate of resolved MER).</summary>
    AuMoins,

    /// <summary>« au plus » : less is better (« taux de MER non résolues ≤ 15 % »).</summary>
    AuPlus,
}

/// <summary>Where an indicator stands at a date against its target.</summary>
public enum SituationCible : byte
{
    NonMesure,
    EnAvance,
    DansLaCible,
    EnRetard,
}

/// <summary>
/// How a yearly count is expected to build up month by month: twelve non-negative weights (January first), in any
/// unit (entries, percentages…). <see cref="Lineaire"/> gives every month the same weight.
/// </summary>
public sealed record ProfilMensuel
{
    private ProfilMensuel(IReadOnlyList<double> poids) => Poids = poids;

    public IReadOnlyList<double> Poids { get; }

    /// <summary>Every month weighs the same: the target builds up evenly over the year.</summary>
    public static ProfilMensuel Lineaire { get; } = new(Enumerable.Repeat(1.0, 12).ToArray());

    /// <summary>Builds a profile from twelve weights, or explains in French what is wrong.</summary>
    public static ProfilMensuel De(IReadOnlyList<double> poids)
    {
        if (poids.Count != 12)
            throw new PlanException($"Un profil mensuel compte 12 valeurs, de janvier à décembre ({poids.Count} reçues).");
        if (poids.Any(p => double.IsNaN(p) || double.IsInfinity(p) || p < 0))
            throw new PlanException("Chaque mois du profil doit avoir un poids positif ou nul.");
        if (poids.Sum() <= 0)
            throw new PlanException("Au moins un mois du profil doit avoir un poids non nul.");
        return new ProfilMensuel(poids.ToArray());
    }

    /// <summary>
    /// The share of the year's target expected by the end of <paramref name="jour"/> in <paramref name="annee"/>: the
    /// weights of the months already over, plus the current month's weight in proportion of its days elapsed
    /// (the day itself included). 0 before the year, 1 after it.
    /// </summary>
    public double PartAttendue(int annee, DateOnly jour)
    {
        if (jour.Year < annee) return 0;
        if (jour.Year > annee) return 1;
        var total = Poids.Sum();
        var avant = Poids.Take(jour.Month - 1).Sum();
        var mois = Poids[jour.Month - 1] * jour.Day / DateTime.DaysInMonth(annee, jour.Month);
        return Math.Min(1, (avant + mois) / total);
    }

    /// <summary>The weights as one French line (« 30 ; 30 ; … »), for the pages and exports.</summary>
    public override string ToString() => string.Join(" ; ", Poids.Select(p => p.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))));

    public bool Equals(ProfilMensuel? other) => other is not null && Poids.SequenceEqual(other.Poids);

    public override int GetHashCode() => Poids.Aggregate(0, (h, p) => HashCode.Combine(h, p));
}

/// <summary>
/// The progress to date of one indicator: its value at <see cref="Jour"/>, the value expected at that date
/// (the yearly target pro-rated by the profile for a count, the target itself for a rate) and the gap, positive when
/// ahead whatever the direction of the target.
/// </summary>
public sealed record Progression(
    DateOnly Jour,
    NatureIndicateur Nature,
    SensCible Sens,
    double Cible,
    double? Valeur,
    double Attendu,
    double? Ecart,
    SituationCible Situation)
{
    /// <summary>« en avance de 13 », « en retard de 25 », « dans la cible », « non mesuré » (rates in points).</summary>
    public string Libelle => Situation switch
    {
        SituationCible.NonMesure => "non mesuré",
        SituationCible.DansLaCible => "dans la cible",
        _ => (Situation == SituationCible.EnAvance ? "en avance de " : "en retard de ") + Quantite(Math.Abs(Ecart!.Value)),
    };

    private string Quantite(double ecart) => Nature == NatureIndicateur.Taux
        ? (ecart * 100).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " point" + (ecart * 100 >= 2 ? "s" : "")
        : Math.Round(ecart, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>
    /// Progress of an indicator of year <paramref name="annee"/> at <paramref name="jour"/>. A count's target is
    /// pro-rated with <paramref name="profil"/> (linear when null) and the gap is rounded to a whole unit: « dans la
    /// cible » means less than half a unit off. A rate (between 0 and 1) is compared to its target as is, and is
    /// « dans la cible » within half a point. A target of 0 is allowed: any count is then on or ahead of an
    /// « au moins » target, and any positive count behind an « au plus » one.
    /// </summary>
    public static Progression Calculer(
        int annee, DateOnly jour, NatureIndicateur nature, SensCible sens, double cible, double? valeur, ProfilMensuel? profil = null)
    {
        if (double.IsNaN(cible) || double.IsInfinity(cible) || cible < 0)
            throw new PlanException("La cible doit être un nombre positif ou nul.");
        if (nature == NatureIndicateur.Taux && cible > 1)
            throw new PlanException("La cible d'un taux doit être comprise entre 0 % et 100 %.");
        var attendu = nature == NatureIndicateur.Taux ? cible : cible * (profil ?? ProfilMensuel.Lineaire).PartAttendue(annee, jour);
        if (valeur is not { } v)
            return new Progression(jour, nature, sens, cible, null, attendu, null, SituationCible.NonMesure);
        var ecart = sens == SensCible.AuMoins ? v - attendu : attendu - v;
        var tolerance = nature == NatureIndicateur.Taux ? 0.005 : 0.5;
        var situation = Math.Abs(ecart) < tolerance ? SituationCible.DansLaCible : ecart > 0 ? SituationCible.EnAvance : SituationCible.EnRetard;
        return new Progression(jour, nature, sens, cible, v, attendu, ecart, situation);
    }
}
