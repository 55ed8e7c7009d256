using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Rgpd;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>A re-import never destroys what was entered in Jalon (docs/adr/0005-reimport-fusion.md).</summary>
public class MergeTests
{
    private static readonly DateOnly D = new(2016, 1, 10);

    /// <summary>One structure, two young people: A (two contacts, an open CIVIS path), B (one contact).</summary>
    private static JourneyPackage Package(bool withoutSecondContact = false, bool closedPath = false, string?[]? contactIds = null, DateOnly? firstContact = null)
    {
        var b = new JourneyPackageBuilder();
        var s = b.AddStructure(new Structure("ML001", "Mission Locale d'essai", "84", "26"));
        var a = b.AddJeune(new Jeune(s, "A", new DateOnly(1998, 5, 17), Sexe.F, Niveau.V, false, "26281", true, false, D));
        var j = b.AddJeune(new Jeune(s, "B", new DateOnly(1999, 2, 3), Sexe.H, Niveau.IV, true, null, false, false, D));
        b.Contacts.Add(new Contact(a, firstContact ?? D, ModeContact.Entretien, true));
        if (!withoutSecondContact) b.Contacts.Add(new Contact(a, D.AddDays(30), ModeContact.Telephone, false));
        b.Contacts.Add(new Contact(j, D.AddDays(50), ModeContact.Sms, false));
        if (contactIds is not null) b.Ids[nameof(b.Contacts)] = [.. contactIds];
        b.Parcours.Add(new Parcours(a, Dispositif.Civis, D.AddDays(5), closedPath ? D.AddDays(200) : null, closedPath ? MotifFin.Autonomie : null, true));
        b.Moyens.Add(new Moyens(s, 2016, 1000, 800, 10m, 8m, null, null, null, null));
        return b.Build();
    }

