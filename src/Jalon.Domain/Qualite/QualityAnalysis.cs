using System.Globalization;

namespace Jalon.Domain.Qualite;

/// <summary>
/// The kinds of finding of the data-quality assistant (docs/qualite.md): the anomalies of the journey rules
/// (<see cref="JourneyChecks"/>), then the gaps that distort indicators.
/// </summary>
public enum QualityKind : byte
{
    AgeHorsTranche,
    DateAvantNaissance,
    DateAvantPremierAccueil,
    ConsolidationTropLongue,
    NationauxChevauchants,
    SortieSansMotif,
    MotifAutre,
    ParcoursSansFinAuDelaDuree,
    NeetManquant,
    CommuneManquante,
}

/// <summary>
/// The obvious fix of a finding, applied to a copy of the data (<see cref="QualityAnalysis.Apply"/>): a change of the young
/// person's record and/or of one of their paths (<see cref="Parcours"/> indexes <c>EventTable.For(jeune)</c>).
/// </summary>
public sealed record QualityFix(Func<Jeune, Jeune>? ChangeJeune = null, int Parcours = -1, Func<Parcours, Parcours>? ChangeParcours = null);

/// <summary>
/// One thing to fix in one file: its kind, the young person (index in the package), the field (column of the exchange
/// format), a French message, the obvious fix in words and, when there is one, as data.
/// </summary>
public sealed record Finding(QualityKind Kind, int Jeune, string Champ, string Message, string Correction, QualityFix? Fix);

/// <summary>The findings of a package's files (every young person of the package, or those asked for).</summary>
public sealed class QualityReport
{
    private readonly List<Finding>[] _byJeune;

    internal QualityReport(JourneyPackage package, DateOnly today, List<Finding>[] byJeune, IReadOnlyList<int> jeunes)
    {
        Package = package;
        Today = today;
        _byJeune = byJeune;
        Jeunes = jeunes;
        Findings = jeunes.SelectMany(j => byJeune[j]).ToList();
    }

    public JourneyPackage Package { get; }

    /// <summary>The day the analysis was made for (paths open past their maximum length are judged on that day).</summary>
    public DateOnly Today { get; }

    /// <summary>The young people analysed (package indexes, ascending).</summary>
    public IReadOnlyList<int> Jeunes { get; }

    /// <summary>Every finding, by young person then in rule order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<Finding> Of(int jeune) => _byJeune[jeune];

    public bool IsClean(int jeune) => _byJeune[jeune].Count == 0;

    /// <summary>The share of files with no finding among <paramref name="jeunes"/> (all analysed when null); null when there is none.</summary>
    public double? CleanShare(IEnumerable<int>? jeunes = null)
    {
        var total = 0;
        var clean = 0;
        foreach (var j in jeunes ?? Jeunes)
        {
            total++;
            if (_byJeune[j].Count == 0) clean++;
        }
        return total == 0 ? null : (double)clean / total;
    }

    /// <summary>Files and clean files per structure (code), for the structures that have young people analysed.</summary>
    public IReadOnlyDictionary<string, (int Dossiers, int SansConstat)> ParStructure() =>
        Jeunes.GroupBy(j => Package.Structures[Package.Jeunes[j].Structure].Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(IsClean)), StringComparer.Ordinal);
}

/// <summary>
/// The data-quality assistant's analysis (docs/qualite.md): for each young person's file, every anomaly of the journey
/// rules and every gap that distorts indicators, each with its obvious fix; the fixes applied to a copy of the data; the
/// data as they stood at a past day (the trend). Pure: no I/O.
/// </summary>
public static class QualityAnalysis
{
    /// <summary>Analyses the files of <paramref name="jeunes"/> (all the package's when null) on <paramref name="today"/>.</summary>
    public static QualityReport Analyse(JourneyPackage package, DateOnly today, IEnumerable<int>? jeunes = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        var selected = (jeunes ?? Enumerable.Range(0, package.Jeunes.Length)).Distinct().Order().ToArray();
        var usual = UsualValues.Of(package);
        var byJeune = new List<Finding>[package.Jeunes.Length];
        for (var j = 0; j < byJeune.Length; j++) byJeune[j] = [];
        foreach (var j in selected) byJeune[j] = FindingsOf(package, j, today, usual);
        return new QualityReport(package, today, byJeune, selected);
    }

