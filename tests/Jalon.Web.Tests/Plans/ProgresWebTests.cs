using System.Net;
using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests.Plans;

/// <summary>
/// The démarche de progrès on both databases (docs/plans.md): the ARML opens it, the director writes and validates the
/// structure's état des lieux, the ARML writes the cross-analysis; who reads what, per role and region, at each stage.
/// </summary>
public abstract partial class ProgresWebTests(JalonWebFactory factory)
{
    // Columns as in RouteRoleMatrixTests: accueil, conseiller1, directeur, admin, etat.region, etat.national, arml, region, conseiller.valence,
    // then the ARML and the State of another region (Île-de-France).
    private static readonly string[] Logins = ["accueil", "conseiller1", "directeur", "admin", "etat.region", "etat.national", "arml", "region", "conseiller.valence", "arml.idf", "etat.idf"];

    private static string Version(string html) => VersionRegex().Match(html).Groups[1].Value;

    private static Dictionary<string, string> Toutes(string texte) => new()
    {
        ["Sections[Sources]"] = $"{texte} : projet de structure, bilan d'activité ; entretiens avec le président et le directeur.",
        ["Sections[OffreDeServices]"] = $"{texte} : offre peu territorialisée.",
        ["Sections[Partenariats]"] = $"{texte} : communes peu associées.",
        ["Sections[OrganisationManagement]"] = $"{texte} : binôme président – directeur impliqué.",
        ["Sections[Professionnalisation]"] = $"{texte} : plan de formation.",
        ["Sections[PointsDeBlocage]"] = "Aucun",
    };

