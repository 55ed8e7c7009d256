using Jalon.Cli.Commands;
using Jalon.Storage.Exchange;

namespace Jalon.Storage.Tests;

/// <summary>The import's progress (the progress bar of <c>jalon importer</c>): steps in order, rows never going back, 100 % at the end.</summary>
public class ImportProgressTests
{
    [DatabaseTheory, BothProviders]
    public void A_first_import_reports_each_step_and_every_row(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        // Enough events for the bar to move inside a step (a report every ImportProgress.RowsPerReport rows).
        var package = SamplePackages.Create(structures: 2, jeunesPerStructure: 3000, eventsScale: 4);
        var events = (long)package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count;
        Assert.True(package.Contacts.Count > ImportProgress.RowsPerReport, $"{package.Contacts.Count} contacts");
        var reports = new List<ImportProgress>();
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, package, progress: reports.Add);

        Assert.All(reports, r => Assert.Equal(package.Jeunes.Length + events, r.Total));
        var steps = reports.Select(r => r.Etape).Distinct().ToList();
        Assert.Equal(["fusion", "jeunes"], steps.Take(2));
        Assert.Equal("validation", steps[^1]);
        Assert.Contains("contacts", steps);
        for (var i = 1; i < reports.Count; i++) Assert.True(reports[i].Lignes >= reports[i - 1].Lignes, $"{reports[i - 1]} puis {reports[i]}");
        Assert.Equal(reports[0].Total, reports[^1].Lignes);
        // Inside the contacts' step the bar moves before the step ends.
        var contacts = reports.Where(r => r.Etape == "contacts").Select(r => r.Lignes).Distinct().ToList();
        Assert.True(contacts.Count > 2, string.Join(", ", contacts));
    }

    [Fact]
    public void The_command_line_bar_is_redrawn_in_place_on_a_terminal_and_one_line_per_step_otherwise()
    {
        var terminal = new StringWriter();
        var bar = new ImporterCommand.ProgressBar(terminal, inPlace: true);
        bar.Show(new ImportProgress("contacts", 0, 200));
        bar.Show(new ImportProgress("contacts", 1, 200)); // still 0 %: not redrawn
        bar.Show(new ImportProgress("contacts", 100, 200));
        bar.End();
        Assert.Equal(
            "\r[..............................]   0 % contacts       0 / 200 lignes" +
            "\r[###############...............]  50 % contacts       100 / 200 lignes" + Environment.NewLine,
            terminal.ToString());

        var log = new StringWriter();
        var lines = new ImporterCommand.ProgressBar(log, inPlace: false);
        lines.Show(new ImportProgress("jeunes", 0, 200));
        lines.Show(new ImportProgress("jeunes", 50, 200));
        lines.Show(new ImportProgress("contacts", 100, 200));
        lines.End();
        Assert.Equal(
            "Import : jeunes (0 % des 200 lignes)" + Environment.NewLine + "Import : contacts (50 % des 200 lignes)" + Environment.NewLine,
            log.ToString());
    }
}
