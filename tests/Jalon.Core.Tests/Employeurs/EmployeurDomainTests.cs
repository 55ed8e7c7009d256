using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;

namespace Jalon.Core.Tests.Employeurs;

public class SiretTests
{
    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("732 829 320 00074", true)]
    [InlineData("73282932000075", false)] // one digit off: the Luhn key fails
    [InlineData("73282932000047", false)] // two digits swapped
    [InlineData("35600000000048", true)] // La Poste's head office: Luhn
    [InlineData("35600000049837", true)] // a La Poste establishment: digits add up to a multiple of 5, Luhn fails
    [InlineData("36252187900034", false)] // digits add up to a multiple of 5 but not La Poste: Luhn only
    [InlineData("7328293200007", false)]
    [InlineData("7328293200007A", false)]
    [InlineData(null, false)]
    public void The_key_of_a_siret_is_checked(string? siret, bool valid) => Assert.Equal(valid, Siret.IsValid(siret));

    [Fact]
    public void The_error_says_what_to_fix()
    {
        Assert.Equal("Le SIRET compte 14 chiffres (espaces permis).", Siret.Error("123"));
        Assert.Contains("clé de contrôle", Siret.Error("73282932000075"));
        Assert.Null(Siret.Error("732 829 320 00074"));
        Assert.Equal("73282932000074", Siret.Normalize(" 732 829 320 00074 "));
        Assert.Equal("732829320", Siret.Siren("73282932000074"));
    }
}

public class EmployeurReferentielsTests
{
    [Fact]
    public void The_naf_nomenclature_comes_from_the_package_with_its_732_sous_classes()
    {
        Assert.Equal(732, Naf.SousClasses.Count());
        Assert.Equal("Restauration traditionnelle", Naf.Find("56.10A")!.Libelle);
        Assert.Equal("56.10A", Naf.Find("5610a")!.Code);
        Assert.Equal(NafNiveau.Division, Naf.Find("56")!.Niveau);
        Assert.Equal("56", Naf.Find("56.10A")!.Division);
        Assert.Null(Naf.Find("56.10Q"));
    }

    [Theory]
    [InlineData("G1602", true)]
    [InlineData("N4105", true)]
    [InlineData("O1602", false)] // no grand domaine O
    [InlineData("g1602", false)]
    [InlineData("G160", false)]
    [InlineData("G16020", false)]
    [InlineData("G16A2", false)]
    public void A_rome_code_is_a_letter_from_A_to_N_and_four_digits(string code, bool wellFormed) =>
        Assert.Equal(wellFormed, Rome.IsWellFormed(code));

    [Fact]
    public void A_rome_label_comes_from_the_sample_or_falls_back_on_the_grand_domaine()
    {
        Assert.Equal("Personnel de cuisine", Rome.Libelle("G1602"));
        Assert.Equal("H9999 (Industrie)", Rome.Libelle("H9999"));
        Assert.Null(Rome.Libelle("Z1234"));
        Assert.All(Rome.Echantillon, r => Assert.True(Rome.IsWellFormed(r.Code)));
        Assert.Equal("G16", Rome.Find("G1602")!.DomaineProfessionnel);
    }
}

public class EmployeurRulesTests
{
    [Fact]
    public void A_hire_opens_the_situation_of_the_offer_s_contract_and_a_mer_is_a_proposal_of_its_theme()
    {
        Assert.Equal(TypeSituation.Cdi, EmployeurRules.SituationOf(TypeContrat.Cdi));
        Assert.Equal(TypeSituation.Apprentissage, EmployeurRules.SituationOf(TypeContrat.Apprentissage));
        Assert.Equal(TypeSituation.CuiCie, EmployeurRules.SituationOf(TypeContrat.CuiCie));
        Assert.Equal(Theme.Emploi, EmployeurRules.ThemeOf(TypeMiseEnRelation.Emploi));
        Assert.Equal(Theme.Formation, EmployeurRules.ThemeOf(TypeMiseEnRelation.Formation));
        Assert.All(Enum.GetValues<TypeContrat>(), c => Assert.True(EmployeurRules.SituationOf(c).IsEmploi()));
    }

    [Fact]
    public void An_outcome_cannot_precede_its_mer_and_a_hire_needs_a_job()
    {
        var day = new DateOnly(2026, 3, 2);
        Assert.Null(EmployeurRules.IssueError(TypeMiseEnRelation.Emploi, day, IssueMiseEnRelation.Embauche, day));
        Assert.NotNull(EmployeurRules.IssueError(TypeMiseEnRelation.Emploi, day, IssueMiseEnRelation.RefusJeune, day.AddDays(-1)));
        Assert.NotNull(EmployeurRules.IssueError(TypeMiseEnRelation.Formation, day, IssueMiseEnRelation.Embauche, day));
        Assert.Null(EmployeurRules.IssueError(TypeMiseEnRelation.Formation, day, IssueMiseEnRelation.RefusEmployeur, day.AddDays(3)));
    }

    [Fact]
    public void An_immersion_lasts_at_most_two_months_and_its_review_follows_its_start()
    {
        var debut = new DateOnly(2026, 3, 2);
        Assert.Null(EmployeurRules.ImmersionError(debut, debut.AddDays(13), debut.AddDays(14)));
        Assert.NotNull(EmployeurRules.ImmersionError(debut, debut.AddDays(-1), null));
        Assert.NotNull(EmployeurRules.ImmersionError(debut, debut.AddDays(62), null));
        Assert.Null(EmployeurRules.ImmersionError(debut, debut.AddDays(61), null));
        Assert.NotNull(EmployeurRules.ImmersionError(debut, debut.AddDays(5), debut.AddDays(-2)));
    }
}

