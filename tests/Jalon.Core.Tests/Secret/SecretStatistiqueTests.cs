using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Tests.Secret;
using Xunit.Abstractions;

namespace Jalon.Core.Tests.Secret;

/// <summary>
/// Generated regions computed for every period an aggregate-only role may ask (months, quarters, years of 2015 and
/// 2016, with N−1), published through <see cref="SecretStatistique"/> — and, for comparison, through primary
/// suppression alone (the rule before secondary suppression).
/// </summary>
public sealed class RegionsPubliees
{
    public static readonly Catalogue Cpo = Catalogue.Load("cpo-2015");

    public RegionsPubliees() : this(Cpo)
    {
    }

    /// <summary>The same regions published through the grid <paramref name="grille"/> (every catalogue goes through the same step).</summary>
    internal RegionsPubliees(Catalogue grille)
    {
        Grille = grille;
        Package = RegionsGenerees.Deux();
        Territoires = new Territoires(Package.Structures);
        var years = new[] { 2013, 2014, 2015, 2016 };
        var periods = years.SelectMany(SecretStatistique.PeriodesDeLAnnee).ToList();
        var tallies = IndicatorEngine.Tally(Package, grille, periods).ToDictionary(t => (t.Structure, t.Period));
        Tallies = tallies;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Decisions = SecretStatistique.Unites(grille, periods)
            .Select(u => SecretStatistique.Decider(grille, Territoires, u, (s, p) => tallies[(Territoires.Code(s), p)]))
            .ToList();
        DecisionTime = clock.Elapsed;
        Secret = SecretStatistique.Avec(grille, Territoires, Decisions);
    }

    /// <summary>The grid published.</summary>
    public Catalogue Grille { get; }

    public JourneyPackage Package { get; }
    public Territoires Territoires { get; }
    public Dictionary<(string Structure, Period Period), StructureTally> Tallies { get; }
    public List<DecisionsSecret> Decisions { get; }
    public TimeSpan DecisionTime { get; }
    public SecretStatistique Secret { get; }

    /// <summary>The pages: every month, quarter and year of 2015 and 2016.</summary>
    public static IReadOnlyList<Period> Pages { get; } = [.. SecretStatistique.PeriodesDeLAnnee(2016), .. SecretStatistique.PeriodesDeLAnnee(2015)];

    public IndicatorResults Results(Period p, bool previous = true)
    {
        var request = new IndicatorRequest(p) { WithPreviousYear = previous, MoisEntiers = true };
        var needed = IndicatorEngine.PeriodsNeeded(Grille, request);
        return IndicatorEngine.Combine(Grille, request, Package.Structures, (s, slot) => Tallies[(Package.Structures[s].Code, needed[slot])], [.. Package.Moyens]);
    }

    public IEnumerable<(Level Level, string Code)> Levels =>
        Package.Structures.Select(s => (Level.Structure, s.Code))
            .Concat(Package.Structures.Select(s => s.Region).Distinct().Select(r => (Level.Region, r)))
            .Append((Level.National, LevelNames.National));

    /// <summary>What the attacker reads, through a view of each page's results.</summary>
    public (List<LigneLue> Lignes, List<PoidsLu> Poids) Lire(Func<IndicatorResults, IVue> vue)
    {
        var lignes = new List<LigneLue>();
        var poids = new List<PoidsLu>();
        foreach (var p in Pages)
        {
            var v = vue(Results(p));
            foreach (var (level, code) in Levels)
            {
                foreach (var d in Grille.Indicateurs.Where(d => d.Calculable))
                {
                    var ventilations = d.Ventilations.ToDictionary(x => x, x => L(v.Ventilation(level, code, d.Cle, x)));
                    lignes.Add(new LigneLue(level, code, p, d.Cle, L(v.Valeur(level, code, d.Cle, false)), L(v.Valeur(level, code, d.Cle, true)),
                        L(v.Evolution(level, code, d.Cle)), ventilations));
                }
            }
            foreach (var s in Package.Structures)
            {
                foreach (var w in Grille.PoidsRegional) poids.Add(new PoidsLu(s.Code, s.Region, p, w.Cle, L(v.Part(s.Code, s.Region, w.Cle))));
            }
        }
        return (lignes, poids);
    }

    private static Lu L(ValeurPubliee v) => new(v.Valeur, v.Masquee);

