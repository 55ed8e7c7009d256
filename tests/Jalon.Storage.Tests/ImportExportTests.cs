using System.Data.Common;
using Jalon.Domain;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

public class ImportExportTests
{
    [DatabaseTheory, BothProviders]
    public void Import_then_export_gives_the_same_package(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var package = SamplePackages.Create();

        var result = PackageImporter.Import(db, package);
        var exported = PackageLoader.Load(db);

        Assert.Equal(3, result.Structures);
        Assert.Equal(120, result.Jeunes);
        Assert.Equal(package.Contacts.Count + package.Orientations.Count + package.Parcours.Count + package.Propositions.Count
            + package.Situations.Count + package.Droits.Count + package.Parrainages.Count, result.Evenements);
        Assert.Equal(SamplePackages.Canonical(package), SamplePackages.Canonical(exported));
    }

    [DatabaseTheory, BothProviders]
    public void Loading_one_structure_gives_exactly_its_part_of_the_package(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var package = SamplePackages.Create();
        PackageImporter.Import(db, package);

        var ml001 = PackageLoader.Load(db, "ML001");

        var expected = SamplePackages.Canonical(package).Where(l => l.StartsWith("S Structure { Code = ML001", StringComparison.Ordinal)
            || l.StartsWith("J ML001/", StringComparison.Ordinal) || l.StartsWith("M ML001 ", StringComparison.Ordinal));
        Assert.Equal(expected, SamplePackages.Canonical(ml001));
        Assert.Equal(40, ml001.Jeunes.Length);
        Assert.Empty(PackageLoader.Load(db, "INCONNUE").Jeunes);
    }

    [DatabaseTheory, BothProviders]
    public void Loading_a_portfolio_gives_only_the_counsellors_young_people_and_their_events(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var package = SamplePackages.Create();
        PackageImporter.Import(db, package);
        var conseiller = new UserEntity { Login = "c1", DisplayName = "C. Un", Role = Role.Conseiller, StructureCode = "ML001", PasswordHash = "x" };
        db.Users.Add(conseiller);
        db.SaveChanges();
        var mine = db.Jeunes.Where(j => j.StructureCode == "ML001").OrderBy(j => j.JeuneId).Take(7).ToList();
        foreach (var j in mine) j.ConseillerId = conseiller.Id;
        db.SaveChanges();

        var portfolio = PackageLoader.Load(db, "ML001", conseiller.Id);

        var ids = mine.Select(j => j.JeuneId).ToHashSet();
        Assert.Equal(ids, portfolio.Jeunes.Select(j => j.Id).ToHashSet());
        var expected = SamplePackages.Canonical(package).Where(l => l.StartsWith("S Structure { Code = ML001", StringComparison.Ordinal)
            || l.StartsWith("M ML001 ", StringComparison.Ordinal)
            || (l.StartsWith("J ML001/", StringComparison.Ordinal) && ids.Any(id => l.Contains($" Id = {id},", StringComparison.Ordinal))));
        Assert.Equal(expected, SamplePackages.Canonical(portfolio));
        Assert.True(portfolio.Contacts.Count > 0);
        Assert.Throws<ArgumentException>(() => PackageLoader.Load(db, null, conseiller.Id));
    }

