using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Storage.Structures;

namespace Jalon.Web.Seed;

/// <summary>
/// Seed 001's « projet de structure » as demo content (docs/plans.md): a three-year project whose yearly action plan
/// (« un plan d'innovation ») activates levers — services, partnerships, work organisation, management,
/// professionalisation. Seed 001 (the Alsace « démarche de progrès ») names no Mission Locale: the demo gives the
/// project to the Drôme des Collines, the first seed Mission Locale of the demo region. Each yearly action plan is a
/// general objective, each lever an operational objective under it with its action sheets.
/// </summary>
public static class DemoProjetDeStructure
{
    /// <summary>The levers of seed 001 and, per lever, the action sheets of a year (title, partners, a manual indicator's label and target, or a catalogue key).</summary>
    private static readonly (string Levier, (string Titre, string Partenaires, string? Indicateur, double Cible, string? Cle)[] Actions)[] Leviers =
    [
        ("Services", [("Territorialiser l'offre de services : une permanence par bassin de vie", "Communes, intercommunalités", null, 600, "I2")]),
        ("Partenariats", [("Projets coopératifs avec les Missions Locales voisines", "Missions Locales du département", "Projets coopératifs engagés", 2, null),
            ("Opérations avec les chambres consulaires et les OPCA", "CCI, CMA, OPCA", "Opérations menées", 4, null)]),
        ("Organisation du travail", [("Réorganiser l'accueil en binômes accueil – conseil", "", null, 0, null)]),
        ("Management", [("Animer l'équipe par des objectifs partagés : revue trimestrielle du plan d'action", "", "Revues trimestrielles tenues", 4, null)]),
        ("Professionnalisation", [("Plan de formation : accompagnement global renouvelé", "Organisme de formation du réseau", "Salariés formés", 6, null)]),
    ];

    public static async Task SeedAsync(JalonDbContext db, string structure, string region, DateOnly today)
    {
        var n = today.Year;
        var equipe = (await new StructureRepository(db).PersonnelAsync(structure)).Select(p => p.Membre).ToList();
        Pilote? Pilote(int i) => equipe.Count == 0 ? null : new Pilote(equipe[i % equipe.Count].Id, "");
        var plan = Plan.Creer(TypePlan.ProjetDeStructure, $"Projet de structure {n - 1}–{n + 1} et plans d'action annuels", n - 1, n + 1, structure, region);
        var k = 0;
        foreach (var annee in new[] { n - 1, n })
        {
            var general = plan.AjouterObjectif(null, $"PA{annee}", $"Plan d'action {annee} : améliorer la qualité du service rendu aux jeunes");
            for (var l = 0; l < Leviers.Length; l++)
            {
                var (levier, actions) = Leviers[l];
                var op = plan.AjouterObjectif(general.Id, $"PA{annee}-L{l + 1}", $"Levier : {levier}");
                foreach (var (titre, partenaires, indicateur, cible, cle) in actions)
                {
                    var a = plan.AjouterAction(op.Id, new ContenuAction(titre, Pilote(k++), partenaires, "Jeunes du territoire", "", new DateOnly(annee, 12, 31), []), equipe, today);
                    plan.ChangerStatutAction(a.Id, StatutAction.EnCours, Min(new DateOnly(annee, 1 + l, 15), today), "Direction");
                    if (annee < n) plan.ChangerStatutAction(a.Id, l == 2 ? StatutAction.Abandonnee : StatutAction.Realisee, new DateOnly(annee, 12, 15), "Direction");
                    if (cle is not null)
                        plan.AjouterIndicateur(a.Id, "Premiers accueils", NatureIndicateur.Effectif, SensCible.AuMoins, cle, new Dictionary<int, double> { [annee] = cible });
                    else if (indicateur is not null)
                    {
                        var i = plan.AjouterIndicateur(a.Id, indicateur, NatureIndicateur.Effectif, SensCible.AuMoins, null, new Dictionary<int, double> { [annee] = cible });
                        var date = annee < n ? new DateOnly(annee, 12, 31) : today.Month > 1 ? new DateOnly(n, today.Month - 1, 1) : (DateOnly?)null;
                        if (date is { } d) plan.SaisirValeur(i.Id, d, annee < n ? cible : Math.Floor(cible * (today.Month - 1) / 12));
                    }
                }
            }
        }
        plan.ChangerStatut(StatutPlan.EnCours);
        await new PlanRepository(db).EnregistrerAsync(plan, null, "Direction de la Mission Locale");
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
