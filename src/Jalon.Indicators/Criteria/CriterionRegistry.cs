using System.Collections.Frozen;
using System.Reflection;
using Jalon.Domain;

namespace Jalon.Indicators.Criteria;

/// <summary>Whether a young person is counted by an indicator over a period.</summary>
public delegate bool Criterion(in JeuneJourney journey, in Period period);

/// <summary>Adds a young person's items to a mean: <paramref name="sum"/> of their values, <paramref name="count"/> of items.</summary>
public delegate void Measure(in JeuneJourney journey, in Period period, ref long sum, ref long count);

/// <summary>
/// Adds a structure's items to a number of events that are no young person's (companies, exchanges, offers of
/// <see cref="JourneyPackage.Employeurs"/>): <paramref name="sum"/> of the items, <paramref name="count"/> 1 for the structure.
/// </summary>
public delegate void StructureMeasure(JourneyPackage package, int structure, in Period period, ref long sum, ref long count);

/// <summary>Marks a method of <see cref="JourneyCriteria"/> as the computation of a catalogue criterion.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CriterionAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>
    /// The criterion places each young person in a period by one date only, so its counts over disjoint periods add
    /// up (months → quarter → year): statistical secrecy must then protect sums across periods too. Checked on
    /// generated data by the tests, both ways.
    /// </summary>
    public bool Additif { get; init; }

    /// <summary>
    /// The criterion reads the employer side (<see cref="JourneyPackage.Employeurs"/>): on a package without its files the
    /// count is unknown (null), not 0.
    /// </summary>
    public bool Employeurs { get; init; }
}

/// <summary>Marks a method of <see cref="JourneyMeasures"/> as the computation of a catalogue measure.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MeasureAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>The measure reads the employer side: unknown (null) on a package without its files (see <see cref="CriterionAttribute.Employeurs"/>).</summary>
    public bool Employeurs { get; init; }
}

/// <summary>
/// Marks a method as a <see cref="StructureMeasure"/>: a number of events of a structure, not of its young people
/// (no population: it reveals no young person). Always reads the employer side.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StructureMeasureAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The criteria and measures a catalogue may name, found by their attributes.</summary>
public sealed class CriterionRegistry
{
    private readonly FrozenDictionary<string, Criterion> _criteria;
    private readonly FrozenDictionary<string, Measure> _measures;
    private readonly FrozenDictionary<string, nint> _criterionPointers;
    private readonly FrozenDictionary<string, nint> _measurePointers;
    private readonly FrozenSet<string> _additive;
    private readonly FrozenSet<string> _employeurs;
    private readonly FrozenDictionary<string, StructureMeasure> _structureMeasures;

    public CriterionRegistry(IEnumerable<Type> types)
    {
        var criteria = new Dictionary<string, Criterion>(StringComparer.Ordinal);
        var measures = new Dictionary<string, Measure>(StringComparer.Ordinal);
        var criterionPointers = new Dictionary<string, nint>(StringComparer.Ordinal);
        var measurePointers = new Dictionary<string, nint>(StringComparer.Ordinal);
        var additive = new HashSet<string>(StringComparer.Ordinal);
        var employeurs = new HashSet<string>(StringComparer.Ordinal);
        var structureMeasures = new Dictionary<string, StructureMeasure>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<CriterionAttribute>() is { } c)
                {
                    if (!criteria.TryAdd(c.Name, method.CreateDelegate<Criterion>()))
                        throw new InvalidOperationException($"Criterion {c.Name} is implemented twice.");
                    criterionPointers[c.Name] = method.MethodHandle.GetFunctionPointer();
                    if (c.Additif) additive.Add(c.Name);
                    if (c.Employeurs) employeurs.Add(c.Name);
                }
                if (method.GetCustomAttribute<MeasureAttribute>() is { } m)
                {
                    if (!measures.TryAdd(m.Name, method.CreateDelegate<Measure>()))
                        throw new InvalidOperationException($"Measure {m.Name} is implemented twice.");
                    measurePointers[m.Name] = method.MethodHandle.GetFunctionPointer();
                    if (m.Employeurs) employeurs.Add(m.Name);
                }
                if (method.GetCustomAttribute<StructureMeasureAttribute>() is { } sm)
                {
                    if (measures.ContainsKey(sm.Name) || !structureMeasures.TryAdd(sm.Name, method.CreateDelegate<StructureMeasure>()))
                        throw new InvalidOperationException($"Measure {sm.Name} is implemented twice.");
                    employeurs.Add(sm.Name);
                }
            }
        }
        _criteria = criteria.ToFrozenDictionary(StringComparer.Ordinal);
        _measures = measures.ToFrozenDictionary(StringComparer.Ordinal);
        _criterionPointers = criterionPointers.ToFrozenDictionary(StringComparer.Ordinal);
        _measurePointers = measurePointers.ToFrozenDictionary(StringComparer.Ordinal);
        _additive = additive.ToFrozenSet(StringComparer.Ordinal);
        _employeurs = employeurs.ToFrozenSet(StringComparer.Ordinal);
        _structureMeasures = structureMeasures.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The criteria of <see cref="JourneyCriteria"/> and measures of <see cref="JourneyMeasures"/>.</summary>
    public static CriterionRegistry Default { get; } = new([typeof(JourneyCriteria), typeof(RegionCriteria), typeof(CejCriteria), typeof(JourneyMeasures), typeof(EmployeurCriteria)]);

    public IEnumerable<string> CriterionNames => _criteria.Keys;
    /// <summary>The measures of young people and of structures.</summary>
    public IEnumerable<string> MeasureNames => _measures.Keys.Concat(_structureMeasures.Keys);

    public bool HasCriterion(string name) => _criteria.ContainsKey(name);
    public bool HasMeasure(string name) => _measures.ContainsKey(name) || _structureMeasures.ContainsKey(name);

    /// <summary>A measure of a structure's events (<see cref="StructureMeasure"/>), not of its young people.</summary>
    public bool IsStructureMeasure(string name) => _structureMeasures.ContainsKey(name);

    public StructureMeasure GetStructureMeasure(string name) => _structureMeasures[name];

    /// <summary>Does this criterion or measure read the employer side (unknown on a package without its files)?</summary>
    public bool ReadsEmployeurs(string name) => _employeurs.Contains(name);

    /// <summary>Do the counts of this criterion over disjoint periods add up (<see cref="CriterionAttribute.Additif"/>)?</summary>
    public bool IsAdditive(string name) => _additive.Contains(name);

    public Criterion GetCriterion(string name) => _criteria[name];
    public Measure GetMeasure(string name) => _measures[name];

    /// <summary>The address of a criterion's static method, for the engine's hot loop (a delegate*).</summary>
    internal nint GetCriterionPointer(string name) => _criterionPointers[name];

    internal nint GetMeasurePointer(string name) => _measurePointers[name];
}