    [DatabaseTheory, BothProviders]
    public void Reimporting_the_same_package_gives_the_same_database_and_keeps_identity(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = SamplePackages.Create();
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, package);
            var jeune = db.Jeunes.OrderBy(j => j.JeuneId).First();
            jeune.Nom = "Dupont";
            jeune.Prenom = "Léa";
            jeune.Telephone = "06 00 00 00 00";
            var structure = db.Structures.Single(s => s.Code == "ML000");
            structure.Adresse = "1 rue de la République";
            db.SaveChanges();
        }
        var before = Dump(database);
        long Revision()
        {
            using var db = database.CreateContext();
            return db.Structures.Single(s => s.Code == "ML000").Revision;
        }
        var revision = Revision();

        using (var db = database.CreateContext()) PackageImporter.Import(db, package);

        Assert.Equal(before, Dump(database));
        Assert.Equal(revision, Revision()); // nothing changed: the stored indicator tallies stay valid
        using (var db = database.CreateContext())
        {
            Assert.Equal("Dupont", db.Jeunes.OrderBy(j => j.JeuneId).First().Nom);
            Assert.Equal("1 rue de la République", db.Structures.Single(s => s.Code == "ML000").Adresse);
            Assert.Equal(SamplePackages.Canonical(package), SamplePackages.Canonical(PackageLoader.Load(db)));
            Assert.Equal(6, db.AuditLog.Count(a => a.Action == AuditAction.Import));
        }
    }

    [DatabaseTheory, BothProviders]
    public void Reimporting_a_changed_package_replaces_the_imported_events_of_its_structures_only(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.CreateMigratedContext();
        var first = SamplePackages.Create(structures: 2, seed: 1);
        var other = SamplePackages.Create(structures: 1, seed: 3, structureOffset: 5);
        PackageImporter.Import(db, first);
        PackageImporter.Import(db, other);

        // Same structures and young people as `first`, other events.
        var changed = SamplePackages.Create(structures: 2, seed: 1);
        var builder = new JourneyPackageBuilder();
        foreach (var s in changed.Structures) builder.AddStructure(s with { Nom = s.Nom + " (renommée)" });
        foreach (var j in changed.Jeunes) builder.AddJeune(j with { Qpv = !j.Qpv });
        builder.Contacts.Add(new Contact(0, new DateOnly(2016, 3, 1), ModeContact.Sms, false));
        PackageImporter.Import(db, builder.Build());

        var ml000 = PackageLoader.Load(db, "ML000");
        Assert.EndsWith("(renommée)", ml000.Structures[0].Nom, StringComparison.Ordinal);
        Assert.Equal(1, ml000.Contacts.Count);
        Assert.Equal(0, ml000.Situations.Count);
        // Moyens are upserted by year: years absent from the package are kept (they may have been entered in Jalon).
        Assert.Equal(first.Moyens.Where(m => m.Structure == 0).Select(m => m.Annee).Order(), ml000.Moyens.Select(m => m.Annee).Order());
        Assert.Equal(changed.Jeunes.Where(j => j.Structure == 0).Select(j => !j.Qpv).Order(), ml000.Jeunes.Select(j => j.Qpv).Order());
        Assert.Equal(SamplePackages.Canonical(other), SamplePackages.Canonical(PackageLoader.Load(db, "ML005")));
    }

    [DatabaseTheory, BothProviders]
    public void An_import_that_fails_writes_nothing(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var first = SamplePackages.Create(structures: 2, seed: 1);
        using (var db = database.CreateMigratedContext()) PackageImporter.Import(db, first);
        var before = Dump(database);

        // Same structures with other young people and events, plus a new structure; but the database refuses the
        // moyens of 1999 (a trigger), written last.
        var bad = SamplePackages.Create(structures: 3, seed: 2);
        var broken = WithMoyensOf1999(bad);
        using (var db = database.CreateContext())
        {
            RefuseMoyensOf1999(db, provider);
            Assert.ThrowsAny<DbException>(() => PackageImporter.Import(db, broken));
        }

        Assert.Equal(before, Dump(database));
        using (var db = database.CreateContext())
            Assert.Equal(SamplePackages.Canonical(first), SamplePackages.Canonical(PackageLoader.Load(db)));
    }

    /// <summary>
    /// A first load (a database without young people: indexes dropped and rebuilt, on SQLite the rollback journal instead
    /// of the write-ahead log) that fails at its very end leaves the database as it was, with its indexes, in WAL mode;
    /// the same package then loads.
    /// </summary>
    [DatabaseTheory, BothProviders]
    public void A_first_load_that_fails_leaves_the_database_as_it_was(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = database.CreateMigratedContext()) db.Database.ExecuteSqlRaw("SELECT 1");
        var before = Dump(database);
        var indexes = Indexes(database);
        var package = SamplePackages.Create(structures: 2, seed: 2);
        var broken = WithMoyensOf1999(package);
        var rollbackJournal = new List<bool>();
        void Watch(ImportProgress p)
        {
            // While the contacts are written: the SQLite transaction's journal is a rollback journal next to the file.
            if (database.Path_ is { } file && p.Etape == "contacts") rollbackJournal.Add(File.Exists(file + "-journal"));
        }
        using (var db = database.CreateContext())
        {
            RefuseMoyensOf1999(db, provider);
            Assert.ThrowsAny<DbException>(() => PackageImporter.Import(db, broken, progress: Watch));
            db.Database.ExecuteSqlRaw(provider == DatabaseProvider.Sqlite ? """DROP TRIGGER "refus" """ : """DROP TRIGGER "refus" ON "Moyens" """);
        }

        Assert.Equal(before, Dump(database));
        Assert.Equal(indexes, Indexes(database));
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Contains(true, rollbackJournal);
            Assert.False(File.Exists(database.Path_ + "-journal"));
            using var db = database.CreateContext();
            Assert.Equal("wal", db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").AsEnumerable().Single());
            Assert.Equal("ok", db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").AsEnumerable().Single());
        }
        using (var db = database.CreateContext()) PackageImporter.Import(db, package);
        Assert.Equal(indexes, Indexes(database));
        using (var db = database.CreateContext())
            Assert.Equal(SamplePackages.Canonical(package), SamplePackages.Canonical(PackageLoader.Load(db)));
    }

    /// <summary>
    /// A first load into tables emptied after an earlier import (their sequences already advanced): on PostgreSQL its
    /// events' ids are reserved from each table's sequence in one block. No id is reused, each event has its own, and an
    /// event entered afterwards gets the next one (the sequence stands after the block).
    /// </summary>
    [DatabaseTheory, BothProviders]
    public void A_first_load_takes_fresh_ids_and_leaves_the_sequence_after_them(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var package = SamplePackages.Create(structures: 2, seed: 3);
        long earlier;
        using (var db = database.CreateMigratedContext())
        {
            PackageImporter.Import(db, package);
            earlier = db.Contacts.Max(c => c.Id);
            db.Jeunes.ExecuteDelete(); // the events go with them (ON DELETE CASCADE): the next import is a first load again
            Assert.Equal(0, db.Contacts.Count());
        }

        List<long> ids;
        using (var db = database.CreateContext())
        {
            PackageImporter.Import(db, package);
            ids = [.. db.Contacts.OrderBy(c => c.Id).Select(c => c.Id)];
        }

        Assert.Equal(package.Contacts.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids[0] > earlier, $"identifiant {ids[0]} déjà donné (≤ {earlier})");
        using (var db = database.CreateContext())
        {
            var jeune = db.Jeunes.OrderBy(j => j.JeuneId).First();
            var contact = new ContactEntity { StructureCode = jeune.StructureCode, JeuneId = jeune.JeuneId, Date = new DateOnly(2016, 5, 2), Mode = ModeContact.Entretien };
            db.Contacts.Add(contact);
            db.SaveChanges();
            Assert.Equal(ids[^1] + 1, contact.Id);
        }
    }

    /// <summary>The package with one more moyens row, of 1999, that <see cref="RefuseMoyensOf1999"/> makes the database refuse (written last).</summary>
    private static JourneyPackage WithMoyensOf1999(JourneyPackage package) => new()
    {
        Structures = package.Structures, Jeunes = package.Jeunes, Contacts = package.Contacts, Orientations = package.Orientations,
        Parcours = package.Parcours, Propositions = package.Propositions, Situations = package.Situations, Droits = package.Droits,
        Parrainages = package.Parrainages, Moyens = [.. package.Moyens, package.Moyens[0] with { Annee = 1999 }],
    };

    /// <summary>A trigger named « refus » that refuses the moyens of 1999: an import then fails at its very end.</summary>
    private static void RefuseMoyensOf1999(JalonDbContext db, DatabaseProvider provider) =>
        db.Database.ExecuteSqlRaw(provider == DatabaseProvider.Sqlite
            ? """CREATE TRIGGER "refus" BEFORE INSERT ON "Moyens" WHEN NEW."Annee" = 1999 BEGIN SELECT RAISE(ABORT, 'refusé'); END"""
            : """
              CREATE FUNCTION refus() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."Annee" = 1999 THEN RAISE EXCEPTION 'refusé'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER "refus" BEFORE INSERT ON "Moyens" FOR EACH ROW EXECUTE FUNCTION refus();
              """);

    /// <summary>The indexes and foreign keys of the database, by name, sorted.</summary>
    private static List<string> Indexes(TestDatabase database)
    {
        using var db = database.CreateContext();
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? """SELECT name || ' ' || COALESCE(sql, '') AS "Value" FROM sqlite_master WHERE type = 'index'"""
            : """
              SELECT indexname || ' ' || indexdef AS "Value" FROM pg_indexes WHERE schemaname = current_schema()
              UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
              """;
        return [.. db.Database.SqlQueryRaw<string>(sql).AsEnumerable().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every row of every table but the surrogate ids and the structures' revisions (moved by every import), as text, sorted.</summary>
    internal static List<string> Dump(TestDatabase database)
    {
        using var db = database.CreateContext();
        var rows = new List<string>();
        rows.AddRange(db.Structures.AsNoTracking().AsEnumerable().Select(s => "S " + Describe(s)));
        rows.AddRange(db.Jeunes.AsNoTracking().AsEnumerable().Select(s => "J " + Describe(s)));
        rows.AddRange(db.Moyens.AsNoTracking().AsEnumerable().Select(s => "M " + Describe(s)));
        rows.AddRange(db.Contacts.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "C " + Describe(e)));
        rows.AddRange(db.Orientations.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "O " + Describe(e)));
        rows.AddRange(db.Parcours.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "P " + Describe(e)));
        rows.AddRange(db.Propositions.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "Pr " + Describe(e)));
        rows.AddRange(db.Situations.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "Si " + Describe(e)));
        rows.AddRange(db.Droits.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "D " + Describe(e)));
        rows.AddRange(db.Parrainages.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e => "Pa " + Describe(e)));
        rows.AddRange(db.Users.AsNoTracking().AsEnumerable().Select(e => "U " + Describe(e)));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Describe(object entity) => string.Join(", ", entity.GetType().GetProperties()
        .Where(p => p.Name is not ("Id" or "Revision") && (p.PropertyType.IsValueType || p.PropertyType == typeof(string)))
        .Select(p => $"{p.Name}={Format(p.GetValue(entity))}"));

    private static string Format(object? value) => value switch
    {
        null => "∅",
        DateTime d => d.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}