    /// <summary>The French name of a kind of finding.</summary>
    public static string Libelle(QualityKind kind) => kind switch
    {
        QualityKind.AgeHorsTranche => "Âge au premier accueil hors de 16–25 ans",
        QualityKind.DateAvantNaissance => "Événement daté avant la naissance",
        QualityKind.DateAvantPremierAccueil => "Événement daté avant le premier accueil",
        QualityKind.ConsolidationTropLongue => "Séquence de consolidation de plus de 4 mois",
        QualityKind.NationauxChevauchants => "Parcours nationaux qui se chevauchent",
        QualityKind.SortieSansMotif => "Sortie de parcours sans motif",
        QualityKind.MotifAutre => "Motif de sortie « autre »",
        QualityKind.ParcoursSansFinAuDelaDuree => "Parcours sans fin au-delà de sa durée maximale",
        QualityKind.NeetManquant => "Garantie jeunes sans l'indicateur NEET",
        _ => "Commune de résidence manquante (QPV/ZRR non vérifiables)",
    };

    /// <summary>The obvious fix of a kind, in words (the one <see cref="Apply"/> makes; docs/qualite.md).</summary>
    public static string CorrectionEvidente(QualityKind kind) => kind switch
    {
        QualityKind.AgeHorsTranche => "Vérifier la date de naissance et celle du premier accueil (pas de correction automatique).",
        QualityKind.DateAvantNaissance => "Vérifier la date de l'événement et la date de naissance (pas de correction automatique).",
        QualityKind.DateAvantPremierAccueil => "Avancer le premier accueil à la date du premier événement.",
        QualityKind.ConsolidationTropLongue => "Clore la séquence 4 mois après son début.",
        QualityKind.NationauxChevauchants => "Clore le premier parcours la veille de l'entrée dans le suivant (motif « réorientation » s'il n'en a pas).",
        QualityKind.SortieSansMotif or QualityKind.MotifAutre =>
            "Saisir le motif connu le plus fréquent des sorties de ce dispositif dans la structure (« fin de dispositif » à défaut).",
        QualityKind.ParcoursSansFinAuDelaDuree =>
            "Clore le parcours à la fin de sa durée maximale (CIVIS : la veille des 26 ans, motif « limite d'âge » ; Garantie jeunes : 18 mois ; consolidation : 4 mois ; motif « fin de dispositif »).",
        QualityKind.NeetManquant => "Cocher NEET à l'entrée (la Garantie jeunes n'accueille que des jeunes NEET).",
        _ => "Saisir la commune de résidence (correction évidente : la commune la plus fréquente de la structure, avec ses indicateurs QPV/ZRR).",
    };

    /// <summary>
    /// A copy of the package with the fixes of <paramref name="findings"/> applied (in order; findings without a fix are
    /// skipped). Only the young people's records and the paths change; every other table is shared.
    /// </summary>
    public static JourneyPackage Apply(JourneyPackage package, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(findings);
        var jeunes = (Jeune[])package.Jeunes.Clone();
        var rows = package.Parcours.All.ToArray();
        var changed = false;
        int[]? starts = null;
        foreach (var f in findings)
        {
            if (f.Fix is not { } fix) continue;
            changed = true;
            if (fix.ChangeJeune is { } cj) jeunes[f.Jeune] = cj(jeunes[f.Jeune]);
            if (fix.ChangeParcours is { } cp && fix.Parcours >= 0)
            {
                starts ??= Starts(package.Parcours, package.Jeunes.Length);
                var at = starts[f.Jeune] + fix.Parcours;
                rows[at] = cp(rows[at]);
            }
        }
        if (!changed) return package;
        return With(package, jeunes, rows.ToList(), Ids(package.Parcours));
    }

