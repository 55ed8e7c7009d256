using System.Globalization;
using System.Net;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>Login, logout and server-side sessions: one generic refusal, audit, revocation, absolute and idle lifetimes.</summary>
public abstract class AuthenticationTests(JalonWebFactory factory)
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<int> UserId(string login)
    {
        using var db = factory.Db();
        return (await db.Users.SingleAsync(u => u.Login == login)).Id;
    }

    private async Task<List<AuditEntry>> AuditFor(string detailPart)
    {
        using var db = factory.Db();
        return await db.AuditLog.Where(a => a.Detail!.Contains(detailPart)).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>A second client holding a copy of <paramref name="client"/>'s session cookie.</summary>
    private HttpClient CopyOfSession(HttpClient client, HttpResponseMessage loginResponse)
    {
        var cookie = loginResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Jalon.Session=", StringComparison.Ordinal)).Split(';')[0];
        var copy = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    private async Task<(HttpClient Client, HttpResponseMessage Response)> LogIn(string login, string password = JalonWebFactory.Password)
    {
        var client = factory.Anonymous();
        var response = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response);
    }

    [Fact]
    public async Task Login_then_logout_is_audited_and_a_copied_cookie_stops_working()
    {
        var (client, response) = await LogIn("conseiller1");
        var copy = CopyOfSession(client, response);
        var home = await client.Html("/");
        Assert.Contains("Sophie Bernard", home);
        Assert.Contains("Mon portefeuille", home);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Jeunes")).StatusCode);

        var logout = await client.PostForm("/Deconnexion", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/Jeunes");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Connexion", after.Headers.Location!.OriginalString);
        // The session was deleted on the server: the copy of the cookie opens nothing.
        var copied = await copy.GetAsync("/Jeunes");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Contains("/Connexion", copied.Headers.Location!.OriginalString);

        using var db = factory.Db();
        var id = await UserId("conseiller1");
        var lines = await db.AuditLog.Where(a => a.UserId == id && (a.Action == AuditAction.Connexion || a.Action == AuditAction.Deconnexion)).ToListAsync();
        Assert.Contains(lines, a => a.Action == AuditAction.Connexion && a.Detail!.StartsWith("connexion (mot de passe)", StringComparison.Ordinal));
        Assert.Contains(lines, a => a.Action == AuditAction.Deconnexion && a.StructureCode == "ML26001");
    }

    [Fact]
    public async Task Every_refusal_gives_the_same_french_message_and_is_audited()
    {
        var client = factory.Anonymous();
        var known = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "directeur", ["Input.MotDePasse"] = "mauvais" });
        var unknown = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "personne.inconnue", ["Input.MotDePasse"] = "mauvais" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var a = await known.Body();
        var b = await unknown.Body();
        Assert.Contains("Identifiant ou mot de passe incorrect.", a);
        Assert.Contains("Identifiant ou mot de passe incorrect.", b);
        Assert.Contains("href=\"#Input_MotDePasse\"", a); // error summary linked to the field

        var failures = await AuditFor("personne.inconnue");
        Assert.Equal(AuditAction.EchecConnexion, Assert.Single(failures).Action);
        Assert.Null(failures[0].UserId);
        var directeur = await UserId("directeur");
        using var db = factory.Db();
        Assert.True(await db.AuditLog.AnyAsync(x => x.UserId == directeur && x.Action == AuditAction.EchecConnexion && x.Detail!.Contains("mot de passe incorrect")));
    }

    [Fact]
    public async Task A_locked_account_gets_the_generic_message_even_with_the_right_password_and_the_lockout_is_audited()
    {
        var client = factory.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller2", ["Input.MotDePasse"] = "mauvais" + i });
        var right = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller2", ["Input.MotDePasse"] = JalonWebFactory.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var html = await right.Body();
        Assert.Contains("Identifiant ou mot de passe incorrect.", html);
        Assert.DoesNotContain("verrouillé après", html, StringComparison.Ordinal);
        var id = await UserId("conseiller2");
        using var db = factory.Db();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == id)).LockedUntil);
        Assert.Equal(1, await db.AuditLog.CountAsync(x => x.UserId == id && x.Action == AuditAction.Verrouillage));
        Assert.True(await db.AuditLog.AnyAsync(x => x.UserId == id && x.Action == AuditAction.EchecConnexion && x.Detail!.Contains("compte verrouillé")));
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
    public async Task Session_cookie_is_http_only_and_strict_and_not_secure_in_the_demo_over_http()
    {
        var (_, response) = await LogIn("accueil");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Jalon.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deactivated_account_loses_its_open_session_and_gets_the_generic_message()
    {
        var client = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Jeunes")).StatusCode);
        var directeur = await factory.SignedIn("directeur.valence");
        var id = await UserId("conseiller.valence");
        var r = await directeur.PostForm("/Comptes?handler=Desactiver", new() { ["userId"] = Id(id) });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Jeunes")).StatusCode);
        using (var db = factory.Db()) Assert.False(await db.Sessions.AnyAsync(s => s.UserId == id));

        var again = await factory.Anonymous().PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller.valence", ["Input.MotDePasse"] = JalonWebFactory.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect.", await again.Body());
        Assert.Contains(await AuditFor("compte désactivé"), a => a.UserId == id);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_whatever_its_activity()
    {
        var (client, _) = await LogIn("admin");
        var id = await UserId("admin");
        using (var db = factory.Db())
        {
            var session = await db.Sessions.Where(s => s.UserId == id).OrderByDescending(s => s.CreatedAt).FirstAsync();
            Assert.Equal(TimeSpan.FromHours(10), session.ExpiresAt - session.CreatedAt);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Comptes")).StatusCode);
        using (var db = factory.Db())
        {
            var now = DateTime.UtcNow;
            await db.Sessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, now.AddSeconds(-1)).SetProperty(s => s.LastSeenAt, now));
        }
        var after = await client.GetAsync("/Comptes");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Connexion", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_idle_for_30_minutes_ends_on_the_server()
    {
        var (client, _) = await LogIn("etat.national");
        var id = await UserId("etat.national");
        using (var db = factory.Db())
        {
            var idle = DateTime.UtcNow.AddMinutes(-31);
            await db.Sessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, idle));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Pilotage")).StatusCode);
        using (var db = factory.Db()) Assert.False(await db.Sessions.AnyAsync(s => s.UserId == id));
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : AuthenticationTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : AuthenticationTests(factory), IClassFixture<PostgresWebFactory>;
}

