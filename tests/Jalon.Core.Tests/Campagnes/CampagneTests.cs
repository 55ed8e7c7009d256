using Jalon.Domain;
using Jalon.Domain.Campagnes;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Structures;
using Jalon.Exchange;

namespace Jalon.Core.Tests.Campagnes;

/// <summary>The rules of the CRA campaigns: transitions, rights, late, checks, frozen content.</summary>
public class CampagneTests
{
    private static readonly Acteur Etat = new("Agent DREETS", Role.AgentEtatRegional, null, "84");
    private static readonly Acteur EtatAutreRegion = new("Agent Bretagne", Role.AgentEtatRegional, null, "53");
    private static readonly Acteur Arml = new("ARML", Role.AssociationRegionale, null, "84");
    private static readonly Acteur Directeur = new("Directeur", Role.Directeur, "DDCRV", "84");
    private static readonly Acteur AutreDirecteur = new("Autre directeur", Role.Directeur, "MOULINS", "84");
    private static readonly DateOnly Today = new(2027, 1, 15);
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static Campagne Fevrier() => Campagne.Ouvrir(Etat, "84", 2027, TypeCampagne.Fevrier, new DateOnly(2027, 2, 28), Today, Now);

    private static ContenuCampagne Contenu(Soumission s, IEnumerable<BrhLigne>? brh = null, IEnumerable<BudgetLigne>? budget = null) =>
        ContenuCampagne.De([new IndicateurFige("I1", "Jeunes accompagnés", 120)], brh ?? [], budget ?? [], s.Champs);

    [Fact]
    public void Only_the_state_agent_of_the_region_opens_closes_and_reopens_a_campaign()
    {
        foreach (var a in new[] { EtatAutreRegion, Arml, Directeur, new Acteur("National", Role.AgentEtatNational) })
            Assert.Throws<CampagneException>(() => Campagne.Ouvrir(a, "84", 2027, TypeCampagne.Fevrier, new DateOnly(2027, 2, 28), Today, Now));
        var c = Fevrier();
        Assert.Equal(2026, c.Exercice);
        Assert.Equal(EtatCampagne.Ouverte, c.Etat);
        Assert.Equal("Seul l'agent de l'État de la région peut clôturer la campagne.", Assert.Throws<CampagneException>(() => c.Cloturer(Arml, Now)).Message);
        c.Cloturer(Etat, Now);
        Assert.Equal(EtatCampagne.Cloturee, c.Etat);
        Assert.Equal("La campagne est déjà clôturée.", Assert.Throws<CampagneException>(() => c.Cloturer(Etat, Now)).Message);
        c.Rouvrir(Etat, new DateOnly(2027, 3, 15), Today, Now);
        Assert.Equal((EtatCampagne.Ouverte, new DateOnly(2027, 3, 15)), (c.Etat, c.Echeance));
        Assert.Equal([ActionCampagne.Ouvrir, ActionCampagne.Cloturer, ActionCampagne.Rouvrir], c.Journal.Select(t => t.Action));
    }

    [Fact]
    public void A_deadline_already_passed_is_refused_in_french()
    {
        var e = Assert.Throws<CampagneException>(() => Campagne.Ouvrir(Etat, "84", 2027, TypeCampagne.Juin, new DateOnly(2027, 1, 14), Today, Now));
        Assert.Equal("L'échéance du 14/01/2027 est déjà passée : choisissez une date à partir du 15/01/2027.", e.Message);
        Campagne.Ouvrir(Etat, "84", 2027, TypeCampagne.Juin, Today, Today, Now); // today is allowed
    }

