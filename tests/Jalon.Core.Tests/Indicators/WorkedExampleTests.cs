using System.Text.Json;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Output;

namespace Jalon.Core.Tests.Indicators;

/// <summary>The worked example of the spec gives exactly attendu-2016.json.</summary>
public sealed class WorkedExampleTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");

    internal static JourneyPackage LoadExample()
    {
        var read = PackageReader.Read(Dir);
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.Package!;
    }

    [Fact]
    public void The_example_gives_exactly_the_expected_output()
    {
        var package = LoadExample();
        var results = IndicatorEngine.Compute(package, Catalogue.Load("cpo-2015"), Period.Year(2016));
        using var stream = new MemoryStream();
        IndicatorJsonWriter.Write(results, stream);

        using var actual = JsonDocument.Parse(stream.ToArray());
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Dir, "attendu-2016.json")));
        AssertSameJson(expected.RootElement, actual.RootElement, "$");
    }

    [Fact]
    public void Rows_come_in_the_contract_order()
    {
        var results = IndicatorEngine.Compute(LoadExample(), Catalogue.Load("cpo-2015"), Period.Year(2016));
        var rows = results.Current.Rows().ToList();
        Assert.Equal(5 * 86, rows.Count);
        Assert.Equal(["ML-A", "ML-B", "44", "84", "FR"], rows.Select(r => r.Level.Code).Distinct());
        Assert.Equal("C0.1", rows[0].Key);
        Assert.Equal("R9", rows[85].Key);
    }

    [Fact]
    public void Previous_year_is_computed_in_the_same_pass_and_matches_a_direct_computation()
    {
        var package = LoadExample();
        var catalogue = Catalogue.Load("cpo-2015");
        var both = IndicatorEngine.Compute(package, catalogue, Period.Year(2016), withPreviousYear: true);
        var direct = IndicatorEngine.Compute(package, catalogue, Period.Year(2015));
        Assert.NotNull(both.Previous);
        Assert.Equal(direct.Current.Rows().Select(r => r.Value with { }), both.Previous!.Rows().Select(r => r.Value with { }));
        // N is unchanged by asking for N−1.
        var alone = IndicatorEngine.Compute(package, catalogue, Period.Year(2016));
        Assert.Equal(alone.Current.Rows(), both.Current.Rows());
    }

    internal static void AssertSameJson(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(actual.ValueKind == JsonValueKind.Object, $"{path}: object expected, got {actual.ValueKind}");
                var e = expected.EnumerateObject().Select(p => p.Name).ToList();
                var a = actual.EnumerateObject().Select(p => p.Name).ToList();
                Assert.True(e.SequenceEqual(a), $"{path}: properties [{string.Join(",", e)}] expected, got [{string.Join(",", a)}]");
                foreach (var p in expected.EnumerateObject()) AssertSameJson(p.Value, actual.GetProperty(p.Name), Describe(path, actual, p.Name));
                break;
            case JsonValueKind.Array:
                Assert.True(actual.ValueKind == JsonValueKind.Array, $"{path}: array expected");
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} items expected, got {actual.GetArrayLength()}");
                for (var i = 0; i < expected.GetArrayLength(); i++) AssertSameJson(expected[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number, $"{path}: number {expected} expected, got {actual}");
                double x = expected.GetDouble(), y = actual.GetDouble();
                Assert.True(x == y || Math.Abs(x - y) <= 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y)), $"{path}: {x} expected, got {y}");
                // Counts must be integers.
                if (!expected.GetRawText().Contains('.', StringComparison.Ordinal))
                    Assert.True(actual.GetRawText().All(char.IsAsciiDigit), $"{path}: integer expected, got {actual.GetRawText()}");
                break;
            default:
                Assert.True(expected.ValueKind == actual.ValueKind && expected.GetRawText() == actual.GetRawText(),
                    $"{path}: {expected.GetRawText()} expected, got {actual.GetRawText()}");
                break;
        }
    }

    private static string Describe(string path, JsonElement obj, string property) =>
        obj.TryGetProperty("indicateur", out var k) && obj.TryGetProperty("code", out var c)
            ? $"{path}({c.GetString()} {k.GetString()}).{property}"
            : $"{path}.{property}";
}