    /// <summary>
    /// The data as they stood at the end of <paramref name="day"/>, as far as their dates tell: only the young people
    /// received by then (the others' files are empty and not counted by <see cref="AsOfJeunes"/>), events dated by then,
    /// and ends (with their exit reason) after that day removed. Corrections made later cannot be undone: see docs/qualite.md.
    /// </summary>
    public static JourneyPackage AsOf(JourneyPackage package, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(package);
        var n = package.Jeunes.Length;
        var contacts = package.Contacts.All.ToArray().Where(x => x.Date <= day).ToList();
        var orientations = package.Orientations.All.ToArray().Where(x => x.Date <= day).ToList();
        var propositions = package.Propositions.All.ToArray().Where(x => x.Date <= day).ToList();
        var droits = package.Droits.All.ToArray().Where(x => x.Date <= day).ToList();
        var parcours = package.Parcours.All.ToArray().Where(x => x.Debut <= day)
            .Select(x => x.Fin is { } f && f > day ? x with { Fin = null, MotifFin = null } : x).ToList();
        var situations = package.Situations.All.ToArray().Where(x => x.Debut <= day)
            .Select(x => x.Fin is { } f && f > day ? x with { Fin = null } : x).ToList();
        var parrainages = package.Parrainages.All.ToArray().Where(x => x.Debut <= day)
            .Select(x => x.Fin is { } f && f > day ? x with { Fin = null } : x).ToList();
        return new JourneyPackage
        {
            Structures = package.Structures,
            Jeunes = package.Jeunes,
            Contacts = EventTable<Contact>.Build(contacts, n),
            Orientations = EventTable<Orientation>.Build(orientations, n),
            Parcours = EventTable<Parcours>.Build(parcours, n),
            Propositions = EventTable<Proposition>.Build(propositions, n),
            Situations = EventTable<Situation>.Build(situations, n),
            Droits = EventTable<Droit>.Build(droits, n),
            Parrainages = EventTable<Parrainage>.Build(parrainages, n),
            Moyens = package.Moyens,
            StructureData = package.StructureData,
        };
    }

    /// <summary>The young people received by <paramref name="day"/> (first reception on or before it).</summary>
    public static IEnumerable<int> AsOfJeunes(JourneyPackage package, DateOnly day, IEnumerable<int>? among = null) =>
        (among ?? Enumerable.Range(0, package.Jeunes.Length)).Where(j => package.Jeunes[j].PremierAccueil <= day);

    /// <summary>
    /// The share of clean files at the end of each of the <paramref name="months"/> months ending with the month before
    /// <paramref name="today"/>'s (the data as they stood: <see cref="AsOf"/>), oldest first, with the number of files.
    /// </summary>
    public static IReadOnlyList<(DateOnly FinDeMois, int Dossiers, double? Part)> Tendance(
        JourneyPackage package, DateOnly today, int months = 12, IEnumerable<int>? among = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        var list = new List<(DateOnly, int, double?)>();
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var amongSet = among?.ToArray();
        for (var m = months; m >= 1; m--)
        {
            var end = firstOfMonth.AddMonths(-m + 1).AddDays(-1);
            var asOf = AsOf(package, end);
            var jeunes = AsOfJeunes(package, end, amongSet).ToArray();
            var report = Analyse(asOf, end, jeunes);
            list.Add((end, jeunes.Length, report.CleanShare()));
        }
        return list;
    }

    /// <summary>Where each young person's rows start in <see cref="EventTable{T}.All"/> (rows are grouped by young person, in order).</summary>
    private static int[] Starts<T>(EventTable<T> table, int jeunes) where T : struct, IJeuneEvent
    {
        var starts = new int[jeunes];
        for (var k = 1; k < jeunes; k++) starts[k] = starts[k - 1] + table.For(k - 1).Length;
        return starts;
    }

    private static List<string?>? Ids<T>(EventTable<T> table) where T : struct, IJeuneEvent
    {
        if (!table.HasIds) return null;
        var ids = new List<string?>(table.Count);
        var n = 0;
        for (var j = 0; n < table.Count; j++)
        {
            var span = table.IdsFor(j);
            foreach (var id in span) ids.Add(id);
            n += span.Length;
        }
        return ids;
    }

    private static JourneyPackage With(JourneyPackage package, Jeune[] jeunes, List<Parcours> parcours, List<string?>? ids) => new()
    {
        Structures = package.Structures,
        Jeunes = jeunes,
        Contacts = package.Contacts,
        Orientations = package.Orientations,
        Parcours = EventTable<Parcours>.Build(parcours, jeunes.Length, ids),
        Propositions = package.Propositions,
        Situations = package.Situations,
        Droits = package.Droits,
        Parrainages = package.Parrainages,
        Moyens = package.Moyens,
        StructureData = package.StructureData,
    };

