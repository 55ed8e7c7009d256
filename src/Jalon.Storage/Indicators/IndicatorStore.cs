using System.Diagnostics;
using System.Runtime.InteropServices;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Indicators;

/// <summary>What <see cref="IndicatorStore.Refresh"/> did: tallies computed, structures read, time spent.</summary>
public sealed record TallyRefresh(int Computed, int StructuresRead, TimeSpan Elapsed)
{
    /// <summary>Of <see cref="StructuresRead"/>, the structures computed from the imported package in memory rather than read back from the database.</summary>
    public int FromPackage { get; init; }
}

/// <summary>
/// The indicators of the database, served from stored per-structure tallies (<see cref="StructureTally"/>): the
/// results of a request are combined from the tallies of its structures (<see cref="IndicatorEngine.Combine"/>, the
/// same code as <c>./jalon indicateurs</c>), and the tallies that are missing or out of date (the structure's revision
/// moved, or the catalogue changed) are computed from the structure's journeys and stored first.
/// A tally is stamped with the revision read before the journeys, so a write that races with the computation can only
/// make it look out of date, never make stale figures look current.
/// With a <see cref="TallyMemo"/>, a view's recomputations of a changed structure are shared with the other views.
/// </summary>
public sealed class IndicatorStore(JalonDbContext db, TallyMemo? memo = null)
{
    /// <summary>Above this share of the requested structures to compute, one read of the whole database beats reads by structure.</summary>
    private const double WholeReadShare = 0.5;

    /// <summary>
    /// The revision of a structure that an import has just created (inserted at 0, moved once by the import): any write
    /// since moves it further, and its tallies are then computed from the database.
    /// </summary>
    private const long RevisionOfANewStructure = 1;

