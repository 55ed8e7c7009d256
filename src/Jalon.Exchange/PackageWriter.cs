using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Jalon.Domain;
using Jalon.Domain.Structures;

namespace Jalon.Exchange;

/// <summary>
/// Writes a package as the exchange format's CSV files (docs/spec/format-echange.md) plus a datapackage.json.
/// Every file is written, optional ones included (header only when empty); `,` delimiter, UTF-8 without BOM,
/// `\n` line ends, dates yyyy-MM-dd, booleans 0/1, invariant decimals, RFC 4180 quoting when a value needs it.
/// Rows are in a canonical order — structures by code; young people by structure code then id; events by
/// structure, young person, then their dates and other fields — so that export → import → export gives
/// identical files. Files are written in parallel through a buffered UTF-8 writer.
/// </summary>
public static class PackageWriter
{
    /// <summary>The CSV files of the format, in the order of the specification.</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "structures.csv", "jeunes.csv", "contacts.csv", "orientations.csv", "parcours.csv",
        "propositions.csv", "situations.csv", "droits.csv", "parrainages.csv", "moyens.csv",
        "territoires.csv", "sites.csv", "brh.csv", "budget.csv", "contexte.csv",
    ];

    /// <summary>The optional CEJ files, written only when the package has rows for them.</summary>
    public static readonly IReadOnlyList<string> CejFiles = ["activites.csv", "allocations.csv"];

    /// <summary>The optional employer files, written only when the package has employer rows (all five then).</summary>
    public static readonly IReadOnlyList<string> EmployeurFiles = ["entreprises.csv", "echanges_entreprises.csv", "offres.csv", "mises_en_relation.csv", "immersions.csv"];

    public const string DataPackageFile = "datapackage.json";

    public static void Write(JourneyPackage package, string directory)
    {
        Directory.CreateDirectory(directory);
        var order = new CanonicalOrder(package);
        string Path(string file) => System.IO.Path.Combine(directory, file);

        // Largest files first, so that they start early on a small machine.
        Parallel.Invoke(
            () => WriteEvents(Path("contacts.csv"), "structure,jeune,date,mode,diagnostic", order, package.Contacts, CompareContacts,
                static (o, r) => { o.Date(r.Date); o.Comma(); o.Code(r.Mode); o.Comma(); o.Bool(r.Diagnostic); }),
            () => WriteEvents(Path("propositions.csv"), "structure,jeune,date,theme", order, package.Propositions, ComparePropositions,
                static (o, r) => { o.Date(r.Date); o.Comma(); o.Code(r.Theme); }),
            () => WriteJeunes(Path("jeunes.csv"), package, order),
            () => WriteEvents(Path("situations.csv"), "structure,jeune,type,debut,fin,duree_prevue_jours", order, package.Situations, CompareSituations,
                static (o, r) => { o.Code(r.Type); o.Comma(); o.Date(r.Debut); o.Comma(); o.Date(r.Fin); o.Comma(); o.Int(r.DureePrevueJours); }),
            () => WriteEvents(Path("parcours.csv"), "structure,jeune,dispositif,debut,fin,motif_fin,neet", order, package.Parcours, CompareParcours,
                static (o, r) =>
                {
                    o.Code(r.Dispositif); o.Comma(); o.Date(r.Debut); o.Comma(); o.Date(r.Fin); o.Comma();
                    if (r.MotifFin is { } m) o.Code(m);
                    o.Comma(); o.Bool(r.Neet);
                },
                // The columns amont and rqth only when a path has a value: a package without them is written as before.
                OptionalParcoursColumns(package), WriteOptionalParcours(package)),
            () => WriteEvents(Path("orientations.csv"), "structure,jeune,date,operateur", order, package.Orientations, CompareOrientations,
                static (o, r) => { o.Date(r.Date); o.Comma(); o.Code(r.Operateur); }),
            () => WriteEvents(Path("droits.csv"), "structure,jeune,date,domaine", order, package.Droits, CompareDroits,
                static (o, r) => { o.Date(r.Date); o.Comma(); o.Code(r.Domaine); }),
            () => WriteEvents(Path("parrainages.csv"), "structure,jeune,debut,fin", order, package.Parrainages, CompareParrainages,
                static (o, r) => { o.Date(r.Debut); o.Comma(); o.Date(r.Fin); }),
            // The CEJ files only when the package has rows: an older package is written exactly as before.
            () =>
            {
                if (package.Activites is { Count: > 0 } activites)
                    WriteEvents(Path("activites.csv"), "structure,jeune,date,categorie,heures,realisee,session", order, activites, CompareActivites,
                        static (o, r) => { o.Date(r.Date); o.Comma(); o.Code(r.Categorie); o.Comma(); o.Decimal(Heures(r.Heures)); o.Comma(); o.Bool(r.Realisee); o.Comma(); o.Text(r.Session); });
            },
            () =>
            {
                if (package.Allocations is { Count: > 0 } allocations)
                    WriteEvents(Path("allocations.csv"), "structure,jeune,mois,montant_du,montant_demande,statut,retour_asp", order, allocations, CompareAllocations,
                        static (o, r) =>
                        {
                            o.Ascii(r.Mois.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)); o.Comma();
                            o.Decimal(Euros(r.MontantDu)); o.Comma(); o.Decimal(Euros(r.MontantDemande)); o.Comma(); o.Code(r.Statut); o.Comma(); o.Text(r.RetourAsp);
                        });
            },
            () => WriteStructures(Path("structures.csv"), package, order),
            () => WriteMoyens(Path("moyens.csv"), package, order),
            () => StructureFilesWriter.Write(directory, package, order.StructureRank),
            () => EmployeurFilesWriter.Write(directory, package, order.StructureRank, order.JeuneRank),
            () => File.WriteAllBytes(Path(DataPackageFile), DataPackageDescriptor.Json(WithIds(package), HasAmont(package), HasRqth(package))));
    }

    /// <summary>The event files written with an <c>id</c> column (resource names).</summary>
    private static HashSet<string> WithIds(JourneyPackage p)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (p.Contacts.HasIds) names.Add("contacts");
        if (p.Orientations.HasIds) names.Add("orientations");
        if (p.Parcours.HasIds) names.Add("parcours");
        if (p.Propositions.HasIds) names.Add("propositions");
        if (p.Situations.HasIds) names.Add("situations");
        if (p.Droits.HasIds) names.Add("droits");
        if (p.Parrainages.HasIds) names.Add("parrainages");
        return names;
    }

    private static void WriteStructures(string path, JourneyPackage package, CanonicalOrder order)
    {
        using var o = new CsvOutput(path);
        o.Header("structure,nom,region,departement");
        foreach (var s in order.Structures)
        {
            var structure = package.Structures[s];
            o.Text(structure.Code); o.Comma(); o.Text(structure.Nom); o.Comma(); o.Text(structure.Region); o.Comma(); o.Text(structure.Departement);
            o.EndRow();
        }
    }

    private static void WriteJeunes(string path, JourneyPackage package, CanonicalOrder order)
    {
        using var o = new CsvOutput(path);
        o.Header("structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil");
        foreach (var j in order.Jeunes)
        {
            ref readonly var jeune = ref package.Jeunes[j];
            o.Raw(order.KeyOf(j));
            o.Date(jeune.Naissance); o.Comma();
            o.Code(jeune.Sexe); o.Comma();
            o.Code(jeune.Niveau); o.Comma();
            o.Bool(jeune.Diplome); o.Comma();
            o.Text(jeune.Commune); o.Comma();
            o.Bool(jeune.Qpv); o.Comma();
            o.Bool(jeune.Zrr); o.Comma();
            o.Date(jeune.PremierAccueil);
            o.EndRow();
        }
    }

    private static void WriteMoyens(string path, JourneyPackage package, CanonicalOrder order)
    {
        using var o = new CsvOutput(path);
        o.Header("structure,annee,jano,defm,etp_total,etp_accompagnement,financement_total,financement_activites_principales,financement_etat,financement_fse");
        var rows = package.Moyens.ToArray();
        Array.Sort(rows, (a, b) =>
        {
            var c = order.StructureRank[a.Structure].CompareTo(order.StructureRank[b.Structure]);
            return c != 0 ? c : a.Annee.CompareTo(b.Annee);
        });
        foreach (var m in rows)
        {
            o.Text(package.Structures[m.Structure].Code); o.Comma();
            o.Int(m.Annee); o.Comma();
            o.Int(m.Jano); o.Comma();
            o.Int(m.Defm); o.Comma();
            o.Decimal(m.EtpTotal); o.Comma();
            o.Decimal(m.EtpAccompagnement); o.Comma();
            o.Decimal(m.FinancementTotal); o.Comma();
            o.Decimal(m.FinancementActivitesPrincipales); o.Comma();
            o.Decimal(m.FinancementEtat); o.Comma();
            o.Decimal(m.FinancementFse);
            o.EndRow();
        }
    }

    /// <summary>
    /// Writes one event file: for each young person in canonical order, their rows sorted by <paramref name="compare"/>.
    /// When the events carry identifiers (<see cref="EventTable{T}.HasIds"/>), a last column <c>id</c> holds them
    /// (empty for an event without one); rows equal in every field are then ordered by identifier.
    /// </summary>
    private static void WriteEvents<T>(string path, string header, CanonicalOrder order, EventTable<T> table, Comparison<T> compare, Action<CsvOutput, T> fields,
        string? optionalColumn = null, Action<CsvOutput, T>? optionalField = null)
        where T : struct, IJeuneEvent
    {
        if (optionalColumn is not null)
        {
            header += "," + optionalColumn;
            var inner = fields;
            fields = (o, r) => { inner(o, r); o.Comma(); optionalField!(o, r); };
        }
        using var o = new CsvOutput(path);
        if (table.HasIds)
        {
            o.Header(header + ",id");
            var rowsWithIds = new List<(T Row, string? Id)>();
            foreach (var j in order.Jeunes)
            {
                var rows = table.For(j);
                if (rows.Length == 0) continue;
                var ids = table.IdsFor(j);
                rowsWithIds.Clear();
                for (var i = 0; i < rows.Length; i++) rowsWithIds.Add((rows[i], ids[i]));
                rowsWithIds.Sort((a, b) =>
                {
                    var c = compare(a.Row, b.Row);
                    return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
                });
                var key = order.KeyOf(j);
                foreach (var (row, id) in rowsWithIds)
                {
                    o.Raw(key);
                    fields(o, row);
                    o.Comma();
                    o.Text(id);
                    o.EndRow();
                }
            }
            return;
        }
        o.Header(header);
        var scratch = new T[16];
        foreach (var j in order.Jeunes)
        {
            var rows = table.For(j);
            if (rows.Length == 0) continue;
            if (rows.Length > scratch.Length) scratch = new T[Math.Max(rows.Length, scratch.Length * 2)];
            var sorted = scratch.AsSpan(0, rows.Length);
            rows.CopyTo(sorted);
            if (sorted.Length > 1) sorted.Sort(compare);
            var key = order.KeyOf(j);
            foreach (var row in sorted)
            {
                o.Raw(key);
                fields(o, row);
                o.EndRow();
            }
        }
    }

    // Total orders on every field, so that the canonical order is unique.
    private static int CompareContacts(Contact a, Contact b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c == 0) c = a.Mode.CompareTo(b.Mode);
        if (c == 0) c = a.Diagnostic.CompareTo(b.Diagnostic);
        return c;
    }

    private static int CompareOrientations(Orientation a, Orientation b)
    {
        var c = a.Date.CompareTo(b.Date);
        return c != 0 ? c : a.Operateur.CompareTo(b.Operateur);
    }

    private static bool HasAmont(JourneyPackage package)
    {
        foreach (ref readonly var p in package.Parcours.All) if (p.Amont is not null) return true;
        return false;
    }

    private static bool HasRqth(JourneyPackage package)
    {
        foreach (ref readonly var p in package.Parcours.All) if (p.Rqth is not null) return true;
        return false;
    }

    /// <summary>The optional columns of parcours.csv this package needs (amont, rqth), or null.</summary>
    private static string? OptionalParcoursColumns(JourneyPackage package) =>
        (HasAmont(package), HasRqth(package)) switch
        {
            (true, true) => "amont,rqth",
            (true, false) => "amont",
            (false, true) => "rqth",
            _ => null,
        };

    private static Action<CsvOutput, Parcours>? WriteOptionalParcours(JourneyPackage package) =>
        (HasAmont(package), HasRqth(package)) switch
        {
            (true, true) => static (o, r) => { o.Text(r.Amont); o.Comma(); if (r.Rqth is { } q) o.Bool(q); }
            ,
            (true, false) => static (o, r) => o.Text(r.Amont),
            (false, true) => static (o, r) => { if (r.Rqth is { } q) o.Bool(q); }
            ,
            _ => null,
        };

    private static int CompareParcours(Parcours a, Parcours b)
    {
        var c = a.Debut.CompareTo(b.Debut);
        if (c == 0) c = a.Dispositif.CompareTo(b.Dispositif);
        if (c == 0) c = Nullable.Compare(a.Fin, b.Fin);
        if (c == 0) c = Nullable.Compare(a.MotifFin, b.MotifFin);
        if (c == 0) c = a.Neet.CompareTo(b.Neet);
        if (c == 0) c = string.CompareOrdinal(a.Amont, b.Amont);
        if (c == 0) c = Nullable.Compare(a.Rqth, b.Rqth);
        return c;
    }

    private static int ComparePropositions(Proposition a, Proposition b)
    {
        var c = a.Date.CompareTo(b.Date);
        return c != 0 ? c : a.Theme.CompareTo(b.Theme);
    }

    private static int CompareSituations(Situation a, Situation b)
    {
        var c = a.Debut.CompareTo(b.Debut);
        if (c == 0) c = a.Type.CompareTo(b.Type);
        if (c == 0) c = Nullable.Compare(a.Fin, b.Fin);
        if (c == 0) c = Nullable.Compare(a.DureePrevueJours, b.DureePrevueJours);
        return c;
    }

    private static int CompareDroits(Droit a, Droit b)
    {
        var c = a.Date.CompareTo(b.Date);
        return c != 0 ? c : a.Domaine.CompareTo(b.Domaine);
    }

    /// <summary>Hours in their shortest form (2, 2.5, 2.25): the same text whatever scale a database gives back.</summary>
    private static decimal Heures(decimal heures) => heures / 1.0000000000000000000000000000m;

    /// <summary>Euros with two decimals (125.00, 561.68): the same text whatever scale a database gives back.</summary>
    private static decimal? Euros(decimal? euros) => euros is { } e ? Math.Round(e, 2, MidpointRounding.AwayFromZero) + 0.00m : null;

    private static int CompareActivites(Domain.Dispositifs.Activite a, Domain.Dispositifs.Activite b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c == 0) c = a.Categorie.CompareTo(b.Categorie);
        if (c == 0) c = a.Heures.CompareTo(b.Heures);
        if (c == 0) c = a.Realisee.CompareTo(b.Realisee);
        if (c == 0) c = string.CompareOrdinal(a.Session, b.Session);
        return c;
    }

    private static int CompareAllocations(Domain.Dispositifs.AllocationMensuelle a, Domain.Dispositifs.AllocationMensuelle b) => a.Mois.CompareTo(b.Mois);

    private static int CompareParrainages(Parrainage a, Parrainage b)
    {
        var c = a.Debut.CompareTo(b.Debut);
        return c != 0 ? c : Nullable.Compare(a.Fin, b.Fin);
    }

    /// <summary>Structures by code, young people by structure code then id (ordinal), and each young person's key bytes.</summary>
    private sealed class CanonicalOrder
    {
        private readonly byte[][] _keys;

        public CanonicalOrder(JourneyPackage package)
        {
            var structures = package.Structures;
            Structures = Enumerable.Range(0, structures.Count).ToArray();
            Array.Sort(Structures, (a, b) => string.CompareOrdinal(structures[a].Code, structures[b].Code));
            StructureRank = new int[structures.Count];
            for (var i = 0; i < Structures.Length; i++) StructureRank[Structures[i]] = i;

            var jeunes = package.Jeunes;
            Jeunes = new int[jeunes.Length];
            for (var i = 0; i < Jeunes.Length; i++) Jeunes[i] = i;
            int Compare(int a, int b)
            {
                var c = StructureRank[jeunes[a].Structure].CompareTo(StructureRank[jeunes[b].Structure]);
                return c != 0 ? c : string.CompareOrdinal(jeunes[a].Id, jeunes[b].Id);
            }
            var sorted = true;
            for (var i = 1; i < Jeunes.Length && sorted; i++) sorted = Compare(i - 1, i) < 0;
            if (!sorted) Array.Sort(Jeunes, Compare);

            // "structure,jeune," once per young person, reused by every row of every file.
            var structureKeys = structures.Select(s => CsvOutput.Encode(s.Code)).ToArray();
            _keys = new byte[jeunes.Length][];
            Parallel.For(0, jeunes.Length, j =>
            {
                var s = structureKeys[jeunes[j].Structure];
                var id = CsvOutput.Encode(jeunes[j].Id);
                var key = new byte[s.Length + id.Length + 2];
                s.CopyTo(key, 0);
                key[s.Length] = (byte)',';
                id.CopyTo(key, s.Length + 1);
                key[^1] = (byte)',';
                _keys[j] = key;
            });
        }

        public int[] Structures { get; }
        public int[] StructureRank { get; }
        public int[] Jeunes { get; }

        /// <summary>The rank of each young person in <see cref="Jeunes"/>.</summary>
        public int[] JeuneRank
        {
            get
            {
                if (_jeuneRank is not null) return _jeuneRank;
                var rank = new int[Jeunes.Length];
                for (var i = 0; i < Jeunes.Length; i++) rank[Jeunes[i]] = i;
                return _jeuneRank = rank;
            }
        }

        private int[]? _jeuneRank;

        public byte[] KeyOf(int jeune) => _keys[jeune];
    }
}