    private async Task AutreRegionAsync()
    {
        using var db = factory.Db();
        foreach (var (login, role) in new[] { ("arml.idf", Role.AssociationRegionale), ("etat.idf", Role.AgentEtatRegional) })
        {
            if (await db.Users.AnyAsync(u => u.Login == login)) continue;
            var user = new UserEntity { Login = login, DisplayName = login, Role = role, RegionCode = "11", PasswordHash = "" };
            user.PasswordHash = Passwords.Hash(user, JalonWebFactory.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
    }

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>One signed-in client per account for the whole test.</summary>
    private async Task<HttpClient> Client(string login) => _clients.TryGetValue(login, out var c) ? c : _clients[login] = await factory.SignedIn(login);

    private async Task Statuts(string url, int[] attendus)
    {
        for (var i = 0; i < Logins.Length; i++)
        {
            var reponse = await (await Client(Logins[i])).GetAsync(url);
            Assert.True((HttpStatusCode)attendus[i] == reponse.StatusCode, $"{Logins[i]} sur {url} : {(int)reponse.StatusCode} au lieu de {attendus[i]}");
        }
    }

    [Fact]
    public async Task The_director_validates_the_etat_des_lieux_the_arml_writes_the_analysis_and_only_the_region_reads_them()
    {
        await AutreRegionAsync();
        var annee = Dates.TodayInParis().Year;
        var titre = $"Démarche de progrès {Guid.NewGuid():N}"[..40];
        var arml = await Client("arml");
        var directeur = await Client("directeur");

        // Only the region's ARML, Région and State open a démarche.
        Assert.Equal(HttpStatusCode.Forbidden, (await directeur.PostForm("/Plans/Progres", new() { ["Titre"] = titre, ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee}" }, "/Plans")).StatusCode);
        var refus = await arml.PostForm("/Plans/Progres", new() { ["Titre"] = titre, ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee + 6}" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("au plus 5 années", await refus.Body());
        var creation = await arml.PostForm("/Plans/Progres", new() { ["Titre"] = titre, ["AnneeDebut"] = $"{annee}", ["AnneeFin"] = $"{annee + 1}" });
        Assert.Equal(HttpStatusCode.Redirect, creation.StatusCode);
        var demarche = creation.Headers.Location!.OriginalString;
        Assert.StartsWith("/Plans/Progres/Demarche?id=", demarche, StringComparison.Ordinal);
        var id = demarche["/Plans/Progres/Demarche?id=".Length..];
        var etat = $"/Plans/Progres/EtatDesLieux?demarche={id}&structure=ML26001";

        // The analysis is written from validated états des lieux: none yet. Its form carries its own antiforgery token.
        var page = await arml.Html(demarche);
        Assert.Matches("<form method=\"post\" action=\"[^\"]*handler=Analyse[^\"]*\">(?:(?!</form>)[\\s\\S])*__RequestVerificationToken", page);
        var analyseVide = await arml.PostForm(demarche + "&handler=Analyse", new() { ["Version"] = Version(page), ["Analyse[BonnesPratiques]"] = "x" }, demarche);
        Assert.Equal(HttpStatusCode.BadRequest, analyseVide.StatusCode);
        Assert.Contains("aucun ne l'est encore", await analyseVide.Body());

        // The director writes a draft: the form says it must hold no young people's data; the draft stays in the structure.
        var formulaire = await directeur.Html($"/Plans/Progres/EtatDesLieux?demarche={id}");
        Assert.Contains("aucune donnée sur des jeunes", formulaire);
        Assert.Matches("<form method=\"post\">\\s*<input type=\"hidden\" name=\"Version\"(?:(?!</form>)[\\s\\S])*__RequestVerificationToken", formulaire);
        var brouillon = new Dictionary<string, string> { ["Version"] = Version(formulaire), ["Sections[Sources]"] = "Bilan d'activité ; entretiens avec le président." };
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(etat, brouillon, etat)).StatusCode);
        await Statuts(etat, [403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403]);
        Assert.Contains("Bilan d'activité ; entretiens avec le président.", await (await Client("conseiller1")).Html(etat));

        // Validation: every section, and the confirmation box.
        var sansTout = await directeur.PostForm(etat + "&handler=Valider", new() { ["Version"] = Version(await directeur.Html(etat)), ["Confirmer"] = "true" }, etat);
        Assert.Equal(HttpStatusCode.BadRequest, sansTout.StatusCode);
        Assert.Contains("Pour valider, renseignez : Offre de services et besoins du territoire", await sansTout.Body());
        var champs = Toutes("Drôme des Collines");
        champs["Version"] = Version(await directeur.Html(etat));
        var sansCase = await directeur.PostForm(etat + "&handler=Valider", champs, etat);
        Assert.Equal(HttpStatusCode.BadRequest, sansCase.StatusCode);
        var corps = await sansCase.Body();
        Assert.Contains("Cochez la case de confirmation", corps);
        Assert.Contains("Drôme des Collines : offre peu territorialisée.", corps);
        champs["Confirmer"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm(etat + "&handler=Valider", champs, etat)).StatusCode);
        var valide = await directeur.Html(etat);
        Assert.Matches($"Validé par [^<]+ le {Dates.TodayInParis():dd/MM/yyyy}", valide);
        Assert.DoesNotContain("name=\"Sections[Sources]\"", valide);

        // Frozen: no more changes, even by the director.
        champs["Version"] = "0";
        Assert.Equal(HttpStatusCode.Forbidden, (await directeur.PostForm(etat, champs, "/Plans/Progres")).StatusCode);
        await Statuts(etat, [403, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403]);

        // The ARML writes the cross-analysis and the recommendations; the Région and the State read them, and cannot write.
        page = await arml.Html(demarche);
        Assert.Contains("Drôme des Collines : binôme président – directeur impliqué.", page);
        var analyse = await arml.PostForm(demarche + "&handler=Analyse", new()
        {
            ["Version"] = Version(page), ["Analyse[BonnesPratiques]"] = "Binôme président – directeur impliqué.", ["Analyse[DifficultesStructurelles]"] = "Management peu adapté.",
            ["Analyse[FreinsExterieurs]"] = "Précarité des jeunes.", ["Preconisations"] = "Territorialiser l'offre de services\n\nRéaffirmer l'accompagnement global\n",
        }, demarche);
        Assert.Equal(HttpStatusCode.Redirect, analyse.StatusCode);
        await Statuts(demarche, [403, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403]);
        var region = await (await Client("region")).Html(demarche);
        Assert.Contains("Management peu adapté.", region);
        Assert.Contains("<li>Réaffirmer l'accompagnement global</li>", region);
        Assert.Contains("Drôme des Collines : offre peu territorialisée.", region);
        Assert.DoesNotContain("handler=Analyse", region);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Client("etat.region")).PostForm(demarche + "&handler=Analyse",
            new() { ["Version"] = "1", ["Analyse[BonnesPratiques]"] = "x" }, demarche)).StatusCode);

        // Another structure of the region reads the analysis, never the other structure's état des lieux; another region sees nothing.
        var valence = await (await Client("conseiller.valence")).Html(demarche);
        Assert.Contains("Précarité des jeunes.", valence);
        Assert.DoesNotContain("Drôme des Collines : offre peu territorialisée.", valence);
        Assert.DoesNotContain(titre, await (await Client("arml.idf")).Html("/Plans/Progres"));
        Assert.Contains(titre, await (await Client("etat.national")).Html("/Plans/Progres"));
        Assert.Contains(titre, await (await Client("conseiller1")).Html("/Plans/Progres"));

        // Readings and changes are audited.
        using var db = factory.Db();
        Assert.True(await db.AuditLog.CountAsync(a => a.Entity == "etat-des-lieux" && a.StructureCode == "ML26001" && a.Action == AuditAction.Modification) >= 2);
        Assert.True(await db.AuditLog.CountAsync(a => a.Entity == "demarche-progres" && a.Action == AuditAction.Modification) >= 1);
        Assert.True(await db.AuditLog.CountAsync(a => a.Entity == "etat-des-lieux" && a.Action == AuditAction.Lecture && a.UserLogin == "etat.region") >= 1);
    }

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionRegex();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : ProgresWebTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : ProgresWebTests(factory), IClassFixture<PostgresWebFactory>;
}
