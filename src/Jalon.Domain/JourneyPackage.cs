using System.Runtime.InteropServices;
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
    private readonly int[] _start;

    private EventTable(T[] items, int[] start)
    {
        _items = items;
        _start = start;
    }

    public int Count => _items.Length;

    public ReadOnlySpan<T> All => _items;

    public ReadOnlySpan<T> For(int jeune) => _items.AsSpan(_start[jeune], _start[jeune + 1] - _start[jeune]);

    /// <summary>Groups rows by young person with a stable counting sort (O(rows + jeunes)).</summary>
    public static EventTable<T> Build(List<T> rows, int jeuneCount)
    {
        var start = new int[jeuneCount + 1];
        var span = CollectionsMarshal.AsSpan(rows);
        foreach (ref readonly var row in span) start[row.Jeune + 1]++;
        for (var j = 0; j < jeuneCount; j++) start[j + 1] += start[j];
        var next = new int[jeuneCount];
        Array.Copy(start, next, jeuneCount);
        var items = new T[span.Length];
        foreach (ref readonly var row in span) items[next[row.Jeune]++] = row;
        return new EventTable<T>(items, start);
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

    /// <summary>The structure side (territory, sites, BRH, budget, context); empty when the package has none of those files.</summary>
    public StructureData StructureData { get; init; } = StructureData.Empty;

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
        Parrainages.For(jeune));

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
    ReadOnlySpan<Parrainage> parrainages)
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

    /// <summary>The structure side of the package (territory, sites, BRH, budget, context).</summary>
    public StructureData StructureData { get; set; } = StructureData.Empty;

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
            Contacts = EventTable<Contact>.Build(Contacts, n),
            Orientations = EventTable<Orientation>.Build(Orientations, n),
            Parcours = EventTable<Parcours>.Build(Parcours, n),
            Propositions = EventTable<Proposition>.Build(Propositions, n),
            Situations = EventTable<Situation>.Build(Situations, n),
            Droits = EventTable<Droit>.Build(Droits, n),
            Parrainages = EventTable<Parrainage>.Build(Parrainages, n),
            Moyens = Moyens.ToArray(),
            StructureData = StructureData,
        };
    }
}