    /// <summary>The attacker's relations over what was read; the truth of complements from the engine.</summary>
    public Attaquant Attaque(List<LigneLue> lignes, List<PoidsLu> poids)
    {
        var additifs = Grille.Indicateurs.Where(d => d.Nature == Nature.Effectif && Grille.Registry.IsAdditive(d.Critere!)).Select(d => d.Cle).ToHashSet();
        var cache = new Dictionary<Period, IndicatorResults>();
        long? Complement(Level level, string code, Period p, string cle, Ventilation v)
        {
            if (!cache.TryGetValue(p, out var r)) cache[p] = r = Results(p, previous: false);
            var x = r.Current.Get(level, code, cle);
            return x.Count - x.Breakdown(v);
        }
        return AttaqueSecret.Construire(Grille, Package.Structures.Select(s => (s.Code, s.Region)).ToList(), lignes, poids, additifs, Complement);
    }

    /// <summary>A page as the attacker reads it.</summary>
    public interface IVue
    {
        ValeurPubliee Valeur(Level level, string code, string cle, bool precedente);
        ValeurPubliee Ventilation(Level level, string code, string cle, Ventilation v);
        ValeurPubliee Evolution(Level level, string code, string cle);
        ValeurPubliee Part(string structure, string region, string cle);
    }

    /// <summary>The step's publication.</summary>
    public sealed class VueSecret(Publication p) : IVue
    {
        public ValeurPubliee Valeur(Level level, string code, string cle, bool precedente) => p.Valeur(level, code, cle, precedente);
        public ValeurPubliee Ventilation(Level level, string code, string cle, Ventilation v) => p.Ventilation(level, code, cle, v);
        public ValeurPubliee Evolution(Level level, string code, string cle) => p.Evolution(level, code, cle);
        public ValeurPubliee Part(string structure, string region, string cle) => p.Part(structure, region, cle);
    }

    /// <summary>
    /// Primary suppression alone, as Jalon did before: a count below 5 masked, a rate or mean masked when a count it
    /// rests on is below 5, a change when either side is masked, regional weights shown.
    /// </summary>
    public sealed class VuePrimaire(IndicatorResults r) : IVue
    {
        private static bool Petit(long? c) => c is < SecretStatistique.Seuil;

        public ValeurPubliee Valeur(Level level, string code, string cle, bool precedente)
        {
            var period = precedente ? r.Previous! : r.Current;
            var v = period.Get(level, code, cle);
            var d = v.Definition;
            var masked = d.Nature switch
            {
                Nature.Effectif => Petit(v.Count),
                Nature.Ratio or Nature.Moyenne => d.Revele.Any(x => x.Comptage.StartsWith("critere:", StringComparison.Ordinal)
                    ? v.Number is { } ratio && period.TryGet(level, code, d.Denominateur!, out var den) && Petit((long)Math.Round(ratio * den.Count!.Value))
                    : x.Periode == PeriodeRelative.N ? Petit(period.Get(level, code, x.Comptage).Count)
                    : !precedente && Petit(r.Previous!.Get(level, code, x.Comptage).Count)),
                _ => false,
            };
            return masked ? ValeurPubliee.Masque : new(v.Value, false);
        }

        public ValeurPubliee Ventilation(Level level, string code, string cle, Ventilation v)
        {
            var x = r.Current.Get(level, code, cle).Breakdown(v);
            return Petit(x) ? ValeurPubliee.Masque : new(x, false);
        }

        public ValeurPubliee Evolution(Level level, string code, string cle)
        {
            var n = Valeur(level, code, cle, false);
            var n1 = Valeur(level, code, cle, true);
            return n.Masquee || n1.Masquee ? ValeurPubliee.Masque : new(n.Valeur - n1.Valeur, false);
        }

        public ValeurPubliee Part(string structure, string region, string cle)
        {
            var s = r.Current.Get(Level.Structure, structure, cle).Value;
            var t = r.Current.Get(Level.Region, region, cle).Value;
            return new(s / t, false);
        }
    }
}

/// <summary>The automated attacker: everything an aggregate-only role sees, every subtraction, nothing recovered.</summary>
public sealed class AttaqueTests(RegionsPubliees regions, ITestOutputHelper output) : IClassFixture<RegionsPubliees>
{
    public static TheoryData<string> Grilles => [.. Catalogue.Available];

