using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

public sealed class AuthenticationTests(JalonWebFactory factory) : IClassFixture<JalonWebFactory>
{
    [Fact]
    public async Task Login_then_logout()
    {
        var client = await factory.SignedIn("conseiller1");
        var home = await client.Html("/");
        Assert.Contains("Sophie Bernard", home);
        Assert.Contains("Mon portefeuille", home);
        var logout = await client.PostForm("/Deconnexion", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/Jeunes");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Connexion", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_french_message_that_does_not_reveal_the_account()
    {
        var client = factory.Anonymous();
        var known = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "directeur", ["Input.MotDePasse"] = "mauvais" });
        var unknown = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "personne", ["Input.MotDePasse"] = "mauvais" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var a = await known.Body();
        var b = await unknown.Body();
        Assert.Contains("Identifiant ou mot de passe incorrect.", a);
        Assert.Contains("Identifiant ou mot de passe incorrect.", b);
        Assert.Contains("href=\"#Input_MotDePasse\"", a); // error summary linked to the field
    }

    [Fact]
    public async Task Account_is_locked_after_five_failures_even_with_the_right_password()
    {
        var client = factory.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller2", ["Input.MotDePasse"] = "mauvais" + i });
        var right = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller2", ["Input.MotDePasse"] = JalonWebFactory.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("temporairement verrouillé", await right.Body());
        using var db = factory.Db();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Login == "conseiller2")).LockedUntil);
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected()
    {
        var client = await factory.SignedIn("conseiller1");
        var response = await client.PostAsync("/Jeunes/Nouveau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Nom"] = "Pirate", ["Input.Prenom"] = "Csrf", ["Input.Naissance"] = "2004-01-01", ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.PremierAccueil"] = "2026-01-05",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var db = factory.Db();
        Assert.False(await db.Jeunes.AnyAsync(j => j.Nom == "Pirate"));
    }

    [Fact]
    public async Task Session_cookie_is_http_only_and_strict()
    {
        var client = factory.Anonymous();
        var page = await client.GetAsync("/Connexion");
        var html = await page.Body();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Identifiant"] = "accueil", ["Input.MotDePasse"] = JalonWebFactory.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Jalon.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deactivated_account_loses_its_open_session()
    {
        var client = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Jeunes")).StatusCode);
        var directeur = await factory.SignedIn("directeur.valence");
        using (var db = factory.Db())
        {
            var id = (await db.Users.SingleAsync(u => u.Login == "conseiller.valence")).Id;
            var r = await directeur.PostForm("/Comptes?handler=Desactiver", new() { ["userId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var after = await client.GetAsync("/Jeunes");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