    private static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static List<Finding> FindingsOf(JourneyPackage package, int j, DateOnly today, UsualValues usual)
    {
        var list = new List<Finding>();
        var journey = package.Journey(j);
        var jeune = journey.Jeune;
        void Add(QualityKind kind, string champ, string message, QualityFix? fix) =>
            list.Add(new Finding(kind, j, champ, message, CorrectionEvidente(kind), fix));

        if (JourneyChecks.AgeHorsTranche(jeune.Naissance, jeune.PremierAccueil, out var age))
            Add(QualityKind.AgeHorsTranche, "premier_accueil", $"Âge au premier accueil ({D(jeune.PremierAccueil)}) : {age} ans, hors de la tranche 16–25 ans.", null);

        void Before(DateOnly date, string what, string champ)
        {
            switch (JourneyChecks.Anteriorite(date, jeune.Naissance, jeune.PremierAccueil))
            {
                case DateAnterieure.AvantNaissance:
                    Add(QualityKind.DateAvantNaissance, champ, $"{what} daté(e) du {D(date)}, avant la date de naissance ({D(jeune.Naissance)}).", null);
                    break;
                case DateAnterieure.AvantPremierAccueil:
                    Add(QualityKind.DateAvantPremierAccueil, champ, $"{what} daté(e) du {D(date)}, avant le premier accueil du {D(jeune.PremierAccueil)}.",
                        new QualityFix(ChangeJeune: x => date < x.PremierAccueil && date >= x.Naissance ? x with { PremierAccueil = date } : x));
                    break;
            }
        }
        foreach (ref readonly var c in journey.Contacts) Before(c.Date, "Contact (" + Codes.Of(c.Mode).ToLowerInvariant() + ")", "contacts.date");
        foreach (ref readonly var o in journey.Orientations) Before(o.Date, "Orientation", "orientations.date");
        foreach (ref readonly var p in journey.Propositions) Before(p.Date, "Proposition", "propositions.date");
        foreach (ref readonly var d in journey.Droits) Before(d.Date, "Accès au droit commun", "droits.date");
        foreach (ref readonly var p in journey.Parcours)
        {
            Before(p.Debut, $"Entrée en {Codes.Of(p.Dispositif)}", "parcours.debut");
            if (p.Fin is { } f) Before(f, $"Sortie de {Codes.Of(p.Dispositif)}", "parcours.fin");
        }
        foreach (ref readonly var s in journey.Situations)
        {
            Before(s.Debut, $"Début de {Codes.Of(s.Type)}", "situations.debut");
            if (s.Fin is { } f) Before(f, $"Fin de {Codes.Of(s.Type)}", "situations.fin");
        }
        foreach (ref readonly var p in journey.Parrainages) Before(p.Debut, "Parrainage", "parrainages.debut");

        var paths = journey.Parcours;
        for (var i = 0; i < paths.Length; i++)
        {
            var p = paths[i];
            var index = i;
            if (JourneyChecks.ConsolidationTropLongue(p.Dispositif, p.Debut, p.Fin))
            {
                var end = p.Debut.AddMonths(JourneyChecks.ConsolidationMaxMois(p.Debut));
                Add(QualityKind.ConsolidationTropLongue, "parcours.fin", $"Séquence de consolidation du {D(p.Debut)} au {D(p.Fin!.Value)} : plus de 4 mois.",
                    new QualityFix(Parcours: index, ChangeParcours: x => x with { Fin = end }));
            }
        }
        for (var a = 0; a < paths.Length; a++)
        {
            for (var b = a + 1; b < paths.Length; b++)
            {
                if (!JourneyChecks.NationauxChevauchants(paths[a].Dispositif, paths[a].Interval, paths[b].Dispositif, paths[b].Interval)) continue;
                var (first, second) = paths[a].Debut <= paths[b].Debut ? (a, b) : (b, a);
                var close = paths[second].Debut.AddDays(-1);
                QualityFix? fix = close >= paths[first].Debut
                    ? new QualityFix(Parcours: first, ChangeParcours: x => x.Fin is { } f && f <= close ? x : x with { Fin = close, MotifFin = x.MotifFin ?? MotifFin.Reorientation })
                    : null;
                Add(QualityKind.NationauxChevauchants, "parcours.debut",
                    $"Deux parcours nationaux se chevauchent : {Codes.Of(paths[first].Dispositif)} (depuis le {D(paths[first].Debut)}) et {Codes.Of(paths[second].Dispositif)} (depuis le {D(paths[second].Debut)}).", fix);
            }
        }

        var structure = jeune.Structure;
        for (var i = 0; i < paths.Length; i++)
        {
            var p = paths[i];
            var index = i;
            if (p.Fin is { } fin)
            {
                var motif = usual.Motif(structure, p.Dispositif);
                if (p.MotifFin is null)
                    Add(QualityKind.SortieSansMotif, "parcours.motif_fin", $"Sortie de {Codes.Of(p.Dispositif)} le {D(fin)} sans motif.",
                        new QualityFix(Parcours: index, ChangeParcours: x => x.MotifFin is null ? x with { MotifFin = motif } : x));
                else if (p.MotifFin == MotifFin.Autre)
                    Add(QualityKind.MotifAutre, "parcours.motif_fin", $"Sortie de {Codes.Of(p.Dispositif)} le {D(fin)} avec le motif « autre ».",
                        new QualityFix(Parcours: index, ChangeParcours: x => x.MotifFin == MotifFin.Autre ? x with { MotifFin = motif } : x));
            }
            else if (FinMaximale(p, jeune) is { } max && max < today)
            {
                var motif = p.Dispositif == Dispositif.Civis ? MotifFin.LimiteAge : MotifFin.FinDispositif;
                Add(QualityKind.ParcoursSansFinAuDelaDuree, "parcours.fin",
                    $"{Codes.Of(p.Dispositif)} ouvert depuis le {D(p.Debut)}, sans fin, au-delà de sa durée maximale (fin au plus tard le {D(max)}).",
                    new QualityFix(Parcours: index, ChangeParcours: x => x.Fin is null ? x with { Fin = max, MotifFin = motif } : x));
            }
            if (p.Dispositif == Dispositif.GarantieJeunes && !p.Neet)
                Add(QualityKind.NeetManquant, "parcours.neet", $"Garantie jeunes du {D(p.Debut)} sans l'indicateur NEET à l'entrée.",
                    new QualityFix(Parcours: index, ChangeParcours: x => x with { Neet = true }));
        }

        if (string.IsNullOrWhiteSpace(jeune.Commune))
        {
            var commune = usual.Commune(structure);
            Add(QualityKind.CommuneManquante, "jeunes.commune", "Commune de résidence manquante : QPV et ZRR ne peuvent être vérifiés.",
                commune is { } c ? new QualityFix(ChangeJeune: x => string.IsNullOrWhiteSpace(x.Commune) ? x with { Commune = c.Code, Qpv = c.Qpv, Zrr = c.Zrr } : x) : null);
        }
        return list;
    }

