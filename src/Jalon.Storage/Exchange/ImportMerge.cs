using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jalon.Domain;
using Jalon.Storage.Entities;

namespace Jalon.Storage.Exchange;

/// <summary>What an import does to one structure (docs/adr/0005-reimport-fusion.md): counted before (preview) and applied.</summary>
public sealed record StructurePlan(string Code, string Nom)
{
    /// <summary>The structure is not in the database yet.</summary>
    public bool Nouvelle { get; init; }

    public int JeunesAjoutes { get; set; }
    public int JeunesModifies { get; set; }

    /// <summary>Young people of the database absent from the package: kept, with their events.</summary>
    public int JeunesAbsents { get; set; }

    /// <summary>Young people of the package whose file was anonymised or erased in Jalon: not brought back.</summary>
    public int JeunesIgnores { get; set; }

    public int EvenementsAjoutes { get; set; }
    public int EvenementsModifies { get; set; }

    /// <summary>Events that came from an earlier package and are absent from this one: removed.</summary>
    public int EvenementsSupprimes { get; set; }

    /// <summary>Among the removed events, contacts carrying what was entered in Jalon (a comment, diagnostic domains).</summary>
    public int SupprimesAvecSaisie { get; set; }

    /// <summary>Events entered in Jalon and absent from the package: kept (an import never removes them).</summary>
    public int EvenementsConserves { get; set; }

    public int MoyensAjoutes { get; set; }
    public int MoyensModifies { get; set; }

    /// <summary>CEJ rows (activites.csv, allocations.csv) written, and imported CEJ rows removed (<see cref="Cej.CejExchange"/>).</summary>
    public int CejAjoutees { get; set; }

    public int CejSupprimees { get; set; }

    /// <summary>The package carries rows of the structure side (territory, sites, BRH, budget, context): replaced for what it carries.</summary>
    public bool DonneesStructure { get; set; }

    /// <summary>True when the import changes anything in this structure.</summary>
    public bool Change => Nouvelle || DonneesStructure || JeunesAjoutes + JeunesModifies + EvenementsAjoutes + EvenementsModifies + EvenementsSupprimes
        + MoyensAjoutes + MoyensModifies + CejAjoutees + CejSupprimees > 0;

    /// <summary>One French line for the audit log and the command line.</summary>
    public string Resume()
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string N(int n) => n.ToString("N0", fr);
        return (Nouvelle ? "nouvelle structure ; " : "")
            + $"jeunes : {N(JeunesAjoutes)} ajouté(s), {N(JeunesModifies)} modifié(s), {N(JeunesAbsents)} absent(s) du paquet conservé(s)"
            + (JeunesIgnores > 0 ? $", {N(JeunesIgnores)} anonymisé(s) ou effacé(s) ignoré(s)" : "")
            + $" ; événements : {N(EvenementsAjoutes)} ajouté(s), {N(EvenementsModifies)} modifié(s), {N(EvenementsSupprimes)} supprimé(s)"
            + (SupprimesAvecSaisie > 0 ? $" dont {N(SupprimesAvecSaisie)} avec un commentaire ou un diagnostic saisi dans Jalon" : "")
            + $", {N(EvenementsConserves)} saisi(s) dans Jalon conservé(s) ; moyens : {N(MoyensAjoutes)} année(s) ajoutée(s), {N(MoyensModifies)} modifiée(s)"
            + (CejAjoutees + CejSupprimees > 0 ? $" ; CEJ (activités, allocations) : {N(CejAjoutees)} ligne(s) écrite(s), {N(CejSupprimees)} ligne(s) d'un paquet précédent supprimée(s)" : "")
            + (DonneesStructure ? " ; territoire, sites, BRH, budget, contexte : remplacés pour ce que le paquet en porte" : "");
    }
}

/// <summary>What an import does, structure by structure.</summary>
public sealed record ImportPlan(IReadOnlyList<StructurePlan> Structures)
{
    public bool Change => Structures.Any(s => s.Change);

