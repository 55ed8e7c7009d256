using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Pilotage;
using Jalon.Storage.Plans;

namespace Jalon.Web.Seed;

/// <summary>
/// The dialogues de gestion of the demo (docs/pilotage.md), for the Drôme des Collines: the dialogue of last year concluded,
/// with its targets, its plan d'action (action sheets followed during that year: one done, one in progress, one not
/// started) and its relevé de conclusions validated by both parties; this year's dialogue opened by the State, which
/// opens on the review of last year.
/// </summary>
public static class DemoDialogues
{
    public static async Task SeedAsync(JalonDbContext db, string structure, string region, DateOnly today, string directeur, string agentEtat)
    {
        var ml = new Acteur(directeur, Role.Directeur, structure, region);
        var etat = new Acteur(agentEtat, Role.AgentEtatRegional, null, region);
        var grille = Jalon.Indicators.Catalogues.Catalogue.Load("cpo-2015").Objectifs;
        var n = today.Year;
        DateTimeOffset Le(int annee, int mois, int jour) => new(annee, mois, jour, 9, 0, 0, TimeSpan.Zero);

        // ---- Last year's dialogue, concluded, with its plan d'action and its validated relevé. ----
        var precedent = DialogueDeGestion.Ouvrir(ml, structure, region, n - 1, Le(n - 1, 2, 1));
        foreach (var e in Referentiel.Etapes) precedent.RedigerAnalyse(ml, e, $"Analyse {n - 2} de la Mission locale : {e.Aide()}");
        precedent.Transmettre(ml, Le(n - 1, 3, 1));
        precedent.OuvrirDialogue(etat, Le(n - 1, 4, 15));
        precedent.FixerObjectif(etat, grille, "R10", 0.35, commentaire: "Accès à l'emploi durable");
        precedent.FixerObjectif(etat, grille, "R8", 0.20, commentaire: "Moins de sorties sans solution");
        precedent.RedigerPlanAction(ml, ThemePlanAction.Employeurs, "Réseau de 240 entreprises partenaires", "Peu de PME de l'industrie");
        precedent.RedigerPlanAction(ml, ThemePlanAction.Parcours, "Premier accueil sous 8 jours", "Diagnostics tardifs");
        var plan = PlanActionDuDialogue.Creer(precedent);
        var jour = new DateOnly(n - 1, 4, 15);
        ContenuAction Fiche(string titre, DateOnly echeance) => new(titre, null, "", "", "", echeance, []);
        var diagnostic = PlanActionDuDialogue.AjouterAction(precedent, plan, ml, ThemePlanAction.Parcours, Fiche("Diagnostic dans les quatre semaines suivant le premier accueil", new DateOnly(n - 1, 12, 31)), [], jour);
        var forums = PlanActionDuDialogue.AjouterAction(precedent, plan, etat, ThemePlanAction.Employeurs, Fiche("Deux forums de recrutement avec les PME de l'industrie", new DateOnly(n - 1, 11, 30)), [], jour);
        PlanActionDuDialogue.AjouterAction(precedent, plan, ml, ThemePlanAction.IngenierieProjets, Fiche("Répondre à l'appel à projets mobilité du Département", new DateOnly(n - 1, 9, 30)), [], jour);
        precedent.ValiderConclusions(ml, Le(n - 1, 4, 20));
        precedent.ValiderConclusions(etat, Le(n - 1, 4, 22));
        plan.ChangerStatutAction(diagnostic.Id, StatutAction.EnCours, new DateOnly(n - 1, 5, 2), directeur);
        plan.ChangerStatutAction(forums.Id, StatutAction.EnCours, new DateOnly(n - 1, 5, 10), directeur);
        plan.ChangerStatutAction(forums.Id, StatutAction.Realisee, new DateOnly(n - 1, 11, 28), directeur);
        var releve = ReleveDeConclusions.De(precedent);
        releve.Rediger(etat, precedent, $"Les objectifs {n - 1} sont partagés : priorité à l'accès à l'emploi durable et à la réduction des sorties sans solution.",
            "Réaliser le diagnostic dans les quatre semaines suivant le premier accueil ; organiser deux forums de recrutement avec les PME de l'industrie.",
            $"Verser l'avance de la subvention au premier trimestre {n - 1} ; associer la Mission locale au comité de pilotage du service public de l'emploi local.");
        releve.Valider(etat, precedent, Le(n - 1, 4, 22));
        releve.Valider(ml, precedent, Le(n - 1, 4, 23));

        // ---- This year's dialogue, transmitted and opened by the State: it opens on the review of last year. ----
        var courant = DialogueDeGestion.Ouvrir(ml, structure, region, n, Le(n, 1, 1));
        foreach (var e in Referentiel.Etapes) courant.RedigerAnalyse(ml, e, $"Analyse {n - 1} de la Mission locale : {e.Aide()}");
        courant.Transmettre(ml, Le(n, 1, 1));
        courant.OuvrirDialogue(etat, Le(n, 1, 1));

        var repo = new PilotageRepository(db);
        await repo.EnregistrerAsync(precedent, null, directeur);
        await new PlanRepository(db).EnregistrerAsync(plan, null, directeur);
        await repo.EnregistrerAsync(releve, null, directeur);
        await repo.EnregistrerAsync(courant, null, agentEtat);
    }
}
