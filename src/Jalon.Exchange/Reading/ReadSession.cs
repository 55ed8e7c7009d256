using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Jalon.Domain;
using Jalon.Domain.Qualite;

namespace Jalon.Exchange.Reading;

/// <summary>
/// One reading of a package: structures.csv, then jeunes.csv, then the other files concurrently
/// (a producer thread cuts each file into chunks, one worker per core parses them).
/// </summary>
internal sealed class ReadSession(Func<string, Stream?> open)
{
    private static readonly int Workers = Math.Clamp(Environment.ProcessorCount, 1, 8);

    private readonly List<PackageIssue> _errors = [];
    private readonly List<PackageIssue> _anomalies = [];
    private readonly List<PackageIssue> _warnings = [];

    public IssueBudget Budget { get; } = new();

    public ByteKeyTable StructureKeys { get; } = new();
    public List<Structure> Structures { get; } = [];
    public ByteKeyTable JeuneKeys { get; set; } = new();
    public Jeune[] Jeunes { get; private set; } = [];

    /// <summary>Birth and first reception of each young person, apart, for a cache-friendly check of every event.</summary>
    public DateOnly[] Naissances { get; private set; } = [];

    public DateOnly[] PremiersAccueils { get; private set; } = [];

    private static readonly bool TraceEnabled = Environment.GetEnvironmentVariable("JALON_TRACE_READ") == "1";

    /// <summary>Phase timings on standard error, when JALON_TRACE_READ=1 (for measurements).</summary>
    private static void Trace(Stopwatch clock, string phase)
    {
        if (TraceEnabled)
            Console.Error.WriteLine($"[lecture] {phase} : {clock.Elapsed.TotalSeconds:0.000} s, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.00} s, tas {GC.GetTotalMemory(false) / 1_000_000} Mo, alloué {GC.GetTotalAllocatedBytes() / 1_000_000} Mo, GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:0.00} s");
    }

    public ReadResult Run(IEnumerable<string>? fileNames)
    {
        var clock = Stopwatch.StartNew();
        var structures = new StructuresReader(this);
        var jeunes = new JeunesReader(this);
        var contacts = new ContactsReader(this);
        var orientations = new OrientationsReader(this);
        var parcours = new ParcoursReader(this);
        var propositions = new PropositionsReader(this);
        var situations = new SituationsReader(this);
        var droits = new DroitsReader(this);
        var parrainages = new ParrainagesReader(this);
        var moyens = new MoyensReader(this);
        var territoires = new TerritoiresReader(this);
        var sites = new SitesReader(this);
        var brh = new BrhReader(this);
        var budget = new BudgetReader(this);
        var contexte = new ContexteReader(this);
        var activites = new ActivitesReader(this);
        var allocations = new AllocationsReader(this);
        var entreprises = new EntreprisesReader(this);
        var echanges = new EchangesEntreprisesReader(this);
        var offres = new OffresReader(this);
        var mers = new MisesEnRelationReader(this);
        var immersions = new ImmersionsReader(this);
        FileReader[] readers =
        [
            structures, jeunes, contacts, orientations, parcours, propositions, situations, droits, parrainages, moyens,
            territoires, sites, brh, budget, contexte, activites, allocations, entreprises, echanges, offres, mers, immersions,
        ];

        if (fileNames is not null)
        {
            foreach (var name in fileNames.Order(StringComparer.Ordinal))
            {
                if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !readers.Any(r => r.Name == name))
                    _warnings.Add(new PackageIssue(name, 0, null, "fichier inconnu, ignoré (noms attendus : " + string.Join(", ", readers.Select(r => r.Name)) + ")", false));
            }
        }

        var complete = true;
        foreach (var required in new FileReader[] { structures, jeunes })
        {
            using var stream = open(required.Name);
            if (stream is null)
            {
                _errors.Add(new PackageIssue(required.Name, 0, null, "fichier obligatoire absent (les autres fichiers ne sont pas contrôlés)", true));
                complete = false;
            }
        }

