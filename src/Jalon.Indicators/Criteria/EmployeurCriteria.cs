using Jalon.Domain;
using Jalon.Domain.Employeurs;

namespace Jalon.Indicators.Criteria;

/// <summary>
/// The employer side's criteria and measures (catalogue <c>employeurs</c>, and E1 to E4 of <c>cpo-2011</c>, which name the
/// same ones): MER (mises_en_relation.csv, each one proposal of the journey), hires, periods in a company
/// (immersions.csv), and the structure's own figures (exchanges with companies, offers). Every one reads
/// <see cref="JourneyPackage.Employeurs"/>: on a package without its files the engine gives them unknown (null), not 0.
/// </summary>
public static class EmployeurCriteria
{
    // ---- Young people ----

    /// <summary>A MER (any type) dated in the period.</summary>
    [Criterion("employeurs.jeunes_mer", Employeurs = true)]
    public static bool AvecMer(in JeuneJourney j, in Period p) => CountMer(j, p, null) > 0;

    /// <summary>A MER on a job (type EMPLOI) dated in the period.</summary>
    [Criterion("employeurs.jeunes_mer.emploi", Employeurs = true)]
    public static bool AvecMerEmploi(in JeuneJourney j, in Period p) => CountMer(j, p, TypeMiseEnRelation.Emploi) > 0;

    /// <summary>A MER on a training place (type FORMATION) dated in the period.</summary>
    [Criterion("employeurs.jeunes_mer.formation", Employeurs = true)]
    public static bool AvecMerFormation(in JeuneJourney j, in Period p) => CountMer(j, p, TypeMiseEnRelation.Formation) > 0;

    /// <summary>A MER of type AUTRE dated in the period.</summary>
    [Criterion("employeurs.jeunes_mer.autre", Employeurs = true)]
    public static bool AvecMerAutre(in JeuneJourney j, in Period p) => CountMer(j, p, TypeMiseEnRelation.Autre) > 0;

    /// <summary>A job MER on an offer collected by the structure (offres.csv) dated in the period.</summary>
    [Criterion("employeurs.jeunes_mer.offre", Employeurs = true)]
    public static bool AvecMerSurOffre(in JeuneJourney j, in Period p) => CountMerSurOffre(j, p) > 0;

    /// <summary>A MER whose outcome EMBAUCHE is dated in the period.</summary>
    [Criterion("employeurs.jeunes_embauches_mer", Employeurs = true)]
    public static bool EmbaucheParMer(in JeuneJourney j, in Period p) => CountEmbauchesMer(j, p) > 0;

    /// <summary>A period in a company whose follow-up (hire or apprenticeship contract) is dated in the period.</summary>
    [Criterion("employeurs.jeunes_embauches_immersion", Employeurs = true)]
    public static bool EmbaucheApresImmersion(in JeuneJourney j, in Period p) => CountEmbauchesImmersion(j, p) > 0;

    // ---- Events of young people ----

    /// <summary>Every MER dated in the period (its day is the proposal's).</summary>
    [Measure("employeurs.mer", Employeurs = true)]
    public static void Mer(in JeuneJourney j, in Period p, ref long sum, ref long count) => Add(CountMer(j, p, null), ref sum, ref count);