    /// <summary>The revision of each structure already in the database when the plan was made (to detect a change before confirming).</summary>
    public IReadOnlyDictionary<string, long> Revisions { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// Computes how a package merges into the database (docs/adr/0005-reimport-fusion.md): structures not in the database
/// yet are written in bulk; the others are compared event by event with what is stored — matched by their identifier
/// (column <c>id</c>), then by their content, then (events that came from a package) by their key date — so that an
/// event matched keeps its row, its comment and its diagnostic domains. Used read-only for a preview, and by the import.
/// </summary>
internal sealed class ImportMerge
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly JourneyPackage _package;

    public ImportMerge(DbConnection connection, DbTransaction tx, JourneyPackage package)
    {
        _connection = connection;
        _tx = tx;
        _package = package;
        Skip = new bool[package.Jeunes.Length];
        Merged = new bool[package.Structures.Count];
        Kinds = EventKinds.All(package);
    }

    /// <summary>Per young person of the package: not written (their file was anonymised or erased in Jalon).</summary>
    public bool[] Skip { get; }

    /// <summary>Per structure of the package: already in the database with young people (merged), else written in bulk.</summary>
    public bool[] Merged { get; }

    public IReadOnlyList<EventKind> Kinds { get; }

    public List<StructurePlan> Plans { get; } = [];

    public Dictionary<string, long> Revisions { get; } = new(StringComparer.Ordinal);

    /// <summary>Moyens of the package that change the database (inserted or updated): all of them for a new structure.</summary>
    public List<Moyens> MoyensToWrite { get; } = [];

    public void Compute()
    {
        var byStructure = new List<int>[_package.Structures.Count];
        for (var s = 0; s < byStructure.Length; s++) byStructure[s] = [];
        for (var j = 0; j < _package.Jeunes.Length; j++) byStructure[_package.Jeunes[j].Structure].Add(j);
        var stored = ReadStructures();
        for (var s = 0; s < _package.Structures.Count; s++)
        {
            var structure = _package.Structures[s];
            var exists = stored.TryGetValue(structure.Code, out var revision);
            if (exists) Revisions[structure.Code] = revision;
            var plan = new StructurePlan(structure.Code, structure.Nom) { Nouvelle = !exists, DonneesStructure = StructureDataChanges(structure.Code, s, exists) };
            Plans.Add(plan);
            var fingerprints = exists ? ReadFingerprints(structure.Code) : [];
            var jeunes = exists ? ReadJeunes(structure.Code, s) : [];
            Merged[s] = jeunes.Count > 0 || fingerprints.Count > 0;
            var packageIds = new Dictionary<string, int>(byStructure[s].Count, StringComparer.Ordinal);
            foreach (var j in byStructure[s])
            {
                var jeune = _package.Jeunes[j];
                if (fingerprints.Count > 0 && fingerprints.Contains(Fingerprint(structure.Code, jeune.Id)))
                {
                    Skip[j] = true;
                    plan.JeunesIgnores++;
                    continue;
                }
                packageIds[jeune.Id] = j;
                if (!jeunes.TryGetValue(jeune.Id, out var before)) plan.JeunesAjoutes++;
                else if (before != jeune) plan.JeunesModifies++;
            }
            plan.JeunesAbsents = jeunes.Keys.Count(id => !packageIds.ContainsKey(id));
            if (!Merged[s])
            {
                foreach (var kind in Kinds) plan.EvenementsAjoutes += kind.CountFor(byStructure[s]);
            }
            else
            {
                foreach (var kind in Kinds) kind.Diff(_connection, _tx, structure.Code, packageIds, plan);
            }
            (plan.CejAjoutees, plan.CejSupprimees) = Cej.CejExchange.Diff(_connection, _tx, _package, s, Skip, exists);
            var moyens = exists ? ReadMoyens(structure.Code, s) : [];
            foreach (var m in _package.Moyens.Where(m => m.Structure == s))
            {
                if (!moyens.TryGetValue(m.Annee, out var before)) plan.MoyensAjoutes++;
                else if (before == m) continue;
                else plan.MoyensModifies++;
                MoyensToWrite.Add(m);
            }
        }
    }

    /// <summary>
    /// Whether the package's structure side (territory, sites, BRH, budget, context) changes what is stored for structure
    /// <paramref name="s"/>: the rows it carries differ from the stored rows they replace (same tables, same years).
    /// </summary>
    private bool StructureDataChanges(string code, int s, bool exists)
    {
        var data = _package.StructureData;
        if (data.IsEmpty) return false;
        var territoires = data.Territoires.Where(r => r.Structure == s).ToList();
        var sites = data.Sites.Where(r => r.Structure == s).ToList();
        var brh = data.Brh.Where(r => r.Structure == s).ToList();
        var budget = data.Budget.Where(r => r.Structure == s).ToList();
        var contexte = data.Contexte.Where(r => r.Structure == s).ToList();
        if (territoires.Count + sites.Count + brh.Count + budget.Count + contexte.Count == 0) return false;
        if (!exists) return true;
        var stored = Structures.StructureDataExchange.Load(_connection, _tx, code, _ => s);
        static bool Same<T>(IEnumerable<T> a, IEnumerable<T> b) where T : struct =>
            a.GroupBy(x => x).Select(g => (g.Key, g.Count())).ToHashSet().SetEquals(b.GroupBy(x => x).Select(g => (g.Key, g.Count())));
        var brhYears = brh.Select(r => r.Annee).ToHashSet();
        var budgetYears = budget.Select(r => r.Annee).ToHashSet();
        var contexteYears = contexte.Select(r => r.Annee).ToHashSet();
        return (territoires.Count > 0 && !Same(territoires, stored.Territoires))
            || (sites.Count > 0 && !Same(sites, stored.Sites))
            || !Same(brh, stored.Brh.Where(r => brhYears.Contains(r.Annee)))
            || !Same(budget, stored.Budget.Where(r => budgetYears.Contains(r.Annee)))
            || !Same(contexte, stored.Contexte.Where(r => contexteYears.Contains(r.Annee)));
    }

    /// <summary>The one-way fingerprint kept for an anonymised or erased file: SHA-256 of "structure\nidentifier", hexadecimal.</summary>
    public static string Fingerprint(string structure, string jeuneId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(structure + "\n" + jeuneId)));

