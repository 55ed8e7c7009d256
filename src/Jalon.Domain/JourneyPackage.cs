using System.Runtime.InteropServices;
using EmployeurData = Jalon.Domain.Employeurs.EmployeurData;
using MoyensEffectifs = Jalon.Domain.Structures.MoyensEffectifs;
using StructureData = Jalon.Domain.Structures.StructureData;

namespace Jalon.Domain;

/// <summary>
/// The rows of one kind of event, grouped by young person (compressed sparse rows):
/// the events of young person j are Items[Start[j] .. Start[j + 1]), in their original order.
/// </summary>
public sealed class EventTable<T> where T : struct, IJeuneEvent
{
    private readonly T[] _items;
    private readonly int _count;
    private readonly int[] _start;
    private readonly string?[]? _ids;

    private EventTable(T[] items, int count, int[] start, string?[]? ids)
    {
        _items = items;
        _count = count;
        _start = start;
        _ids = ids;
    }

    public int Count => _count;

    public ReadOnlySpan<T> All => _items.AsSpan(0, _count);

    public ReadOnlySpan<T> For(int jeune) => _items.AsSpan(_start[jeune], _start[jeune + 1] - _start[jeune]);

    /// <summary>
    /// True when the events carry their stable identifiers (column <c>id</c> of the exchange format, or stored
    /// references): <see cref="IdsFor"/> then gives them, null for an event without one.
    /// </summary>
    public bool HasIds => _ids is not null;

    /// <summary>The identifiers of young person j's events, aligned with <see cref="For"/>; empty when <see cref="HasIds"/> is false.</summary>
    public ReadOnlySpan<string?> IdsFor(int jeune) =>
        _ids is null ? default : _ids.AsSpan(_start[jeune], _start[jeune + 1] - _start[jeune]);

    /// <summary>
    /// Groups rows by young person with a stable counting sort (O(rows + jeunes)); <paramref name="ids"/>, when
    /// given, holds each row's identifier (same order as <paramref name="rows"/>) and follows the rows.
    /// </summary>
    public static EventTable<T> Build(List<T> rows, int jeuneCount, List<string?>? ids = null)
    {
        if (ids is not null && ids.Count != rows.Count)
            throw new ArgumentException("One identifier per row.", nameof(ids));
        var span = CollectionsMarshal.AsSpan(rows);
        var start = Starts(span, jeuneCount, out _);
        return Grouped(span, start, ids is not null, CollectionsMarshal.AsSpan(ids));
    }

    /// <summary>
    /// Takes <paramref name="rows"/>[0 .. <paramref name="count"/>) (and <paramref name="ids"/>, aligned, when given) as
    /// the table's own storage when they already come grouped by young person in increasing order, as a package written
    /// young person by young person does: no copy. Otherwise groups them like <see cref="Build"/>. The caller must not
    /// touch the arrays afterwards.
    /// </summary>
    public static EventTable<T> Own(T[] rows, int count, int jeuneCount, string?[]? ids = null)
    {
        if (ids is not null && ids.Length < count)
            throw new ArgumentException("One identifier per row.", nameof(ids));
        var span = rows.AsSpan(0, count);
        var start = Starts(span, jeuneCount, out var ordered);
        return ordered ? new EventTable<T>(rows, count, start, ids) : Grouped(span, start, ids is not null, ids);
    }

    /// <summary>The start of each young person's run (counting sort), and whether the rows already come in that order.</summary>
    private static int[] Starts(ReadOnlySpan<T> rows, int jeuneCount, out bool ordered)
    {
        var start = new int[jeuneCount + 1];
        var previous = 0;
        ordered = true;
        foreach (ref readonly var row in rows)
        {
            start[row.Jeune + 1]++;
            if (row.Jeune < previous) ordered = false;
            previous = row.Jeune;
        }
        for (var j = 0; j < jeuneCount; j++) start[j + 1] += start[j];
        return start;
    }

