using System.Runtime.CompilerServices;
using System.Text;
using Jalon.Domain;
using Jalon.Domain.Qualite;

namespace Jalon.Exchange.Reading;

internal readonly record struct StructureRow(Structure Value, int Line, bool Ok);

internal readonly record struct JeuneRow(Jeune Value, int Line, bool Ok, bool HasKey);

internal readonly record struct MoyensRow(Moyens Value, int Line, bool Ok, bool HasKey);

internal readonly record struct NationalPath(int Jeune, Dispositif Dispositif, DateOnly Debut, DateOnly? Fin, int Line) : IJeuneEvent
{
    public DateInterval Interval => new(Debut, Fin);
}

/// <summary>A chunk of events: the events, and their identifiers and lines when the file has an <c>id</c> column.</summary>
internal class EventChunkResult<T>(int sequence, int capacity, bool withIds) : ChunkResult<T>(sequence, capacity)
{
    public List<string?>? Ids { get; } = withIds ? new List<string?>(capacity) : null;
    public List<int>? Lines { get; } = withIds ? new List<int>(capacity) : null;
}

internal sealed class ParcoursChunkResult(int sequence, int capacity, bool withIds) : EventChunkResult<Parcours>(sequence, capacity, withIds)
{
    /// <summary>The chunk's national paths, in a pooled array like its rows (only its storage is used).</summary>
    public ChunkResult<NationalPath> National { get; } = new(sequence, capacity);

    public override void Release()
    {
        base.Release();
        National.Release();
    }
}

/// <summary>
/// A file of events of young people: its rows are kept in file order in <see cref="All"/>. Every event file has an
/// optional last column <c>id</c>, the event's stable identifier (unique per young person in the file), kept in
/// <see cref="Ids"/> when the header has it.
/// </summary>
internal abstract class EventReader<T>(ReadSession session, string name, bool required, ColumnSpec[] columns)
    : FileReader(session, name, required, [.. columns, Col.Opt("id")]) where T : struct, IJeuneEvent
{
    private readonly int _idColumn = columns.Length;
    private readonly Dictionary<(int Jeune, string Id), int> _idLines = [];

    public RowBuffer<T> All { get; } = new();

    /// <summary>The identifiers of <see cref="All"/>'s rows, or null when the file has no <c>id</c> column.</summary>
    public List<string?>? Ids { get; private set; }

    private bool HasIds => FieldOf[_idColumn] >= 0;

    protected override ChunkResult CreateResult(int sequence, int capacity) => new EventChunkResult<T>(sequence, capacity, HasIds);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Commit(ChunkResult result)
    {
        if (result.Sequence == 0) All.Reserve(EstimateRows(result, result.Bytes));
        var events = (EventChunkResult<T>)result;
        All.Add(events.Span);
        if (events.Ids is not { } ids) return;
        Ids ??= new List<string?>(Math.Max(All.Count, EstimateRows(result, result.Bytes)));
        Ids.AddRange(ids);
        // Within a file, a young person's identifiers are unique.
        var span = events.Span;
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is not { } id) continue;
            if (_idLines.TryAdd((span[i].Jeune, id), events.Lines![i])) continue;
            result.Add(new PackageIssue(Name, events.Lines![i], "id",
                $"identifiant « {id} » en double pour ce jeune (déjà utilisé ligne {_idLines[(span[i].Jeune, id)]})", true));
        }
    }

    /// <summary>Keeps a sound row's event, with its identifier when the file has the <c>id</c> column (checked here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Add(RowContext row, in T value)
    {
        var result = (EventChunkResult<T>)row.Result;
        if (result.Ids is { } ids)
        {
            var id = row.Text(_idColumn);
            if (id is { Length: > TextLimits.IdentifiantEvenement })
                row.Error(_idColumn, $"identifiant de {id.Length} caractères (au plus {TextLimits.IdentifiantEvenement})");
            if (!row.Ok) return;
            ids.Add(id);
            result.Lines!.Add(row.Line);
        }
        result.Add(value);
    }
}

internal static class Col
{
    public static ColumnSpec Req(string name) => new(name, true);
    public static ColumnSpec Opt(string name) => new(name, false);
}

