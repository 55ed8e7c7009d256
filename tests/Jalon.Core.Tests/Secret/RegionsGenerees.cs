using Jalon.Domain;
using Jalon.Generator;

namespace Jalon.Tests.Secret;

/// <summary>
/// Generated regions for the secrecy tests: the generator's structures (real communes, realistic journeys over 2015
/// and 2016), put in the regions given and trimmed to the sizes given, so that small structures sit beside larger
/// ones in the same region.
/// </summary>
public static class RegionsGenerees
{
    public const int Annee = 2016;

    /// <param name="regions">The region of each structure (INSEE codes).</param>
    /// <param name="tailles">The number of young people kept in each structure (null: all those generated).</param>
    public static JourneyPackage Construire(long graine, string[] regions, int?[] tailles, int jeunes)
    {
        var g = JourneyGenerator.Generate(new GeneratorOptions { Structures = regions.Length, Jeunes = jeunes, Seed = graine, Annee = Annee });
        var b = new JourneyPackageBuilder();
        for (var s = 0; s < g.Structures.Count; s++) b.AddStructure(g.Structures[s] with { Region = regions[s] });
        var map = new int[g.Jeunes.Length];
        var kept = new int[g.Structures.Count];
        for (var i = 0; i < g.Jeunes.Length; i++)
        {
            var j = g.Jeunes[i];
            if (tailles[j.Structure] is { } max && kept[j.Structure] >= max) { map[i] = -1; continue; }
            kept[j.Structure]++;
            map[i] = b.AddJeune(j);
        }
        foreach (var x in g.Contacts.All) { if (map[x.Jeune] >= 0) b.Contacts.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Orientations.All) { if (map[x.Jeune] >= 0) b.Orientations.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Parcours.All) { if (map[x.Jeune] >= 0) b.Parcours.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Propositions.All) { if (map[x.Jeune] >= 0) b.Propositions.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Situations.All) { if (map[x.Jeune] >= 0) b.Situations.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Droits.All) { if (map[x.Jeune] >= 0) b.Droits.Add(x with { Jeune = map[x.Jeune] }); }
        foreach (var x in g.Parrainages.All) { if (map[x.Jeune] >= 0) b.Parrainages.Add(x with { Jeune = map[x.Jeune] }); }
        b.Moyens.AddRange(g.Moyens);
        b.StructureData = g.StructureData;
        return b.Build();
    }

    /// <summary>Two regions: four structures in 84 (two small), two in 11 (one small).</summary>
    public static JourneyPackage Deux(long graine = 2016) =>
        Construire(graine, ["84", "84", "84", "84", "11", "11"], [null, 45, null, 150, 60, null], jeunes: 6_000);
}
