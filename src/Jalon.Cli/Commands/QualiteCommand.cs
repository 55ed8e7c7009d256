using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Qualite;

namespace Jalon.Cli.Commands;

/// <summary>
/// <c>jalon qualite --donnees DIR --structure CODE --aujourdhui AAAA-MM-JJ [--debut … --fin …] [--catalogue KEY] [--tendance]</c>:
/// the data-quality assistant on a package (docs/qualite.md): the share of files with no finding, and per kind of finding
/// its count and the structure's figures its obvious fix moves (the engine recomputed). Timings on standard error.
/// </summary>
public static class QualiteCommand
{
    public static Command Create()
    {
        var donnees = new Option<string>("--donnees") { Description = "Dossier du paquet au format d'échange", Required = true };
        var structure = new Option<string>("--structure") { Description = "Code de la structure analysée", Required = true };
        var aujourdhui = new Option<string>("--aujourdhui") { Description = "Jour de l'analyse (AAAA-MM-JJ ; par défaut aujourd'hui à Paris)" };
        var debut = new Option<string>("--debut") { Description = "Début de la période des indicateurs (par défaut le 1er janvier de l'année de l'analyse)" };
        var fin = new Option<string>("--fin") { Description = "Fin de la période des indicateurs (par défaut le jour de l'analyse)" };
        var catalogue = new Option<string>("--catalogue") { Description = "Catalogue d'indicateurs", DefaultValueFactory = _ => Catalogue.Defaut };
        var tendance = new Option<bool>("--tendance") { Description = "Aussi la part des dossiers sans constat aux 12 dernières fins de mois" };
        var command = new Command("qualite", "Qualité des données d'une structure : dossiers sans constat, constats par type et indicateurs qu'ils faussent")
        {
            donnees, structure, aujourdhui, debut, fin, catalogue, tendance,
        };
        command.SetAction(p => Run(p.GetValue(donnees)!, p.GetValue(structure)!, p.GetValue(aujourdhui), p.GetValue(debut), p.GetValue(fin),
            p.GetValue(catalogue) ?? Catalogue.Defaut, p.GetValue(tendance), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string donnees, string structure, string? aujourdhui, string? debut, string? fin, string catalogueId, bool tendance,
        TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        int Fail(string message)
        {
            stderr.WriteLine(message);
            return 2;
        }
        var today = Dates.TodayInParis();
        if (aujourdhui is not null && !IndicateursCommand.TryParseDate(aujourdhui, out today)) return Fail($"Date invalide : « {aujourdhui} » (AAAA-MM-JJ).");
        var from = new DateOnly(today.Year, 1, 1);
        var to = today;
        if (debut is not null && !IndicateursCommand.TryParseDate(debut, out from)) return Fail($"Date de début invalide : « {debut} » (AAAA-MM-JJ).");
        if (fin is not null && !IndicateursCommand.TryParseDate(fin, out to)) return Fail($"Date de fin invalide : « {fin} » (AAAA-MM-JJ).");
        if (from > to) return Fail("La date de début est postérieure à la date de fin.");
        if (!Directory.Exists(donnees)) return Fail($"Dossier introuvable : « {donnees} ».");
        Catalogue catalogue;
        try
        {
            catalogue = Catalogue.Load(catalogueId);
        }
        catch (KeyNotFoundException)
        {
            return Fail($"Catalogue inconnu : « {catalogueId} ».");
        }

        var clock = Stopwatch.StartNew();
        var read = PackageReader.Read(donnees);
        if (read.Package is not { } package)
        {
            read.WriteIssues(stderr, anomalies: false, warnings: false);
            return Fail("Le paquet contient des erreurs : lancez « jalon valider » pour la liste.");
        }
        var lecture = clock.Elapsed;
        var index = -1;
        for (var s = 0; s < package.Structures.Count; s++)
        {
            if (package.Structures[s].Code == structure) index = s;
        }
        if (index < 0) return Fail($"Structure inconnue dans le paquet : « {structure} ».");

        clock.Restart();
        var files = Enumerable.Range(0, package.Jeunes.Length).Where(j => package.Jeunes[j].Structure == index).ToArray();
        var report = QualityAnalysis.Analyse(package, today, files);
        var analyse = clock.Elapsed;
        clock.Restart();
        var impacts = QualityImpact.ParType(report, catalogue, new IndicatorRequest(new Period(from, to)), structure);
        var impact = clock.Elapsed;

        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var clean = files.Count(report.IsClean);
        stdout.WriteLine($"structure\t{structure}");
        stdout.WriteLine($"dossiers\t{files.Length}");
        stdout.WriteLine($"sans_constat\t{clean}");
        stdout.WriteLine($"part_sans_constat\t{(files.Length == 0 ? "" : ((double)clean / files.Length).ToString("0.0000", CultureInfo.InvariantCulture))}");
        stdout.WriteLine($"constats\t{report.Findings.Count}");
        foreach (var k in impacts)
        {
            stdout.WriteLine($"type\t{k.Kind}\t{k.Constats}\t{k.Corrigeables}\t{QualityAnalysis.Libelle(k.Kind)}");
            foreach (var s in k.Indicateurs)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Cle}{(s.Ventilation is { } v ? "." + v.Cle() : "")}\t{s.Avant?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-"}\t{s.Apres?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-"}"));
            }
        }
        TimeSpan? tendanceDuree = null;
        if (tendance)
        {
            clock.Restart();
            foreach (var (finDeMois, dossiers, part) in QualityAnalysis.Tendance(package, today, 12, files))
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tendance\t{finDeMois:yyyy-MM-dd}\t{dossiers}\t{part?.ToString("0.0000", CultureInfo.InvariantCulture) ?? ""}"));
            tendanceDuree = clock.Elapsed;
        }
        var suite = tendanceDuree is { } t ? string.Create(fr, $" ; tendance 12 mois {t.TotalMilliseconds:0} ms") : "";
        stderr.WriteLine(string.Create(fr,
            $"lecture du paquet {lecture.TotalSeconds:0.00} s ; analyse de {files.Length} dossiers {analyse.TotalMilliseconds:0} ms ; impact ({impacts.Count(k => k.Corrigeables > 0) + 1} calculs du moteur) {impact.TotalMilliseconds:0} ms{suite}"));
        return 0;
    }
}
