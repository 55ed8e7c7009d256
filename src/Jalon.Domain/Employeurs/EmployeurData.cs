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

    /// <summary>
    /// The package carries the employer side: at least one of its files (even without rows), or rows. False for a package
    /// without any employer file: its employer indicators are then unknown, not 0 (docs/indicateurs.md).
    /// </summary>
    public bool HasFiles
    {
        get => _hasFiles || !IsEmpty;
        init => _hasFiles = value;
    }

    private readonly bool _hasFiles;
    private ByJeune? _byJeune;

    /// <summary>The MER of young person <paramref name="jeune"/> (package index), in file order.</summary>
    public ReadOnlySpan<MiseEnRelationLigne> MisesEnRelationOf(int jeune, int jeuneCount) =>
        MisesEnRelation.Count == 0 ? default : Index(jeuneCount).Mer(jeune);

    /// <summary>The periods in a company of young person <paramref name="jeune"/> (package index), in file order.</summary>
    public ReadOnlySpan<ImmersionLigne> ImmersionsOf(int jeune, int jeuneCount) =>
        Immersions.Count == 0 ? default : Index(jeuneCount).Immersion(jeune);

    /// <summary>The companies of structure <paramref name="structure"/> (package index).</summary>
    public ReadOnlySpan<EntrepriseLigne> EntreprisesOf(int structure) => Structures.Entreprises.Of(structure);

    /// <summary>The exchanges of structure <paramref name="structure"/> with its companies.</summary>
    public ReadOnlySpan<EchangeEntrepriseLigne> EchangesOf(int structure) => Structures.Echanges.Of(structure);

    /// <summary>The offers collected by structure <paramref name="structure"/>.</summary>
    public ReadOnlySpan<OffreLigne> OffresOf(int structure) => Structures.Offres.Of(structure);

    private ByStructure? _byStructure;

    private ByStructure Structures => LazyInitializer.EnsureInitialized(ref _byStructure, () => new ByStructure(this));

    /// <summary>The structure-level rows grouped by structure (built once on first use).</summary>
    private sealed class ByStructure(EmployeurData data)
    {
        public Grouped<EntrepriseLigne> Entreprises { get; } = new(data.Entreprises, e => e.Structure);
        public Grouped<EchangeEntrepriseLigne> Echanges { get; } = new(data.Echanges, e => e.Structure);
        public Grouped<OffreLigne> Offres { get; } = new(data.Offres, o => o.Structure);
    }

    private sealed class Grouped<T>
    {
        private readonly T[] _items;
        private readonly int[] _start;

        public Grouped(IReadOnlyList<T> rows, Func<T, int> keyOf)
        {
            var count = 0;
            foreach (var r in rows) count = Math.Max(count, keyOf(r) + 1);
            (_items, _start) = Group(rows, keyOf, count);
        }

        public ReadOnlySpan<T> Of(int key) => key + 1 < _start.Length ? _items.AsSpan(_start[key], _start[key + 1] - _start[key]) : default;
    }

    /// <summary>Rows grouped by a small integer key in [0, count) (a stable counting sort).</summary>
    private static (T[] Items, int[] Start) Group<T>(IReadOnlyList<T> rows, Func<T, int> keyOf, int count)
    {
        var start = new int[count + 1];
        foreach (var r in rows) start[keyOf(r) + 1]++;
        for (var j = 0; j < count; j++) start[j + 1] += start[j];
        var next = start[..count];
        var items = new T[rows.Count];
        foreach (var r in rows) items[next[keyOf(r)]++] = r;
        return (items, start);
    }

    private ByJeune Index(int jeuneCount)
    {
        var index = Volatile.Read(ref _byJeune);
        if (index is null || index.JeuneCount != jeuneCount)
        {
            index = new ByJeune(this, jeuneCount);
            Volatile.Write(ref _byJeune, index);
        }
        return index;
    }

    /// <summary>The MER and periods grouped by young person (compressed rows, built once on first use).</summary>
    private sealed class ByJeune
    {
        private readonly MiseEnRelationLigne[] _mer;
        private readonly int[] _merStart;
        private readonly ImmersionLigne[] _immersions;
        private readonly int[] _immersionStart;

        public ByJeune(EmployeurData data, int jeuneCount)
        {
            JeuneCount = jeuneCount;
            (_mer, _merStart) = Group(data.MisesEnRelation, m => m.Jeune, jeuneCount);
            (_immersions, _immersionStart) = Group(data.Immersions, i => i.Jeune, jeuneCount);
        }

        public int JeuneCount { get; }

        public ReadOnlySpan<MiseEnRelationLigne> Mer(int jeune) => _mer.AsSpan(_merStart[jeune], _merStart[jeune + 1] - _merStart[jeune]);

        public ReadOnlySpan<ImmersionLigne> Immersion(int jeune) =>
            _immersions.AsSpan(_immersionStart[jeune], _immersionStart[jeune + 1] - _immersionStart[jeune]);
    }

    /// <summary>The same rows with every date moved by <paramref name="days"/> (the demo brings a generated year to today).</summary>
    public EmployeurData Shift(int days)
    {
        DateOnly S(DateOnly d) => d.AddDays(days);
        DateOnly? N(DateOnly? d) => d?.AddDays(days);
        return new EmployeurData
        {
            HasFiles = HasFiles,
            Entreprises = [.. Entreprises.Select(e => e with { CreeLe = N(e.CreeLe) })],
            Echanges = [.. Echanges.Select(e => e with { Date = S(e.Date) })],
            Offres = [.. Offres.Select(o => o with { RecueLe = S(o.RecueLe), DebutSouhaite = N(o.DebutSouhaite), StatutLe = N(o.StatutLe) })],
            MisesEnRelation = [.. MisesEnRelation.Select(m => m with { Date = S(m.Date), IssueLe = N(m.IssueLe), DebutEmploi = N(m.DebutEmploi) })],
            Immersions = [.. Immersions.Select(i => i with { Debut = S(i.Debut), Fin = S(i.Fin), BilanLe = N(i.BilanLe) })],
        };
    }
}
