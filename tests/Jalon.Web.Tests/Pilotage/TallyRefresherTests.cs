using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Jalon.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>The background refresh brings the stored tallies up to date after a write, so the next view reads them.</summary>
public abstract class TallyRefresherTests(JalonWebFactory factory)
{
    private static readonly Period Annee = Period.Year(DateTime.UtcNow.Year - 1);

    [Fact]
    public async Task After_a_write_the_refresh_recomputes_the_structure_and_the_dashboard_shows_the_new_figures()
    {
        var client = await factory.SignedIn("directeur");
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
        await client.Html(url); // stores the tallies of the region's structures
        var refresher = factory.Services.GetRequiredService<TallyRefresher>();
        Assert.Equal(0, refresher.RunOnce().Computed);

        // A young person welcomed in the year was recorded with the wrong sex; it is corrected.
        using (var db = factory.Db())
        {
            var jeune = db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.PremierAccueil >= Annee.Debut && j.PremierAccueil <= Annee.Fin)
                .OrderBy(j => j.JeuneId).First();
            jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
            db.SaveChanges();
        }

        var refresh = refresher.RunOnce();
        Assert.Equal(1, refresh.StructuresRead);
        Assert.True(refresh.Computed >= 2, $"{refresh.Computed} décomptes");
        Assert.Equal(0, refresher.RunOnce().Computed);

        using var check = factory.Db();
        var engine = IndicatorEngine.Compute(PackageLoader.Load(check, "ML26001"), Catalogue.Load("cpo-2015"), Annee);
        var femmes = engine.Current.Get(Level.Structure, "ML26001", "I1").Femmes;
        var html = await client.Html(url);
        var ligne = html[html.IndexOf("<tr data-cle=\"I1\">", StringComparison.Ordinal)..];
        ligne = System.Text.RegularExpressions.Regex.Replace(ligne[..ligne.IndexOf("</tr>", StringComparison.Ordinal)], "<a [^>]*>|</a>", ""); // figures link to their young people
        Assert.Contains($"<td>{Jalon.Domain.Pilotage.Euros.Entier(femmes)}</td>", ligne, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_write_the_refresh_decides_again_the_secrecy_the_state_viewed_and_the_next_view_reuses_it()
    {
        var etat = await factory.SignedIn("etat.region");
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
        var cache = factory.Services.GetRequiredService<Jalon.Web.Pages.Pilotage.Services.CacheSecret>();
        var refresher = factory.Services.GetRequiredService<TallyRefresher>();
        await etat.Html(url);
        var decidees = cache.Decidees;
        await etat.Html(url);
        Assert.Equal(decidees, cache.Decidees); // same data: the decisions are reused

        using (var db = factory.Db())
        {
            var jeune = db.Jeunes.Where(j => j.StructureCode == "ML26002").OrderBy(j => j.JeuneId).First();
            jeune.Qpv = !jeune.Qpv;
            db.SaveChanges();
        }
        refresher.RunOnce();
        var apres = cache.Decidees;
        Assert.True(apres > decidees, "le rafraîchissement redécide les unités vues");
        await etat.Html(url);
        Assert.Equal(apres, cache.Decidees); // the view finds them decided
    }
    [Fact]
    public async Task Between_a_write_and_the_refresh_the_state_keeps_its_decisions_and_figures_while_the_director_sees_the_write()
    {
        var etat = await factory.SignedIn("etat.region");
        var directeur = await factory.SignedIn("directeur");
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
        var cache = factory.Services.GetRequiredService<Jalon.Web.Pages.Pilotage.Services.CacheSecret>();
        var refresher = factory.Services.GetRequiredService<TallyRefresher>();
        await directeur.Html(url);
        refresher.RunOnce();
        var etatAvant = Ligne(await etat.Html(url), "I1");
        var directeurAvant = Ligne(await directeur.Html(url), "I1");
        var decidees = cache.Decidees;

        using (var db = factory.Db())
        {
            var jeune = db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.PremierAccueil >= Annee.Debut && j.PremierAccueil <= Annee.Fin)
                .OrderBy(j => j.JeuneId).Skip(1).First();
            jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
            db.SaveChanges();
        }

        Assert.NotEqual(directeurAvant, Ligne(await directeur.Html(url), "I1")); // the director's view includes the write
        Assert.Equal(etatAvant, Ligne(await etat.Html(url), "I1")); // the State's: the figures of the last refresh…
        Assert.Equal(decidees, cache.Decidees); // …under the decisions already taken on them
        refresher.RunOnce(); // stores the structure's new tallies: the State's figures move on, under new decisions
        var apres = cache.Decidees;
        Assert.True(apres > decidees, "le rafraîchissement redécide les unités vues");
        await etat.Html(url);
        Assert.Equal(apres, cache.Decidees);
    }

