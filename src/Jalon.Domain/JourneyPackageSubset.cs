namespace Jalon.Domain;

public static class JourneyPackageSubset
{
    /// <summary>
    /// The part of a package that belongs to one structure: that structure, its young people, their events and
    /// its moyens and its structure data (territory, sites, BRH, budget, context), re-indexed. What a structure's own database holds.
    /// </summary>
    public static JourneyPackage ForStructure(this JourneyPackage package, int structure)
    {
        var builder = new JourneyPackageBuilder();
        builder.AddStructure(package.Structures[structure]);
        for (var j = 0; j < package.Jeunes.Length; j++)
        {
            if (package.Jeunes[j].Structure != structure) continue;
            var k = builder.AddJeune(package.Jeunes[j] with { Structure = 0 });
            foreach (var e in package.Contacts.For(j)) builder.Contacts.Add(e with { Jeune = k });
            foreach (var e in package.Orientations.For(j)) builder.Orientations.Add(e with { Jeune = k });
            foreach (var e in package.Parcours.For(j)) builder.Parcours.Add(e with { Jeune = k });
            foreach (var e in package.Propositions.For(j)) builder.Propositions.Add(e with { Jeune = k });
            foreach (var e in package.Situations.For(j)) builder.Situations.Add(e with { Jeune = k });
            foreach (var e in package.Droits.For(j)) builder.Droits.Add(e with { Jeune = k });
            foreach (var e in package.Parrainages.For(j)) builder.Parrainages.Add(e with { Jeune = k });
        }
        foreach (var m in package.Moyens)
        {
            if (m.Structure == structure) builder.Moyens.Add(m with { Structure = 0 });
        }
        builder.StructureData = package.StructureData.Remap(s => s == structure ? 0 : -1);
        return builder.Build();
    }
}