    [Fact]
    public void A_submission_goes_from_to_fill_to_submitted_to_sent_back_and_submitted_again_with_numbered_versions()
    {
        var c = Fevrier();
        var s = Soumission.Nouvelle(c.Id, "DDCRV");
        Assert.Equal(EtatSoumission.ARemplir, s.Etat);
        Assert.Throws<CampagneException>(() => s.Enregistrer(AutreDirecteur, c, new Dictionary<string, string?>(), Now));
        Assert.Empty(s.Enregistrer(Directeur, c, new Dictionary<string, string?> { ["commentaire"] = "  Bonne année.  " }, Now));
        Assert.Equal("Bonne année.", s.Champs["commentaire"]);

        var v1 = s.Soumettre(Directeur, c, Contenu(s), Now);
        Assert.Equal((1, EtatSoumission.Soumise), (v1.Numero, s.Etat));
        Assert.Equal("La campagne a été soumise : impossible de soumettre tant que l'État ne l'a pas renvoyée pour correction.",
            Assert.Throws<CampagneException>(() => s.Soumettre(Directeur, c, Contenu(s), Now)).Message);
        Assert.Throws<CampagneException>(() => s.Enregistrer(Directeur, c, new Dictionary<string, string?>(), Now));

        Assert.Equal("Indiquez ce qu'il faut corriger : le commentaire est obligatoire.",
            Assert.Throws<CampagneException>(() => s.Renvoyer(Etat, c, " ", Now)).Message);
        Assert.Throws<CampagneException>(() => s.Renvoyer(Arml, c, "À corriger", Now));
        Assert.Throws<CampagneException>(() => s.Renvoyer(EtatAutreRegion, c, "À corriger", Now));
        s.Renvoyer(Etat, c, "Le BRH B1 est incohérent.", Now);
        Assert.Equal(EtatSoumission.RenvoyeePourCorrection, s.Etat);
        Assert.Throws<CampagneException>(() => s.Renvoyer(Etat, c, "encore", Now));

        var v2 = s.Soumettre(Directeur, c, Contenu(s), Now);
        Assert.Equal(2, v2.Numero);
        Assert.Equal([ActionCampagne.Enregistrer, ActionCampagne.Soumettre, ActionCampagne.Renvoyer, ActionCampagne.Soumettre], s.Journal.Select(t => t.Action));
        Assert.Equal("Le BRH B1 est incohérent.", s.Journal[2].Commentaire);
    }

    [Fact]
    public void Nothing_moves_in_a_closed_campaign()
    {
        var c = Fevrier();
        var s = Soumission.Nouvelle(c.Id, "DDCRV");
        c.Cloturer(Etat, Now);
        Assert.False(s.Modifiable(c));
        Assert.Equal("La campagne est clôturée : impossible de soumettre.", Assert.Throws<CampagneException>(() => s.Soumettre(Directeur, c, Contenu(s), Now)).Message);
        Assert.Throws<CampagneException>(() => s.Enregistrer(Directeur, c, new Dictionary<string, string?>(), Now));
        c.Rouvrir(Etat, null, Today, Now);
        s.Soumettre(Directeur, c, Contenu(s), Now);
        c.Cloturer(Etat, Now);
        Assert.Equal("La campagne est clôturée : impossible de renvoyer une soumission.", Assert.Throws<CampagneException>(() => s.Renvoyer(Etat, c, "x", Now)).Message);
    }

