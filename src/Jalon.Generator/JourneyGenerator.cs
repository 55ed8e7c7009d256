using System.Collections.Concurrent;
using Jalon.Domain;
using Jalon.Domain.Dispositifs;
using Jalon.Domain.Employeurs;
using Jalon.Domain.Structures;
using Jalon.Referentiels;

namespace Jalon.Generator;

/// <summary>
/// Generates a realistic national (or smaller) data package: Missions Locales placed in real departments and named
/// after real communes, young people living in their communes, and their journeys over the years Y−1 and Y (with
/// history before). Deterministic: the same options give the same package. Structures are generated in parallel,
/// each from its own random stream derived from the seed. See docs/generateur.md for the proportions aimed at.
/// </summary>
public static class JourneyGenerator
{
    /// <param name="options">What to generate.</param>
    /// <param name="progress">Optional: receives the number of young people generated so far (from any thread).</param>
    public static JourneyPackage Generate(GeneratorOptions options, IProgress<int>? progress = null)
    {
        var problem = options.Validate();
        if (problem is not null) throw new ArgumentException(problem, nameof(options));

        var plans = TerritoryPlanner.Plan(InseeData.Instance, options, Rng.For(options.Seed, -1));
        var results = new StructureJourneys[plans.Count];
        var done = 0;
        // Largest structures first, for an even load across cores; the result does not depend on the order.
        var order = Enumerable.Range(0, plans.Count).OrderByDescending(i => plans[i].Size).ToArray();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), i =>
        {
            results[i] = new StructureSimulator(plans[i], i, options, Rng.For(options.Seed, i)).Run();
            progress?.Report(Interlocked.Add(ref done, plans[i].Size));
        });
        return Merge(plans, results);
    }

    private static JourneyPackage Merge(List<StructurePlan> plans, StructureJourneys[] results)
    {
        var jeunes = new Jeune[results.Sum(r => r.Jeunes.Count)];
        var offsets = new int[results.Length];
        var next = 0;
        for (var s = 0; s < results.Length; s++)
        {
            offsets[s] = next;
            results[s].Jeunes.CopyTo(jeunes, next);
            next += results[s].Jeunes.Count;
        }
        List<T> Concat<T>(Func<StructureJourneys, List<T>> rows, Func<T, int, T> shift)
        {
            var all = new List<T>(results.Sum(r => rows(r).Count));
            for (var s = 0; s < results.Length; s++)
            {
                foreach (var row in rows(results[s])) all.Add(shift(row, offsets[s]));
            }
            return all;
        }
        var n = jeunes.Length;
        return new JourneyPackage
        {
            Structures = plans.Select(p => new Structure(p.Code, p.Nom, p.Departement.Region, p.Departement.Code)).ToArray(),
            Jeunes = jeunes,
            Contacts = EventTable<Contact>.Build(Concat(r => r.Contacts, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Orientations = EventTable<Orientation>.Build(Concat(r => r.Orientations, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Parcours = EventTable<Parcours>.Build(Concat(r => r.Parcours, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Propositions = EventTable<Proposition>.Build(Concat(r => r.Propositions, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Situations = EventTable<Situation>.Build(Concat(r => r.Situations, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Droits = EventTable<Droit>.Build(Concat(r => r.Droits, (x, o) => x with { Jeune = x.Jeune + o }), n),
            Parrainages = EventTable<Parrainage>.Build(Concat(r => r.Parrainages, (x, o) => x with { Jeune = x.Jeune + o }), n),
            // The CEJ files only for a package that has CEJ (a year from 2022): an older year is generated as before.
            Activites = results.Any(r => r.Activites.Count > 0)
                ? EventTable<Activite>.Build(Concat(r => r.Activites, (x, o) => x with { Jeune = x.Jeune + o }), n) : null,
            Allocations = results.Any(r => r.Allocations.Count > 0)
                ? EventTable<AllocationMensuelle>.Build(Concat(r => r.Allocations, (x, o) => x with { Jeune = x.Jeune + o }), n) : null,
            Moyens = results.SelectMany(r => r.Moyens).ToArray(),
            StructureData = new StructureData
            {
                Territoires = results.SelectMany(r => r.Territoires).ToArray(),
                Sites = results.SelectMany(r => r.Sites).ToArray(),
                Brh = results.SelectMany(r => r.Brh).ToArray(),
                Budget = results.SelectMany(r => r.Budget).ToArray(),
            },
            Employeurs = new EmployeurData
            {
                Entreprises = results.SelectMany(r => r.Entreprises).ToArray(),
                Echanges = results.SelectMany(r => r.Echanges).ToArray(),
                Offres = results.SelectMany(r => r.Offres).ToArray(),
                MisesEnRelation = Concat(r => r.MisesEnRelation, (x, o) => x with { Jeune = x.Jeune + o }),
                Immersions = Concat(r => r.Immersions, (x, o) => x with { Jeune = x.Jeune + o }),
            },
        };
    }
}

/// <summary>The rows of one structure; events refer to its young people by local index.</summary>
internal sealed class StructureJourneys
{
    public List<Jeune> Jeunes { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<Orientation> Orientations { get; } = [];
    public List<Parcours> Parcours { get; } = [];
    public List<Proposition> Propositions { get; } = [];
    public List<Situation> Situations { get; } = [];
    public List<Droit> Droits { get; } = [];
    public List<Parrainage> Parrainages { get; } = [];
    public List<Activite> Activites { get; } = [];
    public List<AllocationMensuelle> Allocations { get; } = [];
    public List<Moyens> Moyens { get; } = [];
    public List<TerritoireCommune> Territoires { get; } = [];
    public List<Site> Sites { get; } = [];
    public List<BrhLigne> Brh { get; } = [];
    public List<BudgetLigne> Budget { get; } = [];
    public List<EntrepriseLigne> Entreprises { get; } = [];
    public List<EchangeEntrepriseLigne> Echanges { get; } = [];
    public List<OffreLigne> Offres { get; } = [];
    public List<MiseEnRelationLigne> MisesEnRelation { get; } = [];
    public List<ImmersionLigne> Immersions { get; } = [];
}