    /// <summary>A copy of the rows grouped by young person; <paramref name="ids"/>, when <paramref name="hasIds"/>, follows them.</summary>
    private static EventTable<T> Grouped(ReadOnlySpan<T> rows, int[] start, bool hasIds, ReadOnlySpan<string?> ids)
    {
        var next = start[..^1];
        var items = new T[rows.Length];
        if (!hasIds)
        {
            foreach (ref readonly var row in rows) items[next[row.Jeune]++] = row;
            return new EventTable<T>(items, items.Length, start, null);
        }
        var sortedIds = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var at = next[rows[i].Jeune]++;
            items[at] = rows[i];
            sortedIds[at] = ids[i];
        }
        return new EventTable<T>(items, items.Length, start, sortedIds);
    }
}

/// <summary>
/// A complete data package held in memory: structures, young people and every event of their journeys.
/// Built once (by the exchange reader, the generator, storage or a test) and then read-only.
/// </summary>
public sealed class JourneyPackage
{
    public required IReadOnlyList<Structure> Structures { get; init; }
    public required Jeune[] Jeunes { get; init; }
    public required EventTable<Contact> Contacts { get; init; }
    public required EventTable<Orientation> Orientations { get; init; }
    public required EventTable<Parcours> Parcours { get; init; }
    public required EventTable<Proposition> Propositions { get; init; }
    public required EventTable<Situation> Situations { get; init; }
    public required EventTable<Droit> Droits { get; init; }
    public required EventTable<Parrainage> Parrainages { get; init; }
    public required IReadOnlyList<Moyens> Moyens { get; init; }

    /// <summary>The CEJ activities (activites.csv, optional): null when the package has none.</summary>
    public EventTable<Dispositifs.Activite>? Activites { get; init; }

    /// <summary>The monthly CEJ allowances (allocations.csv, optional): null when the package has none.</summary>
    public EventTable<Dispositifs.AllocationMensuelle>? Allocations { get; init; }

    /// <summary>The structure side (territory, sites, BRH, budget, context); empty when the package has none of those files.</summary>
    public StructureData StructureData { get; init; } = StructureData.Empty;

    /// <summary>The employer side (companies, exchanges, offers, MER, periods in a company); empty when the package has none of those files.</summary>
    public EmployeurData Employeurs { get; init; } = EmployeurData.Empty;

    /// <summary>
    /// The moyens the indicators read: moyens.csv overridden, for each structure and year, by the FTE of the staff table
    /// (BRH) and the financing of the budget when the package holds them (<see cref="MoyensEffectifs"/>).
    /// Without those files, exactly <see cref="Moyens"/>.
    /// </summary>
    public IReadOnlyList<Moyens> EffectiveMoyens => _effective ??= StructureData.Brh.Count == 0 && StructureData.Budget.Count == 0
        ? Moyens
        : MoyensEffectifs.Apply(Moyens, StructureData.Brh, StructureData.Budget).Select(m => m.Retenus).ToArray();

    private IReadOnlyList<Moyens>? _effective;

    public JeuneJourney Journey(int jeune) => new(
        jeune,
        Jeunes[jeune],
        Contacts.For(jeune),
        Orientations.For(jeune),
        Parcours.For(jeune),
        Propositions.For(jeune),
        Situations.For(jeune),
        Droits.For(jeune),
        Parrainages.For(jeune),
        Activites is { } a ? a.For(jeune) : default,
        Employeurs.MisesEnRelationOf(jeune, Jeunes.Length),
        Employeurs.ImmersionsOf(jeune, Jeunes.Length));

    /// <summary>Moyens of a structure for a year, if given.</summary>
    public Moyens? MoyensOf(int structure, int annee)
    {
        foreach (var m in Moyens)
        {
            if (m.Structure == structure && m.Annee == annee) return m;
        }
        return null;
    }
}