    [Theory]
    [MemberData(nameof(Grilles))]
    public void Nothing_masked_can_be_recovered_from_every_page_of_two_years(string grille)
    {
        // Every embedded grid goes through the same disclosure step: the attack is run on each (cpo-2015 is the fixture).
        var publiees = grille == regions.Grille.Id ? regions : new RegionsPubliees(Catalogue.Load(grille));
        var (lignes, poids) = publiees.Lire(r => new RegionsPubliees.VueSecret(publiees.Secret.Publier(r)));
        var attaque = publiees.Attaque(lignes, poids);
        var revelees = attaque.CasesRevelees();
        output.WriteLine($"{attaque.Taille} ; décision : {publiees.DecisionTime.TotalMilliseconds:F0} ms ; " +
            $"cases masquées par unité : {string.Join(", ", publiees.Decisions.Select(d => d.CellulesMasquees))} ; sans glissement : {publiees.Decisions.Sum(d => d.SansGlissement)}");
        output.WriteLine(string.Join("\n", publiees.Decisions.SelectMany(d => d.Blocages.Select(b => d.Unite + " " + b)).Take(30)));
        Assert.Empty(attaque.Incoherences);
        foreach (var c in revelees.Take(3)) output.WriteLine(c + "\n" + attaque.Expliquer(c.Replace(" (bornes)", "", StringComparison.Ordinal)));
        Assert.True(revelees.Count == 0, $"{revelees.Count} cases recalculables, par exemple : {string.Join(" ; ", revelees.Take(10))}");
        // Not vacuous: small counts are there, masked, and the figures that matter are still shown.
        Assert.True(attaque.Taille.Masked > 1000, $"{attaque.Taille.Masked} cases masquées");
        output.WriteLine("jeunes par structure : " + string.Join(", ", publiees.Package.Structures.Select((s, i) => $"{s.Code} ({s.Region}) {publiees.Package.Jeunes.Count(j => j.Structure == i)}")));
        foreach (var (niveau, code) in publiees.Levels)
        {
            foreach (var (nom, pages) in new[] { ("années", RegionsPubliees.Pages.Where(p => p.Debut.Month == 1 && p.Fin.Month == 12)),
                         ("trimestres", RegionsPubliees.Pages.Where(p => p.Fin.Month - p.Debut.Month == 2)), ("mois", RegionsPubliees.Pages.Where(p => p.Fin.Month == p.Debut.Month)) })
            {
                var cells = lignes.Where(l => l.Niveau == niveau && l.Code == code && pages.Contains(l.Periode) && publiees.Grille[l.Cle].Nature == Nature.Effectif).ToList();
                output.WriteLine($"{code} {nom} : {cells.Count(l => !l.N.Masque)} effectifs montrés sur {cells.Count}, " +
                    $"{cells.Count(l => l.N.Valeur is null && l.N.Masque)} masqués");
            }
        }
    }

    [Fact]
    public void The_same_attacker_recovers_cells_hidden_by_primary_suppression_alone()
    {
        var (lignes, poids) = regions.Lire(r => new RegionsPubliees.VuePrimaire(r));
        var revelees = regions.Attaque(lignes, poids).CasesRevelees();
        output.WriteLine($"{revelees.Count} cases recalculables, par exemple : {string.Join(" ; ", revelees.Take(5))}");
        Assert.True(revelees.Count > 100, $"{revelees.Count} seulement");
        // Each kind of subtraction works on it: the hierarchy, the months of a year, the complement of a breakdown.
        Assert.Contains(revelees, c => c.StartsWith("structure:", StringComparison.Ordinal) && c.Contains("|total", StringComparison.Ordinal));
        Assert.Contains(revelees, c => c.Contains("-01..", StringComparison.Ordinal) && c.Contains("|I2|", StringComparison.Ordinal));
        Assert.Contains(revelees, c => c.Contains("|non-", StringComparison.Ordinal));
    }
}