    /// <summary>Imports the package, then enters in Jalon: a comment and diagnostic domains on A's imported interview, a new contact of A.</summary>
    private static (long Interview, long Entered) ImportThenEdit(TestDatabase database, JourneyPackage package)
    {
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, package);
        var interview = db.Contacts.Single(c => c.JeuneId == "A" && c.Mode == ModeContact.Entretien);
        interview.Commentaire = "Freins : logement, santé";
        interview.DiagnosticDomaines.Add(new DiagnosticDomaineEntity { StructureCode = "ML001", Domaine = DomaineDiagnostic.Logement, Appreciation = AppreciationDiagnostic.FreinImportant, Note = "Hébergé chez un tiers" });
        var entered = new ContactEntity { StructureCode = "ML001", JeuneId = "A", Date = D.AddDays(90), Mode = ModeContact.Courriel, Origine = OrigineEvenement.Saisie, Commentaire = "Relance" };
        db.Contacts.Add(entered);
        db.SaveChanges();
        return (interview.Id, entered.Id);
    }

    [DatabaseTheory, BothProviders]
    public void Reimporting_the_package_after_web_edits_keeps_them_all(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Package();
        var (interview, entered) = ImportThenEdit(database, package);

        ImportPlan plan;
        using (var db = database.CreateContext()) plan = PackageImporter.Import(db, package).Plan;

        var s = Assert.Single(plan.Structures);
        Assert.Equal((0, 0, 0, 0, 1), (s.EvenementsAjoutes, s.EvenementsModifies, s.EvenementsSupprimes, s.JeunesModifies, s.EvenementsConserves));
        using var check = database.CreateContext();
        var kept = check.Contacts.Include(c => c.DiagnosticDomaines).Single(c => c.Id == interview);
        Assert.Equal("Freins : logement, santé", kept.Commentaire);
        Assert.Equal("Hébergé chez un tiers", Assert.Single(kept.DiagnosticDomaines).Note);
        Assert.Equal("Relance", check.Contacts.Single(c => c.Id == entered).Commentaire);
        Assert.Equal(4, check.Contacts.Count());
    }

    [DatabaseTheory, BothProviders]
    public void An_older_package_removes_only_imported_events_and_says_which_carried_web_entries(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var (interview, entered) = ImportThenEdit(database, Package());
        // Older package: A's interview is another day (so the interview is no longer there), the telephone contact is absent.
        var older = Package(withoutSecondContact: true, firstContact: D.AddDays(-3));

        ImportPlan preview;
        var before = ImportExportTests.Dump(database);
        using (var db = database.CreateContext()) preview = PackageImporter.Plan(db, older);
        Assert.Equal(before, ImportExportTests.Dump(database)); // a preview writes nothing

        ImportPlan plan;
        using (var db = database.CreateContext()) plan = PackageImporter.Import(db, older).Plan;

        Assert.Equal(preview.Structures, plan.Structures);
        var s = Assert.Single(plan.Structures);
        // The interview's date changed (same key date? no: another day): it is removed and the new one added; the telephone contact is removed.
        Assert.Equal((1, 0, 2, 1, 1), (s.EvenementsAjoutes, s.EvenementsModifies, s.EvenementsSupprimes, s.SupprimesAvecSaisie, s.EvenementsConserves));
        using var check = database.CreateContext();
        Assert.False(check.Contacts.Any(c => c.Id == interview));
        Assert.Equal("Relance", check.Contacts.Single(c => c.Id == entered).Commentaire); // entered in Jalon: never removed
        Assert.Contains(check.AuditLog.Where(a => a.Action == AuditAction.Import).Select(a => a.Detail!).ToList(),
            d => d.Contains("dont 1 avec un commentaire ou un diagnostic saisi dans Jalon", StringComparison.Ordinal));
    }

    [DatabaseTheory, BothProviders]
    public void An_event_changed_in_the_source_keeps_its_row_its_comment_and_its_domains(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        // With identifiers: the source corrects the interview's date (same id).
        var (interview, _) = ImportThenEdit(database, Package(contactIds: ["c1", "c2", "c3"]));
        using (var db = database.CreateContext())
        {
            var plan = PackageImporter.Import(db, Package(contactIds: ["c1", "c2", "c3"], firstContact: D.AddDays(-3))).Plan;
            Assert.Equal((0, 1, 0), (plan.Structures[0].EvenementsAjoutes, plan.Structures[0].EvenementsModifies, plan.Structures[0].EvenementsSupprimes));
        }
        // Without identifiers: the source closes the path (same dispositif and start: the same path).
        long path;
        using (var db = database.CreateContext()) path = db.Parcours.Single().Id;
        using (var db = database.CreateContext())
        {
            var plan = PackageImporter.Import(db, Package(contactIds: ["c1", "c2", "c3"], firstContact: D.AddDays(-3), closedPath: true)).Plan;
            Assert.Equal((0, 1, 0), (plan.Structures[0].EvenementsAjoutes, plan.Structures[0].EvenementsModifies, plan.Structures[0].EvenementsSupprimes));
        }

        using var check = database.CreateContext();
        var kept = check.Contacts.Include(c => c.DiagnosticDomaines).Single(c => c.Id == interview);
        Assert.Equal((D.AddDays(-3), "c1", "Freins : logement, santé"), (kept.Date, kept.Ref, kept.Commentaire));
        Assert.Single(kept.DiagnosticDomaines);
        Assert.True(kept.Version > 0);
        var closed = check.Parcours.Single();
        Assert.Equal((path, (DateOnly?)D.AddDays(200), (MotifFin?)MotifFin.Autonomie), (closed.Id, closed.Fin, closed.MotifFin));
        // Updated rows read back as the importer wrote them (dates in the stored form of each engine).
        var loaded = PackageLoader.Load(check);
        Assert.Contains(loaded.Contacts.All.ToArray(), c => c.Date == D.AddDays(-3) && c.Mode == ModeContact.Entretien);
        Assert.Equal(D.AddDays(200), loaded.Parcours.All[0].Fin);
    }

    [DatabaseTheory, BothProviders]
    public void Events_entered_in_jalon_travel_with_their_identifier_and_match_when_they_come_back(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var (_, entered) = ImportThenEdit(database, Package());
        JourneyPackage exported;
        string reference;
        using (var db = database.CreateContext())
        {
            exported = PackageLoader.Load(db, withIds: true);
            reference = db.Contacts.Single(c => c.Id == entered).Ref!;
        }
        Assert.Matches("^[0-9a-f]{32}$", reference);
        Assert.True(exported.Contacts.HasIds);

        // Written as the exchange format and read back: the identifiers are in the optional id column.
        var folder = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Jalon.Exchange.PackageWriter.Write(exported, folder);
            Assert.EndsWith(",id", File.ReadLines(Path.Combine(folder, "contacts.csv")).First(), StringComparison.Ordinal);
            Assert.Equal("structure,jeune,date,operateur", File.ReadLines(Path.Combine(folder, "orientations.csv")).First()); // no id anywhere: no column
            var read = Jalon.Exchange.PackageReader.Read(folder);
            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            using var db = database.CreateContext();
            var plan = PackageImporter.Import(db, read.Package!).Plan;
            Assert.False(plan.Change);
            Assert.Equal(4, db.Contacts.Count());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [DatabaseTheory, BothProviders]
    public void Moyens_are_upserted_by_year_and_years_entered_in_jalon_are_kept(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, Package());
            db.Moyens.Add(new MoyensEntity { StructureCode = "ML001", Annee = 2017, Jano = 42 });
            db.SaveChanges();
        }
        using (var db = database.CreateContext())
        {
            var plan = PackageImporter.Import(db, Package()).Plan;
            Assert.Equal((0, 0), (plan.Structures[0].MoyensAjoutes, plan.Structures[0].MoyensModifies));
        }
        using var check = database.CreateContext();
        Assert.Equal([2016, 2017], check.Moyens.OrderBy(m => m.Annee).Select(m => m.Annee).ToList());
    }

    [DatabaseTheory, BothProviders]
    public void An_erased_young_person_is_not_brought_back_by_an_older_package(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = Package();
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, package);
        using (var db = database.CreateContext()) Anonymisation.Effacer(db, "ML001", "B", "courriel du 3 mars", "directeur", null);

        using (var db = database.CreateContext())
        {
            var plan = PackageImporter.Import(db, package).Plan;
            Assert.Equal((1, 0), (plan.Structures[0].JeunesIgnores, plan.Structures[0].JeunesAjoutes));
        }

        using var check = database.CreateContext();
        Assert.False(check.Jeunes.Any(j => j.JeuneId == "B"));
        Assert.Equal(2, check.Jeunes.Count()); // A and B's anonymised record
        Assert.Single(check.Contacts.Where(c => c.Mode == ModeContact.Sms)); // B's contact, once
    }

    [DatabaseTheory, BothProviders]
    public void Importer_simulation_prints_what_would_change_and_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        ImportThenEdit(database, Package());
        var folder = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Jalon.Exchange.PackageWriter.Write(Package(withoutSecondContact: true), folder);
            var before = BackupTests.AllRows(database);
            var output = new StringWriter();

            Assert.Equal(0, Jalon.Cli.Commands.ImporterCommand.Run(folder, database.CreateContext, output, new StringWriter(), simulation: true));

            Assert.Equal(before, BackupTests.AllRows(database));
            var text = output.ToString();
            Assert.StartsWith("Simulation : rien n'a été importé.", text, StringComparison.Ordinal);
            Assert.Contains("ML001 — Mission Locale d'essai : jeunes : 0 ajouté(s), 0 modifié(s), 0 absent(s) du paquet conservé(s) ; " +
                "événements : 0 ajouté(s), 0 modifié(s), 1 supprimé(s), 1 saisi(s) dans Jalon conservé(s)", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [DatabaseTheory, BothProviders]
    public void A_package_without_the_events_removes_them_all_in_bulk(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var full = SamplePackages.Create(structures: 1, jeunesPerStructure: 200);
        int contacts;
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, full);
            contacts = db.Contacts.Count();
        }
        Assert.True(contacts > 500, $"{contacts} contacts : le chemin des suppressions en masse n'est pas exercé");
        var b = new JourneyPackageBuilder();
        foreach (var s in full.Structures) b.AddStructure(s);
        foreach (var j in full.Jeunes) b.AddJeune(j);

        ImportPlan plan;
        using (var db = database.CreateContext()) plan = PackageImporter.Import(db, b.Build()).Plan;

        var total = full.Contacts.Count + full.Orientations.Count + full.Parcours.Count + full.Propositions.Count + full.Situations.Count + full.Droits.Count + full.Parrainages.Count;
        Assert.Equal(total, plan.Structures[0].EvenementsSupprimes);
        using var check = database.CreateContext();
        Assert.Equal(0, check.Contacts.Count() + check.Propositions.Count() + check.Situations.Count());
        Assert.Equal(200, check.Jeunes.Count());
    }
}
