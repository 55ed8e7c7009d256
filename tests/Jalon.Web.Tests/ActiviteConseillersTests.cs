using System.Net;
using AngleSharp.Html.Parser;
using Jalon.Domain;
using Jalon.Domain.Alerts;
using Jalon.Domain.Structures;
using Jalon.Storage.Exchange;
using Jalon.Storage.Structures;
using Jalon.Tests.Shared;
using Jalon.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The activity per counsellor (issue 8, item 8): who sees what, and figures that agree with the portfolio's rules.</summary>
public abstract class ActiviteConseillersTests(JalonWebFactory factory)
{
    private const string Route = "/Portefeuille/Activite";

    private static async Task<List<string[]>> Rows(HttpClient client, string url, string table)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return document.QuerySelectorAll($"#{table} tbody tr")
            .Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
    }

    /// <summary>Active young people and entretiens of the last 12 months of a counsellor, recomputed from the database.</summary>
    private (int Actifs, int Entretiens) Expected(string login)
    {
        using var db = factory.Db();
        var id = db.Users.Single(u => u.Login == login).Id;
        var today = Dates.TodayInParis(TimeProvider.System);
        var first = ActiviteConseillers.Mois(today)[0];
        var package = PackageLoader.Load(db, "ML26001", id);
        var actifs = 0;
        var entretiens = 0;
        for (var i = 0; i < package.Jeunes.Length; i++)
        {
            var journey = package.Journey(i);
            if (PortfolioAlerts.IsFollowed(journey, today)) actifs++;
            foreach (var c in journey.Contacts) if (c.Mode == ModeContact.Entretien && c.Date >= first && c.Date <= today) entretiens++;
        }
        return (actifs, entretiens);
    }

    [Fact]
    public async Task The_director_sees_every_counsellor_with_figures_from_the_portfolio_rules_and_the_average()
    {
        var rows = await Rows(await factory.SharedSession("directeur"), Route, "table-actifs");
        var sophie = rows.Single(r => r[0] == "Sophie Bernard");
        var karim = rows.Single(r => r[0] == "Karim Haddad");
        var (actifs1, entretiens1) = Expected("conseiller1");
        var (actifs2, _) = Expected("conseiller2");
        Assert.True(actifs1 > 0);
        Assert.Equal(actifs1.ToString(Libelles.Fr), sophie[2]);
        Assert.Equal(actifs2.ToString(Libelles.Fr), karim[2]);
        var moyenne = rows.Single(r => r[0] == "Moyenne de la structure par conseiller");
        Assert.Equal(Math.Round((actifs1 + actifs2) / 2.0, 1).ToString("0.#", Libelles.Fr), moyenne[2]);
        Assert.Equal("inconnu", sophie[5]); // not in the staff register
        var entretiens = await Rows(await factory.SharedSession("directeur"), Route, "table-entretiens");
        Assert.Equal(entretiens1.ToString(Libelles.Fr), entretiens.Single(r => r[0] == "Sophie Bernard")[^1]);
        var html = await (await factory.SharedSession("directeur")).Html(Route);
        Assert.Contains("ETP d'accompagnement inconnu", html); // no BRH in the hand-made seed
        Assert.Contains("105 jeunes actifs par ETP", html);
    }

    [Fact]
    public async Task A_counsellor_sees_only_their_own_line_and_the_average()
    {
        var client = await factory.SharedSession("conseiller1");
        var rows = await Rows(client, Route, "table-actifs");
        Assert.Equal(["Sophie Bernard", "Moyenne de la structure par conseiller"], rows.Select(r => r[0]));
        Assert.DoesNotContain("Karim Haddad", await client.Html(Route));
        using var db = factory.Db();
        var other = db.Users.Single(u => u.Login == "conseiller2").Id;
        var own = db.Users.Single(u => u.Login == "conseiller1").Id;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Route}?conseiller={other}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Route}?conseiller={own}")).StatusCode);
    }

    [Fact]
    public async Task Another_structure_and_the_aggregate_roles_are_refused()
    {
        using var db = factory.Db();
        var conseiller1 = db.Users.Single(u => u.Login == "conseiller1").Id;
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SharedSession("directeur.valence")).GetAsync($"{Route}?conseiller={conseiller1}")).StatusCode);
        var valence = await Rows(await factory.SharedSession("directeur.valence"), Route, "table-actifs");
        Assert.DoesNotContain(valence, r => r[0] == "Sophie Bernard");
        foreach (var login in new[] { "etat.region", "etat.national", "arml", "region", "admin", "accueil" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SharedSession(login)).GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task The_staff_register_gives_a_counsellors_FTE_and_their_active_young_people_per_FTE()
    {
        using (var db = factory.Db())
        {
            var id = db.Users.Single(u => u.Login == "conseiller2").Id;
            await new StructureRepository(db).EnregistrerMembreAsync("ML26001", null,
                new MembrePersonnel("", "Karim Haddad", Sexe.H, StatutPersonnel.Salarie, ContratPersonnel.Cdi, false, 0.8m, Metier.Conseiller,
                    new DateOnly(2020, 1, 1), UserId: id), null, "test");
        }
        var rows = await Rows(await factory.SharedSession("directeur"), Route, "table-actifs");
        var karim = rows.Single(r => r[0] == "Karim Haddad");
        Assert.Equal("0,8", karim[5]);
        var (actifs, _) = Expected("conseiller2");
        Assert.Equal(Math.Round(actifs / 0.8m, 1).ToString("0.#", Libelles.Fr), karim[6]);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : ActiviteConseillersTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : ActiviteConseillersTests(factory), IClassFixture<PostgresWebFactory>;
}
