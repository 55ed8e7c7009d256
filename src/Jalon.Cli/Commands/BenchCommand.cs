using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Generator;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Output;
using Jalon.Indicators.Secret;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon bench</c>: generates the national package once (440 structures, 1.1 M young people, two years), then times
/// what <c>jalon indicateurs</c> does on it — read, compute (all levels, N and N−1), write — and one structure's
/// computation. Prints figures; asserts nothing (docs/benchmarks.md).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var dossier = new Option<string>("--dossier") { Description = "Dossier du paquet national (généré s'il est absent)", DefaultValueFactory = _ => ".build/bench/national" };
        var structures = new Option<int>("--structures") { Description = "Structures du paquet généré", DefaultValueFactory = _ => 440 };
        var jeunes = new Option<int>("--jeunes") { Description = "Jeunes du paquet généré", DefaultValueFactory = _ => 1_100_000 };
        var annee = new Option<int>("--annee") { Description = "Année N", DefaultValueFactory = _ => 2016 };
        var repetitions = new Option<int>("--repetitions") { Description = "Nombre de mesures", DefaultValueFactory = _ => 3 };
        var secret = new Option<bool>("--secret") { Description = "Mesure aussi les décisions du secret statistique (année N : l'année et ses 12 mois)" };
        var command = new Command("bench", "Mesure le calcul des indicateurs sur le paquet national généré")
        {
            dossier, structures, jeunes, annee, repetitions, secret,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(dossier)!,
            parseResult.GetValue(structures),
            parseResult.GetValue(jeunes),
            parseResult.GetValue(annee),
            Math.Max(1, parseResult.GetValue(repetitions)),
            parseResult.GetValue(secret)));
        return command;
    }

    private static int Run(string dossier, int structures, int jeunes, int annee, int repetitions, bool secret)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!File.Exists(Path.Combine(dossier, "structures.csv")))
        {
            Console.WriteLine($"Génération du paquet ({structures} structures, {jeunes} jeunes, {annee - 1}–{annee}) dans {dossier}…");
            var g = Stopwatch.StartNew();
            var generated = JourneyGenerator.Generate(new GeneratorOptions { Structures = structures, Jeunes = jeunes, Annee = annee, Seed = 1 });
            PackageWriter.Write(generated, dossier);
            Console.WriteLine(string.Create(inv, $"  généré et écrit en {g.Elapsed.TotalSeconds:F1} s"));
            generated = null;
            GC.Collect();
        }

        var bytes = Directory.EnumerateFiles(dossier, "*.csv").Sum(f => new FileInfo(f).Length);
        var catalogue = Catalogue.Load("cpo-2015");
        var period = new Period(new DateOnly(annee, 1, 1), new DateOnly(annee, 12, 31));
        Console.WriteLine($"Paquet : {dossier} ({bytes / 1e6:F0} Mo de CSV) ; {Environment.ProcessorCount} cœurs ; période {period} et N−1");
        Console.WriteLine();
        Console.WriteLine("essai  lecture(s)  calcul(s)  écriture(s)  total(s)  lignes/s(lecture)");

        JourneyPackage? package = null;
        for (var r = 1; r <= repetitions; r++)
        {
            package = null;
            GC.Collect();
            var total = Stopwatch.StartNew();
            var read = PackageReader.Read(dossier);
            if (read.Package is null)
            {
                read.WriteIssues(Console.Error, errors: true, anomalies: false, warnings: false);
                return 2;
            }
            package = read.Package;
            var readTime = total.Elapsed;
            var t = Stopwatch.StartNew();
            var results = IndicatorEngine.Compute(package, catalogue, new IndicatorRequest(period) { WithPreviousYear = true });
            var computeTime = t.Elapsed;
            t.Restart();
            IndicatorJsonWriter.Write(results, Stream.Null);
            var writeTime = t.Elapsed;
            var rows = RowCount(package);
            Console.WriteLine(string.Create(inv,
                $"{r,5}  {readTime.TotalSeconds,10:F2}  {computeTime.TotalSeconds,9:F2}  {writeTime.TotalSeconds,11:F2}  {total.Elapsed.TotalSeconds,8:F2}  {rows / readTime.TotalSeconds,17:N0}"));
        }

        var p = package!;
        var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Lignes lues : {RowCount(p):N0} ({p.Jeunes.Length:N0} jeunes, {p.Structures.Count} structures)"));
        Console.WriteLine(string.Create(inv, $"Mémoire de pointe (processus) : {process.PeakWorkingSet64 / 1e6:F0} Mo"));

        // One structure: the largest, as its own package (what the web dashboard computes from a structure's data).
        var sizes = new int[p.Structures.Count];
        foreach (var j in p.Jeunes) sizes[j.Structure]++;
        var largest = Array.IndexOf(sizes, sizes.Max());
        var one = p.ForStructure(largest);
        var code = p.Structures[largest].Code;
        var best = TimeSpan.MaxValue;
        for (var r = 0; r < 5; r++)
        {
            var t = Stopwatch.StartNew();
            IndicatorEngine.Compute(one, catalogue, new IndicatorRequest(period) { WithPreviousYear = true });
            if (t.Elapsed < best) best = t.Elapsed;
        }
        Console.WriteLine(string.Create(inv, $"Une structure ({code}, {one.Jeunes.Length:N0} jeunes, N et N−1) : {best.TotalMilliseconds:F1} ms (meilleur de 5)"));
        var filtered = TimeSpan.MaxValue;
        for (var r = 0; r < 3; r++)
        {
            var t = Stopwatch.StartNew();
            IndicatorEngine.Compute(p, catalogue, new IndicatorRequest(period) { WithPreviousYear = true, Structures = [code] });
            if (t.Elapsed < filtered) filtered = t.Elapsed;
        }
        Console.WriteLine(string.Create(inv, $"Une structure filtrée dans le paquet national : {filtered.TotalMilliseconds:F1} ms (meilleur de 3)"));
        if (secret) BenchSecret(p, catalogue, annee);
        return 0;
    }

    /// <summary>
    /// Statistical secrecy over the nation: the decisions for the year N (counts that do not add up across periods)
    /// and for its months, quarters and year (those that do), with the share of count cells masked.
    /// </summary>
    private static void BenchSecret(JourneyPackage p, Catalogue catalogue, int annee)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = Stopwatch.StartNew();
        var periods = SecretStatistique.Mois(annee).Append(Period.Year(annee)).ToList();
        var tallies = IndicatorEngine.Tally(p, catalogue, periods).ToDictionary(x => (x.Structure, x.Period));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Secret statistique : décomptes de l'année {annee} et de ses 12 mois en {t.Elapsed.TotalSeconds:F1} s"));
        var territoires = new Territoires(p.Structures);
        foreach (var unite in new[] { UniteSecret.DeLaPeriode(Period.Year(annee)), UniteSecret.DeLAnnee(annee) })
        {
            var (best, bestCpu) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
            DecisionsSecret? d = null;
            for (var r = 0; r < 5; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                t.Restart();
                d = SecretStatistique.Decider(catalogue, territoires, unite, (s, per) => tallies[(territoires.Code(s), per)]);
                if (t.Elapsed < best) best = t.Elapsed;
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                if (cpu < bestCpu) bestCpu = cpu;
            }
            var cells = d!.Periodes.Count * territoires.Count;
            Console.WriteLine(string.Create(inv,
                $"  {unite} : {best.TotalMilliseconds:F0} ms (processeur {bestCpu.TotalMilliseconds:F0} ms, meilleurs de 5), {d.CellulesMasquees:N0} cases masquées, {d.SansGlissement} sans glissement"));
        }
    }

    private static long RowCount(JourneyPackage p) =>
        (long)p.Structures.Count + p.Jeunes.Length + p.Contacts.Count + p.Orientations.Count + p.Parcours.Count
        + p.Propositions.Count + p.Situations.Count + p.Droits.Count + p.Parrainages.Count + p.Moyens.Count;
}
