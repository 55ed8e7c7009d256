using System.Text;
using System.Text.Json;
using Jalon.Cli.Commands;

namespace Jalon.Core.Tests.Financement;

/// <summary>The command-line contract of <c>jalon financement</c> (issue 9).</summary>
public sealed class FinancementCommandTests(FinancementPackage data) : IClassFixture<FinancementPackage>
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");

    private static (int Code, string Out, string Err) Run(FinancementCommand.Arguments a)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = FinancementCommand.Run(a, stdout, stderr);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private FinancementCommand.Arguments Args(string? region = null, string enveloppe = "1500000", string? axe3 = null, string? poids = null, string format = "json") =>
        new(data.Directory, "region-alsace-2015", "2017", enveloppe, region ?? data.Regions[0], axe3, poids, format);

    private static string Temp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "jalon-fin-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Json_follows_the_contract()
    {
        var (code, output, err) = Run(Args(enveloppe: "1234567.89"));
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["grille", "annee", "enveloppe", "axes", "structures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("region-alsace-2015", root.GetProperty("grille").GetString());
        Assert.Equal(2017, root.GetProperty("annee").GetInt32());
        Assert.Contains("\"enveloppe\": 1234567.89,", output, StringComparison.Ordinal);
        var axes = root.GetProperty("axes").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], axes.Select(a => a.GetProperty("axe").GetInt32()));
        Assert.Equal([0.5m, 0.35m, 0.15m], axes.Select(a => a.GetProperty("part").GetDecimal()));
        Assert.Equal(1234567.89m, axes.Sum(a => a.GetProperty("montant").GetDecimal()));
        var structures = root.GetProperty("structures").EnumerateArray().ToArray();
        Assert.Equal(data.Package.Structures.Where(s => s.Region == data.Regions[0]).Select(s => s.Code).Order(StringComparer.Ordinal),
            structures.Select(s => s.GetProperty("structure").GetString()));
        foreach (var s in structures)
        {
            Assert.Equal(["structure", "axe1", "axe2", "axe3", "total", "premier_versement", "solde"], s.EnumerateObject().Select(p => p.Name));
            Assert.Equal(s.GetProperty("total").GetDecimal(), s.GetProperty("axe1").GetDecimal() + s.GetProperty("axe2").GetDecimal() + s.GetProperty("axe3").GetDecimal());
            Assert.Equal(s.GetProperty("solde").GetDecimal(), s.GetProperty("total").GetDecimal() - s.GetProperty("premier_versement").GetDecimal());
        }
        for (var i = 0; i < 3; i++)
            Assert.Equal(axes[i].GetProperty("montant").GetDecimal(), structures.Sum(s => s.GetProperty("axe" + (i + 1)).GetDecimal()));
        // Every amount is written with 2 decimals.
        Assert.Matches("\"premier_versement\": [0-9]+\\.[0-9]{2}\\b", output);
    }

    [Fact]
    public void Unspent_axis_3_is_reported_at_the_top_level()
    {
        var codes = data.Package.Structures.Where(s => s.Region == data.Regions[0]).Select(s => s.Code).ToArray();
        var all = Temp("structure;montant;argument\n" + string.Join("\n", codes.Select(c => $"{c};1000,50;\"Projet coopératif; chambres consulaires\"")) + "\n");
        var some = Temp("structure,montant,argument\n" + codes[0] + ",1000.50,Projet coopératif\n");
        try
        {
            var (code, output, _) = Run(Args(axe3: all));
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(output);
            var axe3 = doc.RootElement.GetProperty("axes")[2].GetProperty("montant").GetDecimal();
            Assert.Equal(axe3 - 1000.50m * codes.Length, doc.RootElement.GetProperty("non_attribue").GetDecimal());
            Assert.All(doc.RootElement.GetProperty("structures").EnumerateArray(), s => Assert.Equal(1000.50m, s.GetProperty("axe3").GetDecimal()));

            (code, output, _) = Run(Args(axe3: some));
            Assert.Equal(0, code);
            using var partial = JsonDocument.Parse(output);
            Assert.False(partial.RootElement.TryGetProperty("non_attribue", out _));
        }
        finally
        {
            File.Delete(all);
            File.Delete(some);
        }
    }

    [Fact]
    public void Bad_files_get_located_french_errors_and_code_2()
    {
        var axe3 = Temp("structure;montant;argument\nXX99;12;ok\n" + data.Package.Structures.First(s => s.Region == data.Regions[0]).Code + ";12,345;\n");
        var poids = Temp("axe;indicateur;poids\n1;RG5;2\n3;RG1;1\n2;RG6;-1\n1;RG2;deux\n");
        try
        {
            var (code, output, err) = Run(Args(axe3: axe3, poids: poids));
            Assert.Equal(2, code);
            Assert.Equal("", output);
            var name = Path.GetFileName(poids);
            Assert.Contains($"{name}:2: indicateur: indicateur « RG5 » hors de l'axe 1 (attendu RG1, RG2, RG3, RG4)", err, StringComparison.Ordinal);
            Assert.Contains($"{name}:3: axe: l'axe 3 est décidé structure par structure (fichier --axe3) : il n'a pas de poids", err, StringComparison.Ordinal);
            Assert.Contains($"{name}:4: poids: poids « -1 » invalide", err, StringComparison.Ordinal);
            Assert.Contains($"{name}:5: poids: poids « deux » invalide", err, StringComparison.Ordinal);
            var a3 = Path.GetFileName(axe3);
            Assert.Contains($"{a3}:2: structure: structure « XX99 » absente de la région", err, StringComparison.Ordinal);
            Assert.Contains($"{a3}:3: montant: montant « 12,345 » invalide", err, StringComparison.Ordinal);
            Assert.Contains($"{a3}:3: argument: argument manquant", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(axe3);
            File.Delete(poids);
        }
    }

    [Fact]
    public void Decisions_above_the_axis_3_envelope_are_refused()
    {
        var codes = data.Package.Structures.Where(s => s.Region == data.Regions[0]).Select(s => s.Code).ToArray();
        var axe3 = Temp("structure;montant;argument\n" + codes[0] + ";200000;Projet\n" + codes[1] + ";25000,01;Projet\n");
        try
        {
            // Envelope 1 500 000 €: axis 3 is 225 000 €.
            var (code, output, err) = Run(Args(axe3: axe3));
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Equal("Axe 3 : les montants décidés (225000.01 €) dépassent l'enveloppe de l'axe (225000.00 €).", err.Trim());
        }
        finally
        {
            File.Delete(axe3);
        }
    }

    [Fact]
    public void Weights_from_a_file_change_the_allocation()
    {
        var poids = Temp("axe;indicateur;poids\n1;RG1;0\n1;RG2;0\n1;RG4;0\n");
        try
        {
            var (code, output, err) = Run(Args(poids: poids));
            Assert.Equal(0, code);
            Assert.Equal("", err);
            // Axis 1 is then shared on JDI (RG3) alone.
            var request = data.Request(data.Regions[0], 1_500_000m);
            var total = request.Structures.Sum(s => request.Valeurs[(s, "RG3")]);
            using var doc = JsonDocument.Parse(output);
            foreach (var s in doc.RootElement.GetProperty("structures").EnumerateArray())
            {
                var share = 750_000m * request.Valeurs[(s.GetProperty("structure").GetString()!, "RG3")] / total;
                Assert.InRange(s.GetProperty("axe1").GetDecimal() - share, -0.01m, 0.01m);
            }
        }
        finally
        {
            File.Delete(poids);
        }
    }

    [Fact]
    public void Csv_is_for_french_excel()
    {
        var (code, output, _) = Run(Args(format: "csv", enveloppe: "1000000"));
        Assert.Equal(0, code);
        Assert.StartsWith("\uFEFFstructure;axe1;axe2;axe3;total;premier_versement;solde\r\n", output, StringComparison.Ordinal);
        var lines = output.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ENVELOPPE;500000,00;350000,00;150000,00;1000000,00;;", lines[^1]);
    }

    [Fact]
    public void Region_is_required_when_the_package_has_several_and_jano_must_be_known()
    {
        var (code, _, err) = Run(new(Example, "region-alsace-2015", "2017", "100000", null, null, null, "json"));
        Assert.Equal(2, code);
        Assert.Equal("Le paquet couvre plusieurs régions (44, 84) : préciser --region CODE (code INSEE de la région).", err.Trim());

        (code, var output, err) = Run(new(Example, "region-alsace-2015", "2017", "100000", "84", null, null, "json"));
        Assert.Equal(0, code);
        Assert.Contains("\"structure\": \"ML-A\"", output, StringComparison.Ordinal);

        (code, _, err) = Run(new(Example, "region-alsace-2015", "2018", "100000", "84", null, null, "json"));
        Assert.Equal(2, code);
        Assert.StartsWith("JANO du territoire (RG1) manquant pour la structure ML-A (moyens.csv, colonne jano, année 2017)", err, StringComparison.Ordinal);

        (code, _, err) = Run(new(Example, "region-alsace-2015", "2017", "100000", "11", null, null, "json"));
        Assert.Equal(2, code);
        Assert.Contains("Région « 11 » absente du paquet", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpo-2015", "2017", "1000", "json", "n'a pas de section financement")]
    [InlineData("region-alsace-2015", "17", "1000", "json", "Année invalide")]
    [InlineData("region-alsace-2015", "2017", "10.001", "json", "Enveloppe invalide")]
    [InlineData("region-alsace-2015", "2017", "-5", "json", "Enveloppe invalide")]
    [InlineData("region-alsace-2015", "2017", "1000", "xml", "Format inconnu")]
    public void Bad_arguments_are_refused_in_french_with_code_2(string grille, string annee, string enveloppe, string format, string message)
    {
        var (code, output, err) = Run(new(Example, grille, annee, enveloppe, "84", null, null, format));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulation_prints_what_ten_percent_more_on_an_indicator_brings()
    {
        var request = data.Request(data.Regions[0], 1_500_000m);
        var structure = request.Structures[0];
        var (code, output, err) = Run(Args() with { Simuler = structure + ":RG2" });
        Assert.Equal(0, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(request.Valeurs[(structure, "RG2")], r.GetProperty("valeur_avant").GetInt64());
        Assert.Equal(Math.Round(request.Valeurs[(structure, "RG2")] * 1.1m, MidpointRounding.AwayFromZero), r.GetProperty("valeur_apres").GetInt64());
        Assert.Equal(r.GetProperty("total_apres").GetDecimal() - r.GetProperty("total_avant").GetDecimal(), r.GetProperty("ecart").GetDecimal());
        Assert.True(r.GetProperty("ecart").GetDecimal() > 0);
    }
}
