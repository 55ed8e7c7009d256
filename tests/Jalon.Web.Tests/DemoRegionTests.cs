using System.Net;
using AngleSharp.Html.Parser;
using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Storage;
using Jalon.Storage.Exchange;
using Jalon.Storage.Structures;
using Jalon.Web.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests;

/// <summary>The demo of <c>./jalon web</c> exactly as it starts (generated region, default volume), on SQLite.</summary>
public sealed class RegionDemoWebFactory : JalonWebFactory
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jalon:Seed:Source", "generateur");
        builder.UseSetting("Jalon:Seed:Jeunes", "12000");
    }
}

/// <summary>
/// The demo is a region (issue 8, item 9): Auvergne-Rhône-Alpes with the two seed Missions Locales built from their own
/// figures, at least ten Missions Locales in all, realistic portfolios, and the demo accounts where the tests expect them.
/// One seeding of the full demo for the whole class.
/// </summary>
public sealed class DemoRegionTests(RegionDemoWebFactory factory) : IClassFixture<RegionDemoWebFactory>
{
    private JalonDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<JalonDbContext>();

    [Fact]
    public async Task The_two_seed_Missions_Locales_show_their_own_plans_with_live_progress_and_the_regional_objectives_they_leave_uncovered()
    {
        var drome = await factory.SignedIn("directeur.drome");
        var liste = await drome.Html("/Plans");
        Assert.Contains("Offres de service de la Mission Locale (CPO)", liste);
        Assert.Contains("6 non couverts</span> <span>2-3, 2-4, 3-3, 4-2, 5-1, 5-2</span>", liste);
        Assert.DoesNotContain("affirmez votre potentiel", liste); // Moulins' projet associatif is not the Drôme's
        using var scope = factory.Services.CreateScope();
        var db = Db(scope);
        var offres = await db.Plans.AsNoTracking().SingleAsync(p => p.StructureCode == "DDCRV" && p.Type == Jalon.Domain.Plans.TypePlan.OffreDeService);
        var page = await drome.Html("/Plans/Plan?id=" + offres.Id);
        Assert.Contains("Nombre d'animations organisées", page);
        Assert.Contains("Sert l'objectif régional 2-1", page);
        Assert.Matches("Entrées en parcours nationaux</strong> \\(mesuré : I3\\.1\\)<br>\\s*<span class=\"valeur\">\\d", page);
        Assert.Matches("id=\"nombre-retard\">\\d+ actions? en retard", page); // at least the action due on 31 March, not done

        // Seed 001's projet de structure: two yearly action plans, each activating the five levers.
        var projetDeStructure = await db.Plans.AsNoTracking().Include(p => p.Objectifs).SingleAsync(p => p.StructureCode == "DDCRV" && p.Type == Jalon.Domain.Plans.TypePlan.ProjetDeStructure);
        Assert.Equal(["Levier : Services", "Levier : Partenariats", "Levier : Organisation du travail", "Levier : Management", "Levier : Professionnalisation"],
            projetDeStructure.Objectifs.Where(o => o.ParentId != null).OrderBy(o => o.Ordre).Select(o => o.Libelle).Take(5));
        Assert.Equal(2, projetDeStructure.Objectifs.Count(o => o.ParentId == null));
        Assert.Contains("Projets coopératifs avec les Missions Locales voisines", await drome.Html("/Plans/Plan?id=" + projetDeStructure.Id));

        var moulins = await factory.SignedIn("directeur.moulins");
        var projet = await db.Plans.AsNoTracking().Include(p => p.Objectifs).Include(p => p.Actions).SingleAsync(p => p.StructureCode == "MOULINS");
        Assert.Equal((2, 6, 18), (projet.Objectifs.Count(o => o.ParentId == null), projet.Objectifs.Count(o => o.ParentId != null), projet.Actions.Count));
        Assert.Contains("Recueillir la parole des jeunes", await moulins.Html("/Plans/Plan?id=" + projet.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await drome.GetAsync("/Plans/Plan?id=" + projet.Id)).StatusCode);

        // Seed 004's follow-up commission: its meetings already held, and the 18-month evaluation signed once its due date is past.
        var today = Dates.TodayInParis();
        var reunions = await db.PlanReunions.AsNoTracking().Where(r => r.PlanId == projet.Id).Select(r => r.Date).ToListAsync();
        Assert.Equal(new[] { new DateOnly(projet.AnneeDebut, 3, 20), new DateOnly(projet.AnneeDebut, 10, 12), new DateOnly(projet.AnneeDebut + 1, 5, 18) }.Where(d => d <= today), reunions.Order());
        var evaluation = await db.PlanEvaluations.AsNoTracking().SingleOrDefaultAsync(e => e.PlanId == projet.Id);
        if (new DateOnly(projet.AnneeDebut + 1, 6, 30) <= today)
        {
            Assert.Equal(("Direction de la Mission Locale de Moulins", Jalon.Domain.Plans.NatureEvaluation.DixHuitMois), (evaluation!.SigneePar, evaluation.Nature));
            var rapport = new HtmlParser().ParseDocument(await moulins.Html($"/Plans/Evaluation?id={projet.Id}&evaluation={evaluation.Id}")).QuerySelector("article#evaluation")!.TextContent;
            Assert.Contains("Signée par Direction de la Mission Locale de Moulins", rapport);
            Assert.Contains("Réunion du 12/10/", rapport);
        }
        else
        {
            Assert.Null(evaluation);
        }
    }

