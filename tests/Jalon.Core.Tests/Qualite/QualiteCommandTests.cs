using System.Globalization;
using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Qualite;

/// <summary>The command-line contract of <c>jalon qualite</c> (docs/qualite.md) on the spec's worked package.</summary>
public sealed class QualiteCommandTests
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");
    private static readonly DateOnly Today = new(2017, 3, 31);

    private static (int Code, string[] Out, string Err) Run(string structure, string? aujourdhui = "2017-03-31", bool tendance = false,
        string? debut = "2016-01-01", string? fin = "2016-12-31", string donnees = "")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = QualiteCommand.Run(donnees.Length == 0 ? Example : donnees, structure, aujourdhui, debut, fin, "cpo-2015", tendance, stdout, stderr);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    [Theory]
    [InlineData("ML-A")]
    [InlineData("ML-B")]
    public void Prints_the_structure_s_files_and_findings_as_the_analysis_counts_them(string structure)
    {
        var (code, lines, err) = Run(structure);
        Assert.Equal(0, code);
        // The timings go to standard error, never to the output a script reads.
        Assert.Contains("lecture du paquet", err, StringComparison.Ordinal);
        var package = PackageReader.Read(Example).Package!;
        var index = package.Structures.Select((s, i) => (s.Code, i)).Single(s => s.Code == structure).i;
        var files = Enumerable.Range(0, package.Jeunes.Length).Where(j => package.Jeunes[j].Structure == index).ToArray();
        Assert.NotEmpty(files);
        var report = QualityAnalysis.Analyse(package, Today, files);
        var clean = files.Count(report.IsClean);

        string Value(string key) => Assert.Single(lines, l => l.StartsWith(key + "\t", StringComparison.Ordinal)).Split('\t')[1];
        Assert.Equal(structure, Value("structure"));
        Assert.Equal(files.Length.ToString(CultureInfo.InvariantCulture), Value("dossiers"));
        Assert.Equal(clean.ToString(CultureInfo.InvariantCulture), Value("sans_constat"));
        Assert.Equal(((double)clean / files.Length).ToString("0.0000", CultureInfo.InvariantCulture), Value("part_sans_constat"));
        Assert.Equal(report.Findings.Count.ToString(CultureInfo.InvariantCulture), Value("constats"));
        // One « type » line per kind found, with its count and French label; the counts add up to the findings.
        var types = lines.Where(l => l.StartsWith("type\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        Assert.Equal(report.Findings.GroupBy(f => f.Kind).Select(g => (g.Key.ToString(), g.Count())).OrderBy(t => t.Item1, StringComparer.Ordinal),
            types.Select(t => (t[1], int.Parse(t[2], CultureInfo.InvariantCulture))).OrderBy(t => t.Item1, StringComparer.Ordinal));
        foreach (var t in types) Assert.Equal(QualityAnalysis.Libelle(Enum.Parse<QualityKind>(t[1])), t[4]);
        // Every indented line is an indicator shift « key, before, after » under its kind.
        foreach (var l in lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal)))
            Assert.Equal(3, l.Trim().Split('\t').Length);
    }

    [Fact]
    public void The_trend_gives_the_twelve_month_ends_before_the_day()
    {
        var (code, lines, _) = Run("ML-A", tendance: true);
        Assert.Equal(0, code);
        var trend = lines.Where(l => l.StartsWith("tendance\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        Assert.Equal(12, trend.Count);
        var ends = trend.Select(t => DateOnly.ParseExact(t[1], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ends.Order(), ends);
        Assert.All(ends, e => Assert.Equal(e, new DateOnly(e.Year, e.Month, DateTime.DaysInMonth(e.Year, e.Month))));
        Assert.True(ends[^1] <= Today);
        // A month with files gives their share, in [0, 1].
        Assert.All(trend.Where(t => t[3].Length > 0), t => Assert.InRange(double.Parse(t[3], CultureInfo.InvariantCulture), 0, 1));
    }

    [Fact]
    public void Bad_arguments_exit_2_with_a_french_message_and_print_nothing()
    {
        foreach (var (structure, aujourdhui, debut, fin, donnees, message) in new[]
        {
            ("ML-Z", "2017-03-31", "2016-01-01", "2016-12-31", "", "Structure inconnue"),
            ("ML-A", "31/03/2017", "2016-01-01", "2016-12-31", "", "Date invalide"),
            ("ML-A", "2017-03-31", "2016-12-31", "2016-01-01", "", "postérieure"),
            ("ML-A", "2017-03-31", "2016-01-01", "2016-12-31", "/nulle/part", "Dossier introuvable"),
        })
        {
            var (code, lines, err) = Run(structure, aujourdhui, debut: debut, fin: fin, donnees: donnees);
            Assert.Equal(2, code);
            Assert.Empty(lines);
            Assert.Contains(message, err, StringComparison.Ordinal);
        }
    }
}