    private Dictionary<string, long> ReadStructures()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var r = RowReader.Open(_connection, _tx, """SELECT "StructureCode", "Revision" FROM "Structures" """, null);
        while (r.Read()) result[r.Text(0)] = r.Long(1);
        return result;
    }

    private HashSet<string> ReadFingerprints(string structure)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        using var r = RowReader.Open(_connection, _tx, """SELECT "Empreinte" FROM "JeunesEffaces" WHERE "StructureCode" = @s""", structure);
        while (r.Read()) result.Add(r.Text(0));
        return result;
    }

    /// <summary>The stored young people of a structure (format fields, as package rows of structure index <paramref name="s"/>).</summary>
    private Dictionary<string, Jeune> ReadJeunes(string structure, int s)
    {
        var result = new Dictionary<string, Jeune>(StringComparer.Ordinal);
        using var r = RowReader.Open(_connection, _tx,
            """SELECT "JeuneId", "Naissance", "Sexe", "Niveau", "Diplome", "Commune", "Qpv", "Zrr", "PremierAccueil" FROM "Jeunes" WHERE "StructureCode" = @s""",
            structure);
        while (r.Read())
        {
            var id = r.Text(0);
            result[id] = new Jeune(s, id, r.Date(1), (Sexe)r.Int(2), (Niveau)r.Int(3), r.Bool(4), r.NullableText(5), r.Bool(6), r.Bool(7), r.Date(8));
        }
        return result;
    }

    private Dictionary<int, Moyens> ReadMoyens(string structure, int s)
    {
        var result = new Dictionary<int, Moyens>();
        using var r = RowReader.Open(_connection, _tx,
            """SELECT "Annee", "Jano", "Defm", "EtpTotal", "EtpAccompagnement", "FinancementTotal", "FinancementActivitesPrincipales", "FinancementEtat", "FinancementFse" FROM "Moyens" WHERE "StructureCode" = @s""",
            structure);
        while (r.Read())
        {
            var annee = r.Int(0);
            result[annee] = new Moyens(s, annee, r.NullableLong(1), r.NullableLong(2), r.NullableDecimal(3), r.NullableDecimal(4),
                r.NullableDecimal(5), r.NullableDecimal(6), r.NullableDecimal(7), r.NullableDecimal(8));
        }
        return result;
    }
}

/// <summary>One kind of event (one table) as the import sees it.</summary>
internal abstract class EventKind
{
    /// <summary>The table, e.g. <c>Contacts</c>.</summary>
    public abstract string Table { get; }

    /// <summary>The number of package events of these young people.</summary>
    public abstract int CountFor(List<int> jeunes);

    /// <summary>The number of the package's events of this kind.</summary>
    public abstract int Count { get; }

    /// <summary>Compares the package's events of one merged structure with the stored ones, counts and keeps the operations.</summary>
    public abstract void Diff(DbConnection connection, DbTransaction tx, string structure, Dictionary<string, int> packageJeunes, StructurePlan plan);

