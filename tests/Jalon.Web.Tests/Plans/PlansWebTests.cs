using System.Net;
using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests.Plans;

/// <summary>The plans' pages on both databases: a director builds a plan whose measured indicator shows the engine's figure, French refusals, access and audit.</summary>
public abstract partial class PlansWebTests(JalonWebFactory factory)
{
    private static string Version(string html) => VersionRegex().Match(html).Groups[1].Value;

    private static string Option(string html, string select, string texte) =>
        Regex.Match(html, $"<select[^>]*name=\"{select}\"[\\s\\S]*?<option value=\"([^\"]+)\"[^>]*>[^<]*{Regex.Escape(texte)}").Groups[1].Value;

    [Fact]
    public async Task A_director_builds_a_plan_whose_measured_indicator_shows_the_engine_figure_to_date_and_refusals_are_explained_in_French()
    {
        var annee = Dates.TodayInParis().Year;
        var directeur = await factory.SignedIn("directeur");
        var creation = await directeur.PostForm("/Plans", new() { ["Type"] = "OffreDeService", ["Titre"] = "Offre de service Accompagnement", ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee + 2}" });
        Assert.Equal(HttpStatusCode.Redirect, creation.StatusCode);
        var url = creation.Headers.Location!.OriginalString;
        Assert.StartsWith("/Plans/Plan?id=", url, StringComparison.Ordinal);

        async Task<HttpResponseMessage> Poster(string handler, Dictionary<string, string> champs)
        {
            var html = await directeur.Html(url);
            champs["Version"] = Version(html);
            return await directeur.PostForm(url + "&handler=" + handler, champs, url);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Objectif", new() { ["Code"] = "2-1", ["Libelle"] = "Garantir un accompagnement de qualité" })).StatusCode);
        var page = await directeur.Html(url);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Action", new() { ["ObjectifId"] = Option(page, "ObjectifId", "2-1"), ["Titre"] = "Accueillir les jeunes en contact", ["Echeance"] = $"{annee}-12-31" })).StatusCode);
        page = await directeur.Html(url);
        var action = Option(page, "ActionId", "Accueillir les jeunes en contact");
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Indicateur", new() { ["ActionId"] = action, ["CleCatalogue"] = "I1", ["Sens"] = "AuMoins", ["Annee"] = $"{annee}", ["Cible"] = "1000" })).StatusCode);

        // A refused change keeps what was typed and says in French what to fix.
        var refus = await Poster("Indicateur", new() { ["ActionId"] = action, ["Libelle"] = "Animations", ["Nature"] = "Effectif", ["Annee"] = $"{annee}", ["Cible"] = "dix" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var texteRefus = await refus.Body();
        Assert.Contains("La cible « dix » n'est pas un nombre", texteRefus);
        Assert.Contains("value=\"Animations\"", texteRefus);
        var horsPlan = await Poster("Indicateur", new() { ["ActionId"] = action, ["Libelle"] = "Animations", ["Nature"] = "Effectif", ["Annee"] = $"{annee + 5}", ["Cible"] = "6" });
        Assert.Contains($"L'année {annee + 5} n'est pas une année du plan", await horsPlan.Body());

        // The measured value is the catalogue's figure for the structure from 1 January to today, as the engine computes it.
        var jour = Dates.TodayInParis();
        using var db = factory.Db();
        var attendu = IndicatorEngine.Compute(PackageLoader.Load(db), Catalogue.Load("cpo-2015"), new IndicatorRequest(new Period(new DateOnly(annee, 1, 1), jour)))
            .Current.Get(Level.Structure, "ML26001", "I1").Count!.Value;
        page = await directeur.Html(url);
        var ligne = Regex.Match(page, "<li data-indicateur=\"[^\"]*\">[\\s\\S]*?</li>").Value;
        Assert.Contains($"<span class=\"valeur\">{attendu.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))}</span>", ligne);
        Assert.Contains(" / 1000</span>", ligne);
        var proratise = 1000 * Jalon.Domain.Plans.ProfilMensuel.Lineaire.PartAttendue(annee, jour);
        Assert.Contains(attendu - proratise >= 0.5 ? "en avance de" : attendu - proratise <= -0.5 ? "en retard de" : "dans la cible", ligne);

        // The XLSX export: one row per action with its indicators and their progress, as on the page.
        var xlsx = Jalon.Web.Pages.Pilotage.Services.Exports.LireXlsx(await (await directeur.GetAsync(url + "&format=xlsx")).Content.ReadAsByteArrayAsync());
        var rangee = Assert.Single(xlsx, r => r.Contains("Accueillir les jeunes en contact"));
        Assert.Contains(rangee, c => c == "2-1");
        Assert.Contains(rangee, c => c.StartsWith("Nombre de jeunes en contact", StringComparison.Ordinal) && c.Contains(" / 1000, ", StringComparison.Ordinal));

        // Changes and readings are audited.
        Assert.True(await db.AuditLog.CountAsync(a => a.Entity == "plan" && a.StructureCode == "ML26001") >= 5);

        // A counsellor of the structure reads it without the forms; a counsellor of another structure is refused; the State of
        // the region reads it, the measure withheld until the year is over (statistical secrecy publishes whole years).
        var conseiller = await (await factory.SignedIn("conseiller1")).Html(url);
        Assert.Contains("Offre de service Accompagnement", conseiller);
        Assert.DoesNotContain("Modifier le plan", conseiller);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.SignedIn("conseiller.valence")).GetAsync(url)).StatusCode);
        var etat = await (await factory.SignedIn("etat.region")).Html(url);
        Assert.Contains("non mesuré", etat);
        Assert.DoesNotContain("Modifier le plan", etat);
        Assert.Contains("Offre de service Accompagnement", await (await factory.SignedIn("etat.region")).Html("/Plans"));
    }

    [Fact]
    public async Task A_regional_orientation_is_the_regions_and_flags_the_objectives_no_structure_serves()
    {
        var annee = Dates.TodayInParis().Year;
        var region = await factory.SignedIn("region");
        var creation = await region.PostForm("/Plans", new() { ["Type"] = "OrientationRegionale", ["Titre"] = "Orientations régionales test", ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee}" });
        var url = creation.Headers.Location!.OriginalString;
        var html = await region.Html(url);
        Assert.Equal(HttpStatusCode.Redirect, (await region.PostForm(url + "&handler=Objectif", new() { ["Version"] = Version(html), ["Code"] = "9-9", ["Libelle"] = "Objectif que personne ne sert" }, url)).StatusCode);
        Assert.Contains("Non couvert", await region.Html(url));
        // A director may not create a regional orientation.
        var refus = await (await factory.SignedIn("directeur")).PostForm("/Plans", new() { ["Type"] = "OrientationRegionale", ["Titre"] = "X", ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee}" });
        Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionRegex();

    public sealed class OnSqlite(JalonWebFactory factory) : PlansWebTests(factory), IClassFixture<JalonWebFactory>;

    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : PlansWebTests(factory), IClassFixture<PostgresWebFactory>;
}