/// <summary>Everything recorded about one young person: the input of every journey rule and indicator.</summary>
public readonly ref struct JeuneJourney(
    int index,
    Jeune jeune,
    ReadOnlySpan<Contact> contacts,
    ReadOnlySpan<Orientation> orientations,
    ReadOnlySpan<Parcours> parcours,
    ReadOnlySpan<Proposition> propositions,
    ReadOnlySpan<Situation> situations,
    ReadOnlySpan<Droit> droits,
    ReadOnlySpan<Parrainage> parrainages,
    ReadOnlySpan<Dispositifs.Activite> activites = default,
    ReadOnlySpan<Employeurs.MiseEnRelationLigne> misesEnRelation = default,
    ReadOnlySpan<Employeurs.ImmersionLigne> immersions = default)
{
    public int Index { get; } = index;
    public Jeune Jeune { get; } = jeune;
    public ReadOnlySpan<Contact> Contacts { get; } = contacts;
    public ReadOnlySpan<Orientation> Orientations { get; } = orientations;
    public ReadOnlySpan<Parcours> Parcours { get; } = parcours;
    public ReadOnlySpan<Proposition> Propositions { get; } = propositions;
    public ReadOnlySpan<Situation> Situations { get; } = situations;
    public ReadOnlySpan<Droit> Droits { get; } = droits;
    public ReadOnlySpan<Parrainage> Parrainages { get; } = parrainages;

    /// <summary>The CEJ activities (activites.csv); empty when the package has none. Not facts of the journey's actualité.</summary>
    public ReadOnlySpan<Dispositifs.Activite> Activites { get; } = activites;

    /// <summary>
    /// The young person's MER (mises_en_relation.csv: each is one of <see cref="Propositions"/>, completed) and periods in a
    /// company (immersions.csv); empty when the package has none. Not facts of the journey's actualité beyond their proposal or situation.
    /// </summary>
    public ReadOnlySpan<Employeurs.MiseEnRelationLigne> MisesEnRelation { get; } = misesEnRelation;

    public ReadOnlySpan<Employeurs.ImmersionLigne> Immersions { get; } = immersions;

    /// <summary>
    /// The last actualité of the journey on or before <paramref name="today"/>: the first reception, a contact,
    /// orientation, proposition or droit commun, or the debut or fin of a path, situation or parrainage (the events
    /// of indicator I1). Dates after today (a planned end) do not count.
    /// </summary>
    public DateOnly DerniereActualite(DateOnly today)
    {
        var last = Jeune.PremierAccueil;
        void See(DateOnly d)
        {
            if (d <= today && d > last) last = d;
        }
        foreach (ref readonly var c in Contacts) See(c.Date);
        foreach (ref readonly var o in Orientations) See(o.Date);
        foreach (ref readonly var p in Propositions) See(p.Date);
        foreach (ref readonly var d in Droits) See(d.Date);
        foreach (ref readonly var p in Parcours)
        {
            See(p.Debut);
            if (p.Fin is { } f) See(f);
        }
        foreach (ref readonly var s in Situations)
        {
            See(s.Debut);
            if (s.Fin is { } f) See(f);
        }
        foreach (ref readonly var p in Parrainages)
        {
            See(p.Debut);
            if (p.Fin is { } f) See(f);
        }
        return last;
    }
}

/// <summary>Collects rows in any order and builds a <see cref="JourneyPackage"/>.</summary>
public sealed class JourneyPackageBuilder
{
    private readonly List<Structure> _structures = [];
    private readonly Dictionary<string, int> _structureIndex = new(StringComparer.Ordinal);
    private readonly List<Jeune> _jeunes = [];
    private readonly Dictionary<(int Structure, string Id), int> _jeuneIndex = [];