    /// <summary>
    /// Applies the kept operations and inserts the events of the structures written in bulk; returns the rows inserted.
    /// <paramref name="progress"/> gets the rows inserted as they go (<see cref="BulkInserter.Progress"/>).
    /// <paramref name="locked"/>: the import holds the table exclusively (a first load on PostgreSQL dropped its indexes,
    /// which locks it until the commit); the new rows' ids are then reserved from the table's sequence in one block and
    /// written with the rows, instead of one <c>nextval</c> per row on the server.
    /// </summary>
    public abstract long Apply(DbConnection connection, DbTransaction tx, string[] codes, bool[] merged, bool[] skip, bool locked, Action<long>? progress = null);
}

/// <summary>One kind of event: its table, columns, and how a domain event is read, written and compared.</summary>
internal sealed class EventKind<T>(
    JourneyPackage package,
    string table,
    string[] columns,
    EventTable<T> events,
    Func<RowReader, int, int, T> read,
    Action<BulkInserter, T> write,
    Func<T, object?[]> values,
    System.Data.DbType[] types,
    Func<T, T, bool> sameKey) : EventKind where T : struct, IJeuneEvent
{
    private readonly List<long> _deletes = [];
    private readonly List<(long Id, T Value, string? Ref)> _updates = [];
    private readonly List<(string Structure, string Jeune, T Value, string? Ref)> _inserts = [];

    public override string Table => table;

    public override int CountFor(List<int> jeunes) => jeunes.Sum(j => events.For(j).Length);

    public override int Count => events.Count;

    /// <summary>A stored event; <paramref name="Annotated"/>: it carries what was entered in Jalon (a comment, diagnostic domains).</summary>
    private readonly record struct Stored(long Id, T Value, string? Ref, OrigineEvenement Origine, bool Annotated);

    public override void Diff(DbConnection connection, DbTransaction tx, string structure, Dictionary<string, int> packageJeunes, StructurePlan plan)
    {
        // The stored events of the structure, grouped by young person of the package (others are left alone).
        var stored = new Dictionary<int, List<Stored>>();
        // What was entered in Jalon on an event: a contact's comment, its diagnostic domains (one indexed scan, not a probe per contact).
        var webData = table == "Contacts" ? "\"Commentaire\" IS NOT NULL" : "FALSE";
        var withDomains = new HashSet<long>();
        if (table == "Contacts")
        {
            using var d = RowReader.Open(connection, tx, """SELECT DISTINCT "ContactId" FROM "DiagnosticDomaines" WHERE "StructureCode" = @s""", structure);
            while (d.Read()) withDomains.Add(d.Long(0));
        }
        var sql = $"""SELECT "Id", "JeuneId", "Ref", "Origine", {webData}, {string.Join(", ", columns.Select(BulkInserter.Quote))} FROM "{table}" WHERE "StructureCode" = @s ORDER BY "JeuneId", "Id" """;
        using (var r = RowReader.Open(connection, tx, sql, structure))
        {
            var lastJeune = "";
            List<Stored>? list = null;
            var index = -1;
            while (r.Read())
            {
                // Columns in order (sequential access on PostgreSQL).
                var rowId = r.Long(0);
                var jeune = r.Key(1);
                if (jeune != lastJeune)
                {
                    lastJeune = jeune;
                    list = packageJeunes.TryGetValue(jeune, out index) ? (stored.TryGetValue(index, out var l) ? l : stored[index] = []) : null;
                }
                if (list is null) continue;
                var reference = r.NullableText(2);
                var origine = (OrigineEvenement)r.Int(3);
                var annotated = r.Bool(4) || withDomains.Contains(rowId);
                list.Add(new Stored(rowId, read(r, 5, index), reference, origine, annotated));
            }
        }
        foreach (var (id, j) in packageJeunes)
        {
            var rows = events.For(j);
            var ids = events.IdsFor(j);
            var mine = stored.TryGetValue(j, out var l) ? l : [];
            if (rows.Length == 0 && mine.Count == 0) continue;
            DiffJeune(structure, id, rows, ids, mine, plan);
        }
    }

    private void DiffJeune(string structure, string jeune, ReadOnlySpan<T> rows, ReadOnlySpan<string?> ids, List<Stored> storedList, StructurePlan plan)
    {
        var stored = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(storedList);
        // The usual case of a re-import: the same events, in the same order, without identifiers.
        if (ids.IsEmpty && rows.Length == stored.Length)
        {
            var same = true;
            for (var k = 0; k < rows.Length && same; k++) same = stored[k].Ref is null && stored[k].Value.Equals(rows[k]);
            if (same) return;
        }
        Span<bool> storedMatched = stored.Length <= 256 ? stackalloc bool[stored.Length] : new bool[stored.Length];
        Span<bool> rowMatched = rows.Length <= 256 ? stackalloc bool[rows.Length] : new bool[rows.Length];
        var idArray = ids.IsEmpty ? null : ids.ToArray();
        string? IdOf(int i) => idArray?[i];

        // 1. Same identifier: the same event, perhaps changed.
        if (idArray is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (IdOf(i) is not { } id) continue;
                var k = -1;
                for (var x = 0; x < stored.Length && k < 0; x++)
                {
                    if (stored[x].Ref == id) k = x;
                }
                if (k < 0 || storedMatched[k]) continue;
                storedMatched[k] = rowMatched[i] = true;
                if (!stored[k].Value.Equals(rows[i]))
                {
                    _updates.Add((stored[k].Id, rows[i], id));
                    plan.EvenementsModifies++;
                }
            }
        }
        // 2. Same content (and no conflicting identifiers): the same event, unchanged.
        for (var i = 0; i < rows.Length; i++)
        {
            if (rowMatched[i]) continue;
            var id = IdOf(i);
            for (var k = 0; k < stored.Length; k++)
            {
                if (storedMatched[k] || !stored[k].Value.Equals(rows[i]) || (id is not null && stored[k].Ref is not null && stored[k].Ref != id)) continue;
                storedMatched[k] = rowMatched[i] = true;
                if (id is not null && stored[k].Ref is null) _updates.Add((stored[k].Id, rows[i], id)); // learns its identifier
                break;
            }
        }
        // 3. Same key date (an event that came from a package, changed there: a path closed, a mode corrected).
        for (var i = 0; i < rows.Length; i++)
        {
            if (rowMatched[i]) continue;
            var id = IdOf(i);
            for (var k = 0; k < stored.Length; k++)
            {
                if (storedMatched[k] || stored[k].Origine != OrigineEvenement.Paquet || !sameKey(stored[k].Value, rows[i])
                    || (id is not null && stored[k].Ref is not null)) continue;
                storedMatched[k] = rowMatched[i] = true;
                _updates.Add((stored[k].Id, rows[i], id ?? stored[k].Ref));
                plan.EvenementsModifies++;
                break;
            }
        }
        // 4. The package's other events are new.
        for (var i = 0; i < rows.Length; i++)
        {
            if (rowMatched[i]) continue;
            _inserts.Add((structure, jeune, rows[i], IdOf(i)));
            plan.EvenementsAjoutes++;
        }
        // 5. The other stored events: removed if they came from a package, kept if they were entered in Jalon.
        for (var k = 0; k < stored.Length; k++)
        {
            if (storedMatched[k]) continue;
            if (stored[k].Origine == OrigineEvenement.Saisie)
            {
                plan.EvenementsConserves++;
                continue;
            }
            _deletes.Add(stored[k].Id);
            plan.EvenementsSupprimes++;
            if (stored[k].Annotated) plan.SupprimesAvecSaisie++;
        }
    }

    public override long Apply(DbConnection connection, DbTransaction tx, string[] codes, bool[] merged, bool[] skip, bool locked, Action<long>? progress = null)
    {
        // Removals first (a contact's diagnostic domains go with it: foreign key ON DELETE CASCADE). Many of them: one
        // statement joined to a temporary table of their ids; a few: a literal list.
        if (_deletes.Count > 500)
        {
            var postgres = connection is Npgsql.NpgsqlConnection;
            Execute(connection, tx, postgres
                ? """CREATE TEMPORARY TABLE "ImportSuppressions" ("Id" bigint NOT NULL PRIMARY KEY)"""
                : """CREATE TEMPORARY TABLE "ImportSuppressions" ("Id" INTEGER NOT NULL PRIMARY KEY)""");
            using (var ids = BulkInserter.Create(connection, "ImportSuppressions", "Id"))
            {
                foreach (var id in _deletes)
                {
                    ids.Long(id);
                    ids.EndRow();
                }
                ids.Complete();
            }
            Execute(connection, tx, $"""DELETE FROM "{table}" WHERE "Id" IN (SELECT "Id" FROM "ImportSuppressions")""");
            Execute(connection, tx, """DROP TABLE "ImportSuppressions" """);
        }
        else if (_deletes.Count > 0)
        {
            Execute(connection, tx, $"""DELETE FROM "{table}" WHERE "Id" IN ({string.Join(", ", _deletes.Select(id => id.ToString(CultureInfo.InvariantCulture)))})""");
        }
        if (_updates.Count > 0)
        {
            using var command = connection.CreateLongCommand();
            command.Transaction = tx;
            var set = string.Join(", ", columns.Select((c, i) => $"\"{c}\" = @v{i}"));
            command.CommandText = $"""UPDATE "{table}" SET {set}, "Ref" = @ref, "Version" = "Version" + 1 WHERE "Id" = @id""";
            var parameters = columns.Select((_, i) => Parameter(command, "v" + i, types[i])).ToArray();
            var refParameter = Parameter(command, "ref", System.Data.DbType.String);
            var idParameter = Parameter(command, "id", System.Data.DbType.Int64);
            command.Prepare();
            foreach (var (id, value, reference) in _updates)
            {
                var v = values(value);
                for (var i = 0; i < v.Length; i++) parameters[i].Value = v[i] ?? DBNull.Value;
                refParameter.Value = (object?)reference ?? DBNull.Value;
                idParameter.Value = id;
                command.ExecuteNonQuery();
            }
        }
        // New events: every event of the structures written in bulk, in young person order, then the merged ones.
        var withRef = events.HasIds || _inserts.Any(x => x.Ref is not null);
        var bulk = false;
        for (var j = 0; j < package.Jeunes.Length && !bulk; j++) bulk = !merged[package.Jeunes[j].Structure] && events.For(j).Length > 0;
        if (!bulk && _inserts.Count == 0) return 0;
        string[] allColumns = withRef ? ["StructureCode", "JeuneId", .. columns, "Ref"] : ["StructureCode", "JeuneId", .. columns];
        var jeunes = package.Jeunes;
        var next = 0L;
        if (locked && connection is Npgsql.NpgsqlConnection)
        {
            var count = (long)_inserts.Count;
            for (var j = 0; j < jeunes.Length && bulk; j++) if (!merged[jeunes[j].Structure] && !skip[j]) count += events.For(j).Length;
            next = ReserveIds(connection, tx, count);
            if (next > 0) allColumns = ["Id", .. allColumns];
        }
        using var insert = BulkInserter.Create(connection, table, allColumns);
        insert.Progress = progress;
        if (bulk)
        {
            for (var j = 0; j < jeunes.Length; j++)
            {
                if (merged[jeunes[j].Structure] || skip[j]) continue;
                var structure = codes[jeunes[j].Structure];
                var id = jeunes[j].Id;
                var rows = events.For(j);
                var ids = events.IdsFor(j);
                for (var i = 0; i < rows.Length; i++)
                {
                    if (next > 0) insert.Long(next++);
                    insert.Text(structure);
                    insert.Text(id);
                    write(insert, rows[i]);
                    if (withRef) insert.Text(ids.IsEmpty ? null : ids[i]);
                    insert.EndRow();
                }
            }
        }
        foreach (var (structure, jeune, value, reference) in _inserts)
        {
            if (next > 0) insert.Long(next++);
            insert.Text(structure);
            insert.Text(jeune);
            write(insert, value);
            if (withRef) insert.Text(reference);
            insert.EndRow();
        }
        insert.Complete();
        return insert.Rows;
    }

    /// <summary>
    /// Takes <paramref name="count"/> consecutive ids from the table's identity sequence (PostgreSQL) and returns the
    /// first (0 when there is nothing to reserve). Only while the import holds the table exclusively: nobody else can
    /// draw from the sequence between its nextval and its setval.
    /// </summary>
    private long ReserveIds(DbConnection connection, DbTransaction tx, long count)
    {
        if (count == 0) return 0;
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), nextval(pg_get_serial_sequence('"{table}"', 'Id')) + @n - 1)
            """;
        var n = command.CreateParameter();
        n.ParameterName = "n";
        n.Value = count;
        command.Parameters.Add(n);
        var last = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return last - count + 1;
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql)
    {
        using var command = connection.CreateLongCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A typed parameter (PostgreSQL needs the type of a null).</summary>
    private static DbParameter Parameter(DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

/// <summary>The seven kinds of events, with their columns (the order of the exchange format's files).</summary>
internal static class EventKinds
{
    private const System.Data.DbType Date = System.Data.DbType.Date;
    private const System.Data.DbType Code = System.Data.DbType.Int16;
    private const System.Data.DbType Bool = System.Data.DbType.Boolean;
    private const System.Data.DbType Int = System.Data.DbType.Int32;
    private const System.Data.DbType Text = System.Data.DbType.String;

    public static EventKind[] All(JourneyPackage p) =>
    [
        new EventKind<Contact>(p, "Contacts", ["Date", "Mode", "Diagnostic"], p.Contacts,
            (r, c, j) => new Contact(j, r.Date(c), (ModeContact)r.Int(c + 1), r.Bool(c + 2)),
            (w, e) => { w.Date(e.Date); w.Code((int)e.Mode); w.Bool(e.Diagnostic); },
            e => [e.Date, (short)e.Mode, e.Diagnostic], [Date, Code, Bool],
            (a, b) => a.Date == b.Date),
        new EventKind<Orientation>(p, "Orientations", ["Date", "Operateur"], p.Orientations,
            (r, c, j) => new Orientation(j, r.Date(c), (Operateur)r.Int(c + 1)),
            (w, e) => { w.Date(e.Date); w.Code((int)e.Operateur); },
            e => [e.Date, (short)e.Operateur], [Date, Code],
            (a, b) => a.Date == b.Date),
        new EventKind<Parcours>(p, "Parcours", ["Dispositif", "Debut", "Fin", "MotifFin", "Neet", "Amont", "Rqth"], p.Parcours,
            (r, c, j) => new Parcours(j, (Dispositif)r.Int(c), r.Date(c + 1), r.NullableDate(c + 2), (MotifFin?)r.NullableInt(c + 3), r.Bool(c + 4),
                r.NullableText(c + 5) is { } amont ? Domain.Amont.DispositifsAmont.Connu(amont) ?? amont : null, r.NullableBool(c + 6)),
            (w, e) => { w.Code((int)e.Dispositif); w.Date(e.Debut); w.Date(e.Fin); w.Code((int?)e.MotifFin); w.Bool(e.Neet); w.Text(e.Amont); w.NullableBool(e.Rqth); },
            e => [(short)e.Dispositif, e.Debut, e.Fin, e.MotifFin is { } m ? (short)m : null, e.Neet, e.Amont, e.Rqth], [Code, Date, Date, Code, Bool, Text, Bool],
            (a, b) => a.Dispositif == b.Dispositif && a.Debut == b.Debut),
        new EventKind<Proposition>(p, "Propositions", ["Date", "Theme"], p.Propositions,
            (r, c, j) => new Proposition(j, r.Date(c), (Theme)r.Int(c + 1)),
            (w, e) => { w.Date(e.Date); w.Code((int)e.Theme); },
            e => [e.Date, (short)e.Theme], [Date, Code],
            (a, b) => a.Date == b.Date),
        new EventKind<Situation>(p, "Situations", ["Type", "Debut", "Fin", "DureePrevueJours"], p.Situations,
            (r, c, j) => new Situation(j, (TypeSituation)r.Int(c), r.Date(c + 1), r.NullableDate(c + 2), r.NullableInt(c + 3)),
            (w, e) => { w.Code((int)e.Type); w.Date(e.Debut); w.Date(e.Fin); w.Int(e.DureePrevueJours); },
            e => [(short)e.Type, e.Debut, e.Fin, e.DureePrevueJours], [Code, Date, Date, Int],
            (a, b) => a.Type == b.Type && a.Debut == b.Debut),
        new EventKind<Droit>(p, "Droits", ["Date", "Domaine"], p.Droits,
            (r, c, j) => new Droit(j, r.Date(c), (DomaineDroit)r.Int(c + 1)),
            (w, e) => { w.Date(e.Date); w.Code((int)e.Domaine); },
            e => [e.Date, (short)e.Domaine], [Date, Code],
            (a, b) => a.Date == b.Date),
        new EventKind<Parrainage>(p, "Parrainages", ["Debut", "Fin"], p.Parrainages,
            (r, c, j) => new Parrainage(j, r.Date(c), r.NullableDate(c + 1)),
            (w, e) => { w.Date(e.Debut); w.Date(e.Fin); },
            e => [e.Debut, e.Fin], [Date, Date],
            (a, b) => a.Debut == b.Debut),
    ];
}
