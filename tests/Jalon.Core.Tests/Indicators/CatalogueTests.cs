using System.Text;
using System.Text.Json;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Criteria;

namespace Jalon.Core.Tests.Indicators;

/// <summary>The cpo-2015 catalogue as data, and the validation of any catalogue at load.</summary>
public sealed class CatalogueTests
{
    private static readonly Catalogue Cpo = Catalogue.Load("cpo-2015");

    [Fact]
    public void Cpo_2015_has_exactly_the_keys_of_the_contract()
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "exemple", "attendu-2016.json")));
        var keys = expected.RootElement.GetProperty("resultats").EnumerateArray().Select(r => r.GetProperty("indicateur").GetString()!).Distinct().ToList();
        Assert.Equal(86, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), Cpo.KeysInOutputOrder);
        Assert.Equal("cpo-2015", Cpo.Id);
        Assert.Contains("cpo-2015", Catalogue.Available);
        Assert.Same(Cpo, Catalogue.Load("cpo-2015"));
    }

    [Fact]
    public void Every_indicator_has_a_french_label_a_definition_and_its_computation()
    {
        Assert.All(Cpo.Indicateurs, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Libelle), d.Cle);
            Assert.True(d.Definition.Length > 5, d.Cle);
            switch (d.Nature)
            {
                case Nature.Effectif:
                    Assert.NotNull(d.Critere);
                    Assert.Equal(d.Cle is "I3" or "I3.1" or "I3.2" ? 5 : 4, d.Ventilations.Count);
                    break;
                case Nature.Ratio:
                    Assert.NotNull(d.Denominateur);
                    Assert.True(d.Numerateur is not null ^ d.NumerateurCritere is not null);
                    break;
                case Nature.Moyenne:
                    Assert.NotNull(d.Mesure);
                    break;
                case Nature.Montant:
                    Assert.NotNull(d.Moyens);
                    break;
            }
        });
        Assert.Equal(PeriodeRelative.NMoins1, Cpo["R2"].PeriodeDenominateur);
        Assert.Equal("I2", Cpo["R2"].Denominateur);
        Assert.All(Cpo.Indicateurs.Where(d => d.Cle != "R2"), d => Assert.Equal(PeriodeRelative.N, d.PeriodeDenominateur));
        Assert.Equal(Nature.Ratio, Cpo["I10.1.a.part"].Nature);
        Assert.Equal("Nombre de jeunes en demande d'insertion (JDI)", Cpo["I2bis"].Libelle);
    }

    [Fact]
    public void Every_criterion_and_measure_implemented_is_used_by_an_embedded_catalogue()
    {
        var indicateurs = CatalogueSet.Integres.Tous.SelectMany(c => c.Indicateurs).ToList();
        var used = indicateurs.SelectMany(d => new[] { d.Critere, d.CritereNeet, d.NumerateurCritere }).OfType<string>().ToHashSet();
        Assert.Equal(CriterionRegistry.Default.CriterionNames.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        Assert.Equal(CriterionRegistry.Default.MeasureNames.Order(StringComparer.Ordinal),
            indicateurs.Select(d => d.Mesure).OfType<string>().Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_catalogue_is_refused_in_french()
    {
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load("cpo-1999"));
        Assert.Contains("Catalogue inconnu", e.Problems[0], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","critere":"nope","ventilations":[]}""", "critère « nope » inconnu" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","numerateur":"I1","denominateur":"Z"}""", "denominateur « Z » absent du catalogue" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","numerateur":"I1","denominateur":"R1"}""", "doit être un effectif, un montant ou un nombre" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","numerateur":"I1","numerateur_critere":"I1","denominateur":"I1"}""", "l'un des deux" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","numerateur":"I1","denominateur":"I1","periode_denominateur":"N-2"}""", "N ou N-1" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","critere":"I3","ventilations":["neet"]}""", "vont ensemble" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","critere":"I3","ventilations":["age"]}""", "ventilation « age » inconnue" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","critere":"I3","parmi":"R1"}""", "« parmi » doit désigner un effectif" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"moyenne","mesure":"nope","unite":"mois"}""", "mesure « nope » inconnue" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"moyenne","mesure":"duree_parcours_termines","unite":"semaines"}""", "« unite »" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"montant","moyens":"budget"}""", "colonne de moyens.csv" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"montant","moyens":"jano","critere":"I1"}""", "« critere » n'a pas de sens" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"somme"}""", "nature « somme » inconnue" },
        { """{"cle":"I1","libelle":"x","definition":"x","nature":"montant","moyens":"jano"}""", "I1 : clé en double" },
        { """{"cle":"X","libelle":"","definition":"x","nature":"montant","moyens":"jano"}""", "« libelle » manquant" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"montant","moyens":"jano","formule":"1+1"}""", "Catalogue illisible" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","numerateur":"I1","denominateur":"I1"}""", "X : « unite » manquante (pourcentage, ratio, euros_par_jeune, jeunes_par_etp)" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","unite":"euros","numerateur":"I1","denominateur":"I1"}""", "X : « unite » vaut pourcentage, ratio, euros_par_jeune, jeunes_par_etp pour la nature ratio (« euros »)" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"montant","unite":"pourcentage","moyens":"jano"}""", "« unite » vaut euros, etp, jeunes" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","unite":"euros","critere":"I2"}""", "« unite » vaut jeunes" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"ratio","unite":"ratio","sens":"haut","numerateur":"I1","denominateur":"I1"}""", "X : « sens » vaut hausse, baisse ou neutre" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"effectif","critere":"I2","objectif":true}""", "X : seuls les ratios portent des objectifs" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"moyenne","unite":"mois","mesure":"duree_parcours_termines"}""", "X : « population » doit désigner l'effectif" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"moyenne","unite":"mois","mesure":"duree_parcours_termines","population":"R1"}""", "X : « population » doit désigner l'effectif" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"non_calculable"}""", "X : « raison » manquante" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"nombre","mesure":"2011.entretiens"}""", "X : « population » doit désigner l'effectif" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"nombre","unite":"jeunes","mesure":"2011.entretiens","population":"I1"}""", "« unite » vaut nombre pour la nature nombre" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"nombre","mesure":"2011.entretiens","population":"I1","parmi":"I1"}""", "X : « parmi » doit désigner un nombre d'événements" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"non_calculable","raison":"r","critere":"I1"}""", "X : « critere » n'a pas de sens" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"non_calculable","raison":"r","parmi":"R1"}""", "X : « parmi » doit désigner un effectif ou un indicateur non calculable" },
        { """{"cle":"X","libelle":"x","definition":"x","nature":"montant","unite":"euros","moyens":"jano","raison":"r"}""", "X : « raison » est réservée aux indicateurs de nature non_calculable" },
    };

    [Fact]
    public void A_not_computable_indicator_is_listed_with_its_reason_but_never_computed_nor_used_by_a_computed_one()
    {
        var json = """
            {"id":"test-nc","libelle":"Test","indicateurs":[
              {"cle":"I1","libelle":"En contact","definition":"Actualité dans la période.","nature":"effectif","critere":"I1"},
              {"cle":"MER","libelle":"Mises en relation","definition":"Offres.","nature":"non_calculable","raison":"le format ne porte pas les offres"},
              {"cle":"MER.1","libelle":"Dont offres de la ML","definition":"Offres.","nature":"non_calculable","raison":"idem","parmi":"MER"}
            ]}
            """;
        var c = Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default);
        Assert.Equal(["I1"], c.KeysInOutputOrder);
        Assert.Equal("non calculable : le format ne porte pas les offres", c["MER"].MentionNonCalculable);
        Assert.Null(c["I1"].MentionNonCalculable);
        Assert.Empty(c["MER"].Revele);
        // A computed indicator cannot rest on a not computable one.
        var ratio = json.Replace("""{"cle":"I1","libelle""", """{"cle":"T","libelle":"t","definition":"t","nature":"ratio","unite":"pourcentage","numerateur":"I1","denominateur":"MER"},{"cle":"I1","libelle""", StringComparison.Ordinal);
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(ratio)), CriterionRegistry.Default));
        Assert.Contains(e.Problems, p => p.Contains("T : denominateur « MER » doit être un effectif, un montant ou un nombre d'événements", StringComparison.Ordinal));
    }

    [Fact]
    public void Cpo_2011_loads_lists_its_not_computable_indicators_and_computes_from_existing_and_2011_criteria()
    {
        var c = Catalogue.Load("cpo-2011");
        Assert.Contains("cpo-2011", Catalogue.Available);
        Assert.Equal(PeriodeRelative.NMoins1, c.Ancrage);
        Assert.All(c.Indicateurs, d => Assert.True(d.Definition.Length > 5, d.Cle));
        Assert.All(c.Indicateurs.Where(d => !d.Calculable), d => Assert.False(string.IsNullOrWhiteSpace(d.Raison), d.Cle));
        // The employer offer (axe 3) is computed by the criteria and measures of the employeurs catalogue: one home.
        var employeurs = Catalogue.Load("employeurs");
        Assert.All(["E1", "E1.1", "E2", "E2.1", "E3", "E3.1", "E4"], k => Assert.True(c[k].Calculable, k));
        Assert.Equal(employeurs["EMP5.emploi"].Critere, c["E2"].Critere);
        Assert.Equal(employeurs["EMP5.offre"].Critere, c["E2.1"].Critere);
        Assert.Equal(employeurs["EMP1.emploi"].Mesure, c["E1"].Mesure);
        Assert.Equal(employeurs["EMP10"].Mesure, c["E3"].Mesure);
        Assert.Equal([new ComptageRevele("E2", PeriodeRelative.N)], c["E1"].Revele);
        Assert.Empty(c["E4"].Revele); // companies: a figure of the structure, no young person
        Assert.Equal(["C3", "E6", "R2", "T2", "T4", "X1"], c.Indicateurs.Where(d => !d.Calculable).Select(d => d.Cle).Order(StringComparer.Ordinal));
        Assert.Equal(Unite.EurosParJeune, c["R6"].Unite);
        Assert.Equal("A7", c["R6"].Denominateur);
        Assert.Equal(Unite.Jours, c["S4"].Unite);
        Assert.Equal([new ComptageRevele("S3", PeriodeRelative.N)], c["S4"].Revele);
        // A number of events is shown under secrecy only when the young people it counts are.
        Assert.Equal(Nature.Nombre, c["A6"].Nature);
        Assert.Equal([new ComptageRevele("A2", PeriodeRelative.N)], c["A6"].Revele);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_indicator_is_refused_with_a_french_message(string indicator, string message)
    {
        var json = $$"""
            {"id":"test","libelle":"Test","indicateurs":[
              {"cle":"I1","libelle":"En contact","definition":"Actualité dans la période.","nature":"effectif","critere":"I1","ventilations":["femmes"]},
              {"cle":"R1","libelle":"Ratio","definition":"I1 / I1.","nature":"ratio","unite":"pourcentage","numerateur":"I1","denominateur":"I1"},
              {{indicator}}
            ]}
            """;
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default));
        Assert.Contains(e.Problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_indicator_carries_its_unit_direction_and_what_it_gives_away()
    {
        Assert.Equal(Unite.EurosParJeune, Cpo["I10.1.d"].Unite);
        Assert.Equal(Unite.EurosParJeune, Cpo["I10.1.e"].Unite);
        Assert.Equal(Unite.Pourcentage, Cpo["R10"].Unite);
        Assert.Equal(Unite.Ratio, Cpo["R2"].Unite);
        Assert.Equal(Unite.JeunesParEtp, Cpo["R13"].Unite);
        Assert.Equal(Unite.Etp, Cpo["I9"].Unite);
        Assert.Equal(Unite.Euros, Cpo["I10"].Unite);
        Assert.Equal(Unite.Jeunes, Cpo["C0.1"].Unite);
        Assert.Equal(Unite.Mois, Cpo["I5"].Unite);
        Assert.All(Cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif), d => Assert.Equal(Unite.Jeunes, d.Unite));
        Assert.Equal(Jalon.Domain.Pilotage.Sens.Baisse, Cpo["R11"].Sens);
        Assert.Equal(Jalon.Domain.Pilotage.Sens.Hausse, Cpo["R10"].Sens);
        Assert.Equal(Jalon.Domain.Pilotage.Sens.Neutre, Cpo["R2"].Sens);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => "R" + i), Cpo.Objectifs.Select(o => o.Cle));
        // What a figure gives away: a count itself, a ratio's counts (with their period), a mean's population, an amount nothing.
        Assert.Equal([new ComptageRevele("I1", PeriodeRelative.N)], Cpo["I1"].Revele);
        Assert.Equal([new ComptageRevele("I2", PeriodeRelative.N), new ComptageRevele("I2", PeriodeRelative.NMoins1)], Cpo["R2"].Revele);
        Assert.Equal([new ComptageRevele("critere:R6.numerateur", PeriodeRelative.N), new ComptageRevele("I3", PeriodeRelative.N)], Cpo["R6"].Revele);
        Assert.Equal([new ComptageRevele("I1", PeriodeRelative.N)], Cpo["R1"].Revele);
        Assert.Equal([new ComptageRevele("I4", PeriodeRelative.N)], Cpo["I10.1.e"].Revele);
        Assert.Equal([new ComptageRevele("I8", PeriodeRelative.N)], Cpo["I5"].Revele);
        Assert.Empty(Cpo["R12"].Revele);
        Assert.Empty(Cpo["I10"].Revele);
        Assert.Equal(["C0.1", "C0.2", "I2bis"], Cpo.PoidsRegional.Select(p => p.Cle));
        Assert.Equal(PeriodeRelative.NMoins1, Cpo.Ancrage);
        Assert.Equal("Hommes", Ventilation.Femmes.Complement());
    }

    [Fact]
    public void The_catalogue_level_sections_are_validated()
    {
        const string json = """
            {"id":"test","libelle":"Test","ancrage":"N+1",
             "poids_regional":[{"cle":"R1","libelle":"r"},{"cle":"I1"}],
             "matrice":{"efficacite":[{"cle":"I1","poids":1}],"performance":[{"cle":"R1","poids":1}]},
             "indicateurs":[
              {"cle":"I1","libelle":"En contact","definition":"Actualité dans la période.","nature":"effectif","critere":"I1"},
              {"cle":"R1","libelle":"Ratio","definition":"I1 / I1.","nature":"ratio","unite":"pourcentage","numerateur":"I1","denominateur":"I1"}
            ]}
            """;
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default));
        Assert.Contains("« ancrage » vaut N ou N-1 (« N+1 »).", e.Problems);
        Assert.Contains("poids_regional : « R1 » doit être un effectif ou un montant du catalogue.", e.Problems);
        Assert.Contains("poids_regional : « I1 » sans « libelle ».", e.Problems);
        Assert.Contains("matrice (efficacite) : « I1 » doit être un ratio, une moyenne ou un montant du catalogue.", e.Problems);
        Assert.Contains("matrice (performance) : R1 doit avoir un « sens » (hausse ou baisse) pour entrer dans un score.", e.Problems);
    }

    [Fact]
    public void Catalogue_files_are_added_to_the_embedded_ones_and_a_faulty_file_is_refused_naming_its_entry()
    {
        const string grille = """
            {"id":"grille-test","libelle":"Grille de test","indicateurs":[
              {"cle":"contact","libelle":"Jeunes en contact","definition":"I1.","nature":"effectif","critere":"I1"}]}
            """;
        var set = CatalogueSet.Integres.Avec([("grille-test.json", new MemoryStream(Encoding.UTF8.GetBytes(grille)))]);
        Assert.Equal(Catalogue.Available.Append("grille-test").Order(StringComparer.Ordinal), set.Tous.Select(c => c.Id));
        Assert.Contains("cpo-2011", set.Tous.Select(c => c.Id));
        Assert.Equal("cpo-2015", set.Defaut.Id);
        Assert.Equal("Jeunes en contact", set["grille-test"]["contact"].Libelle);
        Assert.Contains("Catalogue inconnu : « autre »", Assert.Throws<CatalogueException>(() => set["autre"]).Problems[0]);

        const string faute = """
            {"id":"grille-fautive","libelle":"Grille","indicateurs":[
              {"cle":"taux","libelle":"Taux","definition":"x","nature":"ratio","unite":"pourcentage","numerateur":"contact","denominateur":"absent"}]}
            """;
        var e = Assert.Throws<CatalogueException>(() => CatalogueSet.Integres.Avec([("fautive.json", new MemoryStream(Encoding.UTF8.GetBytes(faute)))]));
        Assert.Contains("fautive.json : taux : numerateur « contact » absent du catalogue.", e.Problems);
        Assert.Contains("fautive.json : taux : denominateur « absent » absent du catalogue.", e.Problems);
        var doublon = Assert.Throws<CatalogueException>(() => CatalogueSet.Integres.Avec([("copie.json", new MemoryStream(Encoding.UTF8.GetBytes(grille.Replace("grille-test", "cpo-2015"))))]));
        Assert.Equal(["copie.json : le catalogue « cpo-2015 » est déjà défini."], doublon.Problems);
    }

    [Fact]
    public void A_parmi_cycle_is_refused()
    {
        const string json = """
            {"id":"test","libelle":"Test","indicateurs":[
              {"cle":"A","libelle":"a","definition":"a","nature":"effectif","critere":"I1","parmi":"B"},
              {"cle":"B","libelle":"b","definition":"b","nature":"effectif","critere":"I2","parmi":"A"}
            ]}
            """;
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default));
        Assert.Contains(e.Problems, p => p.Contains("boucle", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        const string json = """
            {"id":"","libelle":"Test","indicateurs":[
              {"cle":"A","libelle":"a","definition":"a","nature":"effectif","critere":"x"},
              {"cle":"B","libelle":"b","definition":"b","nature":"ratio","unite":"ratio","numerateur":"A","denominateur":"C"}
            ]}
            """;
        var e = Assert.Throws<CatalogueException>(() => Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default));
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void Another_catalogue_uses_the_same_machinery()
    {
        // A regional grid: a few keys over the same criteria, loaded from data and computed by the same engine.
        const string json = """
            {"id":"grille-test","libelle":"Grille régionale de test","indicateurs":[
              {"cle":"entres","libelle":"Jeunes entrés","definition":"I3.","nature":"effectif","critere":"I3","ventilations":["femmes","neet"],"critere_neet":"I3.neet"},
              {"cle":"contact","libelle":"Jeunes en contact","definition":"I1.","nature":"effectif","critere":"I1","ventilations":[]},
              {"cle":"taux","libelle":"Taux d'entrée","definition":"entres / contact.","nature":"ratio","unite":"pourcentage","numerateur":"entres","denominateur":"contact"},
              {"cle":"progression","libelle":"Progression","definition":"contact / contact N-1.","nature":"ratio","unite":"ratio","numerateur":"contact","denominateur":"contact","periode_denominateur":"N-1"}
            ]}
            """;
        var grid = Catalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), CriterionRegistry.Default);
        var results = Jalon.Indicators.Engine.IndicatorEngine.Compute(WorkedExampleTests.LoadExample(), grid, Jalon.Domain.Period.Year(2016));
        var fr = Jalon.Indicators.Engine.Level.National;
        Assert.Equal(3, results.Get(fr, "FR", "entres").Count);
        Assert.Equal(2, results.Get(fr, "FR", "entres").Neet);
        Assert.Equal(6, results.Get(fr, "FR", "contact").Count);
        Assert.Equal(0.5, results.Get(fr, "FR", "taux").Number);
        Assert.Equal(["contact", "entres", "progression", "taux"], results.Current.Rows(fr, "FR").Select(r => r.Key));
    }
}