        if (complete)
        {
            RunFiles([structures]);
            Trace(clock, "structures");
            complete = !HeaderFailed(structures);
        }
        if (complete)
        {
            RunFiles([jeunes]);
            Jeunes = jeunes.All.ToArray();
            jeunes.All.Clear();
            jeunes.All.Capacity = 0;
            Naissances = Array.ConvertAll(Jeunes, j => j.Naissance);
            PremiersAccueils = Array.ConvertAll(Jeunes, j => j.PremierAccueil);
            Trace(clock, "jeunes");
            complete = !HeaderFailed(jeunes);
        }
        if (complete)
        {
            RunFiles([contacts, parcours, situations, propositions, orientations, droits, parrainages, moyens, territoires, sites, brh, budget, contexte,
                activites, allocations, entreprises, echanges, offres, mers, immersions]);
            Trace(clock, "événements lus");
            // The structure side's checks (small files, mostly start-up cost) run beside the journeys' cross-file checks.
            var structureAnomalies = new List<PackageIssue>();
            Parallel.Invoke(
                () =>
                {
                    var national = parcours.NationalByJeune(Jeunes.Length);
                    CheckNationalOverlaps(parcours.Name, national);
                    CheckPaceaSignatures(parcours.Name, national, contacts);
                    CheckAllocationsInCej(national, allocations);
                    EmployeurFiles.Check(this, entreprises, echanges, offres, mers, immersions, propositions.All, situations.All, _errors);
                    Trace(clock, "chevauchements");
                },
                () => StructureChecks.Run(this, territoires, sites, brh, budget, structureAnomalies));
            _anomalies.AddRange(structureAnomalies);
            Trace(clock, "contrôles de la structure");
        }

        var order = readers.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var errors = new List<PackageIssue>(_errors);
        var anomalies = new List<PackageIssue>(_anomalies);
        var warnings = new List<PackageIssue>(_warnings);
        var omittedErrors = 0;
        var omittedAnomalies = 0;
        var omittedWarnings = 0;
        foreach (var reader in readers)
        {
            foreach (var issue in reader.HeaderIssues) (issue.IsError ? errors : warnings).Add(issue);
            foreach (var result in reader.Results)
            {
                errors.AddRange(result.Errors);
                anomalies.AddRange(result.Anomalies);
                omittedErrors += result.OmittedErrors;
                omittedAnomalies += result.OmittedAnomalies;
            }
        }

