using System.Text;
using System.Text.Json;
using Jalon.Cli.Commands;

namespace Jalon.Core.Tests.Indicators;

/// <summary>The command-line contract of <c>jalon indicateurs</c>.</summary>
public sealed class IndicateursCommandTests
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");

    private static (int Code, byte[] Out, string Err) Run(string donnees, string debut, string fin, string format = "json")
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = IndicateursCommand.Run(donnees, debut, fin, format, "cpo-2015", mesures: false, stdout, stderr);
        return (code, stdout.ToArray(), stderr.ToString());
    }

    [Fact]
    public void Json_output_of_the_example_is_the_expected_one()
    {
        var (code, output, err) = Run(Example, "2016-01-01", "2016-12-31");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var actual = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Example, "attendu-2016.json")));
        WorkedExampleTests.AssertSameJson(expected.RootElement, actual.RootElement, "$");
    }

    [Fact]
    public void Csv_output_is_for_french_excel()
    {
        var (code, output, _) = Run(Example, "2016-01-01", "2016-12-31", "csv");
        Assert.Equal(0, code);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, output[..3]);
        var lines = Encoding.UTF8.GetString(output[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 5 * 86, lines.Length);
        Assert.StartsWith("niveau;code;nom;indicateur;libellé;nature;valeur;femmes;infra V;QPV;ZRR;NEET;valeur N-1", lines[0], StringComparison.Ordinal);
        var r2 = lines.Single(l => l.StartsWith("national;FR;France;R2;", StringComparison.Ordinal)).Split(';');
        Assert.Equal("1,5", r2[6]);
        Assert.Equal("2", r2[12]); // N−1: 2 received in 2015, 1 in 2014
        var i3 = lines.Single(l => l.StartsWith("national;FR;France;I3;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(["3", "2", "1", "2", "0", "2"], i3[6..12]);
        var i10c = lines.Single(l => l.StartsWith("structure;ML-A;Mission locale A;I10.1.c.part;", StringComparison.Ordinal)).Split(';');
        Assert.Equal("0,1", i10c[6]);
    }

    [Theory]
    [InlineData("2016-12-31", "2016-01-01", "postérieure")]
    [InlineData("2016-13-01", "2016-12-31", "Date de début invalide")]
    [InlineData("2016-01-01", "31/12/2016", "Date de fin invalide")]
    public void Bad_dates_are_refused_in_french_with_code_2(string debut, string fin, string message)
    {
        var (code, output, err) = Run(Example, debut, fin);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_package_prints_the_reader_errors_with_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("jalon-indicateurs-");
        try
        {
            foreach (var file in Directory.GetFiles(Example, "*.csv")) File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
            var contacts = Path.Combine(dir.FullName, "contacts.csv");
            File.WriteAllText(contacts, File.ReadAllText(contacts).Replace("ML-A,A3,2016-11-20", "ML-Z,A3,2016-11-20", StringComparison.Ordinal));
            var (code, output, err) = Run(dir.FullName, "2016-01-01", "2016-12-31");
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Contains("contacts.csv:6:", err, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