    /// <summary>
    /// The last day a path may last (docs/qualite.md, docs/dispositifs.md): CIVIS the day before the 26th birthday, Garantie
    /// jeunes 18 months, consolidation 4 months, CEJ 18 months, PACEA 24 months; PPAE, regional and local paths have no
    /// maximum (null). The rule set's values (<see cref="JourneyChecks.FinMaximale"/>).
    /// </summary>
    public static DateOnly? FinMaximale(Parcours p, Jeune jeune) => JourneyChecks.FinMaximale(p.Dispositif, p.Debut, jeune.Naissance);

    /// <summary>The values the obvious fixes take from the structure's own data: its most frequent exit reasons and commune.</summary>
    private sealed class UsualValues
    {
        private readonly Dictionary<(int, Dispositif), MotifFin> _motifs = [];
        private readonly Dictionary<int, (string Code, bool Qpv, bool Zrr)> _communes = [];

        public static UsualValues Of(JourneyPackage package)
        {
            var u = new UsualValues();
            var motifs = new Dictionary<(int, Dispositif, MotifFin), int>();
            var communes = new Dictionary<(int, string, bool, bool), int>();
            for (var j = 0; j < package.Jeunes.Length; j++)
            {
                var jeune = package.Jeunes[j];
                if (!string.IsNullOrWhiteSpace(jeune.Commune))
                    communes[(jeune.Structure, jeune.Commune, jeune.Qpv, jeune.Zrr)] = communes.GetValueOrDefault((jeune.Structure, jeune.Commune, jeune.Qpv, jeune.Zrr)) + 1;
                foreach (ref readonly var p in package.Parcours.For(j))
                {
                    if (p.MotifFin is { } m && m != MotifFin.Autre)
                        motifs[(jeune.Structure, p.Dispositif, m)] = motifs.GetValueOrDefault((jeune.Structure, p.Dispositif, m)) + 1;
                }
            }
            // Most frequent first; ties broken by the order of the codes (reason) or the code (commune), so the fix is deterministic.
            foreach (var g in motifs.GroupBy(kv => (kv.Key.Item1, kv.Key.Item2)))
                u._motifs[g.Key] = g.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item3).First().Key.Item3;
            foreach (var g in communes.GroupBy(kv => kv.Key.Item1))
            {
                var best = g.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item3).ThenBy(kv => kv.Key.Item4).First().Key;
                u._communes[g.Key] = (best.Item2, best.Item3, best.Item4);
            }
            return u;
        }

        public MotifFin Motif(int structure, Dispositif dispositif) => _motifs.GetValueOrDefault((structure, dispositif), MotifFin.FinDispositif);

        public (string Code, bool Qpv, bool Zrr)? Commune(int structure) => _communes.TryGetValue(structure, out var c) ? c : null;
    }
}
