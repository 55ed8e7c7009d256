using System.Globalization;
using Jalon.Referentiels;

namespace Jalon.Generator;

/// <summary>A generated Mission Locale: its seat commune, the communes of its territory and its size.</summary>
internal sealed class StructurePlan
{
    public string Code { get; set; } = "";
    public required string Nom { get; set; }
    public required Departement Departement { get; init; }
    public required Commune Siege { get; init; }
    public List<Commune> Communes { get; } = [];
    public long Population { get; set; }
    public int Size { get; set; }
}

/// <summary>
/// Places the structures in real departments, roughly in proportion to their population (every department
/// gets one when there are enough structures), names each after a real commune (its seat) and shares the
/// department's communes between its structures by arrondissement.
/// </summary>
internal static class TerritoryPlanner
{
    public static List<StructurePlan> Plan(InseeData insee, int structureCount, int jeuneCount, Rng rng) =>
        Plan(insee, new GeneratorOptions { Structures = structureCount, Jeunes = jeuneCount }, rng);

    /// <summary>
    /// The given structures first (their communes, in code order, the seat in the most populated one), then
    /// <see cref="GeneratorOptions.Structures"/> structures over the rest of the country or of <see cref="GeneratorOptions.Region"/>.
    /// </summary>
    public static List<StructurePlan> Plan(InseeData insee, GeneratorOptions options, Rng rng)
    {
        var given = options.Given.Select(g => PlanGiven(insee, g)).ToList();
        var taken = given.SelectMany(p => p.Communes).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var communesByDepartement = insee.CommunesByDepartement.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<Commune>)(taken.Count == 0 ? kv.Value : kv.Value.Where(c => !taken.Contains(c.Code)).ToList()),
            StringComparer.Ordinal);
        var departements = insee.Departements
            .Where(d => options.Region is null || d.Region == options.Region)
            .Where(d => communesByDepartement.TryGetValue(d.Code, out var cs) && cs.Count > 0)
            .Select(d => (Departement: d, Population: communesByDepartement[d.Code].Sum(c => (long)c.Population)))
            .ToList();
        var seats = AllocateSeats(departements, communesByDepartement, options.Structures, rng);

        var plans = new List<StructurePlan>(options.Structures);
        foreach (var (departement, _) in departements)
        {
            var k = seats[departement.Code];
            if (k == 0) continue;
            plans.AddRange(PlanDepartement(departement, communesByDepartement[departement.Code], k));
        }
        for (var i = 0; i < plans.Count; i++) plans[i].Code = "ML" + (i + 1).ToString("D4", CultureInfo.InvariantCulture);
        Disambiguate(plans);
        AssignSizes(plans, options.Jeunes, rng);
        return [.. given, .. plans];
    }

    private static StructurePlan PlanGiven(InseeData insee, GivenStructure g)
    {
        var communes = g.Communes.Select(code => insee.Current(code) ?? throw new ArgumentException($"La commune {code} de {g.Structure.Code} n'existe pas au COG."))
            .DistinctBy(c => c.Code).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var departement = g.Structure.Departement is { } d && insee.DepartementsByCode.TryGetValue(d, out var dep)
            ? dep
            : insee.DepartementsByCode[communes[0].Departement];
        var plan = new StructurePlan
        {
            Code = g.Structure.Code,
            Nom = g.Structure.Nom,
            Departement = departement,
            Siege = communes.OrderByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal).First(),
            Population = communes.Sum(c => (long)c.Population),
            Size = g.Jeunes,
        };
        plan.Communes.AddRange(communes);
        return plan;
    }

    /// <summary>How many structures per department.</summary>
    private static Dictionary<string, int> AllocateSeats(List<(Departement Departement, long Population)> departements, Dictionary<string, IReadOnlyList<Commune>> communesByDepartement, int n, Rng rng)
    {
        var seats = departements.ToDictionary(d => d.Departement.Code, _ => 0, StringComparer.Ordinal);
        if (n < departements.Count)
        {
            // Fewer structures than departments: draw departments in proportion to their population, without replacement.
            var pool = departements.ToList();
            for (var i = 0; i < n; i++)
            {
                var total = pool.Sum(d => (double)d.Population);
                var x = rng.NextDouble() * total;
                var j = 0;
                for (; j < pool.Count - 1; j++)
                {
                    x -= pool[j].Population;
                    if (x < 0) break;
                }
                seats[pool[j].Departement.Code] = 1;
                pool.RemoveAt(j);
            }
            return seats;
        }

        // One per department, then the highest-averages method on population; a department holds at most as many
        // structures as it has towns of 3 000 inhabitants or more (Paris has one Mission Locale, not fourteen).
        foreach (var d in departements) seats[d.Departement.Code] = 1;
        var caps = departements.ToDictionary(
            d => d.Departement.Code,
            d => Math.Max(1, communesByDepartement[d.Departement.Code].Count(c => c.Population >= 3000)),
            StringComparer.Ordinal);
        for (var remaining = n - departements.Count; remaining > 0; remaining--)
        {
            var candidates = departements.Where(d => seats[d.Departement.Code] < caps[d.Departement.Code]).ToList();
            if (candidates.Count == 0)
                candidates = departements.Where(d => seats[d.Departement.Code] < communesByDepartement[d.Departement.Code].Count).ToList();
            if (candidates.Count == 0) throw new InvalidOperationException("Trop de structures pour le nombre de communes.");
            var best = candidates.MaxBy(d => d.Population / (seats[d.Departement.Code] + 1.0));
            seats[best.Departement.Code]++;
        }
        return seats;
    }

    private static IEnumerable<StructurePlan> PlanDepartement(Departement departement, IReadOnlyList<Commune> communes, int k)
    {
        var byPopulation = communes.OrderByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();

        // Seats: the largest town of each arrondissement first (largest arrondissements first), then the next largest towns.
        var seats = byPopulation.GroupBy(c => c.Arrondissement, StringComparer.Ordinal).Select(g => g.First()).Take(k).ToList();
        foreach (var c in byPopulation)
        {
            if (seats.Count >= k) break;
            if (!seats.Contains(c)) seats.Add(c);
        }
        var plans = seats.Select(s => new StructurePlan { Nom = NomDe(s.Nom), Departement = departement, Siege = s }).ToList();

        // Territories: an arrondissement with one seat goes to it; with several, its towns are dealt out in turn;
        // an arrondissement without a seat goes to the structure with the smallest population so far.
        var byArrondissement = byPopulation.GroupBy(c => c.Arrondissement, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(c => (long)c.Population)).ThenBy(g => g.Key, StringComparer.Ordinal);
        var orphans = new List<IGrouping<string, Commune>>();
        foreach (var arrondissement in byArrondissement)
        {
            var owners = plans.Where(p => p.Siege.Arrondissement == arrondissement.Key).ToList();
            if (owners.Count == 0)
            {
                orphans.Add(arrondissement);
                continue;
            }
            var turn = 0;
            foreach (var c in arrondissement)
            {
                var owner = owners.FirstOrDefault(p => p.Siege == c) ?? owners[turn++ % owners.Count];
                owner.Communes.Add(c);
                owner.Population += c.Population;
            }
        }
        foreach (var arrondissement in orphans)
        {
            var owner = plans.MinBy(p => p.Population)!;
            foreach (var c in arrondissement)
            {
                owner.Communes.Add(c);
                owner.Population += c.Population;
            }
        }
        foreach (var p in plans) p.Communes.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return plans;
    }

    /// <summary>« Mission locale de Lyon », « d'Avignon », « du Havre », « de la Rochelle », « des Mureaux ».</summary>
    internal static string NomDe(string commune)
    {
        if (commune.StartsWith("Le ", StringComparison.Ordinal)) return "Mission locale du " + commune[3..];
        if (commune.StartsWith("Les ", StringComparison.Ordinal)) return "Mission locale des " + commune[4..];
        if (commune.StartsWith("La ", StringComparison.Ordinal)) return "Mission locale de la " + commune[3..];
        if (commune.StartsWith("L'", StringComparison.Ordinal)) return "Mission locale de l'" + commune[2..];
        return "AEIOUYÉÈÊÎÔŒ".Contains(char.ToUpperInvariant(commune[0]), StringComparison.Ordinal)
            ? "Mission locale d'" + commune
            : "Mission locale de " + commune;
    }

    /// <summary>Two seats with the same name (Saint-Denis in 93 and 974): add the department's name.</summary>
    private static void Disambiguate(List<StructurePlan> plans)
    {
        foreach (var group in plans.GroupBy(p => p.Nom, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var p in group) p.Nom = $"{p.Nom} ({p.Departement.Nom})";
        }
    }

    /// <summary>
    /// Sizes: in proportion to the territory's population with log-normal noise (a skewed distribution), kept between
    /// an eighth and six times the mean, adding up to exactly <paramref name="total"/>.
    /// </summary>
    private static void AssignSizes(List<StructurePlan> plans, int total, Rng rng)
    {
        var n = plans.Count;
        var weights = plans.Select(p => Math.Pow(Math.Max(p.Population, 1000), 0.9) * rng.LogNormal(1, 0.4)).ToArray();
        var mean = (double)total / n;
        double min = mean / 8, max = mean * 6;
        double Sum(double scale) => weights.Sum(w => Math.Clamp(w * scale, min, max));
        double lo = 0, hi = 1;
        while (Sum(hi) < total) hi *= 2;
        for (var i = 0; i < 100; i++)
        {
            var mid = (lo + hi) / 2;
            if (Sum(mid) < total) lo = mid; else hi = mid;
        }
        var exact = weights.Select(w => Math.Clamp(w * hi, min, max)).ToArray();
        var sizes = exact.Select(x => Math.Max(1, (int)Math.Floor(x))).ToArray();
        var missing = total - sizes.Sum();
        // Largest remainders get the missing units (or the largest sizes give back any excess).
        var order = Enumerable.Range(0, n).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).ToArray();
        for (var i = 0; missing > 0; i = (i + 1) % n, missing--) sizes[order[i]]++;
        var bySize = Enumerable.Range(0, n).OrderByDescending(i => sizes[i]).ThenBy(i => i).ToArray();
        for (var i = 0; missing < 0; i = (i + 1) % n)
        {
            if (sizes[bySize[i]] > 1)
            {
                sizes[bySize[i]]--;
                missing++;
            }
        }
        for (var i = 0; i < n; i++) plans[i].Size = sizes[i];
    }
}