    [Fact]
    public void Late_means_not_submitted_once_the_deadline_has_passed()
    {
        var c = Fevrier(); // deadline 28/02/2027
        Assert.False(c.EstEnRetard(EtatSoumission.ARemplir, new DateOnly(2027, 2, 28)));
        Assert.True(c.EstEnRetard(EtatSoumission.ARemplir, new DateOnly(2027, 3, 1)));
        Assert.True(c.EstEnRetard(EtatSoumission.RenvoyeePourCorrection, new DateOnly(2027, 3, 1)));
        Assert.False(c.EstEnRetard(EtatSoumission.Soumise, new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void The_free_fields_are_checked_and_nothing_is_saved_when_one_is_wrong()
    {
        var juin = Campagne.Ouvrir(Etat, "84", 2027, TypeCampagne.Juin, new DateOnly(2027, 6, 30), Today, Now);
        var s = Soumission.Nouvelle(juin.Id, "DDCRV");
        var problemes = s.Enregistrer(Directeur, juin, new Dictionary<string, string?>
        {
            [ReferentielCampagnes.ChampDateApprobation] = "31/02/2027",
            [ReferentielCampagnes.ChampTotalCharges] = "beaucoup",
        }, Now);
        Assert.Equal([ReferentielCampagnes.ChampDateApprobation, ReferentielCampagnes.ChampTotalCharges], problemes.Select(p => p.Champ));
        Assert.Contains("« 31/02/2027 » n'est pas une date (jj/mm/aaaa)", problemes[0].Message);
        Assert.Empty(s.Champs);
        Assert.Empty(s.Enregistrer(Directeur, juin, new Dictionary<string, string?>
        {
            [ReferentielCampagnes.ChampDateApprobation] = "12/06/2027",
            [ReferentielCampagnes.ChampTotalCharges] = "1 234 567,89 €",
        }, Now));
        Assert.Equal("2027-06-12", s.Champs[ReferentielCampagnes.ChampDateApprobation]);
        Assert.Equal("1234567.89", s.Champs[ReferentielCampagnes.ChampTotalCharges]);
    }

    [Fact]
    public void The_february_checks_are_the_brh_roll_up_of_seed_000_and_the_missing_items()
    {
        var c = Fevrier();
        var s = Soumission.Nouvelle(c.Id, "DDCRV");
        var missing = ControlesCampagne.Of(TypeCampagne.Fevrier, 2026, ContenuCampagne.De([new IndicateurFige("I1", "x", null)], [], [], s.Champs));
        Assert.Equal(["Le tableau des moyens humains au 31/12/2026 n'est pas saisi.", "Aucune activité n'est enregistrée dans Jalon pour 2026."],
            missing.Select(a => a.Message));
        Assert.All(missing, a => Assert.True(a.Manquant));

        var read = PackageReader.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drome-des-collines"));
        var brh = read.Package!.StructureData.Brh;
        var anomalies = ControlesCampagne.Of(TypeCampagne.Fevrier, 2010, Contenu(s, brh));
        // Exactly the 4 inconsistencies of seed 000's table (Brh.Check), as anomalies of the campaign.
        Assert.Equal(["A12", "A121", "A122", "B1"], anomalies.Select(a => a.Message.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(Brh.Check(brh).Count, anomalies.Count);
        Assert.All(anomalies, a => Assert.Equal("BRH", a.Rubrique));
    }

    [Fact]
    public void The_june_checks_are_the_budget_totals_the_charges_and_the_approval_date()
    {
        var juin = Campagne.Ouvrir(Etat, "84", 2020, TypeCampagne.Juin, new DateOnly(2020, 6, 30), new DateOnly(2020, 1, 1), Now);
        var s = Soumission.Nouvelle(juin.Id, "MOULINS");
        Assert.Equal(
            ["Les produits 2019 ne sont pas saisis dans le budget.", "Les charges 2019 ne sont ni dans le budget ni saisies dans la campagne.",
             "La date d'approbation des comptes n'est pas renseignée."],
            ControlesCampagne.Of(TypeCampagne.Juin, 2019, Contenu(s)).Select(a => a.Message));

        var read = PackageReader.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "moulins"));
        var budget = read.Package!.StructureData.Budget.Where(b => b.Annee == 2019).ToList();
        Assert.Empty(s.Enregistrer(new Acteur("D", Role.Directeur, "MOULINS", "84"), juin,
            new Dictionary<string, string?> { [ReferentielCampagnes.ChampDateApprobation] = "20/06/2020", [ReferentielCampagnes.ChampTotalCharges] = "1 700 000" }, Now));
        Assert.Empty(ControlesCampagne.Of(TypeCampagne.Juin, 2019, Contenu(s, budget: budget)));

        // A declared total that does not match its lines (Budgets.CheckTotals).
        var faux = budget.Append(new BudgetLigne(0, 2019, null, NatureBudget.TotalCharges, 10)).Append(new BudgetLigne(0, 2019, null, NatureBudget.ChargesPersonnel, 9)).ToList();
        var anomalie = Assert.Single(ControlesCampagne.Of(TypeCampagne.Juin, 2019, Contenu(s, budget: faux)));
        Assert.Equal("Total des charges déclaré 10 €, somme des charges 9 €", anomalie.Message);
    }

    [Fact]
    public void A_frozen_content_reads_back_identically_and_its_differences_with_live_data_name_each_figure()
    {
        var champs = new Dictionary<string, string> { ["commentaire"] = "ok" };
        BrhLigne[] brh = [new(0, 2026, "B1", 23, 6, 29), new(0, 2026, "B2", 20.5m, 5, 25.5m)];
        var soumis = ContenuCampagne.De([new IndicateurFige("I1", "Jeunes", 120), new IndicateurFige("R1", "Taux", 0.4567)], brh,
            [new BudgetLigne(0, 2026, Financeur.Etat, NatureBudget.Subvention, 705_004)], champs);
        var texte = soumis.Serialiser();
        var relu = ContenuCampagne.Lire(texte);
        Assert.Equal(texte, relu.Serialiser());
        Assert.Equal(25.5m, relu.Brh.Single(b => b.Code == "B2").Total);
        Assert.Empty(ControlesCampagne.Differences(soumis, relu));

        var actuel = ContenuCampagne.De([new IndicateurFige("I1", "Jeunes", 121), new IndicateurFige("R1", "Taux", 0.4567)],
            [new(0, 2026, "B1", 23, 6, 29), new(0, 2026, "B2", 20.5m, 5, 26)],
            [new BudgetLigne(0, 2026, Financeur.Etat, NatureBudget.Subvention, 700_000)], new Dictionary<string, string>());
        Assert.Equal(
            [("Indicateurs", "I1 — Jeunes", "120", "121"), ("BRH", "B2 total", "25,5", "26"), ("Budget", "SUBVENTION ETAT", "705 004 €", "700 000 €"),
             ("Saisie", "commentaire", "ok", null)],
            ControlesCampagne.Differences(soumis, actuel).Select(d => (d.Rubrique, d.Element, d.Soumis, d.Actuel)));
    }
}
