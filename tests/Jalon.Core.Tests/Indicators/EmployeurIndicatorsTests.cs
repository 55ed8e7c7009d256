using System.Text;
using System.Text.Json.Nodes;
using Jalon.Core.Tests.Exchange;
using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Generator;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Criteria;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using static Jalon.Core.Tests.Indicators.Journeys;

namespace Jalon.Core.Tests.Indicators;

/// <summary>
/// The employer indicators (catalogue <c>employeurs</c>, E1 to E4 of <c>cpo-2011</c>) on a package built by hand, every
/// expected value reasoned row by row in the comments: MER before, on and after the period's bounds, outcomes recorded
/// after the period's end (still unresolved at its end), a structure without rows (0), a package without the employer
/// files (unknown, not 0).
/// </summary>
public sealed class EmployeurIndicatorsTests
{
    private static readonly Catalogue Employeurs = Catalogue.Load("employeurs");
    private static readonly Catalogue Cpo2011 = Catalogue.Load("cpo-2011");

    private const string S1 = "73282932000074", S2 = "44306184100047", S3 = "55208131766522";

    /// <summary>
    /// ML01 (region 84) has every row below; ML02 (region 84) has young people but no employer row; ML03 (region 11) too.
    /// </summary>
    private static JourneyPackage Package(bool withEmployeurFiles = true, bool rows = true)
    {
        var b = new Journeys(("ML01", "84"), ("ML02", "84"), ("ML03", "11"));
        var j0 = b.Jeune(sexe: Sexe.F, qpv: true);                  // three MER in 2016, one hire
        var j1 = b.Jeune(niveau: Niveau.V, diplome: false);         // MER of 2015, hired in 2016
        var j2 = b.Jeune();                                         // job MER on the last day, answered that day
        var j3 = b.Jeune();                                         // two PMSMP followed by a job
        var j4 = b.Jeune();                                         // PMSMP whose review is after the period
        b.Jeune(structure: 1);
        b.Jeune(structure: 2);
        b.Situation(j3, TypeSituation.Pmsmp, "2016-06-01", "2016-06-20")
            .Situation(j3, TypeSituation.Pmsmp, "2016-11-15", "2016-12-10")
            .Situation(j4, TypeSituation.Pmsmp, "2016-12-01", "2016-12-20")
            .Situation(j0, TypeSituation.Cdd, "2016-04-01", "2016-09-30");
        if (!withEmployeurFiles) return b.Build();
        if (!rows)
        {
            b.Builder.Employeurs = new EmployeurData { HasFiles = true };
            return b.Build();
        }
        // A MER without an offer: a job at company S2, or a training place (other service) at a body.
        static MiseEnRelationLigne Mer(int j, string date, TypeMiseEnRelation type, IssueMiseEnRelation? issue = null, string? issueLe = null) =>
            new(j, D(date), type, null, type == TypeMiseEnRelation.Emploi ? S2 : null, type == TypeMiseEnRelation.Emploi ? null : "Organisme",
                issue, issueLe is null ? null : D(issueLe), null, null);
        static OffreLigne Offre(string id, string recue, StatutOffre statut, string? statutLe, ModePourvoi? pourvoi) =>
            new(0, id, S1, "Commis de cuisine", "G1602", TypeContrat.Cdd, 6, 35, "69123", 1, D(recue), null, statut, statutLe is null ? null : D(statutLe), pourvoi);
        b.Builder.Employeurs = new EmployeurData
        {
            Entreprises = [new(0, S1, "A", null, null, null, null), new(0, S2, "B", null, null, null, null), new(0, S3, "C", null, null, null, null)],
            Echanges =
            [
                new(0, S1, D("2016-01-01"), ModeEchange.Visite, ObjetEchange.Prospection),      // first day: in
                new(0, S1, D("2016-02-01"), ModeEchange.Telephone, ObjetEchange.OffreEmploi),  // in, same company
                new(0, S2, D("2016-12-31"), ModeEchange.Visite, ObjetEchange.Immersion),       // last day: in
                new(0, S2, D("2015-12-31"), ModeEchange.Visite, ObjetEchange.Autre),           // before
                new(0, S3, D("2017-01-01"), ModeEchange.Courriel, ObjetEchange.Autre),         // after
            ],
            Offres =
            [
                Offre("O1", "2016-02-01", StatutOffre.Pourvue, "2016-03-20", ModePourvoi.MiseEnRelation),  // collected and filled by a MER in 2016
                Offre("O2", "2015-11-01", StatutOffre.Pourvue, "2016-01-15", ModePourvoi.AutreCanal),      // collected in 2015, filled otherwise in 2016
                Offre("O3", "2016-12-31", StatutOffre.Ouverte, null, null),                                 // collected on the last day
                Offre("O4", "2016-06-01", StatutOffre.Pourvue, "2017-01-03", ModePourvoi.MiseEnRelation),  // filled after the period
            ],
            MisesEnRelation =
            [
                new(j0, D("2016-03-01"), TypeMiseEnRelation.Emploi, "O1", S1, null, IssueMiseEnRelation.Embauche, D("2016-03-20"), null, D("2016-04-01")),
                Mer(j0, "2016-05-01", TypeMiseEnRelation.Formation),                                               // no outcome: unresolved
                Mer(j0, "2016-12-20", TypeMiseEnRelation.Autre, IssueMiseEnRelation.RefusJeune, "2017-01-05"),     // outcome after the end: unresolved at the end
                new(j1, D("2015-12-15"), TypeMiseEnRelation.Emploi, null, S2, null, IssueMiseEnRelation.Embauche, D("2016-01-10"), TypeContrat.Cdd, D("2016-01-11")),
                Mer(j2, "2016-12-31", TypeMiseEnRelation.Emploi, IssueMiseEnRelation.SansReponse, "2016-12-31"),   // outcome on the last day: resolved
            ],
            Immersions =
            [
                new(j3, TypeImmersion.Pmsmp, D("2016-06-01"), D("2016-06-20"), S1, D("2016-06-25"), SuiteImmersion.Embauche),
                new(j3, TypeImmersion.Pmsmp, D("2016-11-15"), D("2016-12-10"), S1, null, SuiteImmersion.Apprentissage),  // no review: dated by its end
                new(j4, TypeImmersion.Pmsmp, D("2016-12-01"), D("2016-12-20"), S2, D("2017-01-10"), SuiteImmersion.Embauche), // review in 2017
            ],
        };
        return b.Build();
    }