/// <summary>A buffered UTF-8 CSV writer for one file: no BOM, `\n` line ends, RFC 4180 quoting when needed.</summary>
internal sealed class CsvOutput : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[1 << 18];
    private int _position;

    public CsvOutput(string path) =>
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);

    public void Header(string header)
    {
        Ascii(header);
        EndRow();
    }

    public void Comma() => Byte((byte)',');

    public void EndRow() => Byte((byte)'\n');

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _buffer.Length - _position)
        {
            bytes.CopyTo(_buffer.AsSpan(_position));
            _position += bytes.Length;
            return;
        }
        if (bytes.Length > _buffer.Length - _position)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>The code of an enum value (see <see cref="Codes"/>), from a table of bytes built once per enum.</summary>
    public void Code<T>(T value) where T : struct, Enum => Raw(CodeBytes<T>.Table[Unsafe.As<T, byte>(ref value)]);

    private static class CodeBytes<T> where T : struct, Enum
    {
        public static readonly byte[][] Table = Codes.All<T>().Select(Encoding.ASCII.GetBytes).ToArray();
    }

    /// <summary>A code or other ASCII text that never needs quoting.</summary>
    public void Ascii(string value)
    {
        Ensure(value.Length);
        foreach (var ch in value) _buffer[_position++] = (byte)ch;
    }

    /// <summary>Free text: UTF-8, quoted when it holds a delimiter, quote, line break or edge space. Null writes nothing.</summary>
    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (!NeedsQuotes(value) && Utf8.GetMaxByteCount(value.Length) <= _buffer.Length)
        {
            Ensure(Utf8.GetMaxByteCount(value.Length));
            _position += Utf8.GetBytes(value, _buffer.AsSpan(_position));
        }
        else
        {
            Raw(Encode(value));
        }
    }

    public void Bool(bool value) => Byte(value ? (byte)'1' : (byte)'0');

    public void Date(DateOnly? value)
    {
        if (value is not { } d) return;
        Ensure(10);
        Dates.WriteIso(d, _buffer.AsSpan(_position, 10));
        _position += 10;
    }

    public void Int(long? value)
    {
        if (value is not { } v) return;
        Ensure(20);
        v.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    public void Decimal(decimal? value)
    {
        if (value is not { } v) return;
        Ensure(40);
        v.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>The UTF-8 bytes of a field, quoted if needed (RFC 4180: enclosing quotes, inner quotes doubled).</summary>
    public static byte[] Encode(string value) =>
        Utf8.GetBytes(NeedsQuotes(value) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);

    private static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n;") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));

    private void Byte(byte b)
    {
        if (_position == _buffer.Length) Flush();
        _buffer[_position++] = b;
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _position < bytes) Flush();
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _position);
        _position = 0;
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }
}

