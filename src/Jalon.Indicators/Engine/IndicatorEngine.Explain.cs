using Jalon.Domain;
using Jalon.Indicators.Catalogues;

namespace Jalon.Indicators.Engine;

/// <summary>Which operand of a ratio an explanation lists.</summary>
public enum Operande
{
    Numerateur,
    Denominateur,
}

/// <summary>What to explain: a key of the catalogue, optionally N−1, one breakdown of a count, one operand of a ratio.</summary>
public sealed record ExplainRequest(string Key)
{
    /// <summary>The figure of N−1 (the dashboard's and the CSV's "valeur N-1") rather than N.</summary>
    public bool Previous { get; init; }

    public Ventilation? Ventilation { get; init; }

    public Operande? Partie { get; init; }
}

/// <summary>
/// The young people behind one figure of one structure: the count of the engine's plan it reads (<see cref="Count"/>:
/// a key of nature effectif, or <c>critere:…</c> for a ratio's numerator counted apart), the period it is counted in,
/// the breakdown, and the package indices of the young people, sorted by identifier (ordinal).
/// </summary>
public sealed record Explanation(
    IndicatorDefinition Indicator,
    string Count,
    IndicatorDefinition? CountDefinition,
    Period Period,
    Ventilation? Ventilation,
    IReadOnlyList<int> Jeunes);

/// <summary>Refusal of an explanation, with its French message (a key that counts no young people, a bad option…).</summary>
public sealed class ExplanationException(string message) : Exception(message);

public static partial class IndicatorEngine
{
    /// <summary>
    /// The figure <paramref name="what"/> resolved against a catalogue: the count it reads and the period of that count
    /// (N, N−1, or N−2 for the N−1 denominator of R2). Throws <see cref="ExplanationException"/> for a key that does not
    /// count young people (moyenne, montant, a ratio's operand that is an amount), <see cref="ExplainRequest.Partie"/> on
    /// a count or missing on a ratio, <see cref="ExplainRequest.Ventilation"/> on a ratio or absent from the key.
    /// </summary>
    public static (string Count, Period Period) ResolveExplained(Catalogue catalogue, IndicatorRequest request, ExplainRequest what)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(what);
        if (!catalogue.TryGet(what.Key, out var d))
            throw new ExplanationException($"Indicateur inconnu dans le catalogue {catalogue.Id} : « {what.Key} ».");
        var period = what.Previous ? request.Precedente(request.Period) : request.Period;
        switch (d.Nature)
        {
            case Nature.Effectif:
                if (what.Partie is not null)
                    throw new ExplanationException($"{d.Cle} est un effectif : --partie ne s'applique qu'aux ratios.");
                if (what.Ventilation is { } v && !d.Ventilations.Contains(v))
                    throw new ExplanationException($"{d.Cle} n'a pas de ventilation « {v.Cle()} » (ventilations : {string.Join(", ", d.Ventilations.Select(x => x.Cle()))}).");
                return (d.Cle, period);
            case Nature.Ratio:
                if (what.Ventilation is not null)
                    throw new ExplanationException($"{d.Cle} est un ratio : il n'a pas de ventilation ; expliquez son numérateur ou son dénominateur (--partie).");
                if (what.Partie is not { } partie)
                    throw new ExplanationException($"{d.Cle} est un ratio : précisez --partie numerateur ou --partie denominateur.");
                var operand = partie == Engine.Operande.Numerateur ? d.Numerateur ?? "critere:" + d.NumerateurCritere : d.Denominateur!;
                if (!catalogue.Plan.CountIndex.ContainsKey(operand))
                    throw new ExplanationException($"Le {(partie == Engine.Operande.Numerateur ? "numérateur" : "dénominateur")} de {d.Cle} ({operand}) est " +
                        $"{(catalogue.TryGet(operand, out var od) && od.Nature == Nature.Nombre ? "un nombre d'événements" : "un montant")} : il ne compte pas des jeunes.");
                if (partie == Engine.Operande.Denominateur && d.PeriodeDenominateur == PeriodeRelative.NMoins1) period = request.Precedente(period);
                return (operand, period);
            case Nature.NonCalculable:
                throw new ExplanationException($"{d.Cle} n'est pas calculé par Jalon ({d.MentionNonCalculable}) : il n'y a pas de liste à montrer.");
            case Nature.Nombre:
                throw new ExplanationException($"{d.Cle} compte des événements, pas des jeunes : il n'y a pas de liste de jeunes à montrer.");
            default:
                throw new ExplanationException(
                    $"{d.Cle} est {(d.Nature == Nature.Moyenne ? "une moyenne" : "un montant ou un chiffre de contexte")} : il ne compte pas des jeunes, il n'y a pas de liste à montrer.");
        }
    }

