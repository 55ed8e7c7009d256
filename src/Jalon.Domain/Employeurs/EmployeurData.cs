namespace Jalon.Domain.Employeurs;

// The employer side as the exchange format carries it (docs/spec/format-echange.md, « Le côté employeurs »): companies,
// exchanges with them, offers, MER and periods in a company. Structures and young people are indexes of the package.
// No personal data and no free text leave the structure: no contact, tutor or sponsor name, no note, no review text.

/// <summary>A company of a structure, by its SIRET (entreprises.csv).</summary>
public sealed record EntrepriseLigne(int Structure, string Siret, string Nom, string? Naf, TailleEntreprise? Taille, string? Commune, DateOnly? CreeLe);

/// <summary>An exchange of the structure with one of its companies (echanges_entreprises.csv).</summary>
public sealed record EchangeEntrepriseLigne(int Structure, string Siret, DateOnly Date, ModeEchange Mode, ObjetEchange Objet);

/// <summary>A job offer collected by the structure, identified within it by <see cref="Id"/> (offres.csv).</summary>
public sealed record OffreLigne(
    int Structure, string Id, string Siret, string Intitule, string Rome, TypeContrat Contrat, int? DureeMois, int? HeuresHebdo, string Commune,
    int Postes, DateOnly RecueLe, DateOnly? DebutSouhaite, StatutOffre Statut, DateOnly? StatutLe, ModePourvoi? Pourvoi);

/// <summary>
/// A MER of a young person (mises_en_relation.csv). It is the journey's proposal of the same day and of the theme of its
/// type (<see cref="EmployeurRules.ThemeOf"/>); a hire is the job situation of contract <see cref="EmployeurRules.SituationOf"/>
/// starting <see cref="DebutEmploi"/>: both are rows of propositions.csv and situations.csv, never second records.
/// </summary>
public sealed record MiseEnRelationLigne(
    int Jeune, DateOnly Date, TypeMiseEnRelation Type, string? Offre, string? Siret, string? Organisme, IssueMiseEnRelation? Issue, DateOnly? IssueLe,
    TypeContrat? Contrat, DateOnly? DebutEmploi);

/// <summary>
/// A period in a company (immersions.csv): the journey's PMSMP situation (or internship, for an apprenticeship discovery)
/// of the same dates, with its host company, the day of its three-way review and what followed.
/// </summary>
public sealed record ImmersionLigne(int Jeune, TypeImmersion Type, DateOnly Debut, DateOnly Fin, string Siret, DateOnly? BilanLe, SuiteImmersion? Suite);

/// <summary>The employer side of a package; <see cref="Empty"/> when it has none of its files.</summary>
public sealed class EmployeurData
{
    public static EmployeurData Empty { get; } = new();

    public IReadOnlyList<EntrepriseLigne> Entreprises { get; init; } = [];
    public IReadOnlyList<EchangeEntrepriseLigne> Echanges { get; init; } = [];
    public IReadOnlyList<OffreLigne> Offres { get; init; } = [];
    public IReadOnlyList<MiseEnRelationLigne> MisesEnRelation { get; init; } = [];
    public IReadOnlyList<ImmersionLigne> Immersions { get; init; } = [];

    public bool IsEmpty => Entreprises.Count == 0 && Echanges.Count == 0 && Offres.Count == 0 && MisesEnRelation.Count == 0 && Immersions.Count == 0;

    /// <summary>The same rows with every date moved by <paramref name="days"/> (the demo brings a generated year to today).</summary>
    public EmployeurData Shift(int days)
    {
        DateOnly S(DateOnly d) => d.AddDays(days);
        DateOnly? N(DateOnly? d) => d?.AddDays(days);
        return new EmployeurData
        {
            Entreprises = [.. Entreprises.Select(e => e with { CreeLe = N(e.CreeLe) })],
            Echanges = [.. Echanges.Select(e => e with { Date = S(e.Date) })],
            Offres = [.. Offres.Select(o => o with { RecueLe = S(o.RecueLe), DebutSouhaite = N(o.DebutSouhaite), StatutLe = N(o.StatutLe) })],
            MisesEnRelation = [.. MisesEnRelation.Select(m => m with { Date = S(m.Date), IssueLe = N(m.IssueLe), DebutEmploi = N(m.DebutEmploi) })],
            Immersions = [.. Immersions.Select(i => i with { Debut = S(i.Debut), Fin = S(i.Fin), BilanLe = N(i.BilanLe) })],
        };
    }
}
