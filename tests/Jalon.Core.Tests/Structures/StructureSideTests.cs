using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Referentiels;

namespace Jalon.Core.Tests.Structures;

/// <summary>Territory, sites, budget, context and effective moyens, on the seeds' own figures.</summary>
public class StructureSideTests
{
    internal static readonly string Moulins = Path.Combine(AppContext.BaseDirectory, "Fixtures", "moulins");

    internal static JourneyPackage Load(string dir)
    {
        var read = PackageReader.Read(dir);
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return read.Package!;
    }

    [Fact]
    public void Seed_000_declares_10_intercommunal_bodies_but_lists_9_distinct_ones()
    {
        // « Nb et nom des structures intercommunales cotisantes : 10 », then the list, the Herbasse twice.
        var declare = new TerritoireDeclare
        {
            Date = new DateOnly(2010, 12, 31),
            CogYear = 2010,
            Communes = 110,
            Epcis = 10,
            EpcisListes =
            [
                new("Communauté d'Agglomération du Pays de Romans"), new("Communauté de Communes du Canton de Bourg de Péage"),
                new("Communauté de Communes du Pays de l'Herbasse"), new("Communauté de Communes du Pays du Royans"),
                new("Communauté de Communes du Vercors"), new("Communauté de Communes de la Galaure"),
                new("Communauté de Communes Rhône-Valloire"), new("Communauté de Communes du Pays de l’Herbasse"),
                new("Communauté de Communes des Deux Rives"), new("Communauté de Communes des Quatre Collines"),
            ],
            Population = 167_203,
        };

        var ecarts = Territoires.Ecarts(declare);

        Assert.Equal(
        [
            "« Communauté de Communes du Pays de l'Herbasse » est cité 2 fois dans la liste des intercommunalités",
            "10 intercommunalités déclarées, 9 distinctes dans la liste (10 citées)",
        ], ecarts.Select(e => e.Message));
    }

    [Fact]
    public void Seed_004_declares_127_communes_and_lists_126()
    {
        var declare = new TerritoireDeclare
        {
            Date = new DateOnly(2018, 12, 31),
            Communes = 127,
            Epcis = 4,
            EpcisListes = [new("Moulins Communauté", 44), new("CC du Bocage Bourbonnais", 25), new("CC Saint-Pourçain Sioule Limagne", 27),
                new("CC Entr'Allier Besbre et Loire", 30)],
        };

        var ecart = Assert.Single(Territoires.Ecarts(declare));
        Assert.Equal("127 communes déclarées, 126 dans le détail par intercommunalité (44 + 25 + 27 + 30)", ecart.Message);
    }

    [Fact]
    public void The_territory_is_computed_from_the_communes_with_their_epci_department_and_population()
    {
        var package = Load(Moulins);
        var calcule = TerritoireCalcule.Of(package.StructureData.Territoires, new DateOnly(2019, 12, 31), InseeData.Instance);

        Assert.Equal(126, calcule.Communes.Count);
        Assert.Equal(["03", "58"], calcule.Departements); // two communes of the Nièvre
        Assert.Equal(4, calcule.Epcis.Count);
        Assert.Equal([44, 30, 27, 25], calcule.Epcis.OrderByDescending(e => e.CommunesCouvertes).Select(e => e.CommunesCouvertes));
        Assert.Equal(2, calcule.Epcis.Count(e => e.Partiel)); // shared with the Mission Locale de Vichy
        Assert.Equal(calcule.Communes.Sum(c => (long)c.Population), calcule.Population);
        Assert.Empty(calcule.Inconnues);
        // Before the territory starts, nothing is covered.
        Assert.Empty(TerritoireCalcule.Of(package.StructureData.Territoires, new DateOnly(2016, 12, 31), InseeData.Instance).Communes);

        var declare = new TerritoireDeclare { Communes = 127, Epcis = 4, CogYear = 2019 };
        Assert.Equal([$"127 communes déclarées, 126 dans la liste des communes couvertes (déclaré en COG 2019, calculé en COG {InseeData.Instance.CogYear})"],
            Territoires.Ecarts(declare, calcule).Select(e => e.Message));
    }

    [Fact]
    public void A_commune_covered_by_two_structures_at_the_same_date_is_flagged()
    {
        var read = Exchange.TempPackage.Read(("territoires.csv", """
            structure;commune;debut;fin
            ML-A;26281;2015-01-01;
            ML-B;26281;2016-06-01;2016-12-31
            ML-B;26057;2010-01-01;2014-12-31
            ML-A;26057;2015-01-01;

            """));

        Assert.True(read.IsValid);
        Assert.Equal(["territoires.csv:3: commune: commune 26281 couverte aussi par la structure « ML-A » à la même date (ligne 2)"],
            read.Anomalies.Select(a => a.ToString()));
        var chevauchement = Assert.Single(Territoires.Chevauchements(read.Package!.StructureData.Territoires));
        Assert.Equal(("26281", new DateOnly(2016, 6, 1)), (chevauchement.Commune, chevauchement.Depuis));
    }

