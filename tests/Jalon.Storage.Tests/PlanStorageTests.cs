using Jalon.Domain;
using Jalon.Domain.Plans;
using Jalon.Domain.Structures;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;

namespace Jalon.Storage.Tests;

public class PlanStorageTests
{
    private static readonly IReadOnlyList<MembrePersonnel> Personnel =
        [new("P1", "Hélène Garnier", Sexe.F, StatutPersonnel.Salarie, ContratPersonnel.Cdi, true, 1m, Metier.Conseiller, new DateOnly(2008, 1, 1))];

    [DatabaseTheory, BothProviders]
    public async Task A_plan_round_trips_with_its_tree_history_targets_values_and_profile_and_a_stale_save_is_refused(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var region = Plan.Creer(TypePlan.OrientationRegionale, "Orientations régionales", 2011, 2013, null, "84");
        var axe = region.AjouterObjectif(null, "2", "Accompagnement");
        var o21 = region.AjouterObjectif(axe.Id, "2-1", "Publics prioritaires");
        region.AjouterObjectif(axe.Id, "2-3", "Mobilité");

        var plan = Plan.Creer(TypePlan.OffreDeService, "Offre de service Accompagnement", 2011, 2013, "S1", "84");
        var g = plan.AjouterObjectif(null, "2", "Accompagner vers l'emploi durable", o21);
        var op = plan.AjouterObjectif(g.Id, "2-1", "Publics prioritaires");
        var action = plan.AjouterAction(op.Id, new ContenuAction("Piloter les entrées en PPAE", new Pilote("P1", ""), "Pôle emploi", "Jeunes en PPAE", "2 ETP",
            new DateOnly(2011, 12, 31), [new JalonAction(new DateOnly(2011, 6, 30), "Bilan à mi-année")]), Personnel, new DateOnly(2011, 1, 15));
        plan.ChangerStatutAction(action.Id, StatutAction.EnCours, new DateOnly(2011, 2, 1), "Pierre Brillaud");
        var ppae = plan.AjouterIndicateur(action.Id, "Entrées en PPAE", NatureIndicateur.Effectif, SensCible.AuMoins, "jeunes-ppae",
            new Dictionary<int, double> { [2011] = 353 }, ProfilMensuel.De([30, 30, 30, 30, 31, 31, 31, 30, 27, 28, 28, 27]));
        var anim = plan.AjouterIndicateur(action.Id, "Animations", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 6, [2012] = 8 });
        plan.SaisirValeur(anim.Id, new DateOnly(2011, 7, 31), 5);

        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
            var repo = new PlanRepository(db);
            await repo.EnregistrerAsync(region, null, "Agent Région");
            await repo.EnregistrerAsync(plan, null, "Pierre Brillaud");
        }

        using (var db = database.CreateContext())
        {
            var repo = new PlanRepository(db);
            var lu = (await repo.PlanAsync(plan.Id))!;
            Assert.Equal(("S1", "84", TypePlan.OffreDeService, 2011, 2013), (lu.Structure, lu.Region, lu.Type, lu.AnneeDebut, lu.AnneeFin));
            Assert.Equal(["2", "2-1"], lu.Objectifs.Select(o => o.Code));
            Assert.Equal(o21.Id, lu.Objectifs[0].ObjectifRegionalId);
            var a = lu.Actions.Single();
            Assert.Equal(("Hélène Garnier", StatutAction.EnCours, "Pierre Brillaud"), (a.Contenu.Pilote!.Nom, a.Statut, a.Historique.Single().Par));
            Assert.Equal("Bilan à mi-année", a.Contenu.Jalons.Single().Libelle);
            Assert.Equal("en retard de 25", lu.Indicateur(ppae.Id).ProgressionAu(new DateOnly(2011, 8, 31), 218)!.Libelle);
            Assert.Equal(5, lu.Indicateur(anim.Id).ValeurSaisieAu(new DateOnly(2011, 9, 1)));
            Assert.Equal([2011, 2012], lu.Indicateur(anim.Id).Cibles.Keys);

            var version = await repo.VersionAsync(plan.Id);
            lu.ChangerStatutAction(a.Id, StatutAction.Realisee, new DateOnly(2011, 11, 30), "Pierre Brillaud");
            await repo.EnregistrerAsync(lu, version, "Pierre Brillaud");
            await Assert.ThrowsAsync<ModificationConcurrenteException>(() => repo.EnregistrerAsync(lu, version, "Autre"));

            var tous = await repo.PlansDeLaRegionAsync("84");
            Assert.Equal(["2-3"], Couverture.NonCouverts(tous.Single(p => p.EstRegional), tous.Where(p => !p.EstRegional)).Select(o => o.Code));
            Assert.Equal(2, (await repo.ListeAsync("S1", "84")).Count);
        }

        using (var db = database.CreateContext())
        {
            var relu = (await new PlanRepository(db).PlanAsync(plan.Id))!;
            Assert.Equal([StatutAction.EnCours, StatutAction.Realisee], relu.Actions.Single().Historique.Select(h => h.Statut));
        }
    }

    [DatabaseTheory, BothProviders]
    public async Task Deleting_an_action_removes_its_indicators_and_status_history_and_edits_round_trip(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        var plan = Plan.Creer(TypePlan.ProjetAssociatif, "Projet associatif", 2011, 2013, "S1", "84");
        var og = plan.AjouterObjectif(null, "OG1", "Accès à l'emploi");
        var a1 = plan.AjouterAction(og.Id, new ContenuAction("Forums", null, "", "", "", null, []), Personnel, new DateOnly(2011, 1, 15));
        var a2 = plan.AjouterAction(og.Id, new ContenuAction("Parrainage", null, "", "", "", null, []), Personnel, new DateOnly(2011, 1, 15));
        plan.ChangerStatutAction(a1.Id, StatutAction.EnCours, new DateOnly(2011, 2, 1), "Directrice");
        plan.ChangerStatutAction(a2.Id, StatutAction.EnCours, new DateOnly(2011, 2, 1), "Directrice");
        var i1 = plan.AjouterIndicateur(a1.Id, "Forums organisés", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 4 });
        plan.AjouterIndicateur(a2.Id, "Parrainages", NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [2011] = 10 });
        using (var db = database.CreateMigratedContext())
        {
            db.Structures.Add(new() { Code = "S1", Nom = "Mission Locale 1", Region = "84" });
            db.SaveChanges();
            await new PlanRepository(db).EnregistrerAsync(plan, null, "Directrice");
        }
        using (var db = database.CreateContext())
        {
            var repo = new PlanRepository(db);
            var lu = (await repo.PlanAsync(plan.Id))!;
            lu.ModifierObjectif(og.Id, "OG-1", "Accès à l'emploi durable", null);
            lu.ModifierIndicateur(i1.Id, "Forums emploi", SensCible.AuMoins, new Dictionary<int, double> { [2012] = 5 }, ProfilMensuel.De([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1]));
            lu.SupprimerAction(a2.Id);
            await repo.EnregistrerAsync(lu, await repo.VersionAsync(plan.Id), "Directrice");
        }
        using (var db = database.CreateContext())
        {
            var relu = (await new PlanRepository(db).PlanAsync(plan.Id))!;
            Assert.Equal(("OG-1", "Accès à l'emploi durable"), (relu.Objectifs.Single().Code, relu.Objectifs.Single().Libelle));
            Assert.Equal([a1.Id], relu.Actions.Select(a => a.Id));
            var i = relu.Indicateurs.Single();
            Assert.Equal(("Forums emploi", 5.0, 0.0), (i.Libelle, i.Cibles[2012], i.Profil!.Poids[6]));
            Assert.Equal([a1.Id], db.Set<PlanActionStatutEntity>().Where(s => s.PlanId == plan.Id).Select(s => s.ActionId).ToList());
            Assert.Equal(StatutAction.EnCours, relu.Actions.Single().Statut);
        }
    }
}
