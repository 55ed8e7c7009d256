using System.Globalization;
using Jalon.Domain;

namespace Jalon.Core.Tests.Indicators;

/// <summary>
/// A random but deterministic package (seeded) for the invariants and the performance measure: journeys around
/// 2014–2017 with about 18 event rows per young person, as in the national package.
/// </summary>
internal static class SyntheticPackage
{
    public static JourneyPackage Build(int seed, int structures, int jeunes, int regions)
    {
        var random = new Random(seed);
        var b = new JourneyPackageBuilder();
        string[] regionCodes = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"];
        for (var s = 0; s < structures; s++)
        {
            var code = "ML" + s.ToString("D3", CultureInfo.InvariantCulture);
            b.AddStructure(new Structure(code, "Mission locale " + code, regionCodes[s % Math.Min(regions, regionCodes.Length)], null));
            for (var year = 2014; year <= 2017; year++)
            {
                // Some structures miss their moyens or a column: null propagation is exercised.
                if (random.Next(20) == 0) continue;
                b.Moyens.Add(new Moyens(s, year, random.Next(20) == 0 ? null : random.Next(0, 5000), random.Next(0, 2000),
                    random.Next(1, 40), random.Next(0, 30), random.Next(100_000, 2_000_000), random.Next(50_000, 1_000_000),
                    random.Next(0, 800_000), random.Next(10) == 0 ? null : random.Next(0, 100_000)));
            }
        }
        var origin = new DateOnly(2013, 1, 1).DayNumber;
        DateOnly Day(int from, int span) => DateOnly.FromDayNumber(from + random.Next(span));
        for (var i = 0; i < jeunes; i++)
        {
            var structure = random.Next(structures);
            var accueil = Day(origin, 365 * 5);
            var j = b.AddJeune(new Jeune(structure, "J" + i.ToString(CultureInfo.InvariantCulture), accueil.AddYears(-16 - random.Next(10)),
                random.Next(2) == 0 ? Sexe.F : Sexe.H, (Niveau)random.Next(7), random.Next(3) > 0, null,
                random.Next(6) == 0, random.Next(8) == 0, accueil));
            var start = accueil.DayNumber;
            var contacts = random.Next(20);
            for (var k = 0; k < contacts; k++)
            {
                var mode = (ModeContact)random.Next(6);
                b.Contacts.Add(new Contact(j, Day(start, 900), mode, mode == ModeContact.Entretien && random.Next(5) == 0));
            }
            if (random.Next(6) == 0) b.Orientations.Add(new Orientation(j, Day(start, 700), (Operateur)random.Next(10)));
            var paths = random.Next(4);
            for (var k = 0; k < paths; k++)
            {
                var debut = Day(start, 700);
                DateOnly? fin = random.Next(4) == 0 ? null : debut.AddDays(random.Next(0, 500));
                b.Parcours.Add(new Parcours(j, (Dispositif)random.Next(6), debut, fin,
                    fin is null || random.Next(2) == 0 ? null : (MotifFin)random.Next(7), random.Next(2) == 0));
            }
            var propositions = random.Next(7);
            for (var k = 0; k < propositions; k++) b.Propositions.Add(new Proposition(j, Day(start, 800), (Theme)random.Next(9)));
            var situations = random.Next(5);
            for (var k = 0; k < situations; k++)
            {
                var debut = Day(start, 800);
                DateOnly? fin = random.Next(3) == 0 ? null : debut.AddDays(random.Next(0, 400));
                b.Situations.Add(new Situation(j, (TypeSituation)random.Next(15), debut, fin, random.Next(3) == 0 ? random.Next(1, 400) : null));
            }
            var droits = random.Next(3);
            for (var k = 0; k < droits; k++) b.Droits.Add(new Droit(j, Day(start, 800), (DomaineDroit)random.Next(6)));
            if (random.Next(15) == 0)
            {
                var debut = Day(start, 600);
                b.Parrainages.Add(new Parrainage(j, debut, random.Next(3) == 0 ? null : debut.AddDays(random.Next(300))));
            }
        }
        return b.Build();
    }
}