/// <summary>The password change, the reset by an administrator or a director, and the change imposed at the next login.</summary>
public abstract class PasswordTests(JalonWebFactory factory)
{
    private const string NewPassword = "Quatre-sortes-2026";

    private async Task<int> UserId(string login)
    {
        using var db = factory.Db();
        return (await db.Users.SingleAsync(u => u.Login == login)).Id;
    }

    [Fact]
    public async Task The_header_offers_the_password_change_and_the_demo_badge()
    {
        var client = await factory.SignedIn("arml");
        var html = await client.Html("/");
        Assert.Contains("href=\"/MotDePasse\"", html);
        Assert.Contains("id=\"badge-demonstration\"", html);
        Assert.Contains("Démonstration", html);
        // ProConnect is not configured: no button.
        Assert.DoesNotContain("ProConnect", await factory.Anonymous().Html("/Connexion"));
    }

    [Fact]
    public async Task A_user_changes_their_password_the_policy_is_checked_and_other_sessions_end()
    {
        var client = await factory.SignedIn("conseiller2");
        var other = await factory.SignedIn("conseiller2");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/Jeunes")).StatusCode);

        var wrong = await client.PostForm("/MotDePasse", new() { ["Input.Actuel"] = "pas-le-bon", ["Input.Nouveau"] = NewPassword, ["Input.Confirmation"] = NewPassword });
        Assert.Contains("Le mot de passe actuel est incorrect.", await wrong.Body());
        foreach (var (weak, message) in new[]
        {
            ("court-Aa1!", "au moins 12 caractères"),
            ("troissortes2026", "au moins 12 caractères"),
            ("Jalon-demo-2026", "celui, publié, des comptes de démonstration"),
            ("Conseiller2-Jalon!", "ne doit pas reprendre l'identifiant"),
        })
        {
            var refused = await client.PostForm("/MotDePasse", new() { ["Input.Actuel"] = JalonWebFactory.Password, ["Input.Nouveau"] = weak, ["Input.Confirmation"] = weak });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.Body());
        }
        var mismatch = await client.PostForm("/MotDePasse", new() { ["Input.Actuel"] = JalonWebFactory.Password, ["Input.Nouveau"] = NewPassword, ["Input.Confirmation"] = NewPassword + "x" });
        Assert.Contains("La confirmation ne reprend pas le nouveau mot de passe.", await mismatch.Body());