public class RoundTripTests
{
    /// <summary>A generated package written as CSV, imported, exported: the same files, byte for byte.</summary>
    [DatabaseTheory, BothProviders]
    public void Generated_files_imported_then_exported_are_identical(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var root = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        var source = Path.Combine(root, "source");
        var export = Path.Combine(root, "export");
        try
        {
            var package = Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 3, Jeunes = 600, Seed = 5 });
            Jalon.Exchange.PackageWriter.Write(package, source);
            // The Région's « amont » schemes (column amont, schema step 10) survive the database too.
            Assert.EndsWith(",neet,amont", File.ReadLines(Path.Combine(source, "parcours.csv")).First(), StringComparison.Ordinal);
            Assert.Contains(package.Parcours.All.ToArray(), p => p.Amont is not null);
            using (var db = database.CreateMigratedContext())
            {
                PackageImporter.Import(db, Jalon.Exchange.PackageReader.Read(source).Package!);
                PackageImporter.Import(db, Jalon.Exchange.PackageReader.Read(source).Package!);
                Jalon.Exchange.PackageWriter.Write(PackageLoader.Load(db), export);
            }

            foreach (var file in Jalon.Exchange.PackageWriter.Files)
                Assert.True(File.ReadAllBytes(Path.Combine(source, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(export, file))), file);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The CEJ's RQTH (column rqth of parcours.csv, schema step 24): 1, 0 and empty survive import, re-import and export.</summary>
    [DatabaseTheory, BothProviders]
    public void The_rqth_of_a_cej_survives_the_database(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var root = Path.Combine(Path.GetTempPath(), "jalon-tests", Guid.NewGuid().ToString("N"));
        var source = Path.Combine(root, "source");
        var export = Path.Combine(root, "export");
        try
        {
            var package = Jalon.Generator.JourneyGenerator.Generate(new Jalon.Generator.GeneratorOptions { Structures = 1, Jeunes = 300, Seed = 7, Annee = 2024 });
            Jalon.Exchange.PackageWriter.Write(package, source);
            // The generator writes no RQTH: give one CEJ in three an RQTH, one in three « 0 », and leave the others unknown.
            var file = Path.Combine(source, "parcours.csv");
            var lines = File.ReadAllLines(file);
            var cej = 0;
            for (var i = 1; i < lines.Length; i++)
            {
                var isCej = lines[i].Split(',')[2] == "CEJ";
                lines[i] += "," + (isCej ? (cej++ % 3) switch { 0 => "1", 1 => "0", _ => "" } : "");
            }
            Assert.True(cej >= 3, $"{cej} CEJ");
            lines[0] += ",rqth";
            File.WriteAllText(file, string.Join('\n', lines) + "\n");
            var read = Jalon.Exchange.PackageReader.Read(source);
            Assert.True(read.IsValid, string.Join('\n', read.Errors));
            Jalon.Exchange.PackageWriter.Write(read.Package!, source);
            using (var db = database.CreateMigratedContext())
            {
                PackageImporter.Import(db, Jalon.Exchange.PackageReader.Read(source).Package!);
                PackageImporter.Import(db, Jalon.Exchange.PackageReader.Read(source).Package!);
                Assert.Equal((cej + 2) / 3, db.Parcours.Count(p => p.Rqth == true));
                Assert.Equal((cej + 1) / 3, db.Parcours.Count(p => p.Rqth == false));
                Jalon.Exchange.PackageWriter.Write(PackageLoader.Load(db), export);
            }

            Assert.EndsWith(",rqth", File.ReadLines(Path.Combine(export, "parcours.csv")).First(), StringComparison.Ordinal);
            foreach (var name in Jalon.Exchange.PackageWriter.Files)
                Assert.True(File.ReadAllBytes(Path.Combine(source, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(export, name))), name);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
