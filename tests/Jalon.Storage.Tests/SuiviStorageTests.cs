using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;

namespace Jalon.Storage.Tests;

/// <summary>A plan's follow-up commission and evaluations stored on both databases (schema step 25).</summary>
public class SuiviStorageTests
{
    [DatabaseTheory, BothProviders]
    public async Task Meetings_and_evaluations_round_trip_a_stale_save_is_refused_and_a_signed_evaluation_is_never_written_again(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, "Projet associatif", 2020, 2022, "S1", "84");
        var og = plan.AjouterObjectif(null, "OG1", "Être connu");
        var camion = plan.AjouterAction(og.Id, new("Camion mobile", null, "", "", "", null, []), [], new DateOnly(2020, 1, 15));
        plan.ChangerStatutAction(camion.Id, StatutAction.EnCours, new DateOnly(2020, 3, 1), "Direction");
        var jour = new DateOnly(2021, 9, 1);
        var r1 = ReunionCommission.Enregistrer(plan, new DateOnly(2020, 10, 5), ["Présidente — gouvernance", "Directrice"], [camion.Id], "Poursuivre « la phase test ».", jour);
        var r2 = ReunionCommission.Enregistrer(plan, new DateOnly(2021, 3, 15), ["Directrice"], [], "", jour);
        var evaluation = EvaluationPlan.Creer(plan, NatureEvaluation.DixHuitMois, null, jour, []);
        var rapport = new RapportEvaluation(plan.Titre, plan.Type, 2020, 2022, "Mission Locale 1", evaluation.Date,
            [new ObjectifRapport("OG1", "Être connu", 0, [new ActionRapport("Camion mobile", "Hélène", new DateOnly(2021, 12, 31), StatutAction.EnCours, new DateOnly(2020, 3, 1), false,
                [new IndicateurRapport("Communes visitées", NatureIndicateur.Effectif, false, 5, 6, 12, "en retard de 1")])])],
            [r1]);

        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
            await new PlanRepository(db).EnregistrerAsync(plan, null, "Direction");
            var suivi = new SuiviRepository(db);
            await suivi.EnregistrerReunionAsync(plan, r1, null, "Direction");
            await suivi.EnregistrerReunionAsync(plan, r2, null, "Direction");
            await suivi.EnregistrerEvaluationAsync(plan, evaluation, null, "Direction");
        }

        using (var db = database.CreateContext())
        {
            var suivi = new SuiviRepository(db);
            var reunions = await suivi.ReunionsAsync(plan.Id);
            Assert.Equal([r2.Date, r1.Date], reunions.Select(r => r.Reunion.Date)); // newest first
            var lu = reunions[1].Reunion;
            Assert.Equal(r1.Participants, lu.Participants);
            Assert.Equal(r1.ActionsRevues, lu.ActionsRevues);
            Assert.Equal("Poursuivre « la phase test ».", lu.Decisions);

            // An edit on the version read is saved; a second one on the same version is refused; a deletion too.
            var modifiee = ReunionCommission.Enregistrer(plan, r1.Date, ["Directrice", "Trésorier"], [camion.Id], "Recruter si le bilan est positif.", jour, r1.Id);
            await suivi.EnregistrerReunionAsync(plan, modifiee, reunions[1].Version, "Direction");
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => suivi.EnregistrerReunionAsync(plan, modifiee, reunions[1].Version, "Autre"));
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => suivi.SupprimerReunionAsync(plan.Id, r1.Id, reunions[1].Version));
            await suivi.SupprimerReunionAsync(plan.Id, r2.Id, reunions[0].Version);
            Assert.Equal(["Directrice", "Trésorier"], (await suivi.ReunionsAsync(plan.Id)).Single().Reunion.Participants);

            var (e, version) = (await suivi.EvaluationsAsync(plan.Id)).Single();
            Assert.Equal((NatureEvaluation.DixHuitMois, new DateOnly(2021, 6, 30), "S1", false), (e.Nature, e.Date, e.Structure, e.EstFigee));
            e.Rediger("Bilan intermédiaire positif.");
            await suivi.EnregistrerEvaluationAsync(plan, e, version, "Direction");
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => suivi.EnregistrerEvaluationAsync(plan, e, version, "Direction"));
            e.Signer(new Acteur("Direction ML1", Role.Directeur, "S1", "84"), rapport, new DateTime(2021, 9, 1, 8, 30, 0, DateTimeKind.Utc));
            await suivi.EnregistrerEvaluationAsync(plan, e, version + 1, "Direction ML1");
        }

        using (var db = database.CreateContext())
        {
            var suivi = new SuiviRepository(db);
            var (e, version) = (await suivi.EvaluationsAsync(plan.Id)).Single();
            Assert.True(e.EstFigee);
            Assert.Equal(("Direction ML1", new DateTime(2021, 9, 1, 8, 30, 0, DateTimeKind.Utc), "Bilan intermédiaire positif."), (e.Signature!.Par, e.Signature.Le, e.Appreciation));
            // The report as signed comes back value for value.
            var r = e.Rapport!;
            Assert.Equal((plan.Titre, TypePlan.ProjetAssociatif, "Mission Locale 1", new DateOnly(2021, 6, 30)), (r.Titre, r.Type, r.Porteur, r.Jour));
            var a = r.ToutesLesActions().Single();
            Assert.Equal(("Camion mobile", "Hélène", StatutAction.EnCours, (DateOnly?)new DateOnly(2020, 3, 1)), (a.Titre, a.Pilote, a.Statut, a.Depuis));
            Assert.Equal(rapport.Objectifs[0].Actions[0].Indicateurs[0], a.Indicateurs.Single());
            Assert.Equal(r1.ActionsRevues, r.Reunions.Single().ActionsRevues);

            // Whatever the caller does, a signed evaluation is neither updated nor deleted.
            var falsifiee = EvaluationPlan.Restaurer(e.Id, plan.Id, "S1", e.Nature, e.Date, "Autre texte", null, null);
            Assert.Contains("elle est figée", (await Assert.ThrowsAsync<PlanException>(() => suivi.EnregistrerEvaluationAsync(plan, falsifiee, version, "X"))).Message);
            Assert.Contains("elle est figée", (await Assert.ThrowsAsync<PlanException>(() => suivi.SupprimerEvaluationAsync(plan.Id, e.Id, version))).Message);
            Assert.Equal("Bilan intermédiaire positif.", (await suivi.EvaluationsAsync(plan.Id)).Single().Evaluation.Appreciation);
        }
    }
}