public class AppariementTests
{
    private static readonly InseeData Insee = InseeData.Instance;
    private static readonly DateOnly Today = new(2026, 3, 2);

    // Lyon and Villeurbanne: the same EPCI (Métropole de Lyon); Villefranche-sur-Saône: the Rhône, another EPCI;
    // Grenoble: another department of Auvergne-Rhône-Alpes; Paris: another region.
    private const string Lyon = "69123", Villeurbanne = "69266", Villefranche = "69264", Grenoble = "38185", Paris = "75056";

    private static RechercheEmploi Jeune(string id, string commune, Mobilite mobilite, params string[] romes) =>
        new(id, romes, commune, mobilite, null, false);

    private static OffreCritere Offre(long id, string rome, string commune, StatutOffre statut = StatutOffre.Ouverte, DateOnly? debut = null) =>
        new(id, rome, commune, statut, debut);

    [Fact]
    public void The_distance_is_the_smallest_area_that_holds_both_communes()
    {
        Assert.Equal(Mobilite.Commune, Apparier.Distance(Lyon, Lyon, Insee));
        Assert.Equal(Mobilite.Intercommunalite, Apparier.Distance(Lyon, Villeurbanne, Insee));
        Assert.Equal(Mobilite.Departement, Apparier.Distance(Lyon, Villefranche, Insee));
        Assert.Equal(Mobilite.Region, Apparier.Distance(Lyon, Grenoble, Insee));
        Assert.Null(Apparier.Distance(Lyon, Paris, Insee));
        Assert.Null(Apparier.Distance(Lyon, "99999", Insee));
        Assert.Null(Apparier.Distance(null, Lyon, Insee));
    }

    [Fact]
    public void From_an_offer_the_young_people_whose_occupation_area_and_availability_fit_best_first()
    {
        var offre = Offre(7, "G1602", Villeurbanne);
        RechercheEmploi[] jeunes =
        [
            Jeune("A", Villeurbanne, Mobilite.Commune, "G1602"), // same occupation, same commune
            Jeune("B", Lyon, Mobilite.Intercommunalite, "D1106", "G1603"), // same domain G16, same EPCI
            Jeune("C", Lyon, Mobilite.Commune, "G1602"), // would not leave Lyon
            Jeune("D", Grenoble, Mobilite.Region, "G1602"), // same occupation, ready to go across the region
            Jeune("E", Villeurbanne, Mobilite.Region, "N1103"), // other occupation
            Jeune("F", Villeurbanne, Mobilite.Commune, "G1602") with { EnEmploi = true }, // in a job now
            Jeune("G", Villeurbanne, Mobilite.Commune, "G1602") with { DisponibleLe = Today.AddDays(10) }, // not free yet
            Jeune("H", Paris, Mobilite.Region, "G1602"), // another region
        ];

        var fits = Apparier.JeunesPour(offre, jeunes, Today, Insee);

        Assert.Equal(
            [
                new Appariement("A", 7, AccordMetier.MemeMetier, Mobilite.Commune),
                new Appariement("D", 7, AccordMetier.MemeMetier, Mobilite.Region),
                new Appariement("B", 7, AccordMetier.MemeDomaine, Mobilite.Intercommunalite),
            ],
            fits);
    }

    [Fact]
    public void A_young_person_free_by_the_day_the_employer_wants_fits_and_a_closed_offer_fits_nobody()
    {
        var later = Jeune("G", Villeurbanne, Mobilite.Commune, "G1602") with { DisponibleLe = Today.AddDays(10) };
        Assert.Single(Apparier.JeunesPour(Offre(1, "G1602", Villeurbanne, debut: Today.AddDays(10)), [later], Today, Insee));
        Assert.Empty(Apparier.JeunesPour(Offre(1, "G1602", Villeurbanne, debut: Today.AddDays(9)), [later], Today, Insee));
        Assert.Empty(Apparier.JeunesPour(Offre(1, "G1602", Villeurbanne, StatutOffre.Pourvue), [Jeune("A", Villeurbanne, Mobilite.Commune, "G1602")], Today, Insee));
    }

    [Fact]
    public void From_a_young_person_the_open_offers_that_fit_best_first()
    {
        var jeune = Jeune("A", Lyon, Mobilite.Departement, "G1602", "N1103");
        OffreCritere[] offres =
        [
            Offre(1, "G1603", Lyon), // same domain, same commune
            Offre(2, "N1103", Villefranche), // same occupation, same department
            Offre(3, "G1602", Villeurbanne), // same occupation, same EPCI
            Offre(4, "G1602", Lyon, StatutOffre.Retiree), // withdrawn
            Offre(5, "G1602", Grenoble), // beyond the department
            Offre(6, "K2204", Lyon), // other occupation
        ];

        var fits = Apparier.OffresPour(jeune, offres, Today, Insee);

        Assert.Equal([3L, 2L, 1L], fits.Select(f => f.OffreId));
        Assert.Equal([AccordMetier.MemeMetier, AccordMetier.MemeMetier, AccordMetier.MemeDomaine], fits.Select(f => f.Metier));
    }

    [Fact]
    public void A_former_commune_counts_as_its_current_one()
    {
        var ancienne = Insee.AnciennesCommunes.First(a => Insee.CommunesByCode.ContainsKey(a.Commune));
        Assert.Equal(Mobilite.Commune, Apparier.Distance(ancienne.Code, ancienne.Commune, Insee));
    }
}
