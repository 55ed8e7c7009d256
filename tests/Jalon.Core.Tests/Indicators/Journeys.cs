using System.Globalization;
using Jalon.Domain;
using Jalon.Indicators.Criteria;

namespace Jalon.Core.Tests.Indicators;

/// <summary>Hand-built journeys for the indicator tests: a thin layer over <see cref="JourneyPackageBuilder"/>.</summary>
internal sealed class Journeys
{
    public static readonly Period Year2016 = Period.Year(2016);

    private readonly JourneyPackageBuilder _b = new();

    public Journeys(params (string Code, string Region)[] structures)
    {
        if (structures.Length == 0) structures = [("ML01", "84")];
        foreach (var (code, region) in structures) _b.AddStructure(new Structure(code, "Mission locale " + code, region, null));
    }

    public JourneyPackageBuilder Builder => _b;

    public static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? N(string? date) => date is null ? null : D(date);

    public int Jeune(string premierAccueil = "2014-06-01", Sexe sexe = Sexe.H, Niveau niveau = Niveau.IV, bool diplome = true,
        bool qpv = false, bool zrr = false, int structure = 0, string naissance = "1996-01-01") =>
        _b.AddJeune(new Jeune(structure, "J" + _b.Jeunes.Count.ToString(CultureInfo.InvariantCulture), D(naissance), sexe, niveau, diplome,
            null, qpv, zrr, D(premierAccueil)));

    public Journeys Contact(int j, string date, ModeContact mode = ModeContact.Entretien, bool diagnostic = false)
    {
        _b.Contacts.Add(new Contact(j, D(date), mode, diagnostic));
        return this;
    }

    public Journeys Orientation(int j, string date, Operateur operateur = Operateur.E2C)
    {
        _b.Orientations.Add(new Orientation(j, D(date), operateur));
        return this;
    }

    public Journeys Parcours(int j, Dispositif dispositif, string debut, string? fin = null, MotifFin? motif = null, bool neet = false, string? amont = null)
    {
        _b.Parcours.Add(new Parcours(j, dispositif, D(debut), N(fin), motif, neet, amont));
        return this;
    }

    public Journeys Proposition(int j, string date, Theme theme = Theme.Emploi)
    {
        _b.Propositions.Add(new Proposition(j, D(date), theme));
        return this;
    }

    public Journeys Situation(int j, TypeSituation type, string debut, string? fin = null, int? dureePrevue = null)
    {
        _b.Situations.Add(new Situation(j, type, D(debut), N(fin), dureePrevue));
        return this;
    }

    public Journeys Droit(int j, string date, DomaineDroit domaine = DomaineDroit.Sante)
    {
        _b.Droits.Add(new Droit(j, D(date), domaine));
        return this;
    }

    public Journeys Parrainage(int j, string debut, string? fin = null)
    {
        _b.Parrainages.Add(new Parrainage(j, D(debut), N(fin)));
        return this;
    }

    public Journeys Moyens(int structure, int annee, long? jano = 1000, long? defm = 300, decimal? etpTotal = 10m, decimal? etpAccompagnement = 8m,
        decimal? total = 500_000m, decimal? principales = 450_000m, decimal? etat = 200_000m, decimal? fse = 50_000m)
    {
        _b.Moyens.Add(new Moyens(structure, annee, jano, defm, etpTotal, etpAccompagnement, total, principales, etat, fse));
        return this;
    }

    public JourneyPackage Build() => _b.Build();

    /// <summary>Evaluates a catalogue criterion by name on one young person.</summary>
    public static bool Is(string criterion, JourneyPackage package, int jeune, Period? period = null) =>
        CriterionRegistry.Default.GetCriterion(criterion)(package.Journey(jeune), period ?? Year2016);

    /// <summary>Evaluates a measure by name on one young person: (sum, count).</summary>
    public static (long Sum, long Count) Measure(string measure, JourneyPackage package, int jeune, Period? period = null)
    {
        long sum = 0, count = 0;
        CriterionRegistry.Default.GetMeasure(measure)(package.Journey(jeune), period ?? Year2016, ref sum, ref count);
        return (sum, count);
    }
}