    [Fact]
    public void Seed_000_has_a_head_office_that_is_an_espace_ressources_and_12_permanences()
    {
        var sites = Load(BrhTests.DromeDesCollines).StructureData.Sites;

        Assert.Equal(12, sites.Count(s => s.Type == TypeSite.Permanence));
        Assert.Equal([2, 2, 2, 1, 1, 1, 1, 1, 1], sites.Where(s => s.Type == TypeSite.Permanence).GroupBy(s => s.Commune).Select(g => g.Count()));
        var siege = Assert.Single(sites, s => s.Type == TypeSite.Siege);
        Assert.True(siege.EspaceRessources);
        Assert.Equal(2, sites.Count(s => s.EspaceRessources));
    }

    [Fact]
    public void Sites_are_checked_against_the_head_office_and_the_territory()
    {
        var read = Exchange.TempPackage.Read(
            ("territoires.csv", "structure;commune;debut\nML-A;26281;2015-01-01\n"),
            ("sites.csv", "structure;site;type;nom;commune\nML-A;P1;PERMANENCE;Permanence;26057\nML-A;P2;SITE;Autre;26281\n"));

        Assert.Equal(["sites.csv:3: type: code invalide « SITE » (attendu SIEGE, ANTENNE ou PERMANENCE)"], read.Errors.Select(e => e.ToString()));

        read = Exchange.TempPackage.Read(
            ("territoires.csv", "structure;commune;debut\nML-A;26281;2015-01-01\n"),
            ("sites.csv", "structure;site;type;nom;commune\nML-A;P1;PERMANENCE;Permanence;26057\nML-A;S;ANTENNE;Antenne;26281\n"));
        Assert.Equal(
        [
            "sites.csv:2: type: aucun site de type SIEGE (le siège de la structure)",
            "sites.csv:2: commune: commune 26057 du site « P1 » hors du territoire de la structure (territoires.csv)",
        ], read.Anomalies.Select(a => a.ToString()));
    }

    [Fact]
    public void Seed_004_budget_gives_the_state_financing_without_the_reprise_of_fonds_dedies()
    {
        var package = Load(Moulins);
        var budget = Assert.Single(Budgets.Of(package.StructureData.Budget));

        Assert.Equal(1_756_332m, budget.FinancementTotal);
        Assert.Equal(705_004m, budget.FinancementDe(Financeur.Etat));
        Assert.Equal(175_893m, budget.FinancementDe(Financeur.Fse));
        Assert.Equal(163_587m, budget.ReprisesFondsDedies);
        Assert.Equal(853_591m, package.StructureData.Budget.Where(l => l.Financeur == Financeur.Etat).Sum(l => l.Montant));
        Assert.Empty(Budgets.CheckTotals(budget));
        Assert.Equal(1_756_332m, budget.ProduitsDeclares);
    }

