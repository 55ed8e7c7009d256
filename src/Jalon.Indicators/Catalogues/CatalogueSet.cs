using Jalon.Indicators.Criteria;

namespace Jalon.Indicators.Catalogues;

/// <summary>
/// The catalogues an instance knows: those embedded in Jalon (<c>cpo-2015</c>…) and those added as files (a folder
/// configured by <c>Jalon:Catalogues:Dossier</c>, or <c>--catalogues DIR</c> on the command line), each validated.
/// Pure: the shells read the files and hand their content over.
/// </summary>
public sealed class CatalogueSet
{
    private readonly Dictionary<string, Catalogue> _byId;

    private CatalogueSet(IEnumerable<Catalogue> catalogues)
    {
        Tous = catalogues.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        _byId = Tous.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded catalogues.</summary>
    public static CatalogueSet Integres { get; } = new(Catalogue.Available.Select(Catalogue.Load));

    /// <summary>Every catalogue, sorted by id.</summary>
    public IReadOnlyList<Catalogue> Tous { get; }

    /// <summary>The catalogue used when none is named (<see cref="Catalogue.Defaut"/>).</summary>
    public Catalogue Defaut => _byId[Catalogue.Defaut];

    public bool TryGet(string id, out Catalogue catalogue) => _byId.TryGetValue(id, out catalogue!);

    /// <summary>The catalogue of this id; a French message listing the known ones otherwise.</summary>
    public Catalogue this[string id] => _byId.TryGetValue(id, out var c) ? c
        : throw new CatalogueException([$"Catalogue inconnu : « {id} » (disponibles : {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))})."]);

    /// <summary>
    /// These catalogues plus the files given (name shown in messages, content): each is validated; the first faulty
    /// file refuses the whole set, with every problem prefixed by the file name (« grille.json : I9 : … »).
    /// </summary>
    public CatalogueSet Avec(IEnumerable<(string Fichier, Stream Contenu)> fichiers)
    {
        var catalogues = new List<Catalogue>(Tous);
        foreach (var (fichier, contenu) in fichiers)
        {
            Catalogue catalogue;
            try
            {
                catalogue = Catalogue.Load(contenu, CriterionRegistry.Default);
            }
            catch (CatalogueException e)
            {
                throw new CatalogueException(e.Problems.Select(p => $"{fichier} : {p}").ToList());
            }
            if (catalogues.Any(c => c.Id == catalogue.Id))
                throw new CatalogueException([$"{fichier} : le catalogue « {catalogue.Id} » est déjà défini."]);
            catalogues.Add(catalogue);
        }
        return new CatalogueSet(catalogues);
    }
}
