using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;

namespace Jalon.Storage.Tests;

/// <summary>The employer side in the database (schema step 17): companies, offers, MER, immersions, sponsors, matching.</summary>
public class EmployeurStorageTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private const string S = "S1";
    private const string Lyon = "69123", Villeurbanne = "69266";

    private static JalonDbContext Seeded(TestDatabase database)
    {
        var db = database.CreateMigratedContext();
        db.Structures.Add(new() { Code = S, Nom = "Mission Locale 1", Region = "84" });
        db.Structures.Add(new() { Code = "S2", Nom = "Mission Locale 2", Region = "84" });
        foreach (var (id, commune) in new[] { ("J1", Lyon), ("J2", Villeurbanne), ("J3", Lyon) })
        {
            db.Jeunes.Add(new JeuneEntity
            {
                StructureCode = S, JeuneId = id, Naissance = new DateOnly(2005, 1, 1), Sexe = Sexe.F, Niveau = Niveau.IV, Commune = commune,
                PremierAccueil = new DateOnly(2025, 9, 1),
            });
        }
        db.SaveChanges();
        return db;
    }

    [DatabaseTheory, BothProviders]
    public void A_mer_on_an_offer_that_ends_in_a_hire_is_one_proposal_and_one_job_situation(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using (var db = Seeded(database))
        {
            var entreprise = EmployeurStore.AjouterEntreprise(db, S, "732 829 320 00074", "Brasserie du Rhône", "5610a", TailleEntreprise.De10A49, Villeurbanne, Today,
                contactNom: "Mme Martin", contactTelephone: "04 00 00 00 00");
            EmployeurStore.AjouterEchange(db, S, entreprise.Id, Today, ModeEchange.Visite, ObjetEchange.OffreEmploi, null, "Besoin en cuisine");
            var offre = EmployeurStore.AjouterOffre(db, S, entreprise.Id, "Commis de cuisine", "G1602", TypeContrat.Cdd, 6, 35, Villeurbanne, Today, Today.AddDays(14));
            EmployeurStore.EnregistrerRecherche(db, S, "J1", ["G1602"], Mobilite.Intercommunalite, null);
            EmployeurStore.EnregistrerRecherche(db, S, "J2", ["N1103"], Mobilite.Region, null);
            EmployeurStore.EnregistrerRecherche(db, S, "J3", ["G1603"], Mobilite.Commune, null);

            // Matching from the offer: J1 (same occupation, same EPCI); J2 seeks another occupation; J3 would not leave Lyon.
            var offreCritere = Assert.Single(EmployeurStore.OffresOuvertes(db, S));
            var fits = Apparier.JeunesPour(offreCritere, EmployeurStore.Recherches(db, S, Today), Today, InseeData.Instance);
            Assert.Equal(["J1"], fits.Select(f => f.JeuneId));
            Assert.Equal([offre.Id], Apparier.OffresPour(EmployeurStore.Recherches(db, S, Today, "J1").Single(), EmployeurStore.OffresOuvertes(db, S), Today, InseeData.Instance)
                .Select(f => f.OffreId));

            var mer = EmployeurStore.MettreEnRelation(db, S, "J1", TypeMiseEnRelation.Emploi, Today.AddDays(1), offreId: offre.Id);
            var ex = Assert.Throws<EmployeurException>(() => EmployeurStore.MettreEnRelation(db, S, "J1", TypeMiseEnRelation.Emploi, Today.AddDays(1), offreId: offre.Id));
            Assert.Contains("déjà mis en relation", ex.Message);
            var situation = EmployeurStore.EnregistrerIssue(db, S, mer.Id, IssueMiseEnRelation.Embauche, Today.AddDays(5));
            Assert.NotNull(situation);
            Assert.Throws<EmployeurException>(() => EmployeurStore.EnregistrerIssue(db, S, mer.Id, IssueMiseEnRelation.Embauche, Today.AddDays(6)));
        }

        using (var db = database.CreateContext())
        {
            var proposition = Assert.Single(db.Propositions.Where(p => p.JeuneId == "J1"));
            Assert.Equal((Theme.Emploi, Today.AddDays(1), OrigineEvenement.Saisie), (proposition.Theme, proposition.Date, proposition.Origine));
            var situation = Assert.Single(db.Situations.Where(s => s.JeuneId == "J1"));
            Assert.Equal((TypeSituation.Cdd, Today.AddDays(14), 184), (situation.Type, situation.Debut, situation.DureePrevueJours));
            var mer = db.MisesEnRelation.Single();
            Assert.Equal((proposition.Id, situation.Id, IssueMiseEnRelation.Embauche, Today.AddDays(5)), (mer.PropositionId, mer.SituationId!.Value, mer.Issue!.Value, mer.IssueLe!.Value));
            var offre = db.Offres.Single();
            Assert.Equal((StatutOffre.Pourvue, ModePourvoi.MiseEnRelation, Today.AddDays(5)), (offre.Statut, offre.Pourvoi!.Value, offre.StatutLe!.Value));
            Assert.Equal("56.10A", db.Entreprises.Single().Naf);
            Assert.Single(db.EchangesEntreprises);
            // The structure's revision moved: the journey changed (proposal, situation), so the indicators are recomputed.
            Assert.True(db.Structures.Single(s => s.Code == S).Revision > 0);
        }
    }

    [DatabaseTheory, BothProviders]
    public void A_hire_links_the_job_situation_already_recorded_instead_of_entering_it_twice(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        var entreprise = EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "Boulangerie", null, null, Lyon, Today);
        var mer = EmployeurStore.MettreEnRelation(db, S, "J2", TypeMiseEnRelation.Emploi, Today, entrepriseId: entreprise.Id);
        db.Situations.Add(new SituationEntity { StructureCode = S, JeuneId = "J2", Type = TypeSituation.Cdi, Debut = Today.AddDays(7) });
        db.SaveChanges();

        Assert.Throws<EmployeurException>(() => EmployeurStore.EnregistrerIssue(db, S, mer.Id, IssueMiseEnRelation.Embauche, Today.AddDays(3)));
        var situation = EmployeurStore.EnregistrerIssue(db, S, mer.Id, IssueMiseEnRelation.Embauche, Today.AddDays(3), Today.AddDays(7), TypeContrat.Cdi);

        Assert.Equal(situation!.Id, Assert.Single(db.Situations.Where(s => s.JeuneId == "J2")).Id);
        Assert.Equal(situation.Id, db.MisesEnRelation.Single().SituationId);
    }

    [DatabaseTheory, BothProviders]
    public void Bad_input_is_refused_with_a_french_message_and_nothing_is_saved(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        Assert.Contains("clé de contrôle", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterEntreprise(db, S, "73282932000075", "X", null, null, null, Today)).Message);
        Assert.Contains("NAF", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "X", "56.10", null, null, Today)).Message);
        var entreprise = EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "X", null, null, null, Today);
        Assert.Contains("déjà enregistrée", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "Y", null, null, null, Today)).Message);
        // Another structure may record the same company: each structure has its own file of it.
        EmployeurStore.AjouterEntreprise(db, "S2", "73282932000074", "X", null, null, null, Today);
        Assert.Contains("ROME", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterOffre(db, S, entreprise.Id, "Commis", "Z1602", TypeContrat.Cdi, null, 35, Lyon, Today)).Message);
        Assert.Contains("durée", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterOffre(db, S, entreprise.Id, "Commis", "G1602", TypeContrat.Cdd, null, 35, Lyon, Today)).Message);
        // A structure never reaches another's company.
        Assert.Contains("introuvable", Assert.Throws<EmployeurException>(() => EmployeurStore.AjouterOffre(db, "S2", entreprise.Id, "Commis", "G1602", TypeContrat.Cdi, null, 35, Lyon, Today)).Message);
        var offre = EmployeurStore.AjouterOffre(db, S, entreprise.Id, "Commis", "G1602", TypeContrat.Cdi, null, 35, Lyon, Today);
        EmployeurStore.CloreOffre(db, S, offre.Id, StatutOffre.Retiree, Today);
        Assert.Contains("plus ouverte", Assert.Throws<EmployeurException>(() => EmployeurStore.MettreEnRelation(db, S, "J1", TypeMiseEnRelation.Emploi, Today, offreId: offre.Id)).Message);
        var formation = EmployeurStore.MettreEnRelation(db, S, "J1", TypeMiseEnRelation.Formation, Today, organisme: "AFPA");
        Assert.Contains("emploi", Assert.Throws<EmployeurException>(() => EmployeurStore.EnregistrerIssue(db, S, formation.Id, IssueMiseEnRelation.Embauche, Today)).Message);

        Assert.Single(db.Offres);
        Assert.Single(db.MisesEnRelation);
        Assert.Equal(Theme.Formation, Assert.Single(db.Propositions).Theme);
        Assert.Empty(db.Situations);
        Assert.Null(db.MisesEnRelation.Single().Issue);
    }

    [DatabaseTheory, BothProviders]
    public void An_immersion_is_the_journey_s_pmsmp_with_its_review_and_a_parrainage_points_to_its_sponsor(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = Seeded(database);
        var entreprise = EmployeurStore.AjouterEntreprise(db, S, "73282932000074", "Garage", "45.20A", TailleEntreprise.Moins10, Lyon, Today);
        var immersion = EmployeurStore.AjouterImmersion(db, S, "J3", TypeImmersion.Pmsmp, entreprise.Id, Today, Today.AddDays(13), "M. Durand", "Découvrir la mécanique");
        Assert.Throws<EmployeurException>(() => EmployeurStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(-1), null, null, null, SuiteImmersion.SansSuite));
        EmployeurStore.EnregistrerBilan(db, S, immersion.Id, Today.AddDays(14), "Ravi", "Motivé", "Projet confirmé", SuiteImmersion.ProjetConfirme);

        var situation = Assert.Single(db.Situations);
        Assert.Equal((TypeSituation.Pmsmp, Today, Today.AddDays(13)), (situation.Type, situation.Debut, situation.Fin!.Value));
        Assert.Equal((situation.Id, SuiteImmersion.ProjetConfirme), (db.Immersions.Single().SituationId, db.Immersions.Single().Suite!.Value));

        var parrain = EmployeurStore.AjouterParrain(db, S, "Jeanne Roux", "Cheffe d'atelier", entreprise.Id, "le mardi");
        var parrainage = new ParrainageEntity { StructureCode = S, JeuneId = "J3", Debut = Today };
        db.Parrainages.Add(parrainage);
        db.SaveChanges();
        EmployeurStore.AttribuerParrain(db, S, parrainage.Id, parrain.Id);
        Assert.Equal(parrain.Id, db.ParrainageParrains.Single(l => l.ParrainageId == parrainage.Id).ParrainId);

        // Removing the journey's events removes their employer side (the young person's erasure goes through them).
        db.Situations.Remove(situation);
        db.Parrainages.Remove(parrainage);
        db.SaveChanges();
        Assert.Empty(db.Immersions);
        Assert.Empty(db.ParrainageParrains);
        Assert.Single(db.Parrains);
    }
}
