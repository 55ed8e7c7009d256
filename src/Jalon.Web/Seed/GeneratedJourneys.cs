using Jalon.Domain;
using Jalon.Generator;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The demo data from Jalon's generator: Missions Locales placed in real departments, young people living in real
/// INSEE communes with realistic journeys, moved in time so that the generator's extraction day is today (the
/// portfolio then shows live alerts), then given French names (<see cref="FrenchNames"/>) and counsellors.
/// </summary>
public static class GeneratedJourneys
{
    public const long Seed = 2026;

    /// <summary>Generates and imports the package; returns the structure codes, demo structure first.</summary>
    public static IReadOnlyList<Structure> Import(JalonDbContext db, DateOnly today, int jeunes)
    {
        var annee = today.Year - 1;
        var generated = JourneyGenerator.Generate(new GeneratorOptions { Structures = 2, Jeunes = Math.Max(2, jeunes), Seed = Seed, Annee = annee });
        var package = Shift(generated, today.DayNumber - new DateOnly(annee, 12, 31).DayNumber);
        PackageImporter.Import(db, package, "démonstration");
        return package.Structures;
    }

    /// <summary>Names every young person of a structure and gives them one of the counsellors, in turn.</summary>
    public static async Task NameAndAssignAsync(JalonDbContext db, string structure, IReadOnlyList<int> conseillers)
    {
        var people = await db.Jeunes.Where(j => j.StructureCode == structure).OrderBy(j => j.JeuneId).ToListAsync();
        for (var i = 0; i < people.Count; i++)
        {
            var j = people[i];
            (j.Prenom, j.Nom) = FrenchNames.For(Seed, j.StructureCode, j.JeuneId, j.Sexe);
            j.ConseillerId = conseillers[i % conseillers.Count];
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The same package with every date moved by <paramref name="days"/>.</summary>
    public static JourneyPackage Shift(JourneyPackage p, int days)
    {
        DateOnly S(DateOnly d) => d.AddDays(days);
        DateOnly? N(DateOnly? d) => d?.AddDays(days);
        var b = new JourneyPackageBuilder();
        foreach (var s in p.Structures) b.AddStructure(s);
        foreach (var j in p.Jeunes) b.AddJeune(j with { Naissance = S(j.Naissance), PremierAccueil = S(j.PremierAccueil) });
        foreach (var x in p.Contacts.All) b.Contacts.Add(x with { Date = S(x.Date) });
        foreach (var x in p.Orientations.All) b.Orientations.Add(x with { Date = S(x.Date) });
        foreach (var x in p.Parcours.All) b.Parcours.Add(x with { Debut = S(x.Debut), Fin = N(x.Fin) });
        foreach (var x in p.Propositions.All) b.Propositions.Add(x with { Date = S(x.Date) });
        foreach (var x in p.Situations.All) b.Situations.Add(x with { Debut = S(x.Debut), Fin = N(x.Fin) });
        foreach (var x in p.Droits.All) b.Droits.Add(x with { Date = S(x.Date) });
        foreach (var x in p.Parrainages.All) b.Parrainages.Add(x with { Debut = S(x.Debut), Fin = N(x.Fin) });
        b.Moyens.AddRange(p.Moyens.Select(m => m with { Annee = m.Annee + (S(new DateOnly(m.Annee, 7, 1)).Year - m.Annee) }));
        return b.Build();
    }
}
