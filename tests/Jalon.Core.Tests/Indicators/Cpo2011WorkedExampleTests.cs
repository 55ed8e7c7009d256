using System.Text.Json;
using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Core.Tests.Indicators;

/// <summary>
/// The cpo-2011 grid on a package built by hand (Fixtures/exemple-2011): every value below was computed by hand, young
/// person by young person, before running the engine; the reasoning is in Fixtures/exemple-2011/LISEZMOI.md.
/// </summary>
public sealed class Cpo2011WorkedExampleTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple-2011");

    /// <summary>Counts: total, then femmes, infra_v, qpv, zrr (only those the indicator has, in that order).</summary>
    private static readonly Dictionary<string, long[]> Effectifs = new(StringComparer.Ordinal)
    {
        ["A1"] = [6, 4, 3, 3, 3],
        ["A2"] = [5, 4, 3, 3, 2],
        ["A2.1"] = [3, 3, 3, 2, 1],
        ["A4"] = [3, 2, 2, 3],          // femmes, infra_v, qpv
        ["A5"] = [5, 3, 2, 3, 3],
        ["A7"] = [4, 3],                // infra_v
        ["A8.jeunes"] = [4, 3, 3, 3, 1],
        ["A8.1.jeunes"] = [2, 2, 2, 2, 1],
        ["A8.2.jeunes"] = [1, 1, 1, 0, 0],
        ["A8.3.jeunes"] = [1, 0, 0, 1, 0],
        ["A9.jeunes"] = [2, 2, 1, 1, 1],
        ["A9.1.jeunes"] = [1, 1, 1, 1, 0],
        ["A9.2.jeunes"] = [1, 1, 0, 0, 1],
        ["A10.jeunes"] = [2, 1, 1, 1, 2],
        ["A10.1.jeunes"] = [1, 0, 0, 0, 1],
        ["A10.2.jeunes"] = [1, 1, 1, 1, 1],
        ["A11"] = [5, 3, 2, 3, 3],
        ["A11.1"] = [2, 2, 1, 1, 1],
        ["A12"] = [2, 2],               // infra_v
        ["E5"] = [2, 1, 1, 1, 2],
        ["E8"] = [3, 2, 2, 2, 0],
        ["E8.1"] = [2, 1, 1, 2, 0],
        ["S1"] = [4, 2, 1, 2, 2],
        ["S1.1"] = [1, 0, 0, 1, 0],
        ["S1.2"] = [4, 2, 1, 2, 2],
        ["S1.2.1"] = [1, 0, 0, 0, 1],
        ["S1.2.2"] = [1, 0, 0, 0, 1],
        ["S3"] = [5, 2],                // infra_v, for S3 and every exit below
        ["S3.1"] = [3, 1],
        ["S3.1.1"] = [2, 1],
        ["S3.1.2"] = [2, 1],
        ["S3.1.3"] = [3, 1],
        ["S3.1.4"] = [1, 0],
        ["S3.1.5"] = [1, 0],
        ["S3.1.6"] = [1, 0],
        ["S3.2"] = [1, 0],
        ["S3.2.1"] = [1, 0],
    };

    /// <summary>Numbers of events, ratios, means and amounts.</summary>
    private static readonly Dictionary<string, double> Nombres = new(StringComparer.Ordinal)
    {
        ["A3"] = 6,     // entries: W1 CIVIS, W2 LOCAL, W4 PPAE and GJ, W5 REGIONAL, W7 GJ
        ["A6"] = 7,     // entretiens: W1 2, W3 1 (premier accueil), W4 1, W5 1, W7 2 (premier accueil recorded as a contact)
        ["E7"] = 3,     // W1 PMSMP, W3 STAGE, W4 PMSMP begun in 2015
        ["S2"] = 5,     // W1 CDD, W2 apprenticeship, W4 formation and CUI-CIE, W5 CUI-CIE
        ["S2.1"] = 1,
        ["S2.2"] = 4,
        ["S2.2.1"] = 1,
        ["S2.2.2"] = 1,
        ["C1"] = 500,
        ["C2"] = 120,
        ["T1"] = 6.0 / 500,
        ["T3"] = 4.0 / 500,
        ["A8"] = 4.0 / 6,
        ["A8.1"] = 2.0 / 6,
        ["A8.2"] = 1.0 / 6,
        ["A8.3"] = 1.0 / 6,
        ["A9"] = 2.0 / 6,
        ["A9.1"] = 1.0 / 6,
        ["A9.2"] = 1.0 / 6,
        ["A10"] = 2.0 / 6,
        ["A10.1"] = 1.0 / 6,
        ["A10.2"] = 1.0 / 6,
        ["S4"] = (167 + 301 + 91 + 304 + 150 + 260) / 6.0,
        ["R1"] = 6,
        ["R1.1"] = 4.5,
        ["R3"] = 300_000,
        ["R3.1"] = 270_000,
        ["R4"] = 120_000,
        ["R5"] = 0.4,
        ["R6"] = 30_000,
        ["R7"] = 67_500,
        ["R8"] = 24_000,
        ["R9"] = 60_000,
    };

    private static readonly string[] NonCalculables = ["C3", "T2", "T4", "E6", "X1", "R2"];

    /// <summary>The employer indicators: computed, but this package has no employer file, so they are unknown (null), not 0.</summary>
    private static readonly string[] SansFichiersEmployeurs = ["E1", "E1.1", "E2", "E2.1", "E3", "E3.1", "E4"];

    private static JourneyPackage Load()
    {
        var read = PackageReader.Read(Dir);
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.Package!;
    }

    [Fact]
    public void The_hand_computed_values_cover_exactly_the_computable_indicators_of_the_grid()
    {
        var catalogue = Catalogue.Load("cpo-2011");
        Assert.Equal(catalogue.Indicateurs.Where(d => d.Calculable).Select(d => d.Cle).Order(StringComparer.Ordinal),
            Effectifs.Keys.Concat(Nombres.Keys).Concat(SansFichiersEmployeurs).Order(StringComparer.Ordinal));
        Assert.Equal(NonCalculables.Order(StringComparer.Ordinal), catalogue.Indicateurs.Where(d => !d.Calculable).Select(d => d.Cle).Order(StringComparer.Ordinal));
        Assert.All(NonCalculables, k => Assert.StartsWith("non calculable : ", catalogue[k].MentionNonCalculable, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Level.Structure, "ML-W")]
    [InlineData(Level.Region, "84")]
    [InlineData(Level.National, "FR")]
    public void The_engine_gives_exactly_the_hand_computed_values(Level level, string code)
    {
        var catalogue = Catalogue.Load("cpo-2011");
        var results = IndicatorEngine.Compute(Load(), catalogue, Period.Year(2016));
        foreach (var (cle, attendu) in Effectifs)
        {
            var v = results.Get(level, code, cle);
            long[] obtenu = [v.Count!.Value, .. v.Definition.Ventilations.Select(b => v.Breakdown(b)!.Value)];
            Assert.True(attendu.SequenceEqual(obtenu), $"{cle} : attendu [{string.Join(", ", attendu)}], obtenu [{string.Join(", ", obtenu)}]");
        }
        foreach (var (cle, attendu) in Nombres)
        {
            var obtenu = results.Get(level, code, cle).Number;
            Assert.True(obtenu is { } x && Math.Abs(x - attendu) <= 1e-12 * Math.Abs(attendu), $"{cle} : attendu {attendu}, obtenu {obtenu}");
        }
        Assert.All(NonCalculables, k => Assert.False(results.Current.TryGet(level, code, k, out _), k));
        Assert.All(SansFichiersEmployeurs, k => Assert.Null(results.Get(level, code, k).Value));
        Assert.All(SansFichiersEmployeurs.Where(k => catalogue[k].Nature == Nature.Effectif),
            k => Assert.All(catalogue[k].Ventilations, b => Assert.Null(results.Get(level, code, k).Breakdown(b))));
    }

    [Fact]
    public void The_command_line_writes_the_computable_indicators_only_with_the_same_values()
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = IndicateursCommand.Run(Dir, "2016-01-01", "2016-12-31", "json", "cpo-2011", mesures: false, stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToArray());
        Assert.Equal("cpo-2011", json.RootElement.GetProperty("catalogue").GetString());
        var lignes = json.RootElement.GetProperty("resultats").EnumerateArray()
            .Where(r => r.GetProperty("code").GetString() == "ML-W")
            .ToDictionary(r => r.GetProperty("indicateur").GetString()!, StringComparer.Ordinal);
        Assert.Equal(Effectifs.Count + Nombres.Count + SansFichiersEmployeurs.Length, lignes.Count);
        // No employer file in the package: the employer figures are null (and the breakdowns of E2, E2.1), not 0.
        foreach (var cle in SansFichiersEmployeurs) Assert.Equal(JsonValueKind.Null, lignes[cle].GetProperty("valeur").ValueKind);
        Assert.Equal(JsonValueKind.Null, lignes["E2"].GetProperty("femmes").ValueKind);
        foreach (var (cle, attendu) in Effectifs) Assert.Equal(attendu[0], lignes[cle].GetProperty("valeur").GetInt64());
        Assert.Equal(4, lignes["A7"].GetProperty("valeur").GetInt64());
        Assert.Equal(3, lignes["A7"].GetProperty("infra_v").GetInt64());
        Assert.False(lignes["A7"].TryGetProperty("femmes", out _));
        foreach (var (cle, attendu) in Nombres) Assert.Equal(attendu, lignes[cle].GetProperty("valeur").GetDouble(), 1e-9);
        Assert.DoesNotContain(NonCalculables, lignes.ContainsKey);
    }
}
