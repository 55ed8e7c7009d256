using Jalon.Domain;
using Jalon.Domain.Employeurs;
using Jalon.Referentiels;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The employer side of the generated demo (docs/employeurs.md): for each Mission Locale, companies of its young people's
/// communes (one per five young people, 30 to 300, valid SIRET and NAF), exchanges with them, and offers and MER drawn
/// from the journeys themselves: a job proposal of the journey becomes a MER on an offer of a company; when a job
/// situation of a matching contract starts within 60 days, the MER ends in that hire (the offer is filled by the MER)
/// — so the MER add no proposal and no situation to the journeys, and the indicators of the journeys do not move. The
/// other MER end in a refusal or no answer, or stay unresolved (about a quarter of the recent ones). A few open offers
/// and the job searches of some young people give the matching pages something to show.
/// </summary>
public static class EmployeurDemo
{
    private static readonly string[] NafDemo =
    [
        "56.10A", "56.10C", "47.11D", "47.11F", "43.21A", "43.34Z", "45.20A", "88.10A", "81.21Z", "49.41A", "10.71C", "55.10Z", "47.71Z", "52.10B",
        "86.10Z", "01.13Z", "41.20A", "96.02A",
    ];

    private static readonly string[] Formes = ["SARL", "SAS", "Établissements", "Entreprise", "Maison", "Atelier"];

    public static async Task SeedAsync(JalonDbContext db, IEnumerable<string> structures, DateOnly today, long seed)
    {
        var nafs = NafDemo.Select(c => Naf.Find(c)!).ToArray();
        var romes = Rome.Echantillon;
        foreach (var structure in structures)
        {
            var rng = new Random(HashCode.Combine(seed, structure.GetHashCode(StringComparison.Ordinal)));
            var communes = await db.Jeunes.Where(j => j.StructureCode == structure && j.Commune != null)
                .GroupBy(j => j.Commune!).Select(g => new { Code = g.Key, N = g.Count() }).OrderByDescending(g => g.N).Take(40).ToListAsync();
            if (communes.Count == 0) continue;
            var jeunes = communes.Sum(c => c.N);

            var entreprises = new List<EntrepriseEntity>();
            var sirets = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Clamp(jeunes / 5, 30, 300); i++)
            {
                var naf = nafs[rng.Next(nafs.Length)];
                var commune = communes[Math.Min(rng.Next(communes.Count), rng.Next(communes.Count))].Code;
                var nomCommune = InseeData.Instance.Current(commune)?.Nom ?? commune;
                string siret;
                do siret = Siret(rng); while (!sirets.Add(siret));
                entreprises.Add(new EntrepriseEntity
                {
                    StructureCode = structure, Siret = siret, Nom = $"{Formes[rng.Next(Formes.Length)]} {Court(naf.Libelle)} de {nomCommune} {i + 1}",
                    Naf = naf.Code, Taille = (TailleEntreprise)Math.Min(rng.Next(5), rng.Next(5)), Commune = commune, CreeLe = today.AddDays(-rng.Next(90, 1500)),
                    ContactNom = i % 3 == 0 ? null : $"Contact {i + 1}", ContactFonction = i % 3 == 0 ? null : "Responsable du recrutement",
                });
            }
            db.Entreprises.AddRange(entreprises);
            await db.SaveChangesAsync();
            foreach (var e in entreprises)
            {
                for (var k = rng.Next(4); k > 0; k--)
                {
                    db.EchangesEntreprises.Add(new EchangeEntrepriseEntity
                    {
                        StructureCode = structure, EntrepriseId = e.Id, Date = today.AddDays(-rng.Next(1, 700)), Mode = (ModeEchange)rng.Next(4),
                        Objet = (ObjetEchange)rng.Next(Enum.GetValues<ObjetEchange>().Length),
                    });
                }
            }

            // The journeys' job proposals of the last two years and the job situations that may follow them.
            var depuis = today.AddYears(-2);
            var propositions = await db.Propositions.AsNoTracking()
                .Where(p => p.StructureCode == structure && p.Theme == Theme.Emploi && p.Date >= depuis && p.Date <= today)
                .Select(p => new { p.Id, p.JeuneId, p.Date }).ToListAsync();
            var situations = (await db.Situations.AsNoTracking().Where(s => s.StructureCode == structure && s.Debut >= depuis)
                    .Select(s => new { s.Id, s.JeuneId, s.Type, s.Debut }).ToListAsync())
                .Where(s => Contrat(s.Type) is not null).GroupBy(s => s.JeuneId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Debut).ToList());
            var communeJeune = await db.Jeunes.Where(j => j.StructureCode == structure).Select(j => new { j.JeuneId, j.Commune })
                .ToDictionaryAsync(j => j.JeuneId, j => j.Commune);
            var prises = new HashSet<long>();
            var offres = new List<(OffreEntity Offre, long Proposition, string Jeune, IssueMiseEnRelation? Issue, DateOnly? IssueLe, long? Situation)>();
            foreach (var p in propositions.Where(_ => rng.NextDouble() < 0.6))
            {
                var e = entreprises[rng.Next(entreprises.Count)];
                var rome = romes[rng.Next(romes.Count)].Code;
                var suite = situations.GetValueOrDefault(p.JeuneId)?.FirstOrDefault(s => s.Debut >= p.Date && s.Debut <= p.Date.AddDays(60) && !prises.Contains(s.Id));
                var offre = new OffreEntity
                {
                    StructureCode = structure, EntrepriseId = e.Id, Intitule = Rome.Libelle(rome)!, Rome = rome, Commune = communeJeune.GetValueOrDefault(p.JeuneId) ?? e.Commune!,
                    RecueLe = p.Date.AddDays(-rng.Next(0, 21)), HeuresHebdo = rng.Next(3) == 0 ? 24 : 35, Postes = 1,
                };
                if (suite is not null)
                {
                    prises.Add(suite.Id);
                    offre.Contrat = Contrat(suite.Type)!.Value;
                    offre.DureeMois = offre.Contrat == TypeContrat.Cdi ? null : 6;
                    offre.Statut = StatutOffre.Pourvue;
                    offre.StatutLe = suite.Debut;
                    offre.Pourvoi = ModePourvoi.MiseEnRelation;
                    offres.Add((offre, p.Id, p.JeuneId, IssueMiseEnRelation.Embauche, suite.Debut, suite.Id));
                    continue;
                }
                offre.Contrat = rng.Next(3) == 0 ? TypeContrat.Cdi : TypeContrat.Cdd;
                offre.DureeMois = offre.Contrat == TypeContrat.Cdi ? null : rng.Next(1, 13);
                var recent = p.Date > today.AddDays(-60);
                IssueMiseEnRelation? issue = rng.NextDouble() < (recent ? 0.5 : 0.2) ? null : (IssueMiseEnRelation)rng.Next(1, 4);
                offre.Statut = recent ? StatutOffre.Ouverte : (rng.Next(2) == 0 ? StatutOffre.Expiree : StatutOffre.Pourvue);
                if (offre.Statut != StatutOffre.Ouverte) offre.StatutLe = p.Date.AddDays(rng.Next(15, 60));
                if (offre.Statut == StatutOffre.Pourvue) offre.Pourvoi = ModePourvoi.AutreCanal;
                offres.Add((offre, p.Id, p.JeuneId, issue, issue is null ? null : p.Date.AddDays(rng.Next(3, 20)), null));
            }
            db.Offres.AddRange(offres.Select(o => o.Offre));
            await db.SaveChangesAsync();
            db.MisesEnRelation.AddRange(offres.Select(o => new MiseEnRelationEntity
            {
                StructureCode = structure, JeuneId = o.Jeune, PropositionId = o.Proposition, Type = TypeMiseEnRelation.Emploi, OffreId = o.Offre.Id,
                EntrepriseId = o.Offre.EntrepriseId, Issue = o.Issue, IssueLe = o.IssueLe, SituationId = o.Situation,
            }));