/// <summary>
/// The datapackage.json written next to the CSV files: a Frictionless Tabular Data Package describing the format
/// (Table Schema for each resource: fields, types, constraints, primary and foreign keys). It describes the format,
/// not the data, so it is the same for every package.
/// </summary>
internal static class DataPackageDescriptor
{
    private sealed record Field(string Name, string Type, string Description, bool Required = false, IReadOnlyList<string>? Enum = null,
        string? Pattern = null, int? Minimum = null, bool Unique = false);

    private sealed record Resource(string Name, string Title, string Description, Field[] Fields, string[]? PrimaryKey = null, bool ForeignKeyJeune = true);

    private static Field Structure(bool unique = false) => new("structure", "string", "Code de la Mission Locale (structures.csv).", Required: true, Unique: unique);

    private static Field JeuneId => new("jeune", "string", "Identifiant du jeune, unique dans sa structure.", Required: true);

    private static Field Date(string name, string description, bool required = true) => new(name, "date", description, Required: required);

    private static Field Bool(string name, string description, bool required = true) => new(name, "boolean", description, Required: required);

    private static Field Code<T>(string name, string description) where T : struct, Enum => new(name, "string", description, Required: true, Enum: Codes.All<T>());

    private static Field Number(string name, string description, string type = "number") => new(name, type, description, Minimum: 0);