        var changed = await client.PostForm("/MotDePasse", new() { ["Input.Actuel"] = JalonWebFactory.Password, ["Input.Nouveau"] = NewPassword, ["Input.Confirmation"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // This browser goes on with a new session; the other one is closed.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Jeunes")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/Jeunes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Anonymous().PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller2", ["Input.MotDePasse"] = JalonWebFactory.Password })).StatusCode);
        await factory.SignedIn("conseiller2", NewPassword);
        var id = await UserId("conseiller2");
        using var db = factory.Db();
        Assert.True(await db.AuditLog.AnyAsync(a => a.UserId == id && a.Action == AuditAction.Modification && a.Detail!.Contains("changement de mot de passe")));
        Assert.Equal(2, await db.Sessions.CountAsync(s => s.UserId == id)); // this browser's new session and the last login
    }

    [Fact]
    public async Task A_reset_ends_every_session_and_the_user_must_change_the_password_before_anything_else()
    {
        var victim = await factory.SignedIn("accueil");
        var directeur = await factory.SignedIn("directeur");
        var id = await UserId("accueil");
        var reset = await directeur.PostForm("/Comptes?handler=Reinitialiser", new() { ["userId"] = id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var page = await directeur.Html("/Comptes");
        var temporary = System.Text.RegularExpressions.Regex.Match(page, "il ne sera plus affiché\\) : (\\S+)</p>").Groups[1].Value;
        Assert.Null(Jalon.Domain.Accounts.Credentials.PasswordProblem(temporary, "accueil"));
        Assert.DoesNotContain(temporary, await directeur.Html("/Comptes")); // shown once
        Assert.Equal(HttpStatusCode.Redirect, (await victim.GetAsync("/Jeunes")).StatusCode);

        var client = factory.Anonymous();
        var login = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "accueil", ["Input.MotDePasse"] = temporary });
        Assert.Equal("/MotDePasse", login.Headers.Location!.OriginalString);
        foreach (var route in new[] { "/", "/Jeunes", "/Jeunes/J000001" })
        {
            var gated = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
            Assert.Equal("/MotDePasse", gated.Headers.Location!.OriginalString);
        }
        Assert.Contains("id=\"changement-impose\"", await client.Html("/MotDePasse"));
        var changed = await client.PostForm("/MotDePasse", new() { ["Input.Actuel"] = temporary, ["Input.Nouveau"] = NewPassword, ["Input.Confirmation"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Jeunes")).StatusCode);
        using var db = factory.Db();
        Assert.False((await db.Users.SingleAsync(u => u.Id == id)).MustChangePassword);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Modification && a.Detail!.Contains("réinitialisation du mot de passe du compte accueil")));
    }

    [Fact]
    public async Task A_director_resets_only_the_staff_of_their_structure()
    {
        var directeur = await factory.SignedIn("directeur.valence");
        var other = await UserId("conseiller1");
        var refused = await directeur.PostForm("/Comptes?handler=Reinitialiser", new() { ["userId"] = other.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var admin = await UserId("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await directeur.PostForm("/Comptes?handler=Reinitialiser", new() { ["userId"] = admin.ToString(CultureInfo.InvariantCulture) })).StatusCode);
    }

    [Fact]
    public async Task An_account_created_by_an_administrator_must_change_its_password_at_first_login()
    {
        var admin = await factory.SignedIn("admin");
        var weak = await admin.PostForm("/Comptes?handler=Creer", new()
        {
            ["Input.Nom"] = "Léa Petit", ["Input.Login"] = "lea.petit", ["Input.Role"] = "Conseiller", ["Input.Structure"] = "ML26001",
            ["Input.MotDePasse"] = "Petit-Lea-2026!", ["Input.Courriel"] = "lea.petit@ml-drome.fr",
        }, formPage: "/Comptes");
        Assert.Contains("ne doit pas reprendre l'identifiant", await weak.Body());
        var created = await admin.PostForm("/Comptes?handler=Creer", new()
        {
            ["Input.Nom"] = "Léa Petit", ["Input.Login"] = "lea.petit", ["Input.Role"] = "Conseiller", ["Input.Structure"] = "ML26001",
            ["Input.MotDePasse"] = "Initial-Ml26-2026", ["Input.Courriel"] = "Lea.Petit@ML-drome.fr",
        }, formPage: "/Comptes");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using (var db = factory.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Login == "lea.petit");
            Assert.True(user.MustChangePassword);
            Assert.Equal("lea.petit@ml-drome.fr", user.Email);
        }
        var client = factory.Anonymous();
        var login = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "lea.petit", ["Input.MotDePasse"] = "Initial-Ml26-2026" });
        Assert.Equal("/MotDePasse", login.Headers.Location!.OriginalString);
        Assert.Equal("/MotDePasse", (await client.GetAsync("/Portefeuille")).Headers.Location!.OriginalString);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : PasswordTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : PasswordTests(factory), IClassFixture<PostgresWebFactory>;
}