internal sealed class StructuresReader(ReadSession session) : FileReader(session, "structures.csv", true,
    [Col.Req("structure"), Col.Req("nom"), Col.Req("region"), Col.Opt("departement")])
{
    private readonly List<int> _lines = [];

    protected override ChunkResult CreateResult(int sequence, int capacity) => new ChunkResult<StructureRow>(sequence, capacity);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Commit(ChunkResult result)
    {
        foreach (ref readonly var row in ((ChunkResult<StructureRow>)result).Span)
        {
            if (row.Value.Code.Length == 0) continue;
            if (!Session.StructureKeys.TryAdd(0, Encoding.UTF8.GetBytes(row.Value.Code), out var existing))
            {
                result.Add(new PackageIssue(Name, row.Line, "structure",
                    $"structure « {row.Value.Code} » en double (déjà définie ligne {_lines[existing]})", true));
                continue;
            }
            Session.Structures.Add(row.Value);
            _lines.Add(row.Line);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var code = row.Text(0);
        var nom = row.Text(1);
        var region = row.Text(2);
        var departement = row.Text(3);
        if (region is not null && (region.Length != 2 || !char.IsAsciiDigit(region[0]) || !char.IsAsciiDigit(region[1])))
            row.Error(2, $"code région invalide « {region} » (attendu le code INSEE de la région, 2 chiffres, ex. 84)");
        var value = new Structure(code ?? "", nom ?? "", region ?? "", departement);
        ((ChunkResult<StructureRow>)row.Result).Add(new StructureRow(value, row.Line, row.Ok));
    }
}

internal sealed class JeunesReader(ReadSession session) : FileReader(session, "jeunes.csv", true,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("naissance"), Col.Req("sexe"), Col.Req("niveau"), Col.Req("diplome"),
     Col.Opt("commune"), Col.Req("qpv"), Col.Req("zrr"), Col.Req("premier_accueil")])
{
    public const int PremierAccueil = 9;

    private readonly List<int> _lines = [];

    public List<Jeune> All { get; } = [];

    protected override ChunkResult CreateResult(int sequence, int capacity) => new ChunkResult<JeuneRow>(sequence, capacity);

    /// <summary>Registers the young people in file order: the first of a (structure, jeune) key wins, the others are duplicates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Commit(ChunkResult result)
    {
        if (result.Sequence == 0)
        {
            var estimate = EstimateRows(result, result.Bytes);
            Session.JeuneKeys = new ByteKeyTable(Math.Max(estimate, 16));
            All.Capacity = _lines.Capacity = estimate;
        }
        var keys = Session.JeuneKeys;
        Span<byte> key = stackalloc byte[256];
        foreach (ref readonly var row in ((ChunkResult<JeuneRow>)result).Span)
        {
            if (!row.HasKey) continue;
            var id = row.Value.Id;
            var bytes = Encoding.UTF8.GetMaxByteCount(id.Length) <= key.Length ? key[..Encoding.UTF8.GetBytes(id, key)] : Encoding.UTF8.GetBytes(id);
            if (!keys.TryAdd(row.Value.Structure, bytes, out var existing))
            {
                result.Add(new PackageIssue(Name, row.Line, "jeune",
                    $"jeune « {id} » en double dans la structure « {Session.Structures[row.Value.Structure].Code} » (déjà défini ligne {_lines[existing]})", true));
                continue;
            }
            All.Add(row.Value);
            _lines.Add(row.Line);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var id = row.Text(1);
        var naissance = row.Date(2);
        var sexe = row.Code<Sexe>(3);
        var niveau = row.Code<Niveau>(4);
        var diplome = row.Bool(5);
        var commune = row.Text(6, intern: true);
        var qpv = row.Bool(7);
        var zrr = row.Bool(8);
        var accueil = row.Date(PremierAccueil);
        if (naissance is { } n && accueil is { } a)
        {
            if (JourneyChecks.AgeHorsTranche(n, a, out var age))
                row.Anomaly(PremierAccueil, $"âge de {age} an{(Math.Abs(age) > 1 ? "s" : "")} au premier accueil (attendu de 16 à 25 ans)");
        }
        var value = new Jeune(structure, id ?? "", naissance ?? default, sexe ?? default, niveau ?? default, diplome ?? false,
            commune, qpv ?? false, zrr ?? false, accueil ?? default);
        ((ChunkResult<JeuneRow>)row.Result).Add(new JeuneRow(value, row.Line, row.Ok, structure >= 0 && id is not null));
    }
}

internal sealed class ContactsReader(ReadSession session) : EventReader<Contact>(session, "contacts.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("mode"), Col.Opt("diagnostic")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var mode = row.Code<ModeContact>(3);
        var diagnostic = row.Bool(4) ?? false;
        if (diagnostic && mode is { } m && m != ModeContact.Entretien)
            row.Error(4, $"diagnostic = 1 avec le mode {Codes.Of(m)} (un diagnostic approfondi n'est possible qu'avec le mode ENTRETIEN)");
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, date!.Value);
        Add(row, new Contact(jeune, date.Value, mode!.Value, diagnostic));
    }
}

internal sealed class OrientationsReader(ReadSession session) : EventReader<Orientation>(session, "orientations.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("operateur")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var operateur = row.Code<Operateur>(3);
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, date!.Value);
        Add(row, new Orientation(jeune, date.Value, operateur!.Value));
    }
}