    private static readonly Resource[] Resources =
    [
        new("structures", "Structures", "Les Missions Locales du paquet.",
            [
                Structure(unique: true),
                new("nom", "string", "Nom de la structure.", Required: true),
                new("region", "string", "Code INSEE de la région.", Required: true, Pattern: "^[0-9]{2}$"),
                new("departement", "string", "Code INSEE du département.", Pattern: "^([0-9]{2}|2A|2B|97[0-9])$"),
            ], ["structure"], ForeignKeyJeune: false),
        new("jeunes", "Jeunes", "Les jeunes accueillis, un par ligne ; la clé est (structure, jeune).",
            [
                Structure(), JeuneId,
                Date("naissance", "Date de naissance."),
                new("sexe", "string", "Sexe.", Required: true, Enum: Codes.All<Sexe>()),
                Code<Niveau>("niveau", "Plus haut niveau de formation atteint (nomenclature antérieure à 2019)."),
                Bool("diplome", "1 si ce niveau a été validé par un diplôme."),
                new("commune", "string", "Code INSEE de la commune de résidence.", Pattern: "^[0-9][0-9AB][0-9]{3}$"),
                Bool("qpv", "Réside en quartier prioritaire de la politique de la ville."),
                Bool("zrr", "Réside en zone de revitalisation rurale."),
                Date("premier_accueil", "Date du premier accueil dans la structure."),
            ], ["structure", "jeune"], ForeignKeyJeune: false),
        new("contacts", "Contacts", "Chaque échange avec le jeune.",
            [
                Structure(), JeuneId, Date("date", "Date du contact."),
                Code<ModeContact>("mode", "Mode du contact ; ENTRETIEN = entretien individuel."),
                Bool("diagnostic", "1 = entretien de diagnostic approfondi (seulement avec ENTRETIEN) ; 0 par défaut.", required: false),
            ]),
        new("orientations", "Orientations", "Orientations vers un autre opérateur (fichier facultatif).",
            [Structure(), JeuneId, Date("date", "Date de l'orientation."), Code<Operateur>("operateur", "Opérateur vers lequel le jeune est orienté.")]),
        new("parcours", "Parcours", "Parcours contractualisés d'accompagnement.",
            [
                Structure(), JeuneId,
                Code<Dispositif>("dispositif", "Dispositif ; nationaux : CIVIS, PPAE, GJ, CONSOLIDATION ; régionaux et locaux : REGIONAL, LOCAL."),
                Date("debut", "Date d'entrée."),
                Date("fin", "Date de sortie ; vide = en cours ; fin >= debut.", required: false),
                new("motif_fin", "string", "Motif de sortie, seulement avec fin.", Enum: Codes.All<MotifFin>()),
                Bool("neet", "Le jeune était NEET à l'entrée."),
            ]),
        new("propositions", "Propositions", "Propositions faites au jeune.",
            [Structure(), JeuneId, Date("date", "Date de la proposition."), Code<Theme>("theme", "Thème de la proposition.")]),
        new("situations", "Situations", "Situations vécues par le jeune (emploi, formation, immersion, service civique).",
            [
                Structure(), JeuneId,
                Code<TypeSituation>("type", "Type de situation."),
                Date("debut", "Date de début."),
                Date("fin", "Date de fin ; vide = en cours ; fin >= debut.", required: false),
                new("duree_prevue_jours", "integer", "Durée prévue d'un contrat à durée déterminée, en jours.", Minimum: 1),
            ]),
        new("droits", "Droits", "Accès aux services de droit commun (fichier facultatif).",
            [Structure(), JeuneId, Date("date", "Date."), Code<DomaineDroit>("domaine", "Domaine.")]),
        new("parrainages", "Parrainages", "Parrainages (fichier facultatif).",
            [Structure(), JeuneId, Date("debut", "Début du parrainage."), Date("fin", "Fin du parrainage ; vide = en cours.", required: false)]),
        new("moyens", "Moyens", "Contexte et moyens, une ligne par structure et par année (fichier facultatif).",
            [
                Structure(),
                new("annee", "integer", "Année.", Required: true),
                Number("jano", "Jeunes de 16 à 25 ans actifs non occupés sur le territoire (INSEE).", "integer"),
                Number("defm", "Jeunes de 16 à 25 ans demandeurs d'emploi en fin de mois sur le territoire.", "integer"),
                Number("etp_total", "Équivalents temps plein de la structure."),
                Number("etp_accompagnement", "Équivalents temps plein consacrés à l'accompagnement."),
                Number("financement_total", "Financement total (€)."),
                Number("financement_activites_principales", "Financement des activités principales (€)."),
                Number("financement_etat", "Financement de l'État (€)."),
                Number("financement_fse", "Financement du Fonds social européen (€)."),
            ], ["structure", "annee"], ForeignKeyJeune: false),
        new("territoires", "Territoires", "Communes couvertes par chaque structure, datées (fichier facultatif).",
            [
                Structure(),
                new("commune", "string", "Code INSEE de la commune couverte.", Required: true, Pattern: "^[0-9][0-9AB][0-9]{3}$"),
                Date("debut", "Premier jour de couverture."),
                Date("fin", "Dernier jour de couverture ; vide = toujours couverte.", required: false),
            ], ["structure", "commune", "debut"], ForeignKeyJeune: false),
        new("sites", "Sites", "Lieux d'accueil : siège, antennes, permanences (fichier facultatif).",
            [
                Structure(),
                new("site", "string", "Identifiant du site, unique dans sa structure.", Required: true),
                new("type", "string", "Type de site.", Required: true, Enum: Codes.All<TypeSite>()),
                new("nom", "string", "Nom du site.", Required: true),
                new("commune", "string", "Code INSEE de la commune du site.", Required: true, Pattern: "^[0-9][0-9AB][0-9]{3}$"),
                new("adresse", "string", "Adresse."),
                new("code_postal", "string", "Code postal."),
                new("horaires", "string", "Horaires d'ouverture ou fréquence des permanences."),
                Bool("espace_ressources", "1 = le site est aussi un espace ressources ; 0 par défaut.", required: false),
                Date("debut", "Ouverture du site.", required: false),
                Date("fin", "Fermeture du site.", required: false),
            ], ["structure", "site"], ForeignKeyJeune: false),
        new("brh", "Bilan des ressources humaines", "Tableau des effectifs au 31 décembre, une ligne par code (fichier facultatif).",
            [
                Structure(),
                new("annee", "integer", "Année (effectifs au 31 décembre).", Required: true),
                new("code", "string", "Code de la ligne (docs/spec/brh-codes.md).", Required: true, Enum: Jalon.Referentiels.BrhCodes.All.Select(c => c.Code).ToArray()),
                Number("femmes", "Femmes (personnes ou ETP)."),
                Number("hommes", "Hommes (personnes ou ETP)."),
                Number("total", "Total (personnes ou ETP)."),
            ], ["structure", "annee", "code"], ForeignKeyJeune: false),
        new("budget", "Budget", "Produits par financeur et nature, charges et totaux déclarés, par année (fichier facultatif).",
            [
                Structure(),
                new("annee", "integer", "Année.", Required: true),
                new("financeur", "string", "Financeur (produits seulement).", Enum: Codes.All<Financeur>()),
                new("nature", "string", "Nature de la ligne.", Required: true, Enum: Codes.All<NatureBudget>()),
                new("montant", "number", "Montant (€).", Required: true),
            ], ForeignKeyJeune: false),
        new("contexte", "Contexte", "Éléments de contexte du territoire, avec leur source (fichier facultatif).",
            [
                Structure(),
                new("annee", "integer", "Année à laquelle se rapporte le chiffre.", Required: true),
                new("categorie", "string", "Catégorie d'éléments de contexte.", Required: true, Enum: Codes.All<CategorieContexte>()),
                new("indicateur", "string", "Libellé de l'élément de contexte.", Required: true),
                new("zone", "string", "Zone décrite : TERRITOIRE, FRANCE, REG-xx, DEP-xx, EPCI-siren, COM-insee.", Required: true,
                    Pattern: "^(TERRITOIRE|FRANCE|REG-[0-9]{2}|DEP-[0-9AB]{2,3}|EPCI-[0-9]{9}|COM-[0-9AB]{5})$"),
                new("valeur", "number", "Valeur.", Required: true),
                new("unite", "string", "Unité (%, habitants, hab./km²…)."),
                new("source", "string", "Source."),
                Date("date", "Date à laquelle se rapporte le chiffre.", required: false),
            ], ["structure", "annee", "categorie", "indicateur", "zone"], ForeignKeyJeune: false),
    ];