    private static IndicatorResults Compute(JourneyPackage p, Catalogue c) => IndicatorEngine.Compute(p, c, Year2016);

    /// <summary>ML01's 2016 figures, reasoned from the rows above.</summary>
    public static TheoryData<string, double> ExpectedMl01 => new()
    {
        { "EMP1", 4 },              // j0: 03-01, 05-01, 12-20; j2: 12-31 (j1's MER is of 2015)
        { "EMP1.emploi", 2 },       // j0 03-01, j2 12-31
        { "EMP1.emploi.offre", 1 }, // j0 on O1 (j2's is at a company, without an offer)
        { "EMP1.formation", 1 },
        { "EMP1.autre", 1 },
        { "EMP2", 2 },              // j0's FORMATION (no outcome) and AUTRE (outcome of 2017-01-05)
        { "EMP3", 0.5 },            // 2 / 4
        { "EMP4", 2 },              // j0 hired 2016-03-20, j1 hired 2016-01-10 from a MER of 2015
        { "EMP5", 2 },              // j0, j2
        { "EMP5.emploi", 2 },
        { "EMP5.offre", 1 },
        { "EMP5.formation", 1 },
        { "EMP5.autre", 1 },
        { "EMP6", 2 },              // j0, j1
        { "EMP7", 3 },              // O1, O3 (last day), O4
        { "EMP8", 2 },              // O1, O2 (O4 filled in 2017)
        { "EMP8.mer", 1 },
        { "EMP8.autre", 1 },
        { "EMP9", 2 },              // S1, S2 (S3's exchange is of 2017)
        { "EMP10", 3 },             // S1 01-01 and 02-01, S2 12-31
        { "EMP10.visites", 2 },
        { "EMP11", 3 },             // the three PMSMP situations
        { "EMP12", 2 },             // j3, j4
        { "EMP13", 2 },             // j3's two (review 06-25; no review, end 12-10); j4's review is of 2017
        { "EMP14", 1 },             // j3
    };