            // The job searches of one young person in ten with a commune, on the occupations of the open offers.
            var ouvertes = offres.Where(o => o.Offre.Statut == StatutOffre.Ouverte).Select(o => o.Offre.Rome).Distinct().ToList();
            if (ouvertes.Count == 0) ouvertes = [.. romes.Take(5).Select(r => r.Code)];
            foreach (var (jeune, _) in communeJeune.Where(j => j.Value is not null).Where(_ => rng.Next(10) == 0))
            {
                db.RecherchesEmploi.Add(new RechercheEmploiEntity
                {
                    StructureCode = structure, JeuneId = jeune, Romes = ouvertes[rng.Next(ouvertes.Count)], Mobilite = (Mobilite)rng.Next(1, 4),
                });
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The contract of an offer that a job situation of the journey is the hire of, or null (self-employment, EAV…).</summary>
    private static TypeContrat? Contrat(TypeSituation type) => type switch
    {
        TypeSituation.Cdi => TypeContrat.Cdi,
        TypeSituation.Cdd => TypeContrat.Cdd,
        TypeSituation.Interim => TypeContrat.Interim,
        TypeSituation.Apprentissage => TypeContrat.Apprentissage,
        TypeSituation.ContratPro => TypeContrat.ContratPro,
        TypeSituation.CuiCie => TypeContrat.CuiCie,
        TypeSituation.CuiCae => TypeContrat.CuiCae,
        _ => null,
    };

    /// <summary>A random SIRET with a correct Luhn key.</summary>
    private static string Siret(Random rng)
    {
        var digits = new int[14];
        digits[0] = rng.Next(1, 10);
        for (var i = 1; i < 13; i++) digits[i] = rng.Next(10);
        var sum = 0;
        for (var i = 0; i < 13; i++)
        {
            // Positions from the right: the key (index 13) is position 0, so index i is position 13 − i; odd positions double.
            var d = digits[i];
            if ((13 - i) % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        digits[13] = (10 - sum % 10) % 10;
        return string.Concat(digits);
    }

    private static string Court(string libelle)
    {
        var mot = libelle.Split([' ', ',', '('], StringSplitOptions.RemoveEmptyEntries)[0];
        return mot.Length > 20 ? mot[..20] : mot.ToLowerInvariant();
    }
}
