using System.Globalization;
using System.Runtime.CompilerServices;
using Jalon.Domain;
using Jalon.Domain.Dispositifs;

namespace Jalon.Exchange.Reading;

/// <summary>activites.csv (optional): one row per young person × activity of the CEJ week (docs/spec/format-echange.md).</summary>
internal sealed class ActivitesReader(ReadSession session) : EventReader<Activite>(session, "activites.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("date"), Col.Req("categorie"), Col.Req("heures"), Col.Req("realisee"), Col.Opt("session")])
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var date = row.Date(2);
        var categorie = row.Code<CategorieActivite>(3);
        var heures = row.Decimal(4);
        var realisee = row.Bool(5);
        var sessionId = row.Text(6, intern: true);
        if (heures is { } h && !ActivitesAllocations.HeuresValides(h))
            row.Error(4, $"{h.ToString(CultureInfo.InvariantCulture)} heures (attendu plus de 0 et au plus {ActivitesAllocations.HeuresMax} heures dans la journée)");
        else if (heures is { } h2 && h2 != Math.Round(h2, 2))
            row.Error(4, $"{h2.ToString(CultureInfo.InvariantCulture)} heures : au plus deux décimales (ex. 1.25 pour 1 h 15)");
        if (sessionId is { Length: > TextLimits.IdentifiantEvenement })
            row.Error(6, $"identifiant de séance de {sessionId.Length} caractères (au plus {TextLimits.IdentifiantEvenement})");
        if (!row.Ok) return;
        row.CheckAfterArrival(2, jeune, date!.Value);
        Add(row, new Activite(jeune, date.Value, categorie!.Value, heures!.Value, realisee!.Value, sessionId));
    }
}

internal sealed class AllocationsChunkResult(int sequence, int capacity, bool withIds) : EventChunkResult<AllocationMensuelle>(sequence, capacity, withIds)
{
    public List<int> RowLines { get; } = new(capacity);
}

/// <summary>allocations.csv (optional): the CEJ allowance of a young person for a month (docs/spec/format-echange.md).</summary>
internal sealed class AllocationsReader(ReadSession session) : EventReader<AllocationMensuelle>(session, "allocations.csv", false,
    [Col.Req("structure"), Col.Req("jeune"), Col.Req("mois"), Col.Req("montant_du"), Col.Opt("montant_demande"), Col.Req("statut"), Col.Opt("retour_asp")])
{
    private readonly Dictionary<(int Jeune, DateOnly Mois), int> _lines = [];

    /// <summary>The line of each row of <see cref="EventReader{T}.All"/>, in the same order.</summary>
    public List<int> Lines { get; } = [];

    protected override ChunkResult CreateResult(int sequence, int capacity) => new AllocationsChunkResult(sequence, capacity, FieldOf[^1] >= 0);

    protected override void Commit(ChunkResult result)
    {
        base.Commit(result);
        var chunk = (AllocationsChunkResult)result;
        var span = chunk.Span;
        for (var i = 0; i < span.Length; i++)
        {
            var line = chunk.RowLines[i];
            Lines.Add(line);
            if (_lines.TryAdd((span[i].Jeune, span[i].Mois), line)) continue;
            result.Add(new PackageIssue(Name, line, "mois",
                $"mois {span[i].Mois:yyyy-MM} en double pour ce jeune (déjà donné ligne {_lines[(span[i].Jeune, span[i].Mois)]})", true));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void ParseRow(RowContext row)
    {
        var jeune = row.Jeune();
        var moisText = row.Text(2);
        DateOnly? mois = null;
        if (moisText is not null)
        {
            if (moisText.Length == 7 && DateOnly.TryParseExact(moisText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)) mois = m;
            else row.Error(2, $"mois invalide « {moisText} » (attendu AAAA-MM, ex. 2025-04)");
        }
        var du = row.Decimal(3);
        var demande = row.Decimal(4);
        var statut = row.Code<StatutAllocation>(5);
        var retour = row.Text(6);
        if (du is < 0) row.Error(3, $"montant dû négatif ({du.Value.ToString(CultureInfo.InvariantCulture)} €)");
        if (demande is < 0) row.Error(4, $"montant demandé négatif ({demande.Value.ToString(CultureInfo.InvariantCulture)} €)");
        if (du is { } d1 && d1 != Math.Round(d1, 2)) row.Error(3, $"montant dû {d1.ToString(CultureInfo.InvariantCulture)} € : au plus deux décimales (les centimes)");
        if (demande is { } d2 && d2 != Math.Round(d2, 2)) row.Error(4, $"montant demandé {d2.ToString(CultureInfo.InvariantCulture)} € : au plus deux décimales (les centimes)");
        if (retour is { Length: > TextLimits.Commentaire })
            row.Error(6, $"retour de l'ASP de {retour.Length} caractères (au plus {TextLimits.Commentaire})");
        if (!row.Ok) return;
        var value = new AllocationMensuelle(jeune, mois!.Value, du!.Value, demande, statut!.Value, retour);
        if (ActivitesAllocations.MontantMaximal(value.Mois) is not { } max)
            row.Anomaly(2, $"allocation de CEJ pour {value.Mois:yyyy-MM}, avant l'existence du CEJ (1er mars 2022)");
        else if (value.MontantDu > max)
            row.Anomaly(3, $"montant dû {value.MontantDu.ToString(CultureInfo.InvariantCulture)} € supérieur à l'allocation la plus haute du mois ({max.ToString(CultureInfo.InvariantCulture)} €, docs/dispositifs.md)");
        if (demande is { } d && d > value.MontantDu)
            row.Anomaly(4, $"montant demandé {d.ToString(CultureInfo.InvariantCulture)} € supérieur au montant dû {value.MontantDu.ToString(CultureInfo.InvariantCulture)} €");
        if (value.Statut == StatutAllocation.Rejete && retour is null)
            row.Anomaly(6, "allocation rejetée par l'ASP sans motif (retour_asp vide)");
        var before = ((AllocationsChunkResult)row.Result).Count;
        Add(row, value);
        if (((AllocationsChunkResult)row.Result).Count > before) ((AllocationsChunkResult)row.Result).RowLines.Add(row.Line);
    }
}
