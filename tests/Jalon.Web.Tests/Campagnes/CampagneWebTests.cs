using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Domain.Structures;
using Jalon.Indicators.Engine;
using Jalon.Storage.Structures;
using Jalon.Tests.Shared;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests.Campagnes;

/// <summary>
/// The CRA campaign journey by HTTP: the State opens, the director fills and submits (a version is frozen), the State sees
/// it, sends it back, the director submits again, the State closes and reopens; the XLSX export; a later edit of the BRH
/// shows as a difference and leaves the version as submitted; rights; stale saves; secrecy for the State.
/// </summary>
public abstract partial class CampagneWebTests(JalonWebFactory factory)
{
    private const string Ml = "ML26001";

    // "Today" as the application reads it (Europe/Paris), not the machine's UTC date: they differ after 23:00 UTC in winter.
    private static string Today => Dates.TodayInParis().ToString("yyyy-MM-dd");

    /// <summary>The State agent opens a campaign; returns its id.</summary>
    private static async Task<Guid> OuvrirAsync(HttpClient etat, string type, int annee, string? echeance = null)
    {
        var response = await etat.PostForm("/Campagnes", new() { ["Type"] = type, ["Annee"] = annee.ToString(), ["Echeance"] = echeance ?? Dates.TodayInParis().AddDays(30).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(IdRegex().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    private static string Soumission(Guid id, string structure = Ml) => $"/Campagnes/Soumission?campagne={id}&structure={structure}";

    /// <summary>The version of the submission that the page's forms carry (optimistic concurrency).</summary>
    private static async Task<string> VersionLue(HttpClient client, Guid id) =>
        Regex.Match(await client.Html(Soumission(id)), "name=\"versionLue\" value=\"(\\d+)\"").Groups[1].Value;

    private static string Etat(string html, string attribut) => Regex.Match(html, $"{attribut}>([^<]+)<").Groups[1].Value;

    [Fact]
    public async Task The_whole_february_journey_freezes_what_was_submitted_and_shows_the_difference_with_live_data()
    {
        var etat = await factory.SignedIn("etat.region");
        var directeur = await factory.SignedIn("directeur");
        var annee = 2040;
        var exercice = annee - 1;
        var id = await OuvrirAsync(etat, "Fevrier", annee);

        // The director sees what is due and by when; the campaign page sends them to their own submission.
        Assert.Contains("Campagne de février (activité et BRH) 2040", await directeur.Html("/Campagnes"));
        var redirect = await directeur.GetAsync($"/Campagnes/Campagne?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var page = await directeur.Html(Soumission(id));
        Assert.Equal("À remplir", Etat(page, "data-etat-soumission"));
        Assert.Contains($"Tableau des moyens humains (BRH) au 31/12/{exercice}", page);
        Assert.Contains($"Le tableau des moyens humains au 31/12/{exercice} n'est pas saisi.", page);

        // A text too long is refused in French and nothing is saved.
        var tropLong = await directeur.PostForm(Soumission(id) + "&handler=Enregistrer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0", ["commentaire"] = new string('x', 4001) }, Soumission(id));
        Assert.Equal(HttpStatusCode.OK, tropLong.StatusCode);
        Assert.Contains("4001 caractères, au plus 4000", await tropLong.Body());

        // The BRH of the year is entered, then the director submits.
        using (var db = factory.Db())
            await new StructureRepository(db).EnregistrerBrhAsync(Ml, exercice, [new BrhLigne(0, exercice, "B1", 10, 4, 14)], null, "directeur");
        var soumis = await directeur.PostForm(Soumission(id) + "&handler=Soumettre", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0", ["commentaire"] = "Année de croissance." }, Soumission(id));
        Assert.Equal(HttpStatusCode.Redirect, soumis.StatusCode);
        page = await directeur.Html(Soumission(id));
        Assert.Equal("Soumise", Etat(page, "data-etat-soumission"));
        Assert.Contains("Version 1", page);
        Assert.Contains("data-differences=\"0\"", page);
        Assert.DoesNotContain("Soumettre à l'État", page);

        // The State sees it submitted, the other ML to fill; the XLSX export says the same.
        var campagne = await etat.Html($"/Campagnes/Campagne?id={id}");
        Assert.Matches($"data-structure=\"{Ml}\">[^§]*?data-etat>Soumise<", campagne);
        Assert.Matches("data-structure=\"ML26002\">[^§]*?data-etat>À remplir<", campagne);
        var xlsx = await etat.GetAsync($"/Campagnes/Campagne?id={id}&format=xlsx");
        Assert.Equal(Exports.TypeXlsx, xlsx.Content.Headers.ContentType?.ToString());
        var rows = Exports.LireXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["campagne", "region", "annee", "exercice", "echeance", "etat_campagne", "structure", "nom", "etat", "version", "soumise_le", "en_retard", "anomalies", "detail_anomalies"], rows[0]);
        var ligne = rows.Single(r => r.Count > 6 && r[6] == Ml);
        Assert.Equal(("Soumise", "1", "non"), (ligne[8], ligne[9], ligne[11]));
        Assert.Equal("À remplir", rows.Single(r => r.Count > 6 && r[6] == "ML26002")[8]);

        // A later edit of the BRH: the version stays as submitted, the difference is shown.
        using (var db = factory.Db())
            await new StructureRepository(db).EnregistrerBrhAsync(Ml, exercice, [new BrhLigne(0, exercice, "B1", 11, 4, 15)], null, "directeur");
        page = await etat.Html(Soumission(id));
        Assert.Contains("data-differences=\"2\"", page);
        Assert.Matches(@"<tr><td>BRH</td><td>B1 femmes</td><td>10</td><td>11</td></tr>", page);
        Assert.Matches(@"<tr><td>BRH</td><td>B1 total</td><td>14</td><td>15</td></tr>", page);

        // Sent back (a comment is required), submitted again: version 2.
        var sansMotif = await etat.PostForm(Soumission(id) + "&handler=Renvoyer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = await VersionLue(etat, id), ["commentaire"] = "" }, Soumission(id));
        Assert.Contains("le commentaire est obligatoire", await sansMotif.Body());
        var renvoi = await etat.PostForm(Soumission(id) + "&handler=Renvoyer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = await VersionLue(etat, id), ["commentaire"] = "Mettez le BRH à jour." }, Soumission(id));
        Assert.Equal(HttpStatusCode.Redirect, renvoi.StatusCode);
        page = await directeur.Html(Soumission(id));
        Assert.Equal("Renvoyée pour correction", Etat(page, "data-etat-soumission"));
        Assert.Contains("Mettez le BRH à jour.", page);
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(Soumission(id) + "&handler=Soumettre", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = await VersionLue(directeur, id), ["commentaire"] = "BRH à jour." }, Soumission(id))).StatusCode);
        page = await directeur.Html(Soumission(id));
        Assert.Contains("Version 2", page);
        Assert.Contains("data-differences=\"0\"", page);
        var v1 = await directeur.Html(Soumission(id) + "&version=1");
        Assert.Matches(@"<tr data-brh=""B1""><td>B1</td><td>[^<]*</td><td>10</td><td>4</td><td>14</td></tr>", v1);

        // Closed: nothing moves; reopened.
        var campagneVersion = Regex.Match(await etat.Html($"/Campagnes/Campagne?id={id}"), "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await etat.PostForm($"/Campagnes/Campagne?id={id}&handler=Cloturer", new() { ["id"] = id.ToString(), ["version"] = campagneVersion }, $"/Campagnes/Campagne?id={id}")).StatusCode);
        Assert.Contains("data-etat-campagne>Clôturée<", await etat.Html($"/Campagnes/Campagne?id={id}"));
        Assert.Contains("La campagne est clôturée.", await directeur.Html(Soumission(id)));
        var stale = await etat.PostForm($"/Campagnes/Campagne?id={id}&handler=Rouvrir", new() { ["id"] = id.ToString(), ["version"] = campagneVersion }, $"/Campagnes/Campagne?id={id}");
        Assert.Matches("La campagne a été modifiée entre-temps par [^<]+ le [0-9/]+ [0-9:]+ : votre saisie n'a pas été enregistrée", await stale.Body());
        campagneVersion = Regex.Match(await etat.Html($"/Campagnes/Campagne?id={id}"), "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await etat.PostForm($"/Campagnes/Campagne?id={id}&handler=Rouvrir", new() { ["id"] = id.ToString(), ["version"] = campagneVersion, ["echeance"] = Today }, $"/Campagnes/Campagne?id={id}")).StatusCode);
        Assert.Contains("data-etat-campagne>Ouverte<", await etat.Html($"/Campagnes/Campagne?id={id}"));

        // Every move is in the audit log with the structure code.
        using var check = factory.Db();
        var audit = check.AuditLog.Where(a => a.Entity == "campagne").ToList();
        Assert.Contains(audit, a => a.StructureCode == Ml && a.Detail!.Contains("soumission (version 2)"));
        Assert.Contains(audit, a => a.StructureCode == "84" && a.Detail!.Contains("clôture"));
        Assert.Contains(audit, a => a.StructureCode == "84" && a.Action == Storage.Entities.AuditAction.Export);
    }

    [Fact]
    public async Task Other_structures_and_read_only_roles_are_refused_and_a_stale_save_is_explained()
    {
        var etat = await factory.SignedIn("etat.region");
        var id = await OuvrirAsync(etat, "Juin", 2041);
        var autre = await factory.SignedIn("directeur.valence");
        var arml = await factory.SignedIn("arml");
        var national = await factory.SignedIn("etat.national");

        // Another structure's director: 403 on our submission, and cannot submit it.
        Assert.Equal(HttpStatusCode.Forbidden, (await autre.GetAsync(Soumission(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await autre.GetAsync(Soumission(id, "ML26002"))).StatusCode);
        // ARML and national State read; they may not act.
        Assert.Equal(HttpStatusCode.OK, (await arml.GetAsync(Soumission(id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync($"/Campagnes/Campagne?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await arml.GetAsync($"/Campagnes/Campagne?id={id}&format=xlsx")).StatusCode);
        var armlPost = await arml.PostForm($"/Campagnes/Campagne?id={id}&handler=Cloturer", new() { ["id"] = id.ToString(), ["version"] = "1" }, $"/Campagnes/Campagne?id={id}");
        Assert.Equal(HttpStatusCode.Forbidden, armlPost.StatusCode);
        var armlSubmit = await arml.PostForm(Soumission(id) + "&handler=Soumettre", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0" }, Soumission(id));
        Assert.Equal(HttpStatusCode.Forbidden, armlSubmit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await arml.PostForm("/Campagnes", new() { ["Type"] = "Juin", ["Annee"] = "2042", ["Echeance"] = Today })).StatusCode);
        // Staff of a structure without the steering role; an unknown campaign or structure.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller1")).GetAsync(Soumission(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await etat.GetAsync(Soumission(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await etat.GetAsync(Soumission(id, "INCONNUE"))).StatusCode);

        // The same campaign twice is refused in French.
        var double_ = await etat.PostForm("/Campagnes", new() { ["Type"] = "Juin", ["Annee"] = "2041", ["Echeance"] = Today });
        Assert.Contains("Campagne de juin (financier) 2041 : cette campagne existe déjà pour la région.", await double_.Body());

        // A deadline already passed is refused in French.
        var passe = await etat.PostForm("/Campagnes", new() { ["Type"] = "Fevrier", ["Annee"] = "2041", ["Echeance"] = "2020-01-01" });
        Assert.Contains("L'échéance du 01/01/2020 est déjà passée", await passe.Body());

        // June: the approval date is checked; two saves on the same version: the second is refused, what was typed is kept.
        var directeur = await factory.SignedIn("directeur");
        var mauvais = await directeur.PostForm(Soumission(id) + "&handler=Enregistrer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0", ["date_approbation_comptes"] = "32/06/2041" }, Soumission(id));
        Assert.Contains("« 32/06/2041 » n'est pas une date (jj/mm/aaaa)", await mauvais.Body());
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(Soumission(id) + "&handler=Enregistrer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0", ["date_approbation_comptes"] = "20/06/2041" }, Soumission(id))).StatusCode);
        var conflit = await directeur.PostForm(Soumission(id) + "&handler=Enregistrer", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0", ["commentaire"] = "Ma saisie" }, Soumission(id));
        var html = await conflit.Body();
        Assert.Contains("La soumission a été modifiée entre-temps par Hélène Robert", html);
        Assert.Contains("Ma saisie", html);
        Assert.Contains("20/06/2041", await directeur.Html(Soumission(id)));
    }

    [Fact]
    public async Task The_state_sees_the_indicators_of_a_submission_through_statistical_secrecy()
    {
        var etat = await factory.SignedIn("etat.region");
        var annee = DateTime.UtcNow.Year;
        var id = await OuvrirAsync(etat, "Fevrier", annee);
        var directeur = await factory.SignedIn("directeur");
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(Soumission(id) + "&handler=Soumettre", new() { ["campagne"] = id.ToString(), ["structure"] = Ml, ["versionLue"] = "0" }, Soumission(id))).StatusCode);

        static Dictionary<string, string> Cellules(string html) =>
            IndicateurRegex().Matches(html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.First().Groups[2].Value);
        var pourDirecteur = Cellules(await directeur.Html(Soumission(id)));
        var pourEtat = Cellules(await etat.Html(Soumission(id)));
        Assert.True(pourDirecteur.Count > 60);
        Assert.DoesNotContain("s", pourDirecteur.Values);

        // The cells masked for the State are exactly those the disclosure-control step masks on the dashboards.
        using var scope = factory.Services.CreateScope();
        var indicateurs = scope.ServiceProvider.GetRequiredService<IndicateursPilotage>();
        var agent = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, nameof(Role.AgentEtatRegional)), new Claim("jalon:region", "84")], "test"));
        var publication = indicateurs.Publier(agent, IndicateursPilotage.Catalogue, Period.Year(annee - 1), [Ml], avecN1: false);
        var masques = pourDirecteur.Keys.Where(k => publication.Valeur(Level.Structure, Ml, k).Masquee).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(masques, pourEtat.Where(c => c.Value == "s").Select(c => c.Key).Order(StringComparer.Ordinal).ToList());
        Assert.NotEmpty(masques);
        Assert.All(pourEtat.Where(c => c.Value != "s"), c => Assert.Equal(pourDirecteur[c.Key], c.Value));
    }

    [GeneratedRegex("id=([0-9a-f-]{36})")]
    private static partial Regex IdRegex();

    [GeneratedRegex("<tr data-indicateur=\"([^\"]+)\"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td></tr>")]
    private static partial Regex IndicateurRegex();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : CampagneWebTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : CampagneWebTests(factory), IClassFixture<PostgresWebFactory>;
}