internal sealed partial class ParcoursReader(ReadSession session) : EventReader<Parcours>(session, "parcours.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("dispositif"), Col.Req("debut"), Col.Opt("fin"), Col.Opt("motif_fin"), Col.Req("neet"), Col.Opt("amont"), Col.Opt("rqth")])
{
    private readonly RowBuffer<NationalPath> _national = new();

    protected override ChunkResult CreateResult(int sequence, int capacity) => new ParcoursChunkResult(sequence, capacity, FieldOf[^1] >= 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Commit(ChunkResult result)
    {
        base.Commit(result);
        if (result.Sequence == 0) _national.Reserve(EstimateRows(result, result.Bytes));
        _national.Add(((ParcoursChunkResult)result).National.Span);
    }

    /// <summary>The sound national paths grouped by young person, each one's in file order (called once, after the read).</summary>
    public EventTable<NationalPath> NationalByJeune(int jeuneCount)
    {
        var rows = _national.Take(out var count);
        return EventTable<NationalPath>.Own(rows, count, jeuneCount);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var dispositif = row.Code<Dispositif>(2);
        var debut = row.Date(3);
        var fin = row.Date(4);
        var motif = row.Code<MotifFin>(5);
        var neet = row.Bool(6);
        var amont = ReadAmont(row, dispositif);
        var rqth = row.Bool(8);
        if (rqth is not null && dispositif is { } dr && dr != Dispositif.Cej)
            row.Error(8, $"rqth sur un parcours {Codes.Of(dr)} (la RQTH ne se saisit que sur un parcours CEJ : laisser la colonne vide)");
        if (debut is { } d && fin is { } f && f < d)
            row.Error(4, $"fin {f:yyyy-MM-dd} antérieure au début {d:yyyy-MM-dd} (attendu fin ≥ debut)");
        if (motif is { } m && fin is null && row.Raw(4).IsEmpty)
            row.Error(5, $"motif de fin {Codes.Of(m)} sans date de fin (renseigner fin, ou laisser motif_fin vide)");
        if (!row.Ok) return;
        var parcours = new Parcours(jeune, dispositif!.Value, debut!.Value, fin, motif, neet!.Value, amont, rqth);
        if (JourneyChecks.ConsolidationTropLongue(parcours.Dispositif, parcours.Debut, fin) && fin is { } end)
            row.Anomaly(4, $"séquence de consolidation de plus de 4 mois ({parcours.Debut:yyyy-MM-dd} → {end:yyyy-MM-dd}, attendu au plus 4 mois)");
        else if (parcours.Dispositif is Dispositif.Cej or Dispositif.Pacea && JourneyChecks.DureeDepassee(parcours.Dispositif, parcours.Debut, fin, out var maxMois))
            row.Anomaly(4, $"{Codes.Of(parcours.Dispositif)} de plus de {maxMois} mois ({parcours.Debut:yyyy-MM-dd} → {fin:yyyy-MM-dd}, attendu au plus {maxMois} mois au total)");
        if (parcours.Dispositif == Dispositif.Cej
            && JourneyChecks.CejAgeHorsTranche(row.Reader.Session.Naissances[jeune], parcours.Debut, rqth == true, out var age, out var ageMax))
            row.Anomaly(3, rqth == true
                ? $"âge à l'entrée en CEJ : {age} ans (attendu 16 à {ageMax} ans révolus avec une RQTH)"
                : $"âge à l'entrée en CEJ : {age} ans (attendu 16 à {ageMax} ans révolus, 29 ans avec une RQTH : rqth = 1)");
        row.CheckAfterArrival(3, jeune, parcours.Debut);
        Add(row, parcours);
        if (row.Ok && parcours.Dispositif.IsNational())
            ((ParcoursChunkResult)row.Result).National.Add(new NationalPath(jeune, parcours.Dispositif, parcours.Debut, fin, row.Line));
    }
}

internal sealed partial class ParcoursReader
{
    /// <summary>
    /// The optional column <c>amont</c>: the code of the Région's « amont » scheme a regional or local path is
    /// (<see cref="Domain.Amont.DispositifsAmont"/>). A malformed code, or one on a national path, is an error; a
    /// well-formed code the reference list does not know is read and reported as an anomaly.
    /// </summary>
    private static string? ReadAmont(RowContext row, Dispositif? dispositif)
    {
        const int Column = 7;
        var raw = row.Raw(Column);
        if (raw.IsEmpty) return null;
        var text = row.Text(Column, intern: true);
        if (text is null) return null;
        var probleme = Domain.Amont.DispositifsAmont.Verifier(text, dispositif);
        if (probleme == Domain.Amont.ProblemeAmont.MalForme)
        {
            row.Error(Column, $"code de dispositif amont invalide « {text} » (attendu 1 à {Domain.Amont.DispositifsAmont.LongueurMaximale} caractères A-Z, 0-9 ou _, commençant par une lettre, par exemple {ListeAmont})");
            return null;
        }
        if (probleme == Domain.Amont.ProblemeAmont.ParcoursNational)
        {
            row.Error(Column, $"dispositif amont {text} sur un parcours {Codes.Of(dispositif!.Value)} (attendu un parcours REGIONAL ou LOCAL, ou la colonne amont vide)");
            return null;
        }
        if (Domain.Amont.DispositifsAmont.Connu(text) is { } known) return known;
        row.Anomaly(Column, $"dispositif amont « {text} » absent de la liste de référence ({ListeAmont}) : à ajouter à la liste si la Région l'a créé");
        return text;
    }

    private static readonly string ListeAmont = string.Join(", ", Domain.Amont.DispositifsAmont.Reference.Select(x => x.Code));
}

internal sealed class PropositionsReader(ReadSession session) : EventReader<Proposition>(session, "propositions.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("theme")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var theme = row.Code<Theme>(3);
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, date!.Value);
        Add(row, new Proposition(jeune, date.Value, theme!.Value));
    }
}