    public List<Contact> Contacts { get; } = [];
    public List<Orientation> Orientations { get; } = [];
    public List<Parcours> Parcours { get; } = [];
    public List<Proposition> Propositions { get; } = [];
    public List<Situation> Situations { get; } = [];
    public List<Droit> Droits { get; } = [];
    public List<Parrainage> Parrainages { get; } = [];
    public List<Moyens> Moyens { get; } = [];

    /// <summary>The CEJ activities (activites.csv): none makes a package without the file.</summary>
    public List<Dispositifs.Activite> Activites { get; } = [];

    /// <summary>The monthly CEJ allowances (allocations.csv): none makes a package without the file.</summary>
    public List<Dispositifs.AllocationMensuelle> Allocations { get; } = [];

    /// <summary>
    /// The events' identifiers, one list per kind of event, aligned with its rows (e.g. <c>Ids[nameof(Contacts)]</c>);
    /// a kind without a list carries none. See <see cref="EventTable{T}.IdsFor"/>.
    /// </summary>
    public Dictionary<string, List<string?>> Ids { get; } = [];

    /// <summary>The structure side of the package (territory, sites, BRH, budget, context).</summary>
    public StructureData StructureData { get; set; } = StructureData.Empty;

    /// <summary>The employer side of the package (companies, exchanges, offers, MER, periods in a company).</summary>
    public EmployeurData Employeurs { get; set; } = EmployeurData.Empty;

    public IReadOnlyList<Structure> Structures => _structures;
    public IReadOnlyList<Jeune> Jeunes => _jeunes;

    /// <summary>Adds a structure and returns its index; its code must be new.</summary>
    public int AddStructure(Structure structure)
    {
        var index = _structures.Count;
        if (!_structureIndex.TryAdd(structure.Code, index))
            throw new InvalidOperationException($"Structure {structure.Code} already added.");
        _structures.Add(structure);
        return index;
    }

    public int? FindStructure(string code) => _structureIndex.TryGetValue(code, out var i) ? i : null;

    /// <summary>Adds a young person and returns their index; (structure, id) must be new.</summary>
    public int AddJeune(Jeune jeune)
    {
        var index = _jeunes.Count;
        if (!_jeuneIndex.TryAdd((jeune.Structure, jeune.Id), index))
            throw new InvalidOperationException($"Jeune {jeune.Id} already added to structure {jeune.Structure}.");
        _jeunes.Add(jeune);
        return index;
    }

    public int? FindJeune(int structure, string id) => _jeuneIndex.TryGetValue((structure, id), out var i) ? i : null;

    public JourneyPackage Build()
    {
        var n = _jeunes.Count;
        return new JourneyPackage
        {
            Structures = _structures.ToArray(),
            Jeunes = _jeunes.ToArray(),
            Contacts = EventTable<Contact>.Build(Contacts, n, Ids.GetValueOrDefault(nameof(Contacts))),
            Orientations = EventTable<Orientation>.Build(Orientations, n, Ids.GetValueOrDefault(nameof(Orientations))),
            Parcours = EventTable<Parcours>.Build(Parcours, n, Ids.GetValueOrDefault(nameof(Parcours))),
            Propositions = EventTable<Proposition>.Build(Propositions, n, Ids.GetValueOrDefault(nameof(Propositions))),
            Situations = EventTable<Situation>.Build(Situations, n, Ids.GetValueOrDefault(nameof(Situations))),
            Droits = EventTable<Droit>.Build(Droits, n, Ids.GetValueOrDefault(nameof(Droits))),
            Parrainages = EventTable<Parrainage>.Build(Parrainages, n, Ids.GetValueOrDefault(nameof(Parrainages))),
            Moyens = Moyens.ToArray(),
            Activites = Activites.Count == 0 ? null : EventTable<Dispositifs.Activite>.Build(Activites, n),
            Allocations = Allocations.Count == 0 ? null : EventTable<Dispositifs.AllocationMensuelle>.Build(Allocations, n),
            StructureData = StructureData,
            Employeurs = Employeurs,
        };
    }
}
