using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The demo with ProConnect configured against <see cref="FakeProConnect"/>; clients on https (the correlation cookies are Secure).</summary>
public class ProConnectWebFactory : JalonWebFactory
{
    public ProConnectWebFactory()
    {
    }

    protected ProConnectWebFactory(DatabaseProvider provider) : base(provider)
    {
    }

    public FakeProConnect IdentityProvider { get; } = new();

    protected override Uri ClientBaseAddress => new("https://localhost");

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jalon:ProConnect:Authority", IdentityProvider.Authority);
        builder.UseSetting("Jalon:ProConnect:ClientId", FakeProConnect.ClientId);
        builder.UseSetting("Jalon:ProConnect:ClientSecret", FakeProConnect.ClientSecret);
        builder.UseSetting("Jalon:ProConnect:Scopes", "openid email given_name usual_name");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) IdentityProvider.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

public class PostgresProConnectWebFactory() : ProConnectWebFactory(DatabaseProvider.Postgres);

/// <summary>
/// Login through ProConnect against a local fake provider: an identity signs in to the Jalon account that carries its e-mail
/// (the link to its <c>sub</c> is then kept), never to a new account; the role stays Jalon's.
/// </summary>
public abstract partial class ProConnectTests(ProConnectWebFactory factory)
{
    /// <summary>Runs the browser's part: Jalon's button, the provider's authorize page, back to Jalon's callback.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Callback)> SignInThroughProConnect((string Sub, string Email) identity, string? retour = null)
    {
        factory.IdentityProvider.Identity = identity;
        var client = factory.Anonymous();
        var start = await client.GetAsync("/Connexion/ProConnect" + (retour is null ? "" : "?retour=" + Uri.EscapeDataString(retour)));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(factory.IdentityProvider.Authority + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        Assert.Contains("scope=openid%20email%20given_name%20usual_name", authorize.Query, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await (await browser.GetAsync(authorize)).Content.ReadAsStringAsync();
        var action = new Uri(WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value));
        Assert.Equal("/Connexion/ProConnect/Retour", action.AbsolutePath);
        var fields = HiddenInput().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var callback = await client.PostAsync(action.AbsolutePath, new FormUrlEncodedContent(fields));
        return (client, callback);
    }

    private async Task<int> LinkEmail(string login, string email)
    {
        var admin = await factory.SignedIn("admin");
        using var db = factory.Db();
        var id = (await db.Users.SingleAsync(u => u.Login == login)).Id;
        var saved = await admin.PostForm("/Comptes?handler=Courriel", new() { ["userId"] = id.ToString(CultureInfo.InvariantCulture), ["courriel"] = email }, formPage: "/Comptes");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return id;
    }

    [Fact]
    public async Task An_agent_signs_in_to_the_account_with_their_email_and_the_link_is_kept()
    {
        Assert.Contains("S'identifier avec ProConnect", await factory.Anonymous().Html("/Connexion"));
        var id = await LinkEmail("directeur", "helene.robert@ml-drome.fr");
        using (var db = factory.Db())
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true));

        var (client, callback) = await SignInThroughProConnect(("pc-directeur", "Helene.Robert@ml-drome.fr"), retour: "/Portefeuille");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/Connexion/Suite?retour=%2FPortefeuille", callback.Headers.Location!.OriginalString);
        var relay = await client.GetAsync(callback.Headers.Location);
        Assert.Equal("0;url=/Portefeuille", relay.Headers.GetValues("Refresh").Single());
        // Signed in as the Jalon account, with its Jalon role; a password to change does not gate a ProConnect session.
        var home = await client.Html("/");
        Assert.Contains("Hélène Robert", home);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portefeuille")).StatusCode);

        using var check = factory.Db();
        var user = await check.Users.SingleAsync(u => u.Id == id);
        Assert.Equal("pc-directeur", user.ProConnectSubject);
        Assert.True(await check.Sessions.AnyAsync(s => s.UserId == id && s.Method == "ProConnect"));
        Assert.True(await check.AuditLog.AnyAsync(a => a.UserId == id && a.Action == AuditAction.Connexion && a.Detail!.StartsWith("connexion (ProConnect)")));
        Assert.True(await check.AuditLog.AnyAsync(a => a.UserId == id && a.Detail!.StartsWith("identité ProConnect reliée au compte")));

        // Later the identity is found by its sub, whatever its e-mail has become.
        var (again, second) = await SignInThroughProConnect(("pc-directeur", "h.robert@nouvelle-adresse.fr"));
        Assert.Equal("/Connexion/Suite", second.Headers.Location!.OriginalString);
        Assert.Contains("Hélène Robert", await again.Html("/"));
        // The provider was asked for a code with PKCE and the client's secret.
        Assert.Contains(factory.IdentityProvider.Requests, r => r == "/token client_id&client_secret&code&code_verifier&grant_type&redirect_uri");
    }

    [Fact]
    public async Task An_identity_without_a_jalon_account_is_refused_and_no_account_is_created()
    {
        int users;
        using (var db = factory.Db()) users = await db.Users.CountAsync();
        var (client, callback) = await SignInThroughProConnect(("pc-inconnu", "inconnu@exemple.gouv.fr"));
        Assert.Equal("/Connexion?proconnect=inconnu", callback.Headers.Location!.OriginalString);
        Assert.Contains("Aucun compte Jalon actif n'est relié à cette identité ProConnect.", await client.Html("/Connexion?proconnect=inconnu"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        using var check = factory.Db();
        Assert.Equal(users, await check.Users.CountAsync());
        Assert.True(await check.AuditLog.AnyAsync(a => a.Action == AuditAction.EchecConnexion && a.Detail!.Contains("inconnu@exemple.gouv.fr")));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(ProConnectWebFactory factory) : ProConnectTests(factory), IClassFixture<ProConnectWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresProConnectWebFactory factory) : ProConnectTests(factory), IClassFixture<PostgresProConnectWebFactory>;
}