internal sealed class SituationsReader(ReadSession session) : EventReader<Situation>(session, "situations.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("type"), Col.Req("debut"), Col.Opt("fin"), Col.Opt("duree_prevue_jours")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var type = row.Code<TypeSituation>(2);
        var debut = row.Date(3);
        var fin = row.Date(4);
        var duree = row.Int(5);
        if (debut is { } d && fin is { } f && f < d)
            row.Error(4, $"fin {f:yyyy-MM-dd} antérieure au début {d:yyyy-MM-dd} (attendu fin ≥ debut)");
        if (duree is < 1)
            row.Error(5, $"durée prévue de {duree} jour{(Math.Abs(duree.Value) > 1 ? "s" : "")} (attendu un entier ≥ 1)");
        if (!row.Ok) return;
        row.CheckAfterArrival(3, jeune, debut!.Value);
        Add(row, new Situation(jeune, type!.Value, debut.Value, fin, duree));
    }
}

internal sealed class DroitsReader(ReadSession session) : EventReader<Droit>(session, "droits.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("domaine")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var domaine = row.Code<DomaineDroit>(3);
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, date!.Value);
        Add(row, new Droit(jeune, date.Value, domaine!.Value));
    }
}

internal sealed class ParrainagesReader(ReadSession session) : EventReader<Parrainage>(session, "parrainages.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("debut"), Col.Opt("fin")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var debut = row.Date(2);
        var fin = row.Date(3);
        if (debut is { } d && fin is { } f && f < d)
            row.Error(3, $"fin {f:yyyy-MM-dd} antérieure au début {d:yyyy-MM-dd} (attendu fin ≥ debut)");
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, debut!.Value);
        Add(row, new Parrainage(jeune, debut.Value, fin));
    }
}

internal sealed class MoyensReader(ReadSession session) : FileReader(session, "moyens.csv", false,
    [Col.Req("structure"), Col.Req("annee"), Col.Opt("jano"), Col.Opt("defm"), Col.Opt("etp_total"), Col.Opt("etp_accompagnement"),
     Col.Opt("financement_total"), Col.Opt("financement_activites_principales"), Col.Opt("financement_etat"), Col.Opt("financement_fse")])
{
    private readonly Dictionary<(int Structure, int Annee), int> _lines = [];

    public List<Moyens> All { get; } = [];

    protected override ChunkResult CreateResult(int sequence, int capacity) => new ChunkResult<MoyensRow>(sequence, capacity);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Commit(ChunkResult result)
    {
        foreach (ref readonly var row in ((ChunkResult<MoyensRow>)result).Span)
        {
            if (!row.HasKey) continue;
            if (!_lines.TryAdd((row.Value.Structure, row.Value.Annee), row.Line))
            {
                result.Add(new PackageIssue(Name, row.Line, "annee",
                    $"année {row.Value.Annee} en double pour la structure « {Session.Structures[row.Value.Structure].Code} » (déjà donnée ligne {_lines[(row.Value.Structure, row.Value.Annee)]})", true));
                continue;
            }
            if (row.Ok) All.Add(row.Value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var structure = row.Structure(0);
        var annee = row.Int(1);
        var value = new Moyens(structure, annee ?? 0, row.Long(2), row.Long(3), row.Decimal(4), row.Decimal(5),
            row.Decimal(6), row.Decimal(7), row.Decimal(8), row.Decimal(9));
        ((ChunkResult<MoyensRow>)row.Result).Add(new MoyensRow(value, row.Line, row.Ok, structure >= 0 && annee is not null));
    }
}