        var package = errors.Count == 0
            ? Build(contacts, orientations, parcours, propositions, situations, droits, parrainages, moyens,
                StructureChecks.Build(territoires, sites, brh, budget, contexte), activites, allocations,
                EmployeurFiles.Build(entreprises, echanges, offres, mers, immersions))
            : null;
        Trace(clock, "paquet construit");
        // The structure side's files (territoires … contexte) are listed when present: a journeys-only package reads as before.
        FileReader[] structureSide = [territoires, sites, brh, budget, contexte, activites, allocations, entreprises, echanges, offres, mers, immersions];
        var files = readers.Where(r => r.Present || !structureSide.Contains(r))
            .Select(r => new FileSummary(r.Name, r.Present, r.Present ? r.RowCount : 0)).ToArray();
        return new ReadResult(package,
            Sorted(errors, order, ref omittedErrors),
            Sorted(anomalies, order, ref omittedAnomalies),
            Sorted(warnings, order, ref omittedWarnings))
        {
            OmittedErrors = omittedErrors,
            OmittedAnomalies = omittedAnomalies,
            Files = files,
            Elapsed = clock.Elapsed,
        };
    }

    private static List<PackageIssue> Sorted(List<PackageIssue> issues, Dictionary<string, int> order, ref int omitted)
    {
        var sorted = issues.OrderBy(i => order.TryGetValue(i.File, out var o) ? o : int.MaxValue).ThenBy(i => i.Line).ToList();
        if (sorted.Count > PackageReader.MaxReportedIssues)
        {
            omitted += sorted.Count - PackageReader.MaxReportedIssues;
            sorted.RemoveRange(PackageReader.MaxReportedIssues, sorted.Count - PackageReader.MaxReportedIssues);
        }
        return sorted;
    }

    private static bool HeaderFailed(FileReader reader) => !reader.Present || reader.HeaderIssues.Any(i => i.IsError);

    /// <summary>Parses files: one producer thread reads them in turn and cuts them into chunks, the workers parse the chunks.</summary>
    private void RunFiles(FileReader[] readers)
    {
        using var queue = new BlockingCollection<Chunk>(2 * Workers);
        using var cancel = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var reader in readers) Produce(reader, queue, cancel.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var workers = new Task[Workers];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    foreach (var chunk in queue.GetConsumingEnumerable(cancel.Token)) chunk.Reader.ParseChunk(chunk);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                }
                catch
                {
                    cancel.Cancel();
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Task.WaitAll([producer, .. workers]);
    }

    private void Produce(FileReader reader, BlockingCollection<Chunk> queue, CancellationToken cancel)
    {
        try
        {
            using var stream = open(reader.Name);
            if (stream is null) return;
            reader.Present = true;
            reader.FileLength = stream.CanSeek ? stream.Length : -1;
            if (!ChunkProducer.Produce(stream, reader, chunk => queue.Add(chunk, cancel)))
                reader.HeaderIssues.Add(new PackageIssue(reader.Name, 1, null, "fichier vide (attendu au moins la ligne d'en-tête)", true));
        }
        catch (PackageLimitException e)
        {
            reader.Present = true;
            reader.HeaderIssues.Add(new PackageIssue(reader.Name, e.Line, null, e.Message, true));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            reader.Present = true;
            reader.HeaderIssues.Add(new PackageIssue(reader.Name, 0, null, $"fichier illisible : {e.Message}", true));
        }
    }

    /// <summary>Anomaly for each national path that overlaps an earlier (in file order) national path of the same young person.</summary>
    private void CheckNationalOverlaps(string file, EventTable<NationalPath> national)
    {
        for (var j = 0; j < Jeunes.Length; j++)
        {
            var paths = national.For(j);
            for (var b = 1; b < paths.Length; b++)
            {
                var later = paths[b];
                for (var a = 0; a < b; a++)
                {
                    var earlier = paths[a];
                    if (earlier.Dispositif == Dispositif.Cej && later.Dispositif == Dispositif.Cej && !earlier.Interval.Overlaps(later.Interval))
                    {
                        var (first, second) = earlier.Debut <= later.Debut ? (earlier, later) : (later, earlier);
                        if (JourneyChecks.CejDelaiNonRespecte(first.Debut, first.Fin, second.Debut, out var possible))
                            _anomalies.Add(new PackageIssue(file, second.Line, "debut",
                                $"CEJ commencé le {second.Debut:yyyy-MM-dd}, moins de 6 mois après la fin du CEJ de la ligne {first.Line} " +
                                $"({Show(first.Debut, first.Fin)}) (attendu au plus tôt le {possible:yyyy-MM-dd}, sauf réduction du délai de carence)", false));
                    }
                    if (!JourneyChecks.NationauxChevauchants(earlier.Dispositif, new DateInterval(earlier.Debut, earlier.Fin), later.Dispositif, new DateInterval(later.Debut, later.Fin))) continue;
                    _anomalies.Add(new PackageIssue(file, later.Line, "debut",
                        $"parcours national {Codes.Of(later.Dispositif)} ({Show(later.Debut, later.Fin)}) chevauchant le parcours national " +
                        $"{Codes.Of(earlier.Dispositif)} de la ligne {earlier.Line} ({Show(earlier.Debut, earlier.Fin)})", false));
                }
            }
        }
    }

    /// <summary>
    /// Anomaly for each PACEA signed more than one month after the young person's last diagnostic before it, or with no
    /// diagnostic (<see cref="JourneyChecks.PaceaSignatureHorsDelai"/>).
    /// </summary>
    private void CheckPaceaSignatures(string file, EventTable<NationalPath> national, ContactsReader contacts)
    {
        List<NationalPath>? pacea = null;
        foreach (var p in national.All)
        {
            if (p.Dispositif == Dispositif.Pacea) (pacea ??= []).Add(p);
        }
        if (pacea is null) return;
        var diagnostics = new Dictionary<int, List<DateOnly>>();
        foreach (var p in pacea) diagnostics.TryAdd(p.Jeune, []);
        foreach (var c in contacts.All)
        {
            if (c.Diagnostic && diagnostics.TryGetValue(c.Jeune, out var list)) list.Add(c.Date);
        }
        foreach (var p in pacea)
        {
            if (!JourneyChecks.PaceaSignatureHorsDelai(p.Debut, diagnostics[p.Jeune], out var diagnostic)) continue;
            _anomalies.Add(new PackageIssue(file, p.Line, "debut", diagnostic is { } d
                ? $"PACEA signé le {p.Debut:yyyy-MM-dd}, plus d'un mois après le diagnostic du {d:yyyy-MM-dd} (attendu au plus tard le {d.AddMonths(1):yyyy-MM-dd})"
                : $"PACEA signé le {p.Debut:yyyy-MM-dd} sans diagnostic approfondi enregistré avant (contacts.csv, diagnostic = 1 ; attendu dans le mois qui précède)", false));
        }
    }

    /// <summary>Anomaly for each monthly allowance of a month when the young person had no CEJ open on any of its days.</summary>
    private void CheckAllocationsInCej(EventTable<NationalPath> national, AllocationsReader allocations)
    {
        for (var i = 0; i < allocations.All.Count; i++)
        {
            var a = allocations.All[i];
            var end = a.Mois.AddMonths(1).AddDays(-1);
            if (CejOpen(national.For(a.Jeune), a.Mois, end)) continue;
            _anomalies.Add(new PackageIssue(allocations.Name, allocations.Lines[i], "mois",
                $"allocation de {a.Mois:yyyy-MM} sans CEJ ouvert ce mois-là (parcours.csv)", false));
        }
    }

    private static bool CejOpen(ReadOnlySpan<NationalPath> paths, DateOnly debut, DateOnly fin)
    {
        foreach (var p in paths)
        {
            if (p.Dispositif == Dispositif.Cej && p.Interval.Overlaps(debut, fin)) return true;
        }
        return false;
    }

    private static string Show(DateOnly debut, DateOnly? fin) => $"{debut:yyyy-MM-dd} → {(fin is { } f ? f.ToString("yyyy-MM-dd") : "en cours")}";

    private JourneyPackage Build(ContactsReader contacts, OrientationsReader orientations, ParcoursReader parcours,
        PropositionsReader propositions, SituationsReader situations, DroitsReader droits, ParrainagesReader parrainages, MoyensReader moyens,
        Domain.Structures.StructureData structureData, ActivitesReader activites, AllocationsReader allocations,
        Domain.Employeurs.EmployeurData employeurs)
    {
        var n = Jeunes.Length;
        EventTable<Contact>? c = null;
        EventTable<Orientation>? o = null;
        EventTable<Parcours>? p = null;
        EventTable<Proposition>? pr = null;
        EventTable<Situation>? s = null;
        EventTable<Droit>? d = null;
        EventTable<Parrainage>? pa = null;
        Parallel.Invoke(
            () => c = Table<Contact>(contacts, n),
            () => o = Table<Orientation>(orientations, n),
            () => p = Table<Parcours>(parcours, n),
            () => pr = Table<Proposition>(propositions, n),
            () => s = Table<Situation>(situations, n),
            () => d = Table<Droit>(droits, n),
            () => pa = Table<Parrainage>(parrainages, n));
        return new JourneyPackage
        {
            Structures = Structures.ToArray(),
            Jeunes = Jeunes,
            Contacts = c!,
            Orientations = o!,
            Parcours = p!,
            Propositions = pr!,
            Situations = s!,
            Droits = d!,
            Parrainages = pa!,
            Moyens = moyens.All.ToArray(),
            StructureData = structureData,
            Activites = activites.Present ? Table(activites, n) : null,
            Allocations = allocations.Present ? Table(allocations, n) : null,
            Employeurs = employeurs,
        };
    }

    private static EventTable<T> Table<T>(EventReader<T> reader, int jeuneCount) where T : struct, IJeuneEvent
    {
        var rows = reader.All.Take(out var count);
        var ids = reader.Ids?.ToArray();
        reader.Ids?.Clear();
        return EventTable<T>.Own(rows, count, jeuneCount, ids);
    }
}