    [Fact]
    public void A_declared_total_that_does_not_match_the_lines_is_an_anomaly_and_funders_follow_the_nature()
    {
        var read = Exchange.TempPackage.Read(("budget.csv", """
            structure;annee;financeur;nature;montant
            ML-A;2016;ETAT;SUBVENTION;1000
            ML-A;2016;;CHARGES_PERSONNEL;900,5
            ML-A;2016;;TOTAL_PRODUITS;1200
            ML-A;2016;;TOTAL_CHARGES;900.50

            """));
        Assert.Equal(["budget.csv:4: montant: total des produits déclaré 1 200 €, somme des produits 1 000 €"], read.Anomalies.Select(a => a.ToString()));

        read = Exchange.TempPackage.Read(("budget.csv", "structure;annee;financeur;nature;montant\nML-A;2016;;SUBVENTION;1\nML-A;2016;ETAT;DOTATIONS;1\nML-A;2016;POLE_EMPLOI;PRESTATION;1\n"));
        Assert.Equal(
        [
            "budget.csv:2: financeur: financeur obligatoire pour la nature SUBVENTION (ETAT, REGION, DEPARTEMENT, COMMUNES_EPCI, FSE, FRANCE_TRAVAIL ou AUTRE)",
            "budget.csv:3: financeur: financeur ETAT avec la nature DOTATIONS (une charge ou un total n'a pas de financeur : laisser vide)",
            "budget.csv:4: financeur: code invalide « POLE_EMPLOI » (attendu ETAT, REGION, DEPARTEMENT, COMMUNES_EPCI, FSE, FRANCE_TRAVAIL ou AUTRE)",
        ], read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_brh_and_the_budget_override_moyens_and_both_values_are_kept_when_they_disagree()
    {
        var moyens = new Moyens(0, 2019, 1000, 500, 30m, 20m, 1_600_000m, 1_500_000m, 853_591m, null);
        var brh = new[] { new BrhLigne(0, 2019, "A2", 20, 8.81m, 28.81m), new BrhLigne(0, 2019, "A31", 18, 5.35m, 23.35m) };
        var budget = Load(Moulins).StructureData.Budget.ToArray();

        var effectifs = MoyensEffectifs.Of(0, 2019, moyens, brh, budget);

        Assert.Equal(moyens with { EtpTotal = 28.81m, EtpAccompagnement = 23.35m, FinancementTotal = 1_756_332m, FinancementEtat = 705_004m, FinancementFse = 175_893m },
            effectifs.Retenus);
        Assert.Equal(moyens, effectifs.Declares);
        Assert.Equal(
        [
            new EcartMoyens("etp_total", 30m, 28.81m, "BRH A2"),
            new EcartMoyens("etp_accompagnement", 20m, 23.35m, "BRH A31"),
            new EcartMoyens("financement_total", 1_600_000m, 1_756_332m, "budget : total des produits"),
            new EcartMoyens("financement_etat", 853_591m, 705_004m, "budget : État"),
        ], effectifs.Ecarts);
        // Without a BRH or a budget for the year, moyens.csv as given.
        var seul = MoyensEffectifs.Of(0, 2018, moyens with { Annee = 2018 }, [], []);
        Assert.Equal(moyens with { Annee = 2018 }, seul.Retenus);
        Assert.Empty(seul.Ecarts);
    }

    [Fact]
    public void The_indicators_read_the_fte_of_the_brh_and_the_financing_of_the_budget()
    {
        var moyens = "structure,annee,etp_total,etp_accompagnement,financement_total,financement_activites_principales,financement_etat,financement_fse\n" +
                     "ML-A,2016,30,20,1000,900,400,\nML-B,2016,5,3,100,90,40,10\n";
        var plain = Exchange.TempPackage.Read(("moyens.csv", moyens)).Package!;
        var withBrh = Exchange.TempPackage.Read(("moyens.csv", moyens),
            ("brh.csv", "structure,annee,code,femmes,hommes,total\nML-A,2016,A2,20,8.81,28.81\nML-A,2016,A31,18,5.35,23.35\n"),
            ("budget.csv", "structure,annee,financeur,nature,montant\nML-A,2016,ETAT,SUBVENTION,500\nML-A,2016,ETAT,REPRISE_FONDS_DEDIES,50\nML-A,2016,FSE,SUBVENTION,25\n")).Package!;
        var catalogue = Catalogue.Load("cpo-2015");

        var before = IndicatorEngine.Compute(plain, catalogue, Period.Year(2016)).Current;
        var after = IndicatorEngine.Compute(withBrh, catalogue, Period.Year(2016)).Current;

        Assert.Equal(30, V(before, "I9", "ML-A"), 6);
        Assert.Equal(28.81, V(after, "I9", "ML-A"), 6);
        Assert.Equal(23.35, V(after, "I9.1", "ML-A"), 6);
        Assert.Equal(575, V(after, "I10", "ML-A"), 6);
        Assert.Equal(500, V(after, "I10.1.b", "ML-A"), 6);
        Assert.Equal(25, V(after, "I10.1.c", "ML-A"), 6);
        Assert.Equal(900, V(after, "I10.1.a", "ML-A"), 6); // not in the budget: moyens.csv's
        Assert.Equal(5, V(after, "I9", "ML-B"), 6);
    }

    private static double V(PeriodResults results, string key, string structure) =>
        results.Get(Level.Structure, structure, key).Number ?? double.NaN;

    [Fact]
    public void Zones_propose_zrr_from_the_commune_at_a_date_and_qpv_to_check()
    {
        var zones = ZoneReference.Sample;

        var jeune = ZonesJeune.Propose(zones, "26074", new DateOnly(2025, 3, 1), InseeData.Instance);
        Assert.Equal((true, PropositionQpv.Non), (jeune.Zrr, jeune.Qpv));

        var romans = ZonesJeune.Propose(zones, "26281", new DateOnly(2025, 3, 1), InseeData.Instance);
        Assert.Equal((false, PropositionQpv.AVerifier), (romans.Zrr, romans.Qpv));
        Assert.Equal(["QN02698E", "QN02699E"], romans.Quartiers.Select(q => q.CodeZone).Order());

        // Before the lists are in force nothing can be proposed.
        var avant = ZonesJeune.Propose(zones, "26074", new DateOnly(2016, 3, 1), InseeData.Instance);
        Assert.Equal((null, PropositionQpv.Inconnu), (avant.Zrr, avant.Qpv));
    }

    [Fact]
    public void Zone_lists_are_read_from_the_official_csv_shapes()
    {
        using var zrr = new MemoryStream(System.Text.Encoding.Latin1.GetBytes("CODGEO;LIBGEO;FRR\n1001;L'Abergement-Clémenciat;FRR+\n01002;L'Abergement-de-Varey;\n2A004;Ajaccio;FRR\n9X001;?;FRR\n"));
        var result = ZoneListReader.Read(zrr, ZoneType.Zrr);
        Assert.Equal(["01001", "2A004"], result.Entries.Select(e => e.Commune));
        Assert.Equal(["5: code commune invalide « 9X001 » (attendu 5 caractères, ex. 26281 ou 2A004)"], result.Errors);
        Assert.Equal(1, result.Skipped);

        using var qpv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("code_qp,lib_qp,insee_com\nQN00101M,\"Quartier, centre\",01053\n"));
        var q = Assert.Single(ZoneListReader.Read(qpv, ZoneType.Qpv).Entries);
        Assert.Equal(new ZoneEntry("01053", "QN00101M", "Quartier, centre"), q);
    }

    [Fact]
    public void Context_figures_keep_their_category_zone_source_and_date()
    {
        var contexte = Load(Moulins).StructureData.Contexte;

        var allier = Assert.Single(contexte, c => c.Annee == 2018 && c.Indicateur == "Taux de chômage" && c.Zone == "DEP-03");
        Assert.Equal((CategorieContexte.Emploi, 9.8m, "%", new DateOnly(2018, 3, 31)), (allier.Categorie, allier.Valeur, allier.Unite, allier.Date));
        Assert.StartsWith("DIRECCTE", allier.Source, StringComparison.Ordinal);
        Assert.Equal(3, contexte.Count(c => c.Annee == 2018 && c.Indicateur == "Taux de chômage"));

        var read = Exchange.TempPackage.Read(("contexte.csv", "structure,annee,categorie,indicateur,zone,valeur\nML-A,2016,EMPLOI,Taux,ALLIER,9\n"));
        Assert.Equal(["contexte.csv:2: zone: zone invalide « ALLIER » (attendu TERRITOIRE, FRANCE, REG-84, DEP-03, EPCI-200071140 ou COM-03190)"],
            read.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("drome-des-collines")]
    [InlineData("moulins")]
    public void The_seed_packages_are_exported_and_reimported_identically(string fixture)
    {
        var package = Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        var first = Path.Combine(Path.GetTempPath(), "jalon-rt1-" + Guid.NewGuid().ToString("N"));
        var second = Path.Combine(Path.GetTempPath(), "jalon-rt2-" + Guid.NewGuid().ToString("N"));
        try
        {
            PackageWriter.Write(package, first);
            var again = Load(first);
            PackageWriter.Write(again, second);
            foreach (var file in PackageWriter.Files)
                Assert.Equal(File.ReadAllText(Path.Combine(first, file)), File.ReadAllText(Path.Combine(second, file)));
            Assert.Equal(package.StructureData.Brh, again.StructureData.Brh);
            Assert.Equal(package.StructureData.Territoires.OrderBy(t => t.Commune), again.StructureData.Territoires);
            Assert.Equal(package.StructureData.Sites.OrderBy(s => s.Id, StringComparer.Ordinal), again.StructureData.Sites);
            Assert.Equal(package.StructureData.Budget.Count, again.StructureData.Budget.Count);
            Assert.Equal(package.StructureData.Contexte.Count, again.StructureData.Contexte.Count);
        }
        finally
        {
            if (Directory.Exists(first)) Directory.Delete(first, true);
            if (Directory.Exists(second)) Directory.Delete(second, true);
        }
    }

    [Fact]
    public void The_worked_example_has_no_structure_data_and_its_moyens_are_the_effective_ones()
    {
        var package = Indicators.WorkedExampleTests.LoadExample();
        Assert.True(package.StructureData.IsEmpty);
        Assert.Same(package.Moyens, package.EffectiveMoyens);
    }
}
