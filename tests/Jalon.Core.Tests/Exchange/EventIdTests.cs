using System.Text;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;

namespace Jalon.Core.Tests.Exchange;

/// <summary>The optional <c>id</c> column of the event files: read, checked, written, and never changing a figure.</summary>
public sealed class EventIdTests
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple");

    /// <summary>The worked example with an id column added to every event file (an identifier on every other row).</summary>
    private static string WithIds()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jalon-ids-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Example, "*.csv"))
        {
            var name = Path.GetFileName(file);
            var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
            if (name is not ("structures.csv" or "jeunes.csv" or "moyens.csv"))
                lines = lines.Select((l, i) => i == 0 ? l + ",id" : l + "," + (i % 2 == 0 ? $"ev-{i}" : "")).ToList();
            File.WriteAllLines(Path.Combine(dir, name), lines, new UTF8Encoding(false));
        }
        return dir;
    }

    [Fact]
    public void A_package_with_identifiers_reads_and_computes_exactly_as_without()
    {
        var dir = WithIds();
        try
        {
            var with = PackageReader.Read(dir);
            var without = PackageReader.Read(Example);
            Assert.True(with.IsValid, string.Join("\n", with.Errors));
            Assert.Empty(with.Warnings);
            Assert.True(with.Package!.Contacts.HasIds);
            Assert.False(without.Package!.Contacts.HasIds);
            var catalogue = Catalogue.Load("cpo-2015");
            var a = IndicatorEngine.Compute(with.Package, catalogue, new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true });
            var b = IndicatorEngine.Compute(without.Package, catalogue, new IndicatorRequest(Period.Year(2016)) { WithPreviousYear = true });
            Assert.Equal(b.Current.Rows().Select(r => (r.Level, r.Key, r.Value)), a.Current.Rows().Select(r => (r.Level, r.Key, r.Value)));
            Assert.Equal(b.Previous!.Rows().Select(r => (r.Level, r.Key, r.Value)), a.Previous!.Rows().Select(r => (r.Level, r.Key, r.Value)));
            // The identifiers follow their events through the grouping by young person.
            var ids = Enumerable.Range(0, with.Package.Jeunes.Length).SelectMany(j => with.Package.Contacts.IdsFor(j).ToArray()).ToList();
            Assert.Equal(with.Package.Contacts.Count, ids.Count);
            Assert.Equal(File.ReadAllLines(Path.Combine(dir, "contacts.csv")).Skip(1).Select(l => l.Split(',')[^1]).Where(x => x.Length > 0).Order(),
                ids.OfType<string>().Order());

            // Written back, then read again: the same identifiers on the same events.
            var written = Path.Combine(dir, "ecrit");
            PackageWriter.Write(with.Package, written);
            Assert.EndsWith(",id", File.ReadLines(Path.Combine(written, "contacts.csv")).First(), StringComparison.Ordinal);
            var again = PackageReader.Read(written);
            Assert.True(again.IsValid);
            Assert.Equal(Pairs(with.Package), Pairs(again.Package!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string> Pairs(JourneyPackage p)
    {
        var pairs = new List<string>();
        for (var j = 0; j < p.Jeunes.Length; j++)
        {
            var rows = p.Contacts.For(j);
            var ids = p.Contacts.IdsFor(j);
            for (var i = 0; i < rows.Length; i++) pairs.Add($"{p.Jeunes[j].Id} {rows[i] with { Jeune = 0 }} {ids[i]}");
        }
        pairs.Sort(StringComparer.Ordinal);
        return pairs;
    }

    [Fact]
    public void A_duplicate_or_too_long_identifier_is_an_error_at_its_line()
    {
        using var package = new TempPackage(("contacts.csv", $"""
            structure,jeune,date,mode,id
            ML-A,A1,2016-03-01,ENTRETIEN,x1
            ML-A,A1,2016-03-02,SMS,x1
            ML-A,A2,2016-03-02,SMS,x1
            ML-A,A2,2016-03-03,SMS,{new string('y', 65)}

            """));

        var read = package.Read();

        Assert.Equal(
            ["contacts.csv:3: id: identifiant « x1 » en double pour ce jeune (déjà utilisé ligne 2)", "contacts.csv:5: id: identifiant de 65 caractères (au plus 64)"],
            read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_zip_is_held_to_its_limits()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("structures.csv", TempPackage.Structures), ("jeunes.csv", TempPackage.Jeunes) })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        buffer.Position = 0;
        Assert.True(PackageReader.ReadZip(buffer).IsValid);

        buffer.Position = 0;
        var small = PackageReader.ReadZip(buffer, new ZipLimits(100, 2L << 30, 40));
        Assert.Contains(small.Errors, e => e.ToString().StartsWith("jeunes.csv:1: -: ligne de plus de 40 octets", StringComparison.Ordinal));
        buffer.Position = 0;
        var total = PackageReader.ReadZip(buffer, new ZipLimits(100, 100, 1 << 14));
        Assert.Contains(total.Errors, e => e.ToString().StartsWith("archive.zip:0: -: l'archive décompressée ferait", StringComparison.Ordinal));
        buffer.Position = 0;
        Assert.Contains(PackageReader.ReadZip(buffer, new ZipLimits(1, 2L << 30, 1 << 14)).Errors,
            e => e.ToString() == "archive.zip:0: -: l'archive contient 2 entrées, au plus 1 sont acceptées (les fichiers CSV du format d'échange)");
    }
}
