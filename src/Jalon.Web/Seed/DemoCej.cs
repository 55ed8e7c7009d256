using Jalon.Domain;
using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;
using Jalon.Storage;
using Jalon.Storage.Cej;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The CEJ of the demo (docs/cej.md): young people of the first structure's counsellors, 16 to 25 and in no path today, sign a CEJ
/// some weeks ago; their weeks have done and planned actions, appointments and collective sessions (about a third of the weeks
/// under the minimum), the older weeks validated; their allowance of the months before is validated by the counsellor, and the
/// oldest month by the director, requested from the ASP and paid. Amounts come from the rule set, through <see cref="CejStore"/>.
/// </summary>
public static class DemoCej
{
    /// <summary>Young people in a CEJ per counsellor: the second counsellor's portfolio is over the caseload alert.</summary>
    public static readonly int[] ParConseiller = [12, 32];

    public static async Task SeedAsync(JalonDbContext db, string structure, IReadOnlyList<UserEntity> conseillers, DateOnly today, int seed)
    {
        var rng = new Random(seed);
        var regles = ReglesDispositifs.Publiees;
        var cej = regles.Cej(today);
        if (cej is null) return;
        var ouverts = await db.Parcours.AsNoTracking()
            .Where(p => p.StructureCode == structure && (p.Fin == null || p.Fin >= today.AddMonths(-6)))
            .Select(p => p.JeuneId).Distinct().ToListAsync();
        var exclus = ouverts.ToHashSet(StringComparer.Ordinal);
        var plusJeune = today.AddYears(-cej.AgeMin);
        var plusVieux = today.AddYears(-cej.AgeMax - 1).AddDays(1);
        var lundi = SemainesCej.Lundi(today);
        var sessions = new List<CejSessionEntity>();
        for (var w = 1; w <= 12; w++)
        {
            var s = new CejSessionEntity
            {
                StructureCode = structure, Date = lundi.AddDays(-7 * w + 1), Theme = w % 2 == 0 ? "Atelier CV et lettre de motivation" : "Information collective : les métiers qui recrutent",
                Categorie = w % 2 == 0 ? CategorieActivite.Atelier : CategorieActivite.Information, Heures = 3m,
            };
            sessions.Add(s);
            db.CejSessions.Add(s);
        }
        foreach (var (c, heures) in new[] { (CategorieActivite.Emploi, 3m), (CategorieActivite.Formation, 4m), (CategorieActivite.Atelier, 2m), (CategorieActivite.Information, 1.5m) })
            db.CejHeuresDefaut.Add(new CejHeuresDefautEntity { StructureCode = structure, Categorie = c, Heures = heures });
        await db.SaveChangesAsync();

        var signataires = new List<(JeuneEntity Jeune, DateOnly Debut, string Conseiller)>();
        for (var k = 0; k < conseillers.Count && k < ParConseiller.Length; k++)
        {
            var conseiller = conseillers[k];
            var candidats = await db.Jeunes.Where(j => j.StructureCode == structure && j.ConseillerId == conseiller.Id && j.AnonymiseLe == null
                                                       && j.Naissance <= plusJeune && j.Naissance >= plusVieux)
                .OrderBy(j => j.JeuneId).Take(ParConseiller[k] * 3).ToListAsync();
            foreach (var j in candidats.Where(j => !exclus.Contains(j.JeuneId)).Take(ParConseiller[k]))
            {
                var debut = lundi.AddDays(-7 * rng.Next(3, 13));
                db.Parcours.Add(new ParcoursEntity { StructureCode = structure, JeuneId = j.JeuneId, Dispositif = Dispositif.Cej, Debut = debut, Neet = true });
                signataires.Add((j, debut, conseiller.Login));
            }
        }
        await db.SaveChangesAsync();

        var categories = Enum.GetValues<CategorieActivite>();
        foreach (var (j, debut, login) in signataires)
        {
            for (var semaine = debut; semaine <= lundi; semaine = semaine.AddDays(7))
            {
                // About a third of the weeks under the minimum (issue 14): 8 to 14 h, else 15 to 20 h.
                var cible = rng.Next(3) == 0 ? rng.Next(8, 15) : rng.Next(15, 21);
                var total = 0m;
                var session = sessions.FirstOrDefault(s => SemainesCej.Lundi(s.Date) == semaine);
                if (session is not null && rng.Next(2) == 0)
                {
                    var presence = rng.Next(8) == 0 ? Presence.AbsenceInjustifiee : Presence.Present;
                    db.CejParticipants.Add(new CejParticipantEntity { StructureCode = structure, SessionId = session.Id, JeuneId = j.JeuneId, Presence = presence });
                    if (presence == Presence.Present) total += session.Heures;
                }
                db.CejRendezVous.Add(new CejRendezVousEntity
                {
                    StructureCode = structure, JeuneId = j.JeuneId, Date = semaine.AddDays(rng.Next(5)), Heure = new TimeOnly(9 + rng.Next(8), 0), Heures = 1m,
                    Objet = "Point hebdomadaire", ConseillerId = j.ConseillerId, Rappel = semaine.AddDays(-1),
                    Presence = semaine == lundi ? Presence.Prevue : rng.Next(10) == 0 ? Presence.AbsenceJustifiee : Presence.Present,
                });
                total += 1m;
                while (total < cible)
                {
                    var h = Math.Min(rng.Next(2, 8), cible - total);
                    db.CejActivites.Add(new CejActiviteEntity
                    {
                        StructureCode = structure, JeuneId = j.JeuneId, Date = semaine.AddDays(rng.Next(5)), Categorie = categories[rng.Next(categories.Length)], Heures = h,
                        Etat = semaine == lundi ? EtatActivite.Prevue : EtatActivite.Realisee,
                    });
                    total += h;
                }
                if (semaine <= lundi.AddDays(-21))
                    db.CejSemaines.Add(new CejSemaineEntity { StructureCode = structure, JeuneId = j.JeuneId, Lundi = semaine, HeuresDeclarees = total, ValideeLe = DateTime.UtcNow, ValideePar = login });
            }
        }
        await db.SaveChangesAsync();

        var store = new CejStore(db, regles);
        var moisCourant = Allocation.MoisDe(today);
        foreach (var (j, debut, login) in signataires)
        {
            var anterieurs = new List<long>();
            for (var mois = Allocation.MoisDe(debut); mois < moisCourant; mois = mois.AddMonths(1))
            {
                var row = await store.ValiderConseillerAsync(structure, j.JeuneId, mois, rng.Next(3) == 0 ? FoyerFiscal.PremiereTranche : FoyerFiscal.NonImposable,
                    rng.Next(6) == 0 ? rng.Next(100, 500) : 0m, false, rng.Next(8) == 0 ? 1 : 0, new Acteur(j.ConseillerId, login));
                if (mois < moisCourant.AddMonths(-1)) anterieurs.Add(row.Id);
            }
            if (anterieurs.Count > 0) await store.ValiderDirecteurAsync(structure, anterieurs, new Acteur(null, "directeur"));
        }
        for (var mois = moisCourant.AddMonths(-3); mois < moisCourant.AddMonths(-1); mois = mois.AddMonths(1))
        {
            var demandees = await store.DemanderAsync(structure, mois, new Acteur(null, "directeur"));
            await store.AppliquerRetoursAsync(structure, "retour-asp-demo.csv",
                [.. demandees.Select((d, i) => new RetourAllocation(i + 2, d.Jeune.JeuneId, mois, i % 9 != 4, i % 9 != 4 ? null : "Coordonnées bancaires à compléter"))],
                new Acteur(null, "directeur"));
        }
    }
}