    [Theory]
    [MemberData(nameof(ExpectedMl01))]
    public void Every_employer_indicator_of_a_structure_is_the_hand_computed_value(string cle, double expected)
    {
        var r = Compute(Package(), Employeurs);
        Assert.Equal(expected, r.Get(Level.Structure, "ML01", cle).Value);
        // ML02 is in a package that has the employer files but has no row: 0, not unknown (its ratio: 0 / 0, unknown).
        var ml02 = r.Get(Level.Structure, "ML02", cle).Value;
        if (cle == "EMP3") Assert.Null(ml02);
        else Assert.Equal(0, ml02);
        // Region 84 = ML01 + ML02; the nation adds ML03 (no row).
        Assert.Equal(expected, r.Get(Level.Region, "84", cle).Value);
        Assert.Equal(expected, r.Get(Level.National, "FR", cle).Value);
    }

    [Fact]
    public void The_counts_of_young_people_have_their_breakdowns()
    {
        var r = Compute(Package(), Employeurs);
        var emp5 = r.Get(Level.Structure, "ML01", "EMP5");
        Assert.Equal((1L, 0L, 1L, 0L), (emp5.Femmes, emp5.InfraV, emp5.Qpv, emp5.Zrr));      // j0 is a woman living in a QPV
        var emp6 = r.Get(Level.Structure, "ML01", "EMP6");
        Assert.Equal((1L, 1L, 1L, 0L), (emp6.Femmes, emp6.InfraV, emp6.Qpv, emp6.Zrr));      // j0; j1 is infra V
        Assert.Equal(["femmes", "infra_v", "qpv", "zrr"], Employeurs["EMP5"].Ventilations.Select(v => v.Cle()));
    }

    [Fact]
    public void A_package_without_any_employer_file_gives_unknown_not_zero()
    {
        var p = Package(withEmployeurFiles: false);
        Assert.False(p.Employeurs.HasFiles);
        var r = Compute(p, Employeurs);
        foreach (var d in Employeurs.Indicateurs)
        {
            foreach (var (level, code) in new[] { (Level.Structure, "ML01"), (Level.Region, "84"), (Level.National, "FR") })
            {
                var v = r.Get(level, code, d.Cle);
                if (d.Cle is "EMP11" or "EMP12") Assert.NotNull(v.Value); // the PMSMP are situations of the journeys: always known
                else
                {
                    Assert.Null(v.Value);
                    Assert.All(d.Ventilations, b => Assert.Null(v.Breakdown(b)));
                }
            }
        }
        Assert.Equal(3, r.Get(Level.Structure, "ML01", "EMP11").Value);
        Assert.Equal(2, r.Get(Level.Structure, "ML01", "EMP12").Value);
        var c = Compute(p, Cpo2011);
        foreach (var k in new[] { "E1", "E1.1", "E2", "E2.1", "E3", "E3.1", "E4" }) Assert.Null(c.Get(Level.Structure, "ML01", k).Value);
    }

    [Fact]
    public void Files_without_rows_give_zero()
    {
        var r = Compute(Package(rows: false), Employeurs);
        Assert.Equal(0, r.Get(Level.Structure, "ML01", "EMP1").Value);
        Assert.Equal(0, r.Get(Level.National, "FR", "EMP5").Value);
        Assert.Equal(0, r.Get(Level.National, "FR", "EMP10").Value);
        Assert.Null(r.Get(Level.National, "FR", "EMP3").Value); // 0 / 0
    }

