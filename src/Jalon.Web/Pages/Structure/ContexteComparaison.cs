using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Exchange.Reading;
using Jalon.Storage;
using Jalon.Storage.Structures;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Pages.Structure;

/// <summary>
/// One context figure of a structure's territory beside the other zones it gives (département, région, France) and the
/// same figure of the other structures of its region for the same year (how many, lowest, median, highest).
/// </summary>
public sealed record LigneContexteComparee(
    CategorieContexte Categorie,
    string Indicateur,
    ContexteLigne? Territoire,
    IReadOnlyList<ContexteLigne> AutresZones,
    int Comparables,
    decimal? Min,
    decimal? Mediane,
    decimal? Max);

/// <summary>The context of a structure for step 1 of the dialogue de gestion (« Analyse et partage du contexte »).</summary>
public sealed record ContexteCompare(int Annee, IReadOnlyList<LigneContexteComparee> Lignes)
{
    /// <summary>
    /// The context figures of the latest year up to <paramref name="annee"/> that has some (else none), compared with the
    /// structures of the same region (their « TERRITOIRE » figure with the same label, same year).
    /// </summary>
    public static async Task<ContexteCompare?> ChargerAsync(JalonDbContext db, string structure, string region, int annee, CancellationToken ct = default)
    {
        var repo = new StructureRepository(db);
        var annees = await repo.AnneesContexteAsync(structure, ct);
        if (annees.FirstOrDefault(a => a <= annee) is not (> 0 and var an)) return null;
        var lignes = await repo.ContexteAsync(structure, an, ct);
        var voisines = await db.Structures.AsNoTracking().Where(s => s.Region == region && s.Code != structure).Select(s => s.Code).ToListAsync(ct);
        var autres = await db.Contexte.AsNoTracking()
            .Where(c => voisines.Contains(c.StructureCode) && c.Annee == an && c.Zone == ContexteZones.Territoire)
            .Select(c => new { c.Indicateur, c.Valeur }).ToListAsync(ct);
        var result = lignes.GroupBy(l => (l.Categorie, l.Indicateur)).Select(g =>
        {
            var valeurs = autres.Where(a => a.Indicateur == g.Key.Indicateur).Select(a => a.Valeur).Order().ToList();
            return new LigneContexteComparee(g.Key.Categorie, g.Key.Indicateur, g.FirstOrDefault(l => l.Zone == ContexteZones.Territoire) is { Indicateur: not null } t ? t : null,
                g.Where(l => l.Zone != ContexteZones.Territoire).ToList(), valeurs.Count,
                valeurs.Count > 0 ? valeurs[0] : null, Mediane(valeurs), valeurs.Count > 0 ? valeurs[^1] : null);
        }).ToList();
        return new ContexteCompare(an, result);
    }

    private static decimal? Mediane(List<decimal> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    };
}