    [Measure("employeurs.mer.emploi", Employeurs = true)]
    public static void MerEmploi(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        Add(CountMer(j, p, TypeMiseEnRelation.Emploi), ref sum, ref count);

    [Measure("employeurs.mer.formation", Employeurs = true)]
    public static void MerFormation(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        Add(CountMer(j, p, TypeMiseEnRelation.Formation), ref sum, ref count);

    [Measure("employeurs.mer.autre", Employeurs = true)]
    public static void MerAutre(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        Add(CountMer(j, p, TypeMiseEnRelation.Autre), ref sum, ref count);

    /// <summary>Every job MER on an offer collected by the structure, dated in the period.</summary>
    [Measure("employeurs.mer.offre", Employeurs = true)]
    public static void MerSurOffre(in JeuneJourney j, in Period p, ref long sum, ref long count) => Add(CountMerSurOffre(j, p), ref sum, ref count);

    /// <summary>
    /// Seed 000's « non résolue »: a MER dated in the period with no outcome recorded on the period's last day (none at
    /// all, or one dated after <see cref="Period.Fin"/>).
    /// </summary>
    [Measure("employeurs.mer.non_resolues", Employeurs = true)]
    public static void MerNonResolues(in JeuneJourney j, in Period p, ref long sum, ref long count)
    {
        var n = 0;
        foreach (var m in j.MisesEnRelation)
        {
            if (p.Contains(m.Date) && IsUnresolvedOn(m, p.Fin)) n++;
        }
        Add(n, ref sum, ref count);
    }

    /// <summary>Every MER whose outcome EMBAUCHE is dated in the period (whenever the MER was made).</summary>
    [Measure("employeurs.embauches_mer", Employeurs = true)]
    public static void EmbauchesMer(in JeuneJourney j, in Period p, ref long sum, ref long count) => Add(CountEmbauchesMer(j, p), ref sum, ref count);

    /// <summary>Every period in a company whose follow-up is a hire or an apprenticeship contract, dated in the period.</summary>
    [Measure("employeurs.embauches_immersion", Employeurs = true)]
    public static void EmbauchesImmersion(in JeuneJourney j, in Period p, ref long sum, ref long count) =>
        Add(CountEmbauchesImmersion(j, p), ref sum, ref count);

    /// <summary>A MER without an outcome recorded on day <paramref name="day"/> (seed 000: « non résolue »).</summary>
    public static bool IsUnresolvedOn(MiseEnRelationLigne m, DateOnly day) => m.Issue is null || m.IssueLe is not { } le || le > day;

    /// <summary>
    /// The day a period's follow-up is known: its three-way review, else the period's end (the follow-up is recorded
    /// with the review).
    /// </summary>
    public static DateOnly SuiteLe(ImmersionLigne i) => i.BilanLe ?? i.Fin;

    /// <summary>A follow-up that is a job: a hire or an apprenticeship contract.</summary>
    public static bool IsEmbauche(SuiteImmersion? suite) => suite is SuiteImmersion.Embauche or SuiteImmersion.Apprentissage;

    private static int CountMer(in JeuneJourney j, in Period p, TypeMiseEnRelation? type)
    {
        var n = 0;
        foreach (var m in j.MisesEnRelation)
        {
            if (p.Contains(m.Date) && (type is null || m.Type == type)) n++;
        }
        return n;
    }

    private static int CountMerSurOffre(in JeuneJourney j, in Period p)
    {
        var n = 0;
        foreach (var m in j.MisesEnRelation)
        {
            if (m.Type == TypeMiseEnRelation.Emploi && m.Offre is not null && p.Contains(m.Date)) n++;
        }
        return n;
    }

    private static int CountEmbauchesMer(in JeuneJourney j, in Period p)
    {
        var n = 0;
        foreach (var m in j.MisesEnRelation)
        {
            if (m.Issue == IssueMiseEnRelation.Embauche && m.IssueLe is { } le && p.Contains(le)) n++;
        }
        return n;
    }

    private static int CountEmbauchesImmersion(in JeuneJourney j, in Period p)
    {
        var n = 0;
        foreach (var i in j.Immersions)
        {
            if (IsEmbauche(i.Suite) && p.Contains(SuiteLe(i))) n++;
        }
        return n;
    }

    private static void Add(int events, ref long sum, ref long count)
    {
        if (events == 0) return;
        sum += events;
        count++;
    }

    // ---- The structure's own figures (no young person) ----

    /// <summary>Offers collected: received (<see cref="OffreLigne.RecueLe"/>) in the period.</summary>
    [StructureMeasure("employeurs.offres_collectees")]
    public static void OffresCollectees(JourneyPackage package, int structure, in Period p, ref long sum, ref long count)
    {
        foreach (var o in package.Employeurs.OffresOf(structure))
        {
            if (p.Contains(o.RecueLe)) sum++;
        }
        count++;
    }

    /// <summary>Offers filled in the period: status POURVUE dated in the period (the file carries an offer's last status only).</summary>
    [StructureMeasure("employeurs.offres_pourvues")]
    public static void OffresPourvues(JourneyPackage package, int structure, in Period p, ref long sum, ref long count) =>
        Pourvues(package, structure, p, null, ref sum, ref count);

    /// <summary>Among them, filled by a MER (a young person the structure placed).</summary>
    [StructureMeasure("employeurs.offres_pourvues.mer")]
    public static void OffresPourvuesParMer(JourneyPackage package, int structure, in Period p, ref long sum, ref long count) =>
        Pourvues(package, structure, p, ModePourvoi.MiseEnRelation, ref sum, ref count);

    /// <summary>Among them, filled by the employer through another channel.</summary>
    [StructureMeasure("employeurs.offres_pourvues.autre")]
    public static void OffresPourvuesAutreCanal(JourneyPackage package, int structure, in Period p, ref long sum, ref long count) =>
        Pourvues(package, structure, p, ModePourvoi.AutreCanal, ref sum, ref count);

    /// <summary>Exchanges of the structure with its companies (any mode, any purpose) dated in the period.</summary>
    [StructureMeasure("employeurs.echanges")]
    public static void Echanges(JourneyPackage package, int structure, in Period p, ref long sum, ref long count)
    {
        foreach (var e in package.Employeurs.EchangesOf(structure))
        {
            if (p.Contains(e.Date)) sum++;
        }
        count++;
    }

    /// <summary>Among them, the visits (mode VISITE).</summary>
    [StructureMeasure("employeurs.echanges.visites")]
    public static void Visites(JourneyPackage package, int structure, in Period p, ref long sum, ref long count)
    {
        foreach (var e in package.Employeurs.EchangesOf(structure))
        {
            if (e.Mode == ModeEchange.Visite && p.Contains(e.Date)) sum++;
        }
        count++;
    }

    /// <summary>Companies in contact: distinct companies (SIRET) with at least one exchange dated in the period.</summary>
    [StructureMeasure("employeurs.entreprises_contactees")]
    public static void EntreprisesContactees(JourneyPackage package, int structure, in Period p, ref long sum, ref long count)
    {
        var sirets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in package.Employeurs.EchangesOf(structure))
        {
            if (p.Contains(e.Date)) sirets.Add(e.Siret);
        }
        sum += sirets.Count;
        count++;
    }

    private static void Pourvues(JourneyPackage package, int structure, in Period p, ModePourvoi? mode, ref long sum, ref long count)
    {
        foreach (var o in package.Employeurs.OffresOf(structure))
        {
            if (o.Statut == StatutOffre.Pourvue && o.StatutLe is { } le && p.Contains(le) && (mode is null || o.Pourvoi == mode)) sum++;
        }
        count++;
    }
}
