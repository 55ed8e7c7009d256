using Jalon.Domain.Employeurs;
using Jalon.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests;

/// <summary>The employer side of the demo (docs/employeurs.md): companies, offers and MER for every Mission Locale, consistent with the journeys.</summary>
public sealed class EmployeurDemoTests(RegionDemoWebFactory factory) : IClassFixture<RegionDemoWebFactory>
{
    [Fact]
    public async Task Every_mission_locale_of_the_demo_has_companies_offers_and_mer_whose_hires_are_the_journeys_own_job_situations()
    {
        _ = factory.Anonymous(); // starts the application, hence the seed
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        var structures = await db.Structures.Select(s => s.Code).ToListAsync();
        var entreprises = await db.Entreprises.GroupBy(e => e.StructureCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        Assert.All(structures, s => Assert.InRange(entreprises.GetValueOrDefault(s), 30, 300));
        Assert.All(await db.Entreprises.Select(e => e.Siret).ToListAsync(), s => Assert.True(Siret.IsValid(s), s));
        Assert.All(structures, s => Assert.True(db.MisesEnRelation.Any(m => m.StructureCode == s), $"{s} sans mise en relation"));

        // A hire is the journey's own job situation of the offer's contract, of the same young person, after the proposal.
        var embauches = await (from m in db.MisesEnRelation
                               join p in db.Propositions on m.PropositionId equals p.Id
                               join s in db.Situations on m.SituationId equals s.Id
                               join o in db.Offres on m.OffreId equals o.Id
                               where m.Issue == IssueMiseEnRelation.Embauche
                               select new { m.JeuneId, PJeune = p.JeuneId, SJeune = s.JeuneId, p.Date, s.Debut, s.Type, o.Contrat, o.Statut }).ToListAsync();
        Assert.NotEmpty(embauches);
        Assert.All(embauches, e =>
        {
            Assert.Equal(e.JeuneId, e.PJeune);
            Assert.Equal(e.JeuneId, e.SJeune);
            Assert.InRange(e.Debut.DayNumber - e.Date.DayNumber, 0, 60);
            Assert.Equal(EmployeurRules.SituationOf(e.Contrat), e.Type);
            Assert.Equal(StatutOffre.Pourvue, e.Statut);
        });
        // Every MER is a job proposal of the journey, never a second record.
        Assert.Equal(await db.MisesEnRelation.CountAsync(),
            await db.MisesEnRelation.Join(db.Propositions, m => m.PropositionId, p => p.Id, (m, p) => p).CountAsync(p => p.Theme == Jalon.Domain.Theme.Emploi));
        Assert.True(await db.MisesEnRelation.AnyAsync(m => m.Issue == null));
        Assert.True(await db.Offres.AnyAsync(o => o.Statut == StatutOffre.Ouverte));
        Assert.True(await db.RecherchesEmploi.AnyAsync());
    }
}
