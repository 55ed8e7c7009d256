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
public sealed class IndicateursPilotage(JalonDbContext db, CatalogueSet catalogues, CacheSecret cache, TallyMemo memo, ILogger<IndicateursPilotage> logger)
{
    /// <summary>The default catalogue (the CPO's), whose dashboard years an import precomputes.</summary>
    public static Catalogue Catalogue => Catalogue.Load(Catalogue.Defaut);

    /// <summary>The catalogues of this instance (embedded, and those of <c>Jalon:Catalogues:Dossier</c>).</summary>
    public CatalogueSet Catalogues => catalogues;

    /// <summary>
    /// The figures of the period (and N−1) over the structures given (null = all) as this user may see them:
    /// every figure without secrecy, up to the last write; or, for the aggregate-only roles, the figures as of the
    /// last refresh of the stored tallies (<see cref="Infrastructure.TallyRefresher"/>, every 30 s) through statistical
    /// secrecy decided on those same tallies — a write does not make every State view decide again (the period must
    /// then be a whole month, quarter or year: <see cref="SecretStatistique.RefusPeriode"/>).
    /// </summary>
    public Publication Publier(ClaimsPrincipal user, Catalogue catalogue, Period periode, IReadOnlyCollection<string>? structures, bool avecN1 = true)
    {
        var request = new IndicatorRequest(periode) { WithPreviousYear = avecN1, Structures = structures, MoisEntiers = true };
        var secret = user.Secret();
        var results = new IndicatorStore(db, memo).Compute(catalogue, request, asStored: secret);
        if (!secret) return Publication.SansSecret(results);
        return Secret(catalogue, IndicatorEngine.PeriodsNeeded(catalogue, request)).Publier(results);
    }

    /// <summary>
    /// The step's decisions for these periods, over every structure of the database: taken from the cache while the
    /// data have not changed, decided from the stored tallies otherwise.
    /// </summary>
    public SecretStatistique Secret(Catalogue catalogue, IEnumerable<Period> periodes) => Decider(catalogue, SecretStatistique.Unites(catalogue, periodes));

    /// <summary>
    /// After a change of the data: decides again, ahead of the next view, the units viewed lately (what the background
    /// refresh runs once the tallies are refreshed). Returns the number of units decided.
    /// </summary>
    public int Rafraichir(Catalogue catalogue)
    {
        var units = cache.Recentes(StructureTally.Layout(catalogue));
        if (units.Count == 0) return 0;
        var avant = cache.Decidees;
        Decider(catalogue, units);
        return cache.Decidees - avant;
    }

    private SecretStatistique Decider(Catalogue catalogue, IReadOnlyList<UniteSecret> units)
    {
        var store = new IndicatorStore(db);
        var layout = StructureTally.Layout(catalogue);
        var (territoires, version, decisions, missing) = Lookup(store, catalogue, layout, units);
        if (missing.Count == 0) return SecretStatistique.Avec(catalogue, territoires, decisions);
        // One decision at a time per catalogue: the views that miss together wait for the first one's decisions
        // instead of each reading the nation's tallies and deciding the same units again.
        lock (cache.Verrou(layout))
        {
            // Decided on tallies read under one version: when reading them stored some (missing ones, or the refresh
            // did meanwhile), the version moved and the units are looked up and decided again on the new one (at the
            // third pass, decided on what was read, as a view racing with a refresh always could).
            for (var passe = 0; passe < 3 && missing.Count > 0; passe++)
            {
                (territoires, version, decisions, missing) = Lookup(store, catalogue, layout, units);
                if (missing.Count == 0) break;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var tallies = store.StructureTallies(catalogue, missing.SelectMany(u => u.PeriodesDesDecomptes).Distinct().ToList(), asStored: true);
                var lecture = clock.Elapsed;
                if (passe < 2 && store.StoredVersion(catalogue).Version != version) continue;
                foreach (var unit in missing)
                {
                    var d = SecretStatistique.Decider(catalogue, territoires, unit, (s, p) => tallies[(territoires.Code(s), p)]);
                    cache.Set(version, d);
                    decisions.Add(d);
                }
                if (logger.IsEnabled(LogLevel.Information))
                    logger.LogInformation("Secret statistique ({Catalogue}) : {Unites} unité(s) décidée(s) en {Ms:0} ms, dont {Lecture:0} ms de lecture des décomptes ({Decomptes} décomptes, {Structures} structures).",
                        catalogue.Id, missing.Count, clock.Elapsed.TotalMilliseconds, lecture.TotalMilliseconds, tallies.Count, territoires.StructureCount);
                missing = [];
            }
        }
        return SecretStatistique.Avec(catalogue, territoires, decisions);
    }

