using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The demo region from Jalon's generator: Auvergne-Rhône-Alpes (84), with the two seed Missions Locales — the Drôme des
/// Collines (seed 000: its communes, sites, 2010 BRH and context) and Moulins (seed 004: its territory, sites, 2019 budget
/// and context), read from their packages embedded in this assembly (<c>Seed/Graines</c>, also the tests' fixtures) — and
/// <see cref="GeneratedStructures"/> generated Missions Locales in the rest of the region. Young people live in real INSEE
/// communes of each territory with realistic journeys, moved in time so that the generator's extraction day is today (the
/// portfolio then shows live alerts), then are given French names (<see cref="FrenchNames"/>) and counsellors.
/// </summary>
public static class GeneratedJourneys
{
    public const long Seed = 2026;
    public const string Region = "84";
    public const int GeneratedStructures = 12;

    /// <summary>The seed packages: folder under <c>Seed/Graines</c>, and the share of the demo's young people given to it.</summary>
    public static readonly (string Graine, double Part)[] Graines = [("drome-des-collines", 0.22), ("moulins", 0.13)];

    /// <summary>The size of a counsellor's active portfolio the demo aims at (seed 000: 105 active young people per FTE).</summary>
    public const int PortefeuilleCible = 115;

    /// <summary>A seed package embedded in this assembly (<c>Graines/NAME/*.csv</c>); it is valid (tested).</summary>
    public static JourneyPackage Graine(string name)
    {
        var assembly = typeof(GeneratedJourneys).Assembly;
        var result = PackageReader.Read(file => assembly.GetManifestResourceStream($"Graines/{name}/{file}"));
        if (!result.IsValid || result.Package is null)
            throw new InvalidOperationException($"Le paquet de la graine {name} est invalide : {string.Join(" ; ", result.Errors)}");
        return result.Package;
    }

    /// <summary>The demo region once imported: its structures (the two seed ones first) and who is followed today.</summary>
    public sealed record Demo(IReadOnlyList<Structure> Structures, IReadOnlySet<(string Structure, string Jeune)> Suivis);

    /// <summary>Generates and imports the region of about <paramref name="jeunes"/> young people.</summary>
    public static Demo Import(JalonDbContext db, DateOnly today, int jeunes)
    {
        var annee = today.Year - 1;
        var graines = Graines.Select(g => (Package: Graine(g.Graine), g.Part)).ToList();
        var given = graines.Select(g => new GivenStructure(
            g.Package.Structures[0],
            g.Package.StructureData.Territoires.Select(t => t.Commune).ToList(),
            Math.Max(1, (int)(jeunes * g.Part)))).ToList();
        var generated = JourneyGenerator.Generate(new GeneratorOptions
        {
            Structures = GeneratedStructures,
            Jeunes = Math.Max(GeneratedStructures, jeunes - given.Sum(g => g.Jeunes)),
            Seed = Seed,
            Annee = annee,
            Region = Region,
            Given = given,
        });
        var days = today.DayNumber - new DateOnly(annee, 12, 31).DayNumber;
        var builder = Shifted(generated, days);
        builder.StructureData = WithGraines(builder.StructureData, generated.Structures, graines.Select(g => g.Package).ToList());
        var package = builder.Build();
        PackageImporter.Import(db, package, "démonstration");

        var suivis = new HashSet<(string, string)>();
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            if (PortfolioAlerts.IsFollowed(package.Journey(i), today))
                suivis.Add((package.Structures[package.Jeunes[i].Structure].Code, package.Jeunes[i].Id));
        }
        return new Demo(package.Structures, suivis);
    }

    /// <summary>
    /// The generated package with the seed structures' own territory, sites and context (the generated ones dropped) and their
    /// own BRH and budget years added to the generated recent ones (which give the current FTE and financing).
    /// </summary>
    private static StructureData WithGraines(StructureData data, IReadOnlyList<Structure> structures, IReadOnlyList<JourneyPackage> graines)
    {
        var indexes = structures.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var seeded = graines.Select(g => indexes[g.Structures[0].Code]).ToHashSet();
        var own = graines.Select(g => g.StructureData.Remap(i => indexes[g.Structures[i].Code])).ToList();
        return new StructureData
        {
            Territoires = [.. data.Territoires.Where(t => !seeded.Contains(t.Structure)), .. own.SelectMany(o => o.Territoires)],
            Sites = [.. data.Sites.Where(s => !seeded.Contains(s.Structure)), .. own.SelectMany(o => o.Sites)],
            Brh = [.. data.Brh, .. own.SelectMany(o => o.Brh)],
            Budget = [.. data.Budget, .. own.SelectMany(o => o.Budget)],
            Contexte = [.. data.Contexte, .. own.SelectMany(o => o.Contexte)],
        };
    }

    /// <summary>
    /// Names every young person of a structure and shares them between its counsellors, in turn: the young people followed
    /// today first (so that every active portfolio has the same size, ± 1), then the older files.
    /// </summary>
    public static async Task NameAndAssignAsync(JalonDbContext db, string structure, IReadOnlyList<int> conseillers, IReadOnlySet<(string, string)>? suivis = null)
    {
        var people = await db.Jeunes.Where(j => j.StructureCode == structure).OrderBy(j => j.JeuneId).ToListAsync();
        var turn = 0;
        foreach (var group in people.GroupBy(j => suivis?.Contains((structure, j.JeuneId)) ?? false).OrderByDescending(g => g.Key))
        {
            foreach (var j in group)
            {
                (j.Prenom, j.Nom) = FrenchNames.For(Seed, j.StructureCode, j.JeuneId, j.Sexe);
                j.ConseillerId = conseillers[turn++ % conseillers.Count];
            }
            turn = 0;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// How many counsellors a structure needs so that each active portfolio is about <see cref="PortefeuilleCible"/> young
    /// people (within 80–150 when the structure follows at least 80), at least <paramref name="minimum"/>.
    /// </summary>
    public static int Conseillers(int suivis, int minimum = 1) =>
        Math.Max(minimum, suivis <= 150 ? 1 : Math.Max(2, (int)Math.Round(suivis / (double)PortefeuilleCible)));

    /// <summary>The same package with every date moved by <paramref name="days"/> (and the years of moyens, BRH and budget with them).</summary>
    public static JourneyPackage Shift(JourneyPackage p, int days) => Shifted(p, days).Build();

    private static JourneyPackageBuilder Shifted(JourneyPackage p, int days)
    {
        DateOnly S(DateOnly d) => d.AddDays(days);
        DateOnly? N(DateOnly? d) => d?.AddDays(days);
        int Y(int annee) => annee + (S(new DateOnly(annee, 7, 1)).Year - annee);
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
        b.Moyens.AddRange(p.Moyens.Select(m => m with { Annee = Y(m.Annee) }));
        var d = p.StructureData;
        b.StructureData = new StructureData
        {
            Territoires = d.Territoires.Select(t => t with { Debut = S(t.Debut), Fin = N(t.Fin) }).ToArray(),
            Sites = d.Sites.Select(s => s with { Debut = N(s.Debut), Fin = N(s.Fin) }).ToArray(),
            Brh = d.Brh.Select(l => l with { Annee = Y(l.Annee) }).ToArray(),
            Budget = d.Budget.Select(l => l with { Annee = Y(l.Annee) }).ToArray(),
            Contexte = d.Contexte.Select(l => l with { Annee = Y(l.Annee), Date = N(l.Date) }).ToArray(),
        };
        b.Employeurs = p.Employeurs.Shift(days);
        return b;
    }
}
