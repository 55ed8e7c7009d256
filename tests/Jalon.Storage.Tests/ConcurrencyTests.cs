using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Pilotage;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>Optimistic concurrency (versions), identifiers allocated without races, text limits: the same on both databases.</summary>
public class ConcurrencyTests
{
    [DatabaseTheory, BothProviders]
    public void A_save_made_on_a_stale_version_of_a_file_or_event_is_refused_and_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, SamplePackages.Create(structures: 1, jeunesPerStructure: 5));
        using var first = database.CreateContext();
        using var second = database.CreateContext();
        var id = first.Jeunes.OrderBy(j => j.JeuneId).First().JeuneId;
        var mine = first.Jeunes.Single(j => j.JeuneId == id);
        var theirs = second.Jeunes.Single(j => j.JeuneId == id);
        var read = mine.Version;

        theirs.Nom = "Martin";
        second.SaveChanges();
        first.ExpectVersion(mine, read);
        mine.Nom = "Bernard";

        Assert.Throws<DbUpdateConcurrencyException>(() => first.SaveChanges());
        using (var check = database.CreateContext())
        {
            var stored = check.Jeunes.Single(j => j.JeuneId == id);
            Assert.Equal(("Martin", read + 1), (stored.Nom, stored.Version));
        }

        // An event: the same, for a change and for a removal.
        using var third = database.CreateContext();
        var contact = third.Contacts.OrderBy(c => c.Id).First();
        var contactVersion = contact.Version;
        using (var other = database.CreateContext())
        {
            other.Contacts.Single(c => c.Id == contact.Id).Commentaire = "vu";
            other.SaveChanges();
        }
        third.ExpectVersion(contact, contactVersion);
        third.Remove(contact);
        Assert.Throws<DbUpdateConcurrencyException>(() => third.SaveChanges());
        using (var check = database.CreateContext()) Assert.Equal("vu", check.Contacts.Single(c => c.Id == contact.Id).Commentaire);
    }

    [DatabaseTheory, BothProviders]
    public void A_dialogue_saved_on_a_stale_version_is_refused_with_who_saved_it(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var directeur = new Acteur("Hélène Robert", Role.Directeur, "ML001", "84");
        Guid id;
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new StructureEntity { Code = "ML001", Nom = "Mission Locale", Region = "84" });
            db.SaveChanges();
            var d = DialogueDeGestion.Ouvrir(directeur, "ML001", "84", 2016, DateTimeOffset.UtcNow);
            id = d.Id;
            new PilotageRepository(db).EnregistrerAsync(d).GetAwaiter().GetResult();
        }
        int version;
        DialogueDeGestion mine, theirs;
        using (var db = database.CreateContext())
        {
            var repo = new PilotageRepository(db);
            version = repo.VersionAsync(id).GetAwaiter().GetResult();
            mine = repo.DialogueAsync("ML001", 2016).GetAwaiter().GetResult()!;
            theirs = repo.DialogueAsync("ML001", 2016).GetAwaiter().GetResult()!;
        }
        theirs.RedigerAnalyse(directeur, EtapeDialogue.Contexte, "Leur analyse");
        using (var db = database.CreateContext()) new PilotageRepository(db).EnregistrerAsync(theirs, version, "Karim Haddad").GetAwaiter().GetResult();
        mine.RedigerAnalyse(directeur, EtapeDialogue.Contexte, "Mon analyse");

        using (var db = database.CreateContext())
        {
            var conflict = Assert.Throws<ModificationConcurrenteException>(() => new PilotageRepository(db).EnregistrerAsync(mine, version, "Hélène Robert").GetAwaiter().GetResult());
            Assert.Equal("Karim Haddad", conflict.Par);
            Assert.NotNull(conflict.Le);
        }
        using (var db = database.CreateContext())
        {
            var stored = new PilotageRepository(db).DialogueAsync("ML001", 2016).GetAwaiter().GetResult()!;
            Assert.Equal("Leur analyse", stored.Etape(EtapeDialogue.Contexte).AnalyseMissionLocale);
            Assert.Equal(version + 1, new PilotageRepository(db).VersionAsync(id).GetAwaiter().GetResult());
        }
    }

    [DatabaseTheory, BothProviders]
    public async Task Concurrent_creations_get_distinct_identifiers_past_the_imported_ones(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new StructureEntity { Code = "ML001", Nom = "Mission Locale", Region = "84" });
            // Imported identifiers of the same form: J000001 to J000010.
            for (var n = 1; n <= 10; n++)
                db.Jeunes.Add(new JeuneEntity { StructureCode = "ML001", JeuneId = JeuneIds.Format(n), Naissance = new DateOnly(2000, 1, 1), PremierAccueil = new DateOnly(2016, 1, 1) });
            db.SaveChanges();
        }

        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            using var db = database.CreateContext();
            var id = await JeuneIds.NextAsync(db, "ML001");
            db.Jeunes.Add(new JeuneEntity { StructureCode = "ML001", JeuneId = id, Naissance = new DateOnly(2001, 1, 1), PremierAccueil = new DateOnly(2016, 2, 1) });
            await db.SaveChangesAsync();
            return id;
        })));

        Assert.Equal(24, created.Distinct().Count());
        Assert.All(created, id => Assert.True(string.CompareOrdinal(id, "J000010") > 0, id));
        using var check = database.CreateContext();
        Assert.Equal(34, check.Jeunes.Count());
    }

    [Fact]
    public void Sqlite_runs_in_multi_thread_mode_without_memory_statistics()
    {
        using var database = new TestDatabase(DatabaseProvider.Sqlite);
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, SamplePackages.Create(structures: 1, jeunesPerStructure: 5));

        Assert.Equal(SQLitePCL.raw.SQLITE_OK, JalonStorage.SqliteThreading.Mode);
        // Statistics off: after an import SQLite has counted nothing (with them on, it counts every allocation).
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
    }

    [DatabaseTheory, BothProviders]
    public void A_text_longer_than_its_column_is_refused_on_both_databases(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        PackageImporter.Import(db, SamplePackages.Create(structures: 1, jeunesPerStructure: 2));
        var contact = db.Contacts.First();
        contact.Commentaire = new string('x', TextLimits.Commentaire + 1);

        var error = Assert.Throws<TexteTropLongException>(() => db.SaveChanges());
        Assert.Contains("Contacts.Commentaire a 2001 caractères, au plus 2000", error.Message, StringComparison.Ordinal);
        contact.Commentaire = new string('x', TextLimits.Commentaire);
        db.SaveChanges();
    }
}
