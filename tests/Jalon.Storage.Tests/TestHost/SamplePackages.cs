using System.Globalization;
using Jalon.Domain;

namespace Jalon.Storage.Tests;

/// <summary>Deterministic packages exercising every field of the format, and a canonical text form to compare them.</summary>
public static class SamplePackages
{
    public static JourneyPackage Create(int structures = 3, int jeunesPerStructure = 40, int seed = 1, int structureOffset = 0, int eventsScale = 1)
    {
        var random = new Random(seed);
        var b = new JourneyPackageBuilder();
        for (var s = 0; s < structures; s++)
        {
            var code = $"ML{s + structureOffset:000}";
            var structure = b.AddStructure(new Structure(code, $"Mission Locale n°{s + structureOffset}", random.Next(2) == 0 ? "84" : "11", s % 2 == 0 ? "69" : null));
            for (var k = 0; k < jeunesPerStructure; k++)
            {
                var accueil = new DateOnly(2015, 1, 1).AddDays(random.Next(700));
                var jeune = b.AddJeune(new Jeune(structure, $"J{random.Next(1_000_000):000000}-{k}",
                    accueil.AddYears(-16 - random.Next(9)).AddDays(-random.Next(365)),
                    (Sexe)random.Next(2), (Niveau)random.Next(7), random.Next(2) == 0,
                    random.Next(4) == 0 ? null : $"{69000 + random.Next(400)}", random.Next(5) == 0, random.Next(9) == 0, accueil));
                AddEvents(b, random, jeune, accueil, eventsScale);
            }
            b.Moyens.Add(new Moyens(structure, 2016, 1200 + s, random.Next(3) == 0 ? null : 800, 12.5m, 8.25m, 650_000.10m, null, 300_000m, 12_345.67m));
            b.Moyens.Add(new Moyens(structure, 2015, null, null, null, null, null, null, null, null));
        }
        return b.Build();
    }

    private static void AddEvents(JourneyPackageBuilder b, Random random, int jeune, DateOnly accueil, int scale)
    {
        DateOnly Day(int max = 600) => accueil.AddDays(random.Next(max));
        DateOnly? End(DateOnly debut) => random.Next(3) == 0 ? null : debut.AddDays(random.Next(400));
        for (var i = random.Next(12 * scale); i > 0; i--)
        {
            var mode = (ModeContact)random.Next(6);
            b.Contacts.Add(new Contact(jeune, Day(), mode, mode == ModeContact.Entretien && random.Next(4) == 0));
        }
        for (var i = random.Next(3); i > 0; i--) b.Orientations.Add(new Orientation(jeune, Day(), (Operateur)random.Next(10)));
        for (var i = random.Next(3); i > 0; i--)
        {
            var debut = Day();
            var fin = End(debut);
            b.Parcours.Add(new Parcours(jeune, (Dispositif)random.Next(6), debut, fin, fin is null ? null : (MotifFin)random.Next(7), random.Next(2) == 0));
        }
        for (var i = random.Next(6 * scale); i > 0; i--) b.Propositions.Add(new Proposition(jeune, Day(), (Theme)random.Next(9)));
        for (var i = random.Next(4); i > 0; i--)
        {
            var debut = Day();
            b.Situations.Add(new Situation(jeune, (TypeSituation)random.Next(15), debut, End(debut), random.Next(3) == 0 ? 30 + random.Next(400) : null));
        }
        for (var i = random.Next(3); i > 0; i--) b.Droits.Add(new Droit(jeune, Day(), (DomaineDroit)random.Next(6)));
        if (random.Next(6) == 0)
        {
            var debut = Day();
            b.Parrainages.Add(new Parrainage(jeune, debut, End(debut)));
        }
    }

    /// <summary>The same package with its (single) structure renamed <paramref name="code"/>.</summary>
    public static JourneyPackage Renamed(JourneyPackage p, string code) => new()
    {
        Structures = [p.Structures[0] with { Code = code }], Jeunes = p.Jeunes, Contacts = p.Contacts, Orientations = p.Orientations,
        Parcours = p.Parcours, Propositions = p.Propositions, Situations = p.Situations, Droits = p.Droits, Parrainages = p.Parrainages, Moyens = p.Moyens,
    };

    /// <summary>
    /// One line per structure, young person and moyens, sorted by key; each young person's events in their
    /// order. Two packages with the same lines hold the same data, whatever the order of their arrays.
    /// </summary>
    /// <param name="sortEvents">Compare each young person's events as sets (the exchange files' writer orders them by date).</param>
    public static List<string> Canonical(JourneyPackage p, bool sortEvents = false)
    {
        var lines = new List<string>();
        lines.AddRange(p.Structures.Select(s => $"S {s}"));
        for (var j = 0; j < p.Jeunes.Length; j++)
        {
            var journey = p.Journey(j);
            var jeune = journey.Jeune;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"J {p.Structures[jeune.Structure].Code}/{jeune with { Structure = 0 }} | {Join(journey.Contacts, sortEvents)} | {Join(journey.Orientations, sortEvents)} | {Join(journey.Parcours, sortEvents)} | {Join(journey.Propositions, sortEvents)} | {Join(journey.Situations, sortEvents)} | {Join(journey.Droits, sortEvents)} | {Join(journey.Parrainages, sortEvents)}");
            lines.Add(line);
        }
        // Decimals by value: 12.50 and 12.5 are the same amount (SQLite keeps no scale).
        lines.AddRange(p.Moyens.Select(m => $"M {p.Structures[m.Structure].Code} " + string.Join(" ",
            m.Annee, m.Jano, m.Defm, D(m.EtpTotal), D(m.EtpAccompagnement), D(m.FinancementTotal),
            D(m.FinancementActivitesPrincipales), D(m.FinancementEtat), D(m.FinancementFse))));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string D(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture) ?? "∅";

    private static string Join<T>(ReadOnlySpan<T> events, bool sort) where T : struct, IJeuneEvent
    {
        var parts = new List<string>();
        foreach (var e in events) parts.Add(e.ToString()!.Replace($"Jeune = {e.Jeune}, ", "", StringComparison.Ordinal));
        if (sort) parts.Sort(StringComparer.Ordinal);
        return string.Join("; ", parts);
    }
}
