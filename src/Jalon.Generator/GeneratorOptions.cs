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

    /// <summary>Checks the options; returns a French message for the first problem, or null.</summary>
    public string? Validate()
    {
        if (Structures is < 1 or > 9999) return "le nombre de structures doit être compris entre 1 et 9 999.";
        if (Jeunes < Structures) return "il faut au moins un jeune par structure (--jeunes ≥ --structures).";
        if (Jeunes > 20_000_000) return "le nombre de jeunes ne peut dépasser 20 000 000.";
        if (Annee is < 2000 or > 2100) return "l'année doit être comprise entre 2000 et 2100.";
        return null;
    }
}