    [Fact]
    public async Task The_demo_region_has_a_demarche_de_progres_with_four_validated_etats_des_lieux_and_seed_001s_four_recommendations()
    {
        var etat = await factory.SignedIn("etat.region");
        var liste = await etat.Html("/Plans/Progres");
        Assert.Contains("4 sur 14", liste);
        using var scope = factory.Services.CreateScope();
        var demarche = await Db(scope).ProgresDemarches.AsNoTracking().SingleAsync();
        var page = await etat.Html("/Plans/Progres/Demarche?id=" + demarche.Id);
        var preconisations = System.Text.RegularExpressions.Regex.Match(page, "<ol id=\"liste-preconisations\">([\\s\\S]*?)</ol>").Groups[1].Value;
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(preconisations, "<li>"));
        Assert.Contains("Une meilleure territorialisation de l'offre de services des structures", page);
        Assert.Contains("Une plus grande synergie dans le pilotage du réseau", page);
        Assert.Contains("99 communes, 14 sites de permanence", page); // the Drôme des Collines' validated état des lieux
        // The fifth, a draft, shows no content to the State.
        var brouillon = await Db(scope).ProgresEtatsDesLieux.AsNoTracking().SingleAsync(e => e.ValideLe == null);
        var nom = (await Db(scope).Structures.AsNoTracking().SingleAsync(x => x.Code == brouillon.StructureCode)).Nom;
        Assert.Equal(2, page.Split(" : offre de services centrée").Length - 1); // the two generated ones validated
        Assert.DoesNotContain($"{nom} : offre de services centrée", page);
        var drome = await factory.SignedIn("directeur.drome");
        Assert.Contains("validé le", await drome.Html("/Plans/Progres/Demarche?id=" + demarche.Id));
    }

    [Fact]
    public async Task The_demo_is_a_region_of_at_least_ten_Missions_Locales_with_the_two_seed_ones_and_their_real_figures()
    {
        _ = factory.Anonymous(); // starts the application, hence the seed
        using var scope = factory.Services.CreateScope();
        var db = Db(scope);
        var structures = await db.Structures.AsNoTracking().ToListAsync();
        Assert.All(structures, s => Assert.Equal("84", s.Region));
        Assert.InRange(structures.Count, 10, 50);
        Assert.Contains(structures, s => s.Code == "DDCRV" && s.Nom == "Mission Locale Drôme des Collines-Royans-Vercors");
        Assert.Contains(structures, s => s.Code == "MOULINS" && s.Departement == "03");
        Assert.True(await db.Jeunes.CountAsync() >= 10_000);

        // Their real territories (the seeds' own lists), their sites, the 2010 BRH and the 2019 budget.
        Assert.Equal(126, await db.TerritoireCommunes.CountAsync(t => t.StructureCode == "MOULINS"));
        Assert.Equal(99, await db.TerritoireCommunes.CountAsync(t => t.StructureCode == "DDCRV"));
        Assert.Equal(14, await db.Sites.CountAsync(s => s.StructureCode == "DDCRV")); // head office, antenne, 12 permanences
        var b1 = await db.BrhLignes.SingleAsync(l => l.StructureCode == "DDCRV" && l.Annee == 2010 && l.Code == "B1");
        Assert.Equal(29m, b1.Total);
        var moulins2019 = await new StructureRepository(db).MoyensEffectifsAsync("MOULINS", 2019);
        Assert.Equal(705_004m, moulins2019.Retenus.FinancementEtat);
        Assert.True(await db.Contexte.AnyAsync(c => c.StructureCode == "DDCRV" && c.Annee == 2010));
        // The young people of a seed Mission Locale live in its territory.
        var territoire = await db.TerritoireCommunes.Where(t => t.StructureCode == "MOULINS").Select(t => t.Commune).ToListAsync();
        var communes = await db.Jeunes.Where(j => j.StructureCode == "MOULINS").Select(j => j.Commune).Distinct().ToListAsync();
        Assert.All(communes, c => Assert.Contains(c, territoire));
        // Every generated structure has its territory, sites, BRH and budget too.
        Assert.All(structures, s => Assert.True(db.TerritoireCommunes.Any(t => t.StructureCode == s.Code) && db.BrhLignes.Any(l => l.StructureCode == s.Code), s.Code));
    }

    [Fact]
    public async Task Every_counsellor_follows_between_80_and_150_active_young_people()
    {
        _ = factory.Anonymous();
        using var scope = factory.Services.CreateScope();
        var db = Db(scope);
        var today = Dates.TodayInParis(scope.ServiceProvider.GetService<TimeProvider>());
        var conseillers = await db.Users.AsNoTracking().Where(u => u.Role == Role.Conseiller).ToListAsync();
        Assert.True(conseillers.Count >= 50, $"{conseillers.Count} counsellors");
        var sizes = new List<int>();
        foreach (var structure in conseillers.GroupBy(c => c.StructureCode!))
        {
            var package = PackageLoader.Load(db, structure.Key);
            var owner = await db.Jeunes.Where(j => j.StructureCode == structure.Key).ToDictionaryAsync(j => j.JeuneId, j => j.ConseillerId);
            var active = new Dictionary<int, int>();
            for (var i = 0; i < package.Jeunes.Length; i++)
            {
                Assert.NotNull(owner[package.Jeunes[i].Id]); // everyone has a counsellor
                if (PortfolioAlerts.IsFollowed(package.Journey(i), today))
                    active[owner[package.Jeunes[i].Id]!.Value] = active.GetValueOrDefault(owner[package.Jeunes[i].Id]!.Value) + 1;
            }
            foreach (var c in structure) sizes.Add(active.GetValueOrDefault(c.Id));
        }
        Assert.All(sizes, n => Assert.InRange(n, 80, 150));
    }

    [Fact]
    public async Task The_demo_accounts_keep_their_names_and_places()
    {
        _ = factory.Anonymous();
        using var scope = factory.Services.CreateScope();
        var users = await Db(scope).Users.AsNoTracking().ToDictionaryAsync(u => u.Login);
        foreach (var (login, _, role, structure, regional) in DemoSeed.Accounts)
        {
            Assert.True(users.TryGetValue(login, out var user), login);
            Assert.Equal(role, user.Role);
            Assert.Equal(structure switch { 0 => "DDCRV", 1 => "MOULINS", _ => null }, user.StructureCode);
            Assert.Equal(regional ? "84" : null, user.RegionCode);
        }
        Assert.Equal(Role.Directeur, users["directeur.ml0001"].Role);
    }

    [Theory]
    [InlineData("/Pilotage?niveau=region&code=84")]
    [InlineData("/Pilotage/Matrice?region=84")]
    public async Task The_State_in_the_region_sees_every_Mission_Locale_of_the_region(string route)
    {
        var client = await factory.SharedSession("etat.region");
        var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        using var scope = factory.Services.CreateScope();
        var noms = await Db(scope).Structures.Select(s => s.Nom).ToListAsync();
        var text = (await new HtmlParser().ParseDocumentAsync(html)).Body!.TextContent;
        Assert.All(noms, nom => Assert.Contains(nom, text, StringComparison.Ordinal));
    }

    /// <summary>
    /// The demo's shop window for the Région (docs/financement-region.md): every structure of the region has a JANO for N−1
    /// and the current year's envelope is recorded as a simulation, so <c>/Financement</c> shows the allocation of the whole
    /// envelope, not « JANO manquant ».
    /// </summary>
    [Fact]
    public async Task The_Region_finds_a_simulated_allocation_of_its_envelope_for_the_current_year()
    {
        var region = await factory.SharedSession("region");
        using var scope = factory.Services.CreateScope();
        var db = Db(scope);
        var annee = Dates.TodayInParis(scope.ServiceProvider.GetService<TimeProvider>()).Year;
        var codes = await db.Structures.Where(s => s.Region == "84").OrderBy(s => s.Code).Select(s => s.Code).ToListAsync();
        Assert.All(codes, c => Assert.True(db.Moyens.Any(m => m.StructureCode == c && m.Annee == annee - 1 && m.Jano > 0), c));
        var allocation = await db.AllocationsRegionales.SingleAsync();
        Assert.Equal(("84", annee, Jalon.Indicators.Financement.StatutAllocation.Simulation, DemoSeed.EnveloppeDemo),
            (allocation.RegionCode, allocation.Annee, allocation.Statut, allocation.Enveloppe));

        var page = new HtmlParser().ParseDocument(await region.Html("/Financement"));
        Assert.Null(page.QuerySelector("#erreurs-financement"));
        var lignes = page.QuerySelectorAll("#allocation tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray())
            .Where(l => codes.Contains(l[0])).ToArray();
        Assert.Equal(codes, lignes.Select(l => l[0]));
        static decimal Euros(string s) => decimal.Parse(s.Replace("€", "").Replace('\u202F', ' ').Replace('\u00A0', ' ').Replace(" ", ""), System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        // Column 4 is the structure's total: every structure gets money and the totals make the whole envelope.
        Assert.All(lignes, l => Assert.True(Euros(l[4]) > 0, l[0]));
        Assert.Equal(DemoSeed.EnveloppeDemo, lignes.Sum(l => Euros(l[4])));
    }
}
