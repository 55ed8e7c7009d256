using System.Security.Claims;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Storage.Indicators;
using Jalon.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jalon.Web.Pages.Pilotage.Services;

/// <summary>A territory of the dashboard: a structure, a region or the nation.</summary>
public sealed record Territoire(Level Niveau, string Code, string Nom, string? Region);

/// <summary>
/// The steering pages' access to the indicators: the same engine and catalogues as <c>./jalon indicateurs</c>, served
/// from the structures' stored tallies (<see cref="IndicatorStore"/>), and published through
/// <see cref="SecretStatistique"/> for the roles that see aggregates only — the one way any steering page or export
/// reads a figure.
/// </summary>
public sealed class IndicateursPilotage(JalonDbContext db, CatalogueSet catalogues, CacheSecret cache)
{
    /// <summary>The default catalogue (the CPO's), whose dashboard years an import precomputes.</summary>
    public static Catalogue Catalogue => Catalogue.Load(Catalogue.Defaut);

    /// <summary>The catalogues of this instance (embedded, and those of <c>Jalon:Catalogues:Dossier</c>).</summary>
    public CatalogueSet Catalogues => catalogues;

    /// <summary>
    /// The figures of the period (and N−1) over the structures given (null = all) as this user may see them:
    /// every figure without secrecy, or through statistical secrecy for the aggregate-only roles (the period must
    /// then be a whole month, quarter or year: <see cref="SecretStatistique.RefusPeriode"/>).
    /// </summary>
    public Publication Publier(ClaimsPrincipal user, Catalogue catalogue, Period periode, IReadOnlyCollection<string>? structures, bool avecN1 = true)
    {
        var request = new IndicatorRequest(periode) { WithPreviousYear = avecN1, Structures = structures, MoisEntiers = true };
        var results = new IndicatorStore(db).Compute(catalogue, request);
        if (!user.Secret()) return Publication.SansSecret(results);
        return Secret(catalogue, IndicatorEngine.PeriodsNeeded(catalogue, request)).Publier(results);
    }

    /// <summary>
    /// The step's decisions for these periods, over every structure of the database: taken from the cache while the
    /// data have not changed, decided from the stored tallies otherwise.
    /// </summary>
    public SecretStatistique Secret(Catalogue catalogue, IEnumerable<Period> periodes)
    {
        var store = new IndicatorStore(db);
        var (structures, version) = store.DataVersion();
        var territoires = new Territoires(structures);
        var layout = StructureTally.Layout(catalogue);
        var units = SecretStatistique.Unites(catalogue, periodes);
        var decisions = new List<DecisionsSecret>();
        var missing = new List<UniteSecret>();
        foreach (var unit in units)
        {
            if (cache.TryGet(layout, version, unit) is { } d) decisions.Add(d);
            else missing.Add(unit);
        }
        if (missing.Count > 0)
        {
            var tallies = store.StructureTallies(catalogue, missing.SelectMany(u => u.PeriodesDesDecomptes).Distinct().ToList());
            foreach (var unit in missing)
            {
                var d = SecretStatistique.Decider(catalogue, territoires, unit, (s, p) => tallies[(territoires.Code(s), p)]);
                cache.Set(version, d);
                decisions.Add(d);
            }
        }
        return SecretStatistique.Avec(catalogue, territoires, decisions);
    }

    /// <summary>The structure codes of a region (null = all).</summary>
    public Task<List<(string Code, string Nom, string Region)>> StructuresAsync(string? region) =>
        db.Structures.AsNoTracking().Where(s => region == null || s.Region == region).OrderBy(s => s.Code)
            .Select(s => ValueTuple.Create(s.Code, s.Nom, s.Region)).ToListAsync();
}

/// <summary>
/// The decisions of statistical secrecy kept in memory while the data they were taken on do not change (keyed by the
/// catalogue's layout, the fingerprint of the data — every structure's revision — and the unit). Deciding is a
/// deterministic function of the data: every instance of the web decides alike, the cache only saves the time.
/// </summary>
public sealed class CacheSecret : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 128L * 1024 * 1024 });

    public DecisionsSecret? TryGet(string layout, string version, UniteSecret unit) =>
        _cache.TryGetValue((layout, version, unit), out DecisionsSecret? d) ? d : null;

    public void Set(string version, DecisionsSecret d) =>
        _cache.Set((d.Layout, version, d.Unite), d, new MemoryCacheEntryOptions { Size = d.Taille, SlidingExpiration = TimeSpan.FromHours(2) });

    public void Dispose() => _cache.Dispose();
}

/// <summary>The signed-in user as an actor of the steering domain.</summary>
public static class PilotageUtilisateur
{
    public static Acteur Acteur(this ClaimsPrincipal user) =>
        new(user.NomAffiche(), user.JalonRole() ?? Role.ChargeAccueil, user.StructureCode(), user.RegionCode());

    /// <summary>Statistical secrecy applies to this user.</summary>
    public static bool Secret(this ClaimsPrincipal user) => user.JalonRole() is { } r && SecretStatistique.SAppliqueA(r);
}
