using Jalon.Domain.Employeurs;
using Jalon.Storage;
using Jalon.Storage.Employeurs;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Seed;

/// <summary>
/// The employer side of the generated demo (docs/employeurs.md). Companies, exchanges, offers, MER and periods in a
/// company come with the generated package and its import (<c>Jalon.Generator.EmployeurGenerator</c>: drawn from the
/// journeys themselves, one place for the generator and the demo). What the exchange format does not carry is added
/// here: the job searches of one young person in ten with a commune, on the occupations of the open offers, so that the
/// matching pages have something to show.
/// </summary>
public static class EmployeurDemo
{
    public static async Task SeedAsync(JalonDbContext db, IEnumerable<string> structures, long seed)
    {
        foreach (var structure in structures)
        {
            var rng = new Random(HashCode.Combine(seed, structure.GetHashCode(StringComparison.Ordinal)));
            var ouvertes = await db.Offres.Where(o => o.StructureCode == structure && o.Statut == StatutOffre.Ouverte)
                .Select(o => o.Rome).Distinct().OrderBy(r => r).ToListAsync();
            if (ouvertes.Count == 0) ouvertes = [.. Referentiels.Rome.Echantillon.Take(5).Select(r => r.Code)];
            var jeunes = await db.Jeunes.Where(j => j.StructureCode == structure && j.Commune != null).OrderBy(j => j.JeuneId).Select(j => j.JeuneId).ToListAsync();
            foreach (var jeune in jeunes.Where(_ => rng.Next(10) == 0))
            {
                db.RecherchesEmploi.Add(new RechercheEmploiEntity
                {
                    StructureCode = structure, JeuneId = jeune, Romes = ouvertes[rng.Next(ouvertes.Count)], Mobilite = (Mobilite)rng.Next(1, 4),
                });
            }
            await db.SaveChangesAsync();
        }
    }
}
