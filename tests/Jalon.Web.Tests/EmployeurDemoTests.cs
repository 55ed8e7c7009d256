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

    [Fact]
    public async Task Every_mission_locale_of_the_demo_has_reviewed_immersions_on_its_own_pmsmp_and_sponsors_following_young_people()
    {
        _ = factory.Anonymous();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JalonDbContext>();
        var structures = await db.Structures.Select(s => s.Code).ToListAsync();
        var immersions = await (from i in db.Immersions
                                join s in db.Situations on i.SituationId equals s.Id
                                select new { i.StructureCode, i.JeuneId, SJeune = s.JeuneId, s.Type, s.Fin, i.BilanLe, i.Suite, i.SuiteSituationId }).ToListAsync();
        var parrains = await db.Parrains.GroupBy(p => p.StructureCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        Assert.All(structures, s =>
        {
            Assert.Contains(immersions, i => i.StructureCode == s && i.BilanLe != null);
            Assert.Equal(6, parrains.GetValueOrDefault(s));
        });
        // A period is the journey's own PMSMP of the same young person; its review follows its end.
        Assert.All(immersions, i =>
        {
            Assert.Equal((i.JeuneId, Jalon.Domain.TypeSituation.Pmsmp), (i.SJeune, i.Type));
            if (i.BilanLe is { } b) Assert.True(b >= i.Fin || b == Jalon.Domain.Dates.TodayInParis(), $"bilan {b} avant la fin {i.Fin}");
        });
        // A hire after a period is a job situation of the same young person, claimed by no MER.
        var suites = immersions.Where(i => i.SuiteSituationId != null).ToList();
        Assert.NotEmpty(suites);
        var ids = suites.Select(i => i.SuiteSituationId!.Value).ToList();
        var situations = await db.Situations.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        Assert.All(suites, i => Assert.Equal(i.JeuneId, situations[i.SuiteSituationId!.Value].JeuneId));
        Assert.False(await db.MisesEnRelation.AnyAsync(m => m.SituationId != null && ids.Contains(m.SituationId.Value)));
        Assert.True(await db.ParrainageParrains.AnyAsync());
    }
}