    /// <summary>
    /// The young people of structure <paramref name="structure"/> that a figure counts, by the same evaluation as the
    /// tally (<see cref="Evaluate"/>: the count's "parmi" chain, parents first, then its criterion; a breakdown as the tally
    /// adds it): their number is the figure <see cref="Compute(JourneyPackage, Catalogue, IndicatorRequest)"/> gives.
    /// </summary>
    public static Explanation Explain(JourneyPackage package, Catalogue catalogue, IndicatorRequest request, string structure, ExplainRequest what)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(structure);
        CheckPeriod(request.Period);
        var (count, period) = ResolveExplained(catalogue, request, what);
        var s = -1;
        for (var i = 0; i < package.Structures.Count; i++)
        {
            if (package.Structures[i].Code == structure) s = i;
        }
        if (s < 0) throw new ExplanationException($"Structure inconnue dans le paquet : « {structure} ».");

        var plan = catalogue.Plan;
        var c = plan.CountIndex[count];
        var chain = new List<int>();
        for (var x = c; x >= 0; x = plan.Parents[x]) chain.Insert(0, x);
        var neet = what.Ventilation == Ventilation.Neet ? plan.NeetPointers[c] : 0;
        var members = new List<int>();
        Span<byte> state = stackalloc byte[plan.CountCount];
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            if (package.Jeunes[i].Structure != s) continue;
            if (IsCounted(package.Journey(i), period, plan, chain, what.Ventilation, neet, state)) members.Add(i);
        }
        members.Sort((a, b) => string.CompareOrdinal(package.Jeunes[a].Id, package.Jeunes[b].Id));
        catalogue.TryGet(count, out var countDefinition);
        return new Explanation(catalogue[what.Key], count, countDefinition, period, what.Ventilation, members);
    }

    private static unsafe bool IsCounted(
        in JeuneJourney journey, Period period, EnginePlan plan, List<int> chain, Ventilation? ventilation, nint neet, Span<byte> state)
    {
        state.Clear();
        foreach (var x in chain)
        {
            if (!Evaluate(state, x, plan.Parents, plan.CriterionPointers, journey, period)) return false;
        }
        var jeune = journey.Jeune;
        return ventilation switch
        {
            null => true,
            Ventilation.Femmes => jeune.Sexe == Sexe.F,
            Ventilation.InfraV => jeune.IsInfraV,
            Ventilation.Qpv => jeune.Qpv,
            Ventilation.Zrr => jeune.Zrr,
            _ => neet != 0 && ((delegate*<in JeuneJourney, in Period, bool>)neet)(journey, period),
        };
    }

    /// <summary>
    /// Why young person <paramref name="jeune"/> is in an explained figure: a minimal set of their recorded facts that
    /// still qualifies them (found by the engine's own evaluation: every fact is taken away in turn, in date order, and
    /// stays away if the young person is still counted without it), in date order. The premier accueil, a field of the
    /// young person, is listed when the count does not hold without it. Empty when the young person's record alone
    /// qualifies them.
    /// </summary>
    public static IReadOnlyList<QualifyingFact> Why(JourneyPackage package, Catalogue catalogue, Explanation explanation, int jeune)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(explanation);
        var plan = catalogue.Plan;
        var c = plan.CountIndex[explanation.Count];
        var chain = new List<int>();
        for (var x = c; x >= 0; x = plan.Parents[x]) chain.Insert(0, x);
        var neet = explanation.Ventilation == Ventilation.Neet ? plan.NeetPointers[c] : 0;
        var period = explanation.Period;
        var j = package.Journey(jeune);
        var facts = new JourneyFacts(j);
        var state = new byte[plan.CountCount];
        bool Counted(Jeune who) => facts.With(who, journey => IsCounted(journey, period, plan, chain, explanation.Ventilation, neet, state));

        var result = new List<QualifyingFact>();
        var self = j.Jeune;
        if (!Counted(self)) return result; // not in the figure
        var withoutAccueil = self with { PremierAccueil = DateOnly.MaxValue };
        if (!Counted(withoutAccueil)) result.Add(new QualifyingFact(self.PremierAccueil, "Premier accueil"));
        foreach (var f in facts.InDateOrder())
        {
            facts.Kept[f] = false;
            if (!Counted(self)) facts.Kept[f] = true;
        }
        result.AddRange(facts.InDateOrder().Where(f => facts.Kept[f]).Select(facts.Describe));
        result.Sort((a, b) => a.Date.CompareTo(b.Date));
        return result;
    }

    /// <summary>A young person's facts as one list that can be filtered (the explanation's search for a minimal witness).</summary>
    private sealed class JourneyFacts
    {
        private readonly int _index;
        private readonly Contact[] _contacts;
        private readonly Orientation[] _orientations;
        private readonly Parcours[] _parcours;
        private readonly Proposition[] _propositions;
        private readonly Situation[] _situations;
        private readonly Droit[] _droits;
        private readonly Parrainage[] _parrainages;
        private readonly Domain.Employeurs.MiseEnRelationLigne[] _mer;
        private readonly Domain.Employeurs.ImmersionLigne[] _immersions;
        private readonly (int Kind, int Row, DateOnly Date)[] _all;

        public JourneyFacts(in JeuneJourney j)
        {
            _index = j.Index;
            _contacts = j.Contacts.ToArray();
            _orientations = j.Orientations.ToArray();
            _parcours = j.Parcours.ToArray();
            _propositions = j.Propositions.ToArray();
            _situations = j.Situations.ToArray();
            _droits = j.Droits.ToArray();
            _parrainages = j.Parrainages.ToArray();
            _mer = j.MisesEnRelation.ToArray();
            _immersions = j.Immersions.ToArray();
            var all = new List<(int, int, DateOnly)>();
            all.AddRange(_contacts.Select((x, i) => (0, i, x.Date)));
            all.AddRange(_orientations.Select((x, i) => (1, i, x.Date)));
            all.AddRange(_parcours.Select((x, i) => (2, i, x.Debut)));
            all.AddRange(_propositions.Select((x, i) => (3, i, x.Date)));
            all.AddRange(_situations.Select((x, i) => (4, i, x.Debut)));
            all.AddRange(_droits.Select((x, i) => (5, i, x.Date)));
            all.AddRange(_parrainages.Select((x, i) => (6, i, x.Debut)));
            all.AddRange(_mer.Select((x, i) => (7, i, x.Date)));
            all.AddRange(_immersions.Select((x, i) => (8, i, x.Debut)));
            _all = [.. all];
            Kept = Enumerable.Repeat(true, _all.Length).ToArray();
        }

        public bool[] Kept { get; }

        public IEnumerable<int> InDateOrder() => Enumerable.Range(0, _all.Length).OrderBy(i => _all[i].Date).ThenBy(i => _all[i].Kind);

        /// <summary>The rows of one kind still kept (the facts of a kind are consecutive in <see cref="_all"/>, in row order).</summary>
        private T[] Keep<T>(T[] rows, int kind)
        {
            var first = Array.FindIndex(_all, f => f.Kind == kind);
            return [.. rows.Where((_, i) => Kept[first + i])];
        }

        public bool With(Jeune jeune, Func<JeuneJourney, bool> test) => test(new JeuneJourney(_index, jeune,
            Keep(_contacts, 0), Keep(_orientations, 1), Keep(_parcours, 2), Keep(_propositions, 3),
            Keep(_situations, 4), Keep(_droits, 5), Keep(_parrainages, 6), default, Keep(_mer, 7), Keep(_immersions, 8)));

        public QualifyingFact Describe(int f)
        {
            var (kind, row, date) = _all[f];
            return kind switch
            {
                0 => new(date, $"Contact {Codes.Of(_contacts[row].Mode)}{(_contacts[row].Diagnostic ? " avec diagnostic" : "")}"),
                1 => new(date, $"Orientation vers {Codes.Of(_orientations[row].Operateur)}"),
                2 => new(date, $"Parcours {Codes.Of(_parcours[row].Dispositif)}{Fin(_parcours[row].Fin)}"
                    + (_parcours[row].MotifFin is { } m ? $", motif {Codes.Of(m)}" : "") + (_parcours[row].Neet ? ", NEET à l'entrée" : "")),
                3 => new(date, $"Proposition {Codes.Of(_propositions[row].Theme)}"),
                4 => new(date, $"Situation {Codes.Of(_situations[row].Type)}{Fin(_situations[row].Fin)}"),
                5 => new(date, $"Droit {Codes.Of(_droits[row].Domaine)}"),
                6 => new(date, $"Parrainage{Fin(_parrainages[row].Fin)}"),
                7 => new(date, $"Mise en relation {Codes.Of(_mer[row].Type)}" + (_mer[row].Issue is { } issue ? $", issue {Codes.Of(issue)} le {_mer[row].IssueLe:yyyy-MM-dd}" : ", sans issue")),
                _ => new(date, $"Période en entreprise {Codes.Of(_immersions[row].Type)}{Fin(_immersions[row].Fin)}" + (_immersions[row].Suite is { } suite ? $", suite {Codes.Of(suite)}" : "")),
            };
        }

        private static string Fin(DateOnly? fin) => fin is { } f ? $" (jusqu'au {f:yyyy-MM-dd})" : " (en cours)";
    }
}

/// <summary>One fact that qualifies a young person for a figure: its date (the start of a path, situation or parrainage) and a French description.</summary>
public readonly record struct QualifyingFact(DateOnly Date, string Libelle);