    /// <summary>The decisions of the units already taken on the stored tallies' current version, and the units still to decide.</summary>
    private (Territoires Territoires, string Version, List<DecisionsSecret> Decisions, List<UniteSecret> Missing) Lookup(
        IndicatorStore store, Catalogue catalogue, string layout, IReadOnlyList<UniteSecret> units)
    {
        var (structures, version) = store.StoredVersion(catalogue);
        var decisions = new List<DecisionsSecret>();
        var missing = new List<UniteSecret>();
        foreach (var unit in units)
        {
            if (cache.TryGet(layout, version, unit) is { } d) decisions.Add(d);
            else missing.Add(unit);
        }
        return (new Territoires(structures), version, decisions, missing);
    }

    /// <summary>The structure codes of a region (null = all).</summary>
    /// <remarks>Projected to an anonymous type, then to tuples in memory: on PostgreSQL a tuple projection is read back as a record.</remarks>
    public async Task<List<(string Code, string Nom, string Region)>> StructuresAsync(string? region) =>
        (await db.Structures.AsNoTracking().Where(s => region == null || s.Region == region).OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Nom, s.Region }).ToListAsync())
        .Select(s => (s.Code, s.Nom, s.Region)).ToList();
}

/// <summary>
/// The decisions of statistical secrecy kept in memory while the data they were taken on do not change (keyed by the
/// catalogue's layout, the version of the stored tallies — <see cref="IndicatorStore.StoredVersion"/> — and the unit). Deciding is a
/// deterministic function of the data: every instance of the web decides alike, the cache only saves the time.
/// </summary>
public sealed class CacheSecret : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 128L * 1024 * 1024 });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Layout, UniteSecret Unite), DateTime> _vues = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lock> _verrous = new();
    private int _decidees;

    /// <summary>Units decided since the start (a diagnostic).</summary>
    public int Decidees => _decidees;

    public DecisionsSecret? TryGet(string layout, string version, UniteSecret unit)
    {
        _vues[(layout, unit)] = DateTime.UtcNow;
        return _cache.TryGetValue((layout, version, unit), out DecisionsSecret? d) ? d : null;
    }

    public void Set(string version, DecisionsSecret d)
    {
        Interlocked.Increment(ref _decidees);
        _cache.Set((d.Layout, version, d.Unite), d, new MemoryCacheEntryOptions { Size = d.Taille, SlidingExpiration = TimeSpan.FromHours(2) });
    }

    /// <summary>The units of a catalogue layout asked for in the last hour (what the background refresh decides again ahead).</summary>
    public IReadOnlyList<UniteSecret> Recentes(string layout)
    {
        var limite = DateTime.UtcNow.AddHours(-1);
        foreach (var ancienne in _vues.Where(v => v.Value < limite).Select(v => v.Key).ToList()) _vues.TryRemove(ancienne, out _);
        return _vues.Keys.Where(k => k.Layout == layout).Select(k => k.Unite).Take(64).ToList();
    }

    /// <summary>The lock under which a catalogue layout's missing units are decided (one decision at a time).</summary>
    public Lock Verrou(string layout) => _verrous.GetOrAdd(layout, _ => new Lock());

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
