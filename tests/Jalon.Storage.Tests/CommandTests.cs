using Jalon.Cli.Commands;
using Jalon.Storage;
using Jalon.Storage.Exchange;

namespace Jalon.Storage.Tests;

/// <summary><c>jalon importer</c> on the example package of the specification (tests/Jalon.Core.Tests/Fixtures/exemple).</summary>
public class CommandTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "exemple");

    [DatabaseTheory, BothProviders]
    public void Importer_imports_a_valid_package(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = ImporterCommand.Run(Example, database.CreateContext, output, error);

        Assert.True(code == 0, error.ToString());
        Assert.StartsWith("Import terminé : 2 structure(s), 6 jeunes", output.ToString(), StringComparison.Ordinal);
        using var db = database.CreateContext();
        Assert.Equal(6, db.Jeunes.Count());
        var read = Jalon.Exchange.PackageReader.Read(Example);
        Assert.Equal(SamplePackages.Canonical(read.Package!), SamplePackages.Canonical(PackageLoader.Load(db)));
    }

    [DatabaseTheory, BothProviders]
    public void Importer_reports_every_error_exits_2_and_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, SamplePackages.Create(structures: 1));
        var before = ImportExportTests.Dump(database);
        var bad = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(bad);
        foreach (var file in Directory.GetFiles(Example, "*.csv")) File.Copy(file, Path.Combine(bad, Path.GetFileName(file)));
        File.AppendAllText(Path.Combine(bad, "contacts.csv"), "ML-A,A1,2016-13-01,ENTRETIEN,0\nML-Z,Z1,2016-03-01,ENTRETIEN,0\n");
        var error = new StringWriter();

        try
        {
            var code = ImporterCommand.Run(bad, database.CreateContext, new StringWriter(), error);

            Assert.Equal(ImporterCommand.Invalid, code);
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.StartsWith("contacts.csv:", StringComparison.Ordinal) && l.Contains(": date: ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("contacts.csv:", StringComparison.Ordinal) && l.Contains("ML-Z", StringComparison.Ordinal));
            Assert.Equal(before, ImportExportTests.Dump(database));
        }
        finally
        {
            Directory.Delete(bad, recursive: true);
        }
    }
}

public class ExporterCommandTests
{
    [DatabaseTheory, BothProviders]
    public void Exporter_writes_what_importer_read_and_audits_it(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var example = Path.Combine(AppContext.BaseDirectory, "exemple");
        Assert.Equal(0, ImporterCommand.Run(example, database.CreateContext, new StringWriter(), new StringWriter()));
        var all = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        var one = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, ExporterCommand.Run(all, null, database.CreateContext, output, new StringWriter()));
            Assert.Equal(0, ExporterCommand.Run(one, "ML-B", database.CreateContext, new StringWriter(), new StringWriter()));

            Assert.StartsWith("Export terminé : 2 structure(s), 6 jeunes", output.ToString(), StringComparison.Ordinal);
            var original = Jalon.Exchange.PackageReader.Read(example).Package!;
            var exported = Jalon.Exchange.PackageReader.Read(all);
            Assert.True(exported.IsValid);
            Assert.Equal(SamplePackages.Canonical(original, sortEvents: true), SamplePackages.Canonical(exported.Package!, sortEvents: true));
            var mlB = Jalon.Exchange.PackageReader.Read(one).Package!;
            Assert.Equal(["ML-B"], mlB.Structures.Select(s => s.Code));
            Assert.Equal(3, mlB.Jeunes.Length);

            using var db = database.CreateContext();
            Assert.Equal(3, db.AuditLog.Count(a => a.Action == Entities.AuditAction.Export));
            Assert.Equal(1, ExporterCommand.Run(one, "INCONNUE", database.CreateContext, new StringWriter(), new StringWriter()));
        }
        finally
        {
            foreach (var d in new[] { all, one }) if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
    }
}