    [Fact]
    public async Task Views_that_miss_the_secrecy_decisions_together_decide_them_once()
    {
        var annee = Period.Year(DateTime.UtcNow.Year - 3); // a year no other test of the class views
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={annee.Debut:yyyy-MM-dd}&fin={annee.Fin:yyyy-MM-dd}";
        var cache = factory.Services.GetRequiredService<Jalon.Web.Pages.Pilotage.Services.CacheSecret>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++) clients.Add(await factory.SignedIn("etat.region"));
        await (await factory.SignedIn("directeur")).Html(url); // the structure's tallies stored first, as a view would
        var catalogue = Catalogue.Load("cpo-2015");
        var unites = Jalon.Indicators.Secret.SecretStatistique.Unites(catalogue,
            IndicatorEngine.PeriodsNeeded(catalogue, new IndicatorRequest(annee) { WithPreviousYear = true, MoisEntiers = true }));
        var decidees = cache.Decidees;
        var pages = await Task.WhenAll(clients.Select(c => c.Html(url)));
        Assert.All(pages, p => Assert.Equal(Ligne(pages[0], "I1"), Ligne(p, "I1")));
        Assert.InRange(cache.Decidees - decidees, 1, unites.Count);
    }

    [Fact]
    public async Task After_a_write_the_directors_views_recompute_the_structure_once_and_all_show_the_write()
    {
        var url = $"/Pilotage?niveau=structure&code=ML26001&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
        var directeurs = new List<HttpClient>();
        for (var i = 0; i < 4; i++) directeurs.Add(await factory.SignedIn("directeur"));
        var memo = factory.Services.GetRequiredService<Jalon.Storage.Indicators.TallyMemo>();
        var avant = Ligne(await directeurs[0].Html(url), "I1");

        using (var db = factory.Db())
        {
            var jeune = db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.PremierAccueil >= Annee.Debut && j.PremierAccueil <= Annee.Fin)
                .OrderBy(j => j.JeuneId).Skip(2).First();
            jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
            db.SaveChanges();
        }
        var calculs = memo.Computations;
        var pages = await Task.WhenAll(directeurs.Select(c => c.Html(url))); // together: one recomputation, the others wait for it
        var apres = Ligne(pages[0], "I1");
        Assert.NotEqual(avant, apres); // every view includes the write
        Assert.All(pages, p => Assert.Equal(apres, Ligne(p, "I1")));
        Assert.Equal(apres, Ligne(await directeurs[1].Html(url), "I1")); // and the next one reuses it
        Assert.Equal(calculs + 1, memo.Computations);

        using (var db = factory.Db())
        {
            var jeune = db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.PremierAccueil >= Annee.Debut && j.PremierAccueil <= Annee.Fin)
                .OrderBy(j => j.JeuneId).Skip(2).First();
            jeune.Sexe = jeune.Sexe == Sexe.F ? Sexe.H : Sexe.F;
            db.SaveChanges();
        }
        Assert.Equal(avant, Ligne(await directeurs[2].Html(url), "I1")); // a new write: recomputed again, shown at once
        Assert.Equal(calculs + 2, memo.Computations);
        factory.Services.GetRequiredService<TallyRefresher>().RunOnce(); // the stored tallies up to date again, as the other tests expect
    }

    private static string Ligne(string html, string cle)
    {
        var ligne = html[html.IndexOf($"<tr data-cle=\"{cle}\">", StringComparison.Ordinal)..];
        return ligne[..ligne.IndexOf("</tr>", StringComparison.Ordinal)];
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : TallyRefresherTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : TallyRefresherTests(factory), IClassFixture<PostgresWebFactory>;
}
