namespace Jalon.Generator;

/// <summary>What to generate: how many structures and young people, from which seed, up to which year.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Number of Missions Locales (about 440 nationally).</summary>
    public int Structures { get; init; } = 440;

    /// <summary>Number of young people in the package, all structures together.</summary>
    public int Jeunes { get; init; } = 1_100_000;

    /// <summary>Seed: the same options always give the same package.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Year Y: activity covers the calendar years Y−1 and Y (with earlier history); extraction on 31 December of Y.</summary>
    public int Annee { get; init; } = 2016;

    /// <summary>
    /// Zone lists (ZRR/FRR, QPV) the young people's flags are drawn from; null, or a day no list of a kind covers: the
    /// synthetic lists of <see cref="SyntheticZones"/>.
    /// </summary>
    public Referentiels.ZoneReference? Zones { get; init; }

    /// <summary>
    /// A region code (INSEE, « 84 »): the <see cref="Structures"/> generated structures are placed in its departments only,
    /// among the communes that no <see cref="Given"/> structure covers. Null: the whole country.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// Structures whose territory is given (the demo's two seed Missions Locales): generated like the others — young
    /// people living in their communes, journeys, moyens — in addition to <see cref="Structures"/>, with exactly
    /// <see cref="GivenStructure.Jeunes"/> young people (not counted in <see cref="Jeunes"/>). Their generated territory
    /// and sites are the given communes and a head office in the most populated one; the caller may replace them.
    /// </summary>
    public IReadOnlyList<GivenStructure> Given { get; init; } = [];

    /// <summary>Checks the options; returns a French message for the first problem, or null.</summary>
    public string? Validate()
    {
        if (Structures is < 1 or > 9999) return "le nombre de structures doit être compris entre 1 et 9 999.";
        if (Jeunes < Structures) return "il faut au moins un jeune par structure (--jeunes ≥ --structures).";
        if (Jeunes > 20_000_000) return "le nombre de jeunes ne peut dépasser 20 000 000.";
        if (Annee is < 2000 or > 2100) return "l'année doit être comprise entre 2000 et 2100.";
        if (Region is { } r && !Referentiels.InseeData.Instance.RegionsByCode.ContainsKey(r)) return $"la région « {r} » n'existe pas au COG.";
        foreach (var g in Given)
        {
            if (g.Jeunes < 1) return $"la structure {g.Structure.Code} doit avoir au moins un jeune.";
            if (g.Communes.Count == 0) return $"la structure {g.Structure.Code} doit couvrir au moins une commune.";
        }
        return null;
    }
}

/// <summary>A structure with its given territory (current INSEE codes) and number of young people; see <see cref="GeneratorOptions.Given"/>.</summary>
public sealed record GivenStructure(Domain.Structure Structure, IReadOnlyList<string> Communes, int Jeunes);