    /// <summary>
    /// Every indicator of the request over its structures (null: all), as the engine computes them. By default a tally
    /// whose structure changed since is computed again first (the figures include the last write); with
    /// <paramref name="asStored"/> the stored tallies are used as they are, only the missing ones being computed: the
    /// figures as of the last refresh (<see cref="RefreshStale"/>), what statistical secrecy decides on
    /// (<see cref="StoredVersion"/>).
    /// </summary>
    public IndicatorResults Compute(Catalogue catalogue, IndicatorRequest request, bool asStored = false)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        var structures = ReadStructures(request.Structures);
        var periods = IndicatorEngine.PeriodsNeeded(catalogue, request);
        var tallies = Tallies(catalogue, structures, periods, asStored, storeOutdated: false, out _);
        var index = structures.Select((s, i) => (s.Structure.Code, i)).ToDictionary(t => t.Code, t => t.i, StringComparer.Ordinal);
        var moyens = ReadMoyens(request.Structures)
            .Select(m => new Moyens(index[m.StructureCode], m.Annee, m.Jano, m.Defm, m.EtpTotal, m.EtpAccompagnement, m.FinancementTotal,
                m.FinancementActivitesPrincipales, m.FinancementEtat, m.FinancementFse))
            .ToList();
        return IndicatorEngine.Combine(catalogue, request, structures.Select(s => s.Structure).ToList(),
            (s, slot) => tallies[(structures[s].Structure.Code, periods[slot])],
            EffectiveMoyens(moyens, request.Structures, index, periods.Select(p => p.Fin.Year).Distinct().ToList()));
    }

    /// <summary>Computes and stores the tallies of these periods that are missing or out of date, for the structures (null: all).</summary>
    public TallyRefresh Refresh(Catalogue catalogue, IReadOnlyList<Period> periods, IReadOnlyCollection<string>? structures = null) =>
        Refresh(catalogue, periods, structures, imported: null);

    private TallyRefresh Refresh(Catalogue catalogue, IReadOnlyList<Period> periods, IReadOnlyCollection<string>? structures, Imported? imported)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(periods);
        db.Database.SetCommandTimeout(0); // a long operation: no timeout (LongOperations)
        var clock = Stopwatch.StartNew();
        Tallies(catalogue, ReadStructures(structures), periods, asStored: false, storeOutdated: true, out var refresh, imported);
        return refresh with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// A package just imported, and its structures that the database holds exactly as the package has them (new to the
    /// database, no young person skipped): their tallies are computed from the package in memory, without reading them back.
    /// </summary>
    private sealed record Imported(JourneyPackage Package, HashSet<string> Codes);

    /// <summary>
    /// Recomputes the stored tallies that are out of date (their structure changed since, or the catalogue's layout),
    /// for the periods they were stored for: what the web's background refresh runs after counsellors' writes.
    /// </summary>
    public TallyRefresh RefreshStale(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var clock = Stopwatch.StartNew();
        var layout = StructureTally.Layout(catalogue);
        var id = catalogue.Id;
        var stale = (from t in db.IndicatorTallies
                     join s in db.Structures on t.StructureCode equals s.Code
                     where t.Catalogue == id && (t.Revision != s.Revision || t.Layout != layout)
                     select new { t.StructureCode, t.Debut, t.Fin })
            .AsNoTracking().ToList();
        var (computed, read) = (0, 0);
        foreach (var structure in stale.GroupBy(t => t.StructureCode))
        {
            var done = Refresh(catalogue, structure.Select(t => new Period(t.Debut, t.Fin)).ToList(), [structure.Key]);
            computed += done.Computed;
            read += done.StructuresRead;
        }
        return new TallyRefresh(computed, read, clock.Elapsed);
    }

    /// <summary>
    /// After an import: stores the tallies of the year a dashboard opens on for these data (the package's last year of
    /// first welcomes, at most the last full year before <paramref name="today"/>) and of the years its N−1 column needs.
    /// With the import's <paramref name="plan"/>, the structures it created (none of their young people skipped) and not
    /// written to since are computed from <paramref name="package"/> in memory — what the database holds for them —
    /// instead of being read back; the others are read from the database.
    /// </summary>
    public TallyRefresh RefreshAfterImport(Catalogue catalogue, JourneyPackage package, DateOnly today, ImportPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Jeunes.Length == 0) return new TallyRefresh(0, 0, TimeSpan.Zero);
        var year = Math.Min(today.Year - 1, package.Jeunes.Max(j => j.PremierAccueil).Year);
        var periods = IndicatorEngine.PeriodsNeeded(catalogue, new IndicatorRequest(Period.Year(year)) { WithPreviousYear = true });
        var created = plan?.Structures.Where(s => s.Nouvelle && s.JeunesIgnores == 0).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        return Refresh(catalogue, periods, package.Structures.Select(s => s.Code).ToList(),
            created is { Count: > 0 } ? new Imported(package, created) : null);
    }

    /// <summary>
    /// The structures of the database and the version of the catalogue's stored tallies: the same while no tally is
    /// stored or removed (a counsellor's write does not move it; the refresh that stores the structure's new tallies
    /// does). Statistical secrecy is decided on the stored tallies and kept while this version holds. Read from the
    /// index (<c>Catalogue</c>, <c>ComputedAt</c>) alone, whatever the size of the tallies.
    /// </summary>
    public (IReadOnlyList<Structure> Structures, string Version) StoredVersion(Catalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var structures = ReadStructures(null);
        var id = catalogue.Id;
        var tallies = db.IndicatorTallies.Where(t => t.Catalogue == id);
        var count = tallies.Count();
        var last = tallies.Max(t => (DateTime?)t.ComputedAt);
        var text = string.Join(';', structures.Select(s => $"{s.Structure.Code}@{s.Structure.Region}"))
            + $"|{count}|{last?.Ticks}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return (structures.Select(s => s.Structure).ToList(), Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }

    /// <summary>
    /// The tallies of every structure of the database for these periods (what statistical secrecy decides on, over the
    /// nation): as stored with <paramref name="asStored"/>, the missing ones computed and stored first; otherwise the
    /// out-of-date ones computed again too.
    /// </summary>
    public IReadOnlyDictionary<(string Structure, Period Period), StructureTally> StructureTallies(
        Catalogue catalogue, IReadOnlyList<Period> periods, bool asStored = false)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(periods);
        return Tallies(catalogue, ReadStructures(null), periods, asStored, storeOutdated: false, out _);
    }

    private sealed record StoredStructure(Structure Structure, long Revision);

    private List<StoredStructure> ReadStructures(IReadOnlyCollection<string>? codes)
    {
        var query = db.Structures.AsNoTracking();
        if (codes is not null) query = query.Where(s => codes.Contains(s.Code));
        var structures = query.OrderBy(s => s.Code)
            .Select(s => new { s.Code, s.Nom, s.Region, s.Departement, s.Revision })
            .AsEnumerable()
            .Select(s => new StoredStructure(new Structure(s.Code, s.Nom, s.Region, s.Departement), s.Revision))
            .ToList();
        if (codes is not null && structures.Count != codes.Distinct().Count())
        {
            var unknown = codes.Except(structures.Select(s => s.Structure.Code), StringComparer.Ordinal);
            throw new ArgumentException($"Structure(s) absente(s) de la base : {string.Join(", ", unknown)}.", nameof(codes));
        }
        return structures;
    }

    /// <summary>
    /// moyens.csv's rows overridden by the stored BRH (A2, A31) and budgets (<see cref="Domain.Structures.MoyensEffectifs"/>),
    /// exactly as the engine does for a package: the dashboards and ./jalon indicateurs agree.
    /// </summary>
    private List<Moyens> EffectiveMoyens(List<Moyens> moyens, IReadOnlyCollection<string>? codes, Dictionary<string, int> index, List<int> years)
    {
        // Only the years whose moyens the request reads (that of each period's end), and only what the rule reads.
        var brhQuery = db.BrhLignes.AsNoTracking()
            .Where(b => years.Contains(b.Annee) && (b.Code == Referentiels.BrhCodes.EtpTotal || b.Code == Referentiels.BrhCodes.EtpAccompagnement));
        var budgetQuery = db.BudgetLignes.AsNoTracking().Where(b => years.Contains(b.Annee));
        if (codes is not null)
        {
            brhQuery = brhQuery.Where(b => codes.Contains(b.StructureCode));
            budgetQuery = budgetQuery.Where(b => codes.Contains(b.StructureCode));
        }
        var brh = brhQuery.AsEnumerable().Where(b => index.ContainsKey(b.StructureCode))
            .Select(b => new Domain.Structures.BrhLigne(index[b.StructureCode], b.Annee, b.Code, b.Femmes, b.Hommes, b.Total)).ToList();
        var budget = budgetQuery.AsEnumerable().Where(b => index.ContainsKey(b.StructureCode))
            .Select(b => new Domain.Structures.BudgetLigne(index[b.StructureCode], b.Annee, b.Financeur, b.Nature, b.Montant)).ToList();
        if (brh.Count == 0 && budget.Count == 0) return moyens;
        return Domain.Structures.MoyensEffectifs.Apply(moyens, brh, budget).Select(m => m.Retenus).ToList();
    }

    private List<Entities.MoyensEntity> ReadMoyens(IReadOnlyCollection<string>? codes)
    {
        var query = db.Moyens.AsNoTracking();
        if (codes is not null) query = query.Where(m => codes.Contains(m.StructureCode));
        return query.ToList();
    }

    /// <summary>
    /// The tallies of the structures for the periods: stored ones when current (or whatever their revision with
    /// <paramref name="asStored"/>), the others computed; of those, the missing ones are stored, the outdated ones only
    /// with <paramref name="storeOutdated"/> (the refresh).
    /// </summary>
    private Dictionary<(string Structure, Period Period), StructureTally> Tallies(
        Catalogue catalogue, List<StoredStructure> structures, IReadOnlyList<Period> periods, bool asStored, bool storeOutdated, out TallyRefresh refresh,
        Imported? imported = null)
    {
        // A view stores the tallies it had to compute because none was stored (or for another layout), not those it
        // recomputed because their structure changed since: those are the refresh's (storeOutdated), so a view's
        // write never moves the stored tallies' version (StoredVersion) that statistical secrecy is decided on.
        var outdated = new HashSet<(string, Period)>();
        var layout = StructureTally.Layout(catalogue);
        var revisions = structures.ToDictionary(s => s.Structure.Code, s => s.Revision, StringComparer.Ordinal);
        var tallies = new Dictionary<(string, Period), StructureTally>();
        foreach (var period in periods.Distinct())
        {
            var id = catalogue.Id;
            // The stored tallies the memo kept at their structure's revision are current: only the others are read.
            var toRead = new List<StoredStructure>();
            foreach (var s in structures)
            {
                if (memo?.Stored(s.Structure.Code, id, layout, period, s.Revision) is { } kept) tallies[(s.Structure.Code, period)] = kept;
                else toRead.Add(s);
            }
            if (toRead.Count == 0) continue;
            var query = db.IndicatorTallies.AsNoTracking().Where(t => t.Catalogue == id && t.Debut == period.Debut && t.Fin == period.Fin && t.Layout == layout);
            if (toRead.Count < 50)
            {
                var codes = toRead.Select(s => s.Structure.Code).ToList();
                query = query.Where(t => codes.Contains(t.StructureCode));
            }
            foreach (var row in query)
            {
                if (!revisions.TryGetValue(row.StructureCode, out var revision) || tallies.ContainsKey((row.StructureCode, period))) continue;
                var stored = new StructureTally(row.StructureCode, period, Decode<int>(row.Counts), Decode<long>(row.Means));
                memo?.KeepStored(id, layout, row.Revision, stored);
                if (asStored || revision == row.Revision) tallies[(row.StructureCode, period)] = stored;
                else outdated.Add((row.StructureCode, period));
            }
        }

        var stale = structures.Where(s => periods.Any(p => !tallies.ContainsKey((s.Structure.Code, p)))).ToList();
        refresh = new TallyRefresh(0, stale.Count, TimeSpan.Zero);
        if (stale.Count == 0) return tallies;

        var computed = new List<(StructureTally Tally, long Revision)>();
        var distinctPeriods = periods.Distinct().ToList();
        var clock = Stopwatch.StartNew();
        // The structures an import has just created, untouched since: from the package in memory, in one parallel pass.
        var fromPackage = imported is null
            ? []
            : stale.Where(s => imported.Codes.Contains(s.Structure.Code) && s.Revision == RevisionOfANewStructure).Select(s => s.Structure.Code).ToList();
        if (fromPackage.Count > 0)
        {
            computed.AddRange(IndicatorEngine.Tally(imported!.Package, catalogue, distinctPeriods, fromPackage).Select(t => (t, revisions[t.Structure])));
            Trace(clock, $"décomptes calculés depuis le paquet ({fromPackage.Count} structure(s))");
            var done = fromPackage.ToHashSet(StringComparer.Ordinal);
            stale = stale.Where(s => !done.Contains(s.Structure.Code)).ToList();
        }
        if (stale.Count > 1 && stale.Count >= WholeReadShare * db.Structures.Count())
        {
            var package = PackageLoader.Load(db);
            Trace(clock, "lecture de la base");
            var staleCodes = stale.Select(s => s.Structure.Code).ToList();
            computed.AddRange(IndicatorEngine.Tally(package, catalogue, distinctPeriods, staleCodes).Select(t => (t, revisions[t.Structure])));
        }
        else
        {
            foreach (var s in stale)
            {
                var code = s.Structure.Code;
                // A view shares its recomputation with the other views of the structure (the memo); the refresh does not.
                computed.AddRange(memo is null || storeOutdated
                    ? IndicatorEngine.Tally(PackageLoader.Load(db, code), catalogue, distinctPeriods, [code], 1).Select(t => (t, s.Revision)).ToList()
                    : memo.Get(code, catalogue.Id, layout, distinctPeriods, s.Revision, last => Recompute(catalogue, code, distinctPeriods, last)));
            }
        }
        Trace(clock, "décomptes calculés");
        Store(catalogue.Id, layout, storeOutdated ? computed : computed.Where(c => !outdated.Contains((c.Tally.Structure, c.Tally.Period))).ToList());
        Trace(clock, "décomptes enregistrés");
        foreach (var (tally, _) in computed) tallies[(tally.Structure, tally.Period)] = tally;
        refresh = refresh with { Computed = computed.Count, FromPackage = fromPackage.Count };
        return tallies;
    }

    /// <summary>
    /// A view's recomputation of a structure's tallies, stamped with the revision read before its journeys (the view's
    /// may be older by now). From the <paramref name="last"/> base when the revisions since carry marks of at most
    /// <see cref="MaxJeunesReread"/> young people: only they are read again, and the base's tallies get their new
    /// figures in place of their old ones (the base is kept). Otherwise the whole structure is read: a new base.
    /// </summary>
    private (long Revision, IReadOnlyList<(StructureTally Tally, long Revision)> Tallies, TallyBase? Base) Recompute(
        Catalogue catalogue, string code, List<Period> periods, TallyBase? last)
    {
        var revision = db.Structures.AsNoTracking().Where(x => x.Code == code).Select(x => x.Revision).Single();
        if (last is not null && ChangedSince(code, last.Revision, revision, MaxJeunesReread(last)) is { } changed)
        {
            var tallies = last.Tallies;
            if (revision != last.Revision)
            {
                // Also when no young person changed: the structure's own measures (companies, exchanges, offers) are
                // those of the base in `removed` and the current ones in `added`.
                var before = changed.Where(last.Index.ContainsKey).Select(j => last.Index[j]).ToList();
                var removed = IndicatorEngine.Tally(last.Package, catalogue, periods, [code], 1, before);
                var added = IndicatorEngine.Tally(PackageLoader.Load(db, code, jeunes: changed), catalogue, periods, [code], 1);
                tallies = [.. tallies.Select(t => t.Replace(removed.Single(r => r.Period == t.Period), added.Single(a => a.Period == t.Period)))];
            }
            return (revision, [.. tallies.Select(t => (t, revision))], last);
        }
        var package = PackageLoader.Load(db, code);
        var whole = IndicatorEngine.Tally(package, catalogue, periods, [code], 1);
        return (revision, [.. whole.Select(t => (t, revision))], new TallyBase(package, revision, whole));
    }

    /// <summary>Beyond this many young people changed since a base, reading the whole structure again is as cheap (and gives a new base).</summary>
    private static int MaxJeunesReread(TallyBase last) => Math.Clamp(last.Package.Jeunes.Length / 8, 50, 1000);

    /// <summary>
    /// The young people that the structure's revisions after <paramref name="from"/> up to <paramref name="to"/> changed,
    /// when every one of those revisions carries its marks and they name at most <paramref name="max"/> young people;
    /// otherwise null (an import's merge or an anonymisation since, marks deleted, too many).
    /// </summary>
    private List<string>? ChangedSince(string code, long from, long to, int max)
    {
        if (to < from || to - from > 2 * RevisionMarkEntity.MarksKept) return null; // beyond: marks deleted since
        if (to == from) return [];
        var marks = db.RevisionMarks.AsNoTracking().Where(m => m.StructureCode == code && m.Revision > from && m.Revision <= to)
            .Select(m => new { m.Revision, m.JeuneId }).ToList();
        if (marks.Select(m => m.Revision).Distinct().Count() != to - from) return null;
        var jeunes = marks.Select(m => m.JeuneId).Where(j => j != RevisionMarkEntity.NoJeune).Distinct(StringComparer.Ordinal).ToList();
        return jeunes.Count <= max ? jeunes : null;
    }

    /// <summary>Tallies upserted by one statement (9 parameters each: far below the limits of SQLite and PostgreSQL).</summary>
    private const int TalliesPerStatement = 100;

    private const string UpsertHead = """
        INSERT INTO "IndicatorTallies" ("StructureCode", "Catalogue", "Debut", "Fin", "Layout", "Revision", "Counts", "Means", "ComputedAt")
        VALUES

        """;

    private const string UpsertTail = """

        ON CONFLICT ("StructureCode", "Catalogue", "Debut", "Fin") DO UPDATE SET
            "Layout" = excluded."Layout", "Revision" = excluded."Revision", "Counts" = excluded."Counts",
            "Means" = excluded."Means", "ComputedAt" = excluded."ComputedAt"
        WHERE excluded."Revision" >= "IndicatorTallies"."Revision" OR excluded."Layout" <> "IndicatorTallies"."Layout"
        """;

    /// <summary>
    /// Upserts the tallies in one transaction, <see cref="TalliesPerStatement"/> rows per statement (a concurrent
    /// computation of the same tally just overwrites it, unless it read an older revision: a stored tally never goes back,
    /// what <see cref="TallyMemo.Stored"/> relies on). Each (structure, period) comes once: a statement never
    /// updates a row twice.
    /// </summary>
    private void Store(string catalogue, string layout, List<(StructureTally Tally, long Revision)> computed)
    {
        if (computed.Count == 0) return;
        var now = DateTime.UtcNow;
        using var transaction = db.Database.BeginTransaction();
        foreach (var chunk in computed.Chunk(TalliesPerStatement))
        {
            var values = new List<object>(chunk.Length * 9);
            var rows = new List<string>(chunk.Length);
            foreach (var (tally, revision) in chunk)
            {
                rows.Add("(" + string.Join(", ", Enumerable.Range(values.Count, 9).Select(i => "{" + i + "}")) + ")");
                values.AddRange([tally.Structure, catalogue, tally.Period.Debut, tally.Period.Fin, layout, revision,
                    MemoryMarshal.AsBytes(tally.Counts.AsSpan()).ToArray(), MemoryMarshal.AsBytes(tally.Means.AsSpan()).ToArray(), now]);
            }
            // Only parameter placeholders are put together: every value is a parameter.
            var sql = UpsertHead + string.Join(",\n", rows) + UpsertTail;
            db.Database.ExecuteSqlRaw(sql, values);
        }
        transaction.Commit();
    }

    private static void Trace(Stopwatch clock, string phase) => ImportTrace.Write("précalcul", clock, phase);

    private static T[] Decode<T>(byte[] bytes) where T : struct => MemoryMarshal.Cast<byte, T>(bytes).ToArray();
}
