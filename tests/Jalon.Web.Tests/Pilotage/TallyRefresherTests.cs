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
    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : TallyRefresherTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : TallyRefresherTests(factory), IClassFixture<PostgresWebFactory>;
}
