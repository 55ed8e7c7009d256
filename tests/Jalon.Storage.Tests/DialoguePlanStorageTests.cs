using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Tests;

/// <summary>The dialogue's plan d'action as a plan (schema step 20 carries the free-text rows over) and the relevé de conclusions.</summary>
public class DialoguePlanStorageTests
{
    private static readonly Acteur Directeur = new("Hélène Robert", Role.Directeur, "S1", "84");
    private static readonly Acteur Etat = new("Paul Martin", Role.AgentEtatRegional, null, "84");

    [DatabaseTheory, BothProviders]
    public async Task Step_20_carries_the_free_text_priority_actions_over_as_action_sheets_of_the_dialogues_plan(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var d = DialogueDeGestion.Ouvrir(Directeur, "S1", "84", 2016, DateTimeOffset.UtcNow);
        d.RedigerPlanAction(Directeur, ThemePlanAction.Employeurs, "Réseau actif", "Prospection PME");
        var vide = DialogueDeGestion.Ouvrir(Directeur, "S1", "84", 2017, DateTimeOffset.UtcNow);
        var long_ = string.Concat(Enumerable.Repeat("Suivi renforcé à 3 mois des sorties. ", 60)).Trim();
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
            // Back to the schema before step 20: the free-text column, no relevé table.
            db.Database.ExecuteSqlRaw("""DROP TABLE "DialogueReleves" """);
            db.Database.ExecuteSqlRaw(provider == DatabaseProvider.Sqlite
                ? """ALTER TABLE "DialoguePlans" ADD COLUMN "ActionsPrioritaires" TEXT NOT NULL DEFAULT ''"""
                : """ALTER TABLE "DialoguePlans" ADD COLUMN "ActionsPrioritaires" character varying(5000) NOT NULL DEFAULT ''""");
            var repo = new PilotageRepository(db);
            await repo.EnregistrerAsync(d);
            await repo.EnregistrerAsync(vide);
            db.Database.ExecuteSql($"""UPDATE "DialoguePlans" SET "ActionsPrioritaires" = {"Deux forums emploi avec les PME"} WHERE "Theme" = 'Employeurs' AND "DialogueId" = {d.Id}""");
            db.Database.ExecuteSql($"""UPDATE "DialoguePlans" SET "ActionsPrioritaires" = {long_} WHERE "Theme" = 'Parcours' AND "DialogueId" = {d.Id}""");

            using var stream = typeof(JalonDatabase).Assembly.GetManifestResourceStream(
                $"Jalon.Storage.Schema.0020-plan-action-dialogue.{(provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres")}.sql")!;
            db.Database.ExecuteSqlRaw(new StreamReader(stream).ReadToEnd());
        }

        using (var db = database.CreateContext())
        {
            var plans = new PlanRepository(db);
            Assert.Null(await plans.PlanAsync(vide.Id)); // nothing to carry over: no plan
            var plan = (await plans.PlanAsync(d.Id))!;
            Assert.Equal((TypePlan.PlanActionDialogue, "S1", "84", 2016, 2016), (plan.Type, plan.Structure, plan.Region, plan.AnneeDebut, plan.AnneeFin));
            Assert.Equal(["1", "2", "3", "4", "5"], plan.Objectifs.Select(o => o.Code));
            Assert.Equal(ThemePlanAction.Employeurs.Libelle(), plan.Objectifs[2].Libelle);
            var employeurs = PlanActionDuDialogue.Actions(plan, ThemePlanAction.Employeurs).Single();
            Assert.Equal(("Deux forums emploi avec les PME", StatutAction.NonCommencee, ""), (employeurs.Contenu.Titre, employeurs.Statut, employeurs.Contenu.Moyens));
            var parcours = PlanActionDuDialogue.Actions(plan, ThemePlanAction.Parcours).Single();
            Assert.Equal(1000, parcours.Contenu.Titre.Length);
            Assert.EndsWith("…", parcours.Contenu.Titre, StringComparison.Ordinal);
            Assert.Equal(long_, parcours.Contenu.Moyens); // nothing lost
            // The synthesis stays with the dialogue.
            var lu = (await new PilotageRepository(db).DialogueAsync("S1", 2016))!;
            Assert.Equal(("Réseau actif", "Prospection PME"), (lu.PlanAction[2].Forces, lu.PlanAction[2].AxesDeProgres));

            // The carried-over sheets are followed like any: a status change round-trips (derived ids are real keys).
            plan.ChangerStatutAction(employeurs.Id, StatutAction.EnCours, new DateOnly(2016, 3, 1), "Hélène Robert");
            await plans.EnregistrerAsync(plan, await plans.VersionAsync(plan.Id), "Hélène Robert");
        }
        using (var db = database.CreateContext())
        {
            var plan = (await new PlanRepository(db).PlanAsync(d.Id))!;
            Assert.Equal(StatutAction.EnCours, PlanActionDuDialogue.Actions(plan, ThemePlanAction.Employeurs).Single().Statut);
            Assert.Equal(2, plan.Actions.Count);
        }
    }

    [DatabaseTheory, BothProviders]
    public async Task A_relevé_round_trips_with_both_validations_and_a_stale_save_is_refused(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var d = DialogueDeGestion.Ouvrir(Directeur, "S1", "84", 2016, DateTimeOffset.UtcNow);
        foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(Directeur, e, "Analyse");
        d.Transmettre(Directeur, DateTimeOffset.UtcNow);
        d.OuvrirDialogue(Etat, DateTimeOffset.UtcNow);
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
            var repo = new PilotageRepository(db);
            await repo.EnregistrerAsync(d);
            var r = await repo.ReleveAsync(d);
            Assert.True(r.EstVide);
            r.Rediger(Etat, d, "Objectifs 2016 partagés", "Diagnostic à 4 semaines", "Avance versée au 1er trimestre");
            await repo.EnregistrerAsync(r, await repo.VersionReleveAsync(d.Id), Etat.Nom);
            r.Valider(Etat, d, new DateTimeOffset(2016, 4, 20, 10, 0, 0, TimeSpan.Zero));
            await repo.EnregistrerAsync(r, await repo.VersionReleveAsync(d.Id), Etat.Nom);
        }
        using (var db = database.CreateContext())
        {
            var repo = new PilotageRepository(db);
            var r = await repo.ReleveAsync(d);
            Assert.Equal(("Objectifs 2016 partagés", "Diagnostic à 4 semaines", "Avance versée au 1er trimestre"), (r.Conclusions, r.EngagementsMissionLocale, r.EngagementsEtat));
            Assert.Equal(("Paul Martin", new DateTimeOffset(2016, 4, 20, 10, 0, 0, TimeSpan.Zero)), (r.Validations.Single().Par, r.Validations.Single().Le));
            var version = await repo.VersionReleveAsync(d.Id);
            r.Valider(Directeur, d, DateTimeOffset.UtcNow);
            await repo.EnregistrerAsync(r, version, Directeur.Nom);
            Assert.True((await repo.ReleveAsync(d)).EstFige);
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => repo.EnregistrerAsync(r, version, "Autre"));
        }
    }
}
