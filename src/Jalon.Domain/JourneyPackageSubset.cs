using Jalon.Domain.Employeurs;

namespace Jalon.Domain;

public static class JourneyPackageSubset
{
    /// <summary>
    /// The part of a package that belongs to one structure: that structure, its young people, their events and
    /// its moyens, its structure data (territory, sites, BRH, budget, context) and its employer rows, re-indexed.
    /// What a structure's own database holds.
    /// </summary>
    public static JourneyPackage ForStructure(this JourneyPackage package, int structure)
    {
        var builder = new JourneyPackageBuilder();
        builder.AddStructure(package.Structures[structure]);
        var jeunes = new int[package.Jeunes.Length];
        for (var j = 0; j < package.Jeunes.Length; j++)
        {
            jeunes[j] = -1;
            if (package.Jeunes[j].Structure != structure) continue;
            var k = jeunes[j] = builder.AddJeune(package.Jeunes[j] with { Structure = 0 });
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
        builder.Employeurs = EmployeurRows(package.Employeurs, structure, jeunes);
        return builder.Build();
    }

    /// <summary>The employer rows of one structure: its companies, exchanges and offers, its young people's MER and periods.</summary>
    private static EmployeurData EmployeurRows(EmployeurData data, int structure, int[] jeunes)
    {
        if (data.IsEmpty) return data;
        return new EmployeurData
        {
            HasFiles = data.HasFiles,
            Entreprises = [.. data.Entreprises.Where(e => e.Structure == structure).Select(e => e with { Structure = 0 })],
            Echanges = [.. data.Echanges.Where(e => e.Structure == structure).Select(e => e with { Structure = 0 })],
            Offres = [.. data.Offres.Where(o => o.Structure == structure).Select(o => o with { Structure = 0 })],
            MisesEnRelation = [.. data.MisesEnRelation.Where(m => jeunes[m.Jeune] >= 0).Select(m => m with { Jeune = jeunes[m.Jeune] })],
            Immersions = [.. data.Immersions.Where(i => jeunes[i.Jeune] >= 0).Select(i => i with { Jeune = jeunes[i.Jeune] })],
        };
    }
}
