using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The periods in a company and the sponsors of the generated demo (docs/employeurs.md), after the import of the generated
/// package (whose immersions.csv gives each closed PMSMP its host company): half of the PMSMP of the last two years get a
/// tutor, an objective and, once over, the three-way review's words; when a job situation of the journey
/// (not already a MER's hire) starts within 60 days after the period, the follow-up is that hire. No situation is added:
/// the indicators of the journeys do not move. Each Mission Locale gets six sponsors, who follow most recent parrainages.
/// </summary>
public static class ImmersionDemo
{
    private static readonly string[] Objectifs =
    [
        "Découvrir un métier", "Confirmer le projet professionnel", "Initier une démarche de recrutement", "Découvrir l'environnement de travail",
    ];

    private static readonly string[] AvisJeune = ["J'ai aimé le travail en équipe", "Le métier me plaît", "Plus dur que prévu", "Je veux continuer dans ce domaine"];
    private static readonly string[] AvisTuteur = ["Ponctuel et motivé", "Bonne intégration dans l'équipe", "Doit gagner en autonomie", "Curieux, pose les bonnes questions"];
    private static readonly string[] AvisConseiller = ["Projet confirmé", "Période concluante", "À retravailler en entretien", "Piste de recrutement"];

    private static readonly (string Profession, string Disponibilites)[] Parrains =
    [
        ("Cheffe de cuisine", "le lundi après-midi"), ("Artisan électricien", "le samedi matin"), ("Responsable des ressources humaines", "deux jeunes au plus"),
        ("Conducteur de travaux", "en soirée"), ("Infirmière", "le mercredi"), ("Commerçant retraité", "tous les jours"),
    ];

    /// <summary>The job situations a hire after a period can be: those of a contract (not self-employment).</summary>
    private static readonly HashSet<TypeSituation> Contrats = [.. Enum.GetValues<TypeContrat>().Select(EmployeurRules.SituationOf)];

    public static async Task SeedAsync(JalonDbContext db, IEnumerable<string> structures, DateOnly today, long seed)
    {
        foreach (var structure in structures)
        {
            var rng = new Random(HashCode.Combine(seed, structure.GetHashCode(StringComparison.Ordinal), 19));
            var entreprises = await db.Entreprises.AsNoTracking().Where(e => e.StructureCode == structure).Select(e => e.Id).ToListAsync();
            if (entreprises.Count == 0) continue;
            var depuis = today.AddYears(-2);
            // The periods come from the generated package's immersions.csv (its import, EmployeurExchange): the demo
            // gives half of the recent ones what the exchange format does not carry (tutor, objective, the review's words).
            var pmsmp = await (from i in db.Immersions
                               where i.StructureCode == structure && i.Type == TypeImmersion.Pmsmp && i.Tuteur == null
                               join s in db.Situations on i.SituationId equals s.Id
                               where s.Debut >= depuis && s.Fin != null
                               orderby i.Id
                               select new { Immersion = i, s.JeuneId, s.Debut, Fin = s.Fin!.Value }).ToListAsync();
            var emplois = (await db.Situations.AsNoTracking().Where(s => s.StructureCode == structure && s.Debut >= depuis)
                    .Select(s => new { s.Id, s.JeuneId, s.Type, s.Debut }).ToListAsync())
                .Where(s => Contrats.Contains(s.Type)).GroupBy(s => s.JeuneId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Debut).ToList());
            var prises = (await db.MisesEnRelation.Where(m => m.StructureCode == structure && m.SituationId != null).Select(m => m.SituationId!.Value).ToListAsync()).ToHashSet();
            prises.UnionWith(await db.Immersions.Where(i => i.StructureCode == structure && i.SuiteSituationId != null).Select(i => i.SuiteSituationId!.Value).ToListAsync());
            var n = 0;
            foreach (var p in pmsmp.Where(p => EmployeurRules.ImmersionError(p.Debut, p.Fin, null) is null && rng.Next(2) == 0))
            {
                n++;
                var immersion = p.Immersion;
                immersion.Tuteur = $"Tuteur {n}";
                immersion.Objectif = Objectifs[rng.Next(Objectifs.Length)];
                if (p.Fin < today && rng.Next(5) > 0)
                {
                    immersion.BilanLe ??= p.Fin.AddDays(rng.Next(0, 8)) is var b && b <= today ? b : today;
                    immersion.BilanJeune = AvisJeune[rng.Next(AvisJeune.Length)];
                    immersion.BilanTuteur = AvisTuteur[rng.Next(AvisTuteur.Length)];
                    immersion.BilanConseiller = AvisConseiller[rng.Next(AvisConseiller.Length)];
                    var embauche = emplois.GetValueOrDefault(p.JeuneId)?.FirstOrDefault(s => s.Debut >= p.Debut && s.Debut <= p.Fin.AddDays(60) && !prises.Contains(s.Id));
                    if (embauche is not null)
                    {
                        prises.Add(embauche.Id);
                        immersion.Suite = embauche.Type == TypeSituation.Apprentissage ? SuiteImmersion.Apprentissage : SuiteImmersion.Embauche;
                        immersion.SuiteSituationId = embauche.Id;
                    }
                    else
                    {
                        immersion.Suite = (SuiteImmersion)rng.Next(2, 6);
                    }
                }
            }
            await db.SaveChangesAsync();

            var parrains = new List<ParrainEntity>();
            for (var i = 0; i < Parrains.Length; i++)
            {
                var (profession, disponibilites) = Parrains[i];
                parrains.Add(EmployeurStore.AjouterParrain(db, structure, $"Parrain {i + 1}", profession, rng.Next(2) == 0 ? entreprises[rng.Next(entreprises.Count)] : null,
                    disponibilites));
            }
            var parrainages = await db.Parrainages.AsNoTracking().Where(p => p.StructureCode == structure && (p.Fin == null || p.Fin >= depuis))
                .Select(p => p.Id).ToListAsync();
            foreach (var id in parrainages.Where(_ => rng.Next(10) < 8))
                db.ParrainageParrains.Add(new ParrainageParrainEntity { ParrainageId = id, StructureCode = structure, ParrainId = parrains[rng.Next(parrains.Count)].Id });
            await db.SaveChangesAsync();
        }
    }
}
