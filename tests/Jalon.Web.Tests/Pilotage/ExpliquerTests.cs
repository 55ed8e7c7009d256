using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>« Expliquer ce chiffre » on the web: the dashboard's figures link to their young people for the structure's staff only.</summary>
public abstract partial class ExpliquerTests(JalonWebFactory factory)
{
    private static readonly Period Annee = Period.Year(DateTime.UtcNow.Year - 1);
    private static string Tableau(string code) => $"/Pilotage?niveau=structure&code={code}&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
    private static string Liste(string cle, string suite = "") =>
        $"/Pilotage/Expliquer?structure=ML26001&cle={cle}&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}{suite}";

    [GeneratedRegex("href=\"(/Pilotage/Expliquer[^\"]*)\"")]
    private static partial Regex LienExpliquer();

    [GeneratedRegex("data-jeune=\"([^\"]+)\"")]
    private static partial Regex LigneJeune();

    [Fact]
    public async Task A_director_follows_each_figure_to_exactly_its_young_people_and_each_view_is_audited()
    {
        var client = await factory.SignedIn("directeur");
        var html = await client.Html(Tableau("ML26001"));
        var liens = LienExpliquer().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(liens, l => l.Contains("cle=I1&", StringComparison.Ordinal) && !l.Contains("ventilation", StringComparison.Ordinal));
        Assert.Contains(liens, l => l.Contains("cle=I3&", StringComparison.Ordinal) && l.Contains("ventilation=neet", StringComparison.Ordinal));
        Assert.Contains(liens, l => l.Contains("cle=R2&", StringComparison.Ordinal) && l.Contains("partie=denominateur", StringComparison.Ordinal) && l.Contains("n1=true", StringComparison.Ordinal));

        using var db = factory.Db();
        var package = PackageLoader.Load(db, "ML26001");
        var catalogue = Catalogue.Load("cpo-2015");
        var request = new IndicatorRequest(Annee) { WithPreviousYear = true, MoisEntiers = true };
        var results = IndicatorEngine.Compute(package, catalogue, request);
        var nonVides = 0;
        foreach (var lien in liens.Where(l => !l.Contains("partie=", StringComparison.Ordinal)))
        {
            var cle = Regex.Match(lien, "cle=([^&]+)").Groups[1].Value;
            var n1 = lien.Contains("n1=true", StringComparison.Ordinal);
            var v = Regex.Match(lien, "ventilation=([^&]+)") is { Success: true } m ? Ventilations.Toutes.Single(x => x.Cle() == m.Groups[1].Value) : (Ventilation?)null;
            var valeur = (n1 ? results.Previous! : results.Current).Get(Level.Structure, "ML26001", cle);
            var attendu = v is { } x ? valeur.Breakdown(x) : valeur.Count;
            var page = await client.Html(lien);
            var jeunes = LigneJeune().Matches(page).Select(r => r.Groups[1].Value).ToList();
            Assert.True(attendu == jeunes.Count, $"{lien} : {jeunes.Count} jeunes listés, chiffre {attendu}");
            Assert.Equal(jeunes.Distinct().Count(), jeunes.Count);
            if (jeunes.Count > 0) nonVides++;
        }
        Assert.True(nonVides >= 5, $"{nonVides} listes non vides");

        // A ratio's operands: R2's denominator is I2 of N−1.
        var r2 = await client.Html(Liste("R2", "&partie=denominateur"));
        Assert.Equal(results.Previous!.Get(Level.Structure, "ML26001", "I2").Count, LigneJeune().Count(r2));

        // The list shows why (a dated fact) and links to each file; each view is a read of each file in the audit log.
        var avant = await db.AuditLog.CountAsync(a => a.Action == AuditAction.Lecture && a.JeuneId != null && a.Detail!.StartsWith("expliquer ce chiffre : I2 "));
        var i2 = await client.Html(Liste("I2"));
        var lignes = LigneJeune().Matches(i2).Select(r => r.Groups[1].Value).ToList();
        Assert.NotEmpty(lignes);
        Assert.Contains($"href=\"/Jeunes/{lignes[0]}\"", i2);
        Assert.Contains("Premier accueil", i2);
        var apres = await db.AuditLog.CountAsync(a => a.Action == AuditAction.Lecture && a.JeuneId != null && a.Detail!.StartsWith("expliquer ce chiffre : I2 "));
        Assert.Equal(lignes.Count, apres - avant);

        // The CSV: a header and one line per young person, the same ones.
        var reponse = await client.GetAsync(Liste("I2", "&format=csv"));
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var csv = Encoding.UTF8.GetString((await reponse.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["jeune", "nom", "motifs"], csv[0].Split(';'));
        Assert.Equal(lignes, csv.Skip(1).Select(l => l.Split(';')[0]));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Export && a.Entity == "liste de jeunes"));
    }

    [Theory]
    [InlineData("etat.region")]
    [InlineData("etat.national")]
    [InlineData("arml")]
    [InlineData("region")]
    [InlineData("admin")]
    public async Task Roles_without_access_to_the_files_get_no_link_and_a_403(string login)
    {
        var client = await factory.SignedIn(login);
        var html = await client.Html(Tableau("ML26001"));
        Assert.Contains("data-cle=\"I1\"", html);
        Assert.DoesNotContain("/Pilotage/Expliquer", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Liste("I1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Liste("I1", "&format=csv"))).StatusCode);
    }

    [Fact]
    public async Task Another_structure_is_refused_and_a_figure_that_counts_nobody_is_a_400()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller.valence")).GetAsync(Liste("I1"))).StatusCode);
        var directeur = await factory.SignedIn("directeur");
        Assert.Equal(HttpStatusCode.BadRequest, (await directeur.GetAsync(Liste("I5"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await directeur.GetAsync(Liste("R2"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await directeur.GetAsync(Liste("I1", "&ventilation=hommes"))).StatusCode);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : ExpliquerTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : ExpliquerTests(factory), IClassFixture<PostgresWebFactory>;
}