/// <summary>The rules of the step, one by one.</summary>
public sealed class SecretStatistiqueTests(RegionsPubliees regions) : IClassFixture<RegionsPubliees>
{
    [Theory]
    [InlineData("2016-01-01", "2016-12-31", 0)]
    [InlineData("2016-04-01", "2016-06-30", 2)]
    [InlineData("2016-02-01", "2016-02-29", 6)]
    [InlineData("2016-12-01", "2016-12-31", 16)]
    public void Months_quarters_and_years_are_allowed(string debut, string fin, int position)
    {
        var p = new Period(DateOnly.Parse(debut, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(fin, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(SecretStatistique.RefusPeriode(p));
        Assert.Equal(position, SecretStatistique.PositionDansLAnnee(p));
    }

    [Theory]
    [InlineData("2016-01-02", "2016-12-31")]
    [InlineData("2016-01-01", "2016-12-30")]
    [InlineData("2016-02-01", "2016-04-30")]
    [InlineData("2016-01-01", "2016-02-29")]
    [InlineData("2015-07-01", "2016-06-30")]
    [InlineData("2015-01-01", "2016-12-31")]
    public void Any_other_period_is_refused_in_french(string debut, string fin)
    {
        var p = new Period(DateOnly.Parse(debut, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(fin, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("Période non autorisée", SecretStatistique.RefusPeriode(p));
        Assert.Throws<ArgumentException>(() => SecretStatistique.Unites(RegionsPubliees.Cpo, [p]));
    }

    [Fact]
    public void Every_count_below_five_and_every_breakdown_with_a_complement_below_five_is_masked()
    {
        var (primaires, vues) = (0, 0);
        foreach (var p in RegionsPubliees.Pages.Take(6))
        {
            var r = regions.Results(p);
            var pub = regions.Secret.Publier(r);
            foreach (var (level, code) in regions.Levels)
            {
                foreach (var d in RegionsPubliees.Cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif))
                {
                    var v = r.Current.Get(level, code, d.Cle);
                    vues++;
                    if (v.Count < 5) { primaires++; Assert.True(pub.Valeur(level, code, d.Cle).Masquee); }
                    else if (!pub.Valeur(level, code, d.Cle).Masquee) Assert.Equal(v.Count, pub.Valeur(level, code, d.Cle).Valeur);
                    foreach (var x in d.Ventilations)
                    {
                        if (v.Breakdown(x) < 5 || v.Count - v.Breakdown(x) < 5) Assert.True(pub.Ventilation(level, code, d.Cle, x).Masquee, $"{code} {d.Cle} {x}");
                    }
                }
            }
        }
        Assert.True(primaires > 50, $"{primaires} effectifs < 5 sur {vues}");
    }

    [Fact]
    public void A_ratio_a_mean_a_change_and_a_weight_are_masked_exactly_when_a_count_they_give_away_is()
    {
        var p = Period.Year(2016);
        var pub = regions.Secret.Publier(regions.Results(p));
        var cpo = RegionsPubliees.Cpo;
        var (masques, montres) = (0, 0);
        foreach (var (level, code) in regions.Levels)
        {
            foreach (var d in cpo.Indicateurs.Where(d => d.Nature is Nature.Ratio or Nature.Moyenne))
            {
                var attendu = d.Revele.Any(x => regions.Secret.Masque(level, code, x.Periode == PeriodeRelative.N ? p : p.PreviousYearWholeMonths(), x.Comptage, 0, null));
                Assert.Equal(attendu, pub.Valeur(level, code, d.Cle).Masquee);
                if (attendu) masques++; else montres++;
            }
            foreach (var d in cpo.Indicateurs.Where(d => d.Nature == Nature.Montant)) Assert.False(pub.Valeur(level, code, d.Cle).Masquee);
            foreach (var d in cpo.Indicateurs)
                Assert.Equal(pub.Valeur(level, code, d.Cle).Masquee || pub.Valeur(level, code, d.Cle, true).Masquee, pub.Evolution(level, code, d.Cle).Masquee);
        }
        Assert.True(masques > 0 && montres > 0, $"{masques} masqués, {montres} montrés");
        foreach (var s in regions.Package.Structures)
        {
            Assert.Equal(pub.Valeur(Level.Structure, s.Code, "I2bis").Masquee || pub.Valeur(Level.Region, s.Region, "I2bis").Masquee,
                pub.Part(s.Code, s.Region, "I2bis").Masquee);
            Assert.False(pub.Part(s.Code, s.Region, "C0.1").Masquee);
        }
    }

    [Fact]
    public void Decisions_depend_on_the_data_only_not_on_the_order_or_the_request()
    {
        var cpo = RegionsPubliees.Cpo;
        var reversed = new Territoires(regions.Package.Structures.Reverse());
        var unite = UniteSecret.DeLAnnee(2016);
        var again = SecretStatistique.Decider(cpo, reversed, unite, (s, p) => regions.Tallies[(reversed.Code(s), p)]);
        var first = regions.Decisions.Single(d => d.Unite == unite);
        Assert.Equal(first.CellulesMasquees, again.CellulesMasquees);
        Assert.Equal(first.Territoires, again.Territoires);
        // A figure is masked the same way on the page of its period and in the N−1 column of the next year's page.
        var p2015 = regions.Secret.Publier(regions.Results(Period.Year(2015)));
        var p2016 = regions.Secret.Publier(regions.Results(Period.Year(2016)));
        foreach (var (level, code) in regions.Levels)
        {
            foreach (var d in cpo.Indicateurs) Assert.Equal(p2015.Valeur(level, code, d.Cle), p2016.Valeur(level, code, d.Cle, precedente: true));
        }
    }

    [Fact]
    public void A_figure_whose_value_is_not_the_one_decided_on_is_masked()
    {
        // A computation over one region only: its « FR » row is not the nation the decisions were taken on.
        var p = Period.Year(2016);
        var request = new IndicatorRequest(p) { WithPreviousYear = true };
        var needed = IndicatorEngine.PeriodsNeeded(RegionsPubliees.Cpo, request);
        var structures = regions.Package.Structures.Where(s => s.Region == "84").ToList();
        var partial = IndicatorEngine.Combine(RegionsPubliees.Cpo, request, structures, (s, slot) => regions.Tallies[(structures[s].Code, needed[slot])], []);
        var pub = regions.Secret.Publier(partial);
        Assert.True(pub.Valeur(Level.National, LevelNames.National, "I1").Masquee);
        Assert.False(pub.Valeur(Level.Region, "84", "I1").Masquee);
    }

    [Fact]
    public void Without_secrecy_every_figure_is_shown()
    {
        var r = regions.Results(Period.Year(2016));
        var pub = Publication.SansSecret(r);
        Assert.False(pub.Secret);
        foreach (var (level, code) in regions.Levels)
        {
            foreach (var d in RegionsPubliees.Cpo.Indicateurs) Assert.Equal(new ValeurPubliee(r.Current.Get(level, code, d.Cle).Value, false), pub.Valeur(level, code, d.Cle));
        }
    }
}

/// <summary>
/// The additivity declared on each criterion (<c>[Criterion(…, Additif = true)]</c>) is what the data do: a declared
/// criterion's months add up to its year exactly, breakdowns included; an undeclared one is shown not to add up
/// somewhere (were it additive unknowingly, sums over months would escape the secondary suppression). On the generated
/// regions and on the random package of the invariant tests.
/// </summary>
public sealed class AdditiviteTests(RegionsPubliees regions) : IClassFixture<RegionsPubliees>
{
    [Fact]
    public void Counts_add_up_across_months_exactly_when_their_criterion_says_so()
    {
        var cpo = RegionsPubliees.Cpo;
        var counts = cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif).Select(d => (Name: d.Cle, Criterion: d.Critere!, Hidden: (string?)null))
            .Concat(cpo.Indicateurs.Where(d => d.NumerateurCritere is not null).Select(d => (Name: d.Cle, Criterion: d.NumerateurCritere!, Hidden: (string?)d.Denominateur)))
            .ToList();
        var (additifs, autres) = (0, 0);
        var jamaisDemontre = counts.Where(c => !cpo.Registry.IsAdditive(c.Criterion)).Select(c => c.Name).ToHashSet();
        var synthetic = Jalon.Core.Tests.Indicators.SyntheticPackage.Build(seed: 20160101, structures: 7, jeunes: 12_000, regions: 3);
        foreach (var package in new[] { regions.Package, synthetic })
        {
            foreach (var annee in new[] { 2015, 2016 })
            {
                var year = IndicatorEngine.Compute(package, cpo, Period.Year(annee));
                var months = SecretStatistique.Mois(annee).Select(m => IndicatorEngine.Compute(package, cpo, m)).ToList();
                foreach (var (name, criterion, hidden) in counts)
                {
                    var mismatch = false;
                    foreach (var level in year.Levels)
                    {
                        long Value(IndicatorResults r)
                        {
                            var v = r.Current.Get(level.Level, level.Code, name);
                            // A numerator counted apart: ratio × denominator.
                            return hidden is null ? v.Count!.Value : (long)Math.Round((v.Number ?? 0) * r.Current.Get(level.Level, level.Code, hidden).Count!.Value);
                        }
                        if (months.Sum(Value) != Value(year)) mismatch = true;
                        if (hidden is null)
                        {
                            foreach (var x in cpo[name].Ventilations)
                            {
                                if (months.Sum(r => r.Current.Get(level.Level, level.Code, name).Breakdown(x)) != year.Current.Get(level.Level, level.Code, name).Breakdown(x)) mismatch = true;
                            }
                        }
                    }
                    if (cpo.Registry.IsAdditive(criterion)) { Assert.False(mismatch, $"{name} ({annee}) est déclaré additif"); additifs++; }
                    else if (mismatch) { autres++; jamaisDemontre.Remove(name); }
                }
            }
        }
        Assert.True(jamaisDemontre.Count == 0, "Rien ne montre que ces effectifs ne sont pas additifs : " + string.Join(", ", jamaisDemontre));
        Assert.Equal(20, additifs); // I2, I4.2.c4, I4.2.s4, I4.2.c12, I4.2.s12, two years, two packages
        Assert.True(autres > 100, $"{autres}");
    }
}