    [Fact]
    public void A_level_is_unknown_when_one_of_its_structures_has_no_employer_file()
    {
        // Stored tallies may come from packages of their own: ML01 with the files, ML02 without.
        var request = new IndicatorRequest(Year2016);
        var with = IndicatorEngine.Tally(Package(), Employeurs, [Year2016]).ToDictionary(t => t.Structure);
        var without = IndicatorEngine.Tally(Package(withEmployeurFiles: false), Employeurs, [Year2016]).ToDictionary(t => t.Structure);
        var structures = Package().Structures.Take(2).ToList();
        var r = IndicatorEngine.Combine(Employeurs, request, structures, (s, _) => s == 0 ? with["ML01"] : without["ML02"], []);
        Assert.Equal(4, r.Get(Level.Structure, "ML01", "EMP1").Value);
        Assert.Null(r.Get(Level.Structure, "ML02", "EMP1").Value);
        Assert.Null(r.Get(Level.Region, "84", "EMP1").Value);
        Assert.Null(r.Get(Level.Region, "84", "EMP5").Value);
        Assert.Equal(3, r.Get(Level.Region, "84", "EMP11").Value);
    }

    [Fact]
    public void Cpo2011_names_the_same_computations()
    {
        var p = Package();
        var e = Compute(p, Employeurs);
        var c = Compute(p, Cpo2011);
        foreach (var (k2011, kEmp) in new[] { ("E1", "EMP1.emploi"), ("E1.1", "EMP1.emploi.offre"), ("E2", "EMP5.emploi"), ("E2.1", "EMP5.offre"),
                     ("E3", "EMP10"), ("E3.1", "EMP10.visites"), ("E4", "EMP9"), ("E7", "EMP11"), ("E8", "EMP12") })
        {
            Assert.Equal(e.Get(Level.Structure, "ML01", kEmp).Value, c.Get(Level.Structure, "ML01", k2011).Value);
            Assert.True(Cpo2011[k2011].Calculable, k2011);
        }
        Assert.Equal(2, c.Get(Level.Structure, "ML01", "E2").Value);
        Assert.Equal(["E6", "R2", "X1"], Cpo2011.Indicateurs.Where(d => d.Cle.StartsWith('E') || d.Cle.StartsWith('R') || d.Cle.StartsWith('X'))
            .Where(d => !d.Calculable).Select(d => d.Cle).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cpo2011_other_keys_are_those_of_the_grid_without_its_employer_rows()
    {
        var package = JourneyGenerator.Generate(new GeneratorOptions { Structures = 3, Jeunes = 3_000, Seed = 11, Annee = 2016 });
        string[] employer = ["E1", "E1.1", "E2", "E2.1", "E3", "E3.1", "E4"];
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream("cpo-2011.json")!;
        var json = JsonNode.Parse(stream)!;
        var indicateurs = json["indicateurs"]!.AsArray();
        foreach (var n in indicateurs.Where(n => employer.Contains((string)n!["cle"]!)).ToList()) indicateurs.Remove(n);
        json["id"] = "cpo-2011-sans-employeurs";
        var sans = Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())), CriterionRegistry.Default);
        var request = new IndicatorRequest(Year2016) { WithPreviousYear = true };
        var with = IndicatorEngine.Compute(package, Cpo2011, request);
        var without = IndicatorEngine.Compute(package, sans, request);
        Assert.Equal(Cpo2011.KeysInOutputOrder.Except(employer), sans.KeysInOutputOrder);
        var compared = 0;
        foreach (var level in with.Levels)
        {
            foreach (var key in sans.KeysInOutputOrder)
            {
                foreach (var (a, b) in new[] { (with.Current, without.Current), (with.Previous!, without.Previous!) })
                {
                    var x = a.Get(level.Level, level.Code, key);
                    var y = b.Get(level.Level, level.Code, key);
                    Assert.Equal(y.Value, x.Value);
                    Assert.Equal((y.Femmes, y.InfraV, y.Qpv, y.Zrr, y.Neet), (x.Femmes, x.InfraV, x.Qpv, x.Zrr, x.Neet));
                    compared++;
                }
            }
        }
        Assert.True(compared > 500, $"{compared} valeurs comparées");
        // The generated package carries the employer files: its employer figures are measured.
        Assert.True(with.Get(Level.National, "FR", "E2").Value > 0);
        Assert.True(with.Get(Level.National, "FR", "E3").Value > 0);
    }

    [Fact]
    public void The_young_people_behind_a_count_are_listed_and_the_other_figures_are_refused()
    {
        var p = Package();
        var request = new IndicatorRequest(Year2016);
        var e = IndicatorEngine.Explain(p, Employeurs, request, "ML01", new ExplainRequest("EMP5"));
        Assert.Equal(["J0", "J2"], e.Jeunes.Select(j => p.Jeunes[j].Id));
        var why = IndicatorEngine.Why(p, Employeurs, e, e.Jeunes[1]);
        Assert.Equal([new QualifyingFact(D("2016-12-31"), "Mise en relation EMPLOI, issue SANS_REPONSE le 2016-12-31")], why);
        var hired = IndicatorEngine.Explain(p, Employeurs, request, "ML01", new ExplainRequest("EMP6") { Ventilation = Ventilation.InfraV });
        Assert.Equal(["J1"], hired.Jeunes.Select(j => p.Jeunes[j].Id));
        foreach (var key in new[] { "EMP1", "EMP10", "EMP9" })
            Assert.Throws<ExplanationException>(() => IndicatorEngine.Explain(p, Employeurs, request, "ML01", new ExplainRequest(key)));
        var ratio = Assert.Throws<ExplanationException>(() =>
            IndicatorEngine.Explain(p, Employeurs, request, "ML01", new ExplainRequest("EMP3") { Partie = Operande.Numerateur }));
        Assert.Contains("nombre d'événements", ratio.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_secrecy_the_rate_and_the_events_follow_their_young_people_and_the_structure_figures_are_shown()
    {
        var p = Package();
        var territoires = new Territoires(p.Structures);
        var periods = SecretStatistique.PeriodesDeLAnnee(2016);
        var tallies = IndicatorEngine.Tally(p, Employeurs, periods).ToDictionary(t => (t.Structure, t.Period));
        var decisions = SecretStatistique.Unites(Employeurs, [Year2016])
            .Select(u => SecretStatistique.Decider(Employeurs, territoires, u, (s, period) => tallies[(territoires.Code(s), period)])).ToList();
        var secret = SecretStatistique.Avec(Employeurs, territoires, decisions);
        var pub = secret.Publier(IndicatorEngine.Compute(p, Employeurs, new IndicatorRequest(Year2016) { MoisEntiers = true }));
        // Two young people with a MER: below the threshold, masked; so are the events and the rate they give away.
        Assert.True(pub.Valeur(Level.Structure, "ML01", "EMP5").Masquee);
        Assert.True(pub.Valeur(Level.Structure, "ML01", "EMP1").Masquee);
        Assert.True(pub.Valeur(Level.Structure, "ML01", "EMP3").Masquee);
        Assert.True(pub.Valeur(Level.Structure, "ML01", "EMP4").Masquee);
        Assert.Equal(["EMP5"], Employeurs["EMP3"].Revele.Select(r => r.Comptage));
        // The structure's own figures reveal no young person.
        Assert.Equal(new ValeurPubliee(3, false), pub.Valeur(Level.Structure, "ML01", "EMP10"));
        Assert.Equal(new ValeurPubliee(2, false), pub.Valeur(Level.Structure, "ML01", "EMP9"));
        Assert.Empty(Employeurs["EMP10"].Revele);
    }

    [Fact]
    public void The_reader_knows_a_package_with_the_files_from_one_without()
    {
        using (var without = new TempPackage())
        {
            var read = without.Read();
            Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
            Assert.False(read.Package!.Employeurs.HasFiles);
            Assert.Null(Compute(read.Package, Employeurs).Get(Level.Structure, "ML-A", "EMP1").Value);
        }
        using var with = new TempPackage(("mises_en_relation.csv", "structure,jeune,date,type,offre,siret,organisme,issue,issue_le,contrat,debut_emploi\n"));
        var r = with.Read();
        Assert.True(r.IsValid, string.Join(Environment.NewLine, r.Errors));
        Assert.True(r.Package!.Employeurs.HasFiles);
        Assert.Equal(0, Compute(r.Package, Employeurs).Get(Level.Structure, "ML-A", "EMP1").Value);
    }
}