    private static readonly Field Amont = new("amont", "string",
        "Code du dispositif « amont » de la Région (DPA, ATELIER_ORIENTATION, IMMERSION…), seulement pour un parcours REGIONAL ou LOCAL (facultatif).",
        Pattern: "^[A-Z][A-Z0-9_]{0,31}$");

    private static readonly Field Rqth = Bool("rqth",
        "1 = le jeune avait une reconnaissance de la qualité de travailleur handicapé (RQTH) à l'entrée en CEJ (âge d'entrée porté à 29 ans) ; 0 = non ; vide = non renseigné (vaut non). Seulement pour un parcours CEJ (facultatif).",
        required: false);

    /// <param name="withIds">The event resources written with their optional <c>id</c> column.</param>
    /// <param name="withAmont">parcours.csv is written with its optional <c>amont</c> column.</param>
    /// <param name="withRqth">parcours.csv is written with its optional <c>rqth</c> column (after amont).</param>
    public static byte[] Json(IReadOnlySet<string>? withIds = null, bool withAmont = false, bool withRqth = false)
    {
        using var memory = new MemoryStream();
        using (var w = new Utf8JsonWriter(memory, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("profile", "tabular-data-package");
            w.WriteString("name", "jalon-parcours");
            w.WriteString("title", "Parcours des jeunes accompagnés par les Missions Locales");
            w.WriteString("description", "Format d'échange v1 de Jalon : structures, jeunes et événements de leurs parcours (docs/spec/format-echange.md).");
            w.WriteString("version", "1.0.0");
            w.WriteStartArray("resources");
            foreach (var resource in Resources)
            {
                var r = withAmont && resource.Name == "parcours" ? resource with { Fields = [.. resource.Fields, Amont] } : resource;
                if (withRqth && r.Name == "parcours") r = r with { Fields = [.. r.Fields, Rqth] };
                WriteResource(w, withIds?.Contains(r.Name) == true
                    ? r with { Fields = [.. r.Fields, new Field("id", "string", "Identifiant stable de l'événement, unique pour le jeune dans ce fichier (facultatif).")] }
                    : r);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        memory.WriteByte((byte)'\n');
        return memory.ToArray();
    }

    private static void WriteResource(Utf8JsonWriter w, Resource r)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("path", r.Name + ".csv");
        w.WriteString("title", r.Title);
        w.WriteString("description", r.Description);
        w.WriteString("profile", "tabular-data-resource");
        w.WriteString("format", "csv");
        w.WriteString("mediatype", "text/csv");
        w.WriteString("encoding", "utf-8");
        w.WriteStartObject("dialect");
        w.WriteString("delimiter", ",");
        w.WriteString("lineTerminator", "\n");
        w.WriteString("quoteChar", "\"");
        w.WriteBoolean("doubleQuote", true);
        w.WriteBoolean("header", true);
        w.WriteEndObject();
        w.WriteStartObject("schema");
        w.WriteStartArray("fields");
        foreach (var f in r.Fields) WriteField(w, f);
        w.WriteEndArray();
        w.WriteStartArray("missingValues");
        w.WriteStringValue("");
        w.WriteEndArray();
        if (r.PrimaryKey is { } pk)
        {
            w.WriteStartArray("primaryKey");
            foreach (var k in pk) w.WriteStringValue(k);
            w.WriteEndArray();
        }
        if (r.Name != "structures")
        {
            w.WriteStartArray("foreignKeys");
            if (r.ForeignKeyJeune) WriteForeignKey(w, ["structure", "jeune"], "jeunes");
            else WriteForeignKey(w, ["structure"], "structures");
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteForeignKey(Utf8JsonWriter w, string[] fields, string resource)
    {
        w.WriteStartObject();
        w.WriteStartArray("fields");
        foreach (var f in fields) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteStartObject("reference");
        w.WriteString("resource", resource);
        w.WriteStartArray("fields");
        foreach (var f in fields) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, Field f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("type", f.Type);
        w.WriteString("description", f.Description);
        if (f.Type == "date") w.WriteString("format", "default");
        if (f.Type == "boolean")
        {
            w.WriteStartArray("trueValues");
            w.WriteStringValue("1");
            w.WriteEndArray();
            w.WriteStartArray("falseValues");
            w.WriteStringValue("0");
            w.WriteEndArray();
        }
        if (f.Type is "number") w.WriteString("decimalChar", ".");
        if (f.Required || f.Enum is not null || f.Pattern is not null || f.Minimum is not null || f.Unique)
        {
            w.WriteStartObject("constraints");
            if (f.Required) w.WriteBoolean("required", true);
            if (f.Unique) w.WriteBoolean("unique", true);
            if (f.Pattern is not null) w.WriteString("pattern", f.Pattern);
            if (f.Minimum is { } min) w.WriteNumber("minimum", min);
            if (f.Enum is { } values)
            {
                w.WriteStartArray("enum");
                foreach (var v in values) w.WriteStringValue(v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
