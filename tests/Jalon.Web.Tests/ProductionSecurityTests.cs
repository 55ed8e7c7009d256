using System.Net;
using Jalon.Domain;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests;

/// <summary>
/// A production start behind a TLS reverse proxy at 10.0.0.2. The test gives each request the address of its peer with the
/// <c>X-Test-Peer</c> header (TestServer has none).
/// </summary>
public sealed class ProxiedProductionFactory : JalonWebFactory
{
    public const string Login = "chef.admin";
    public const string AdminPassword = "Solide-Serveur-2026";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jalon:Demo", "false");
        builder.UseSetting("Jalon:ReverseProxy:KnownProxies", "10.0.0.2");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    public async Task<HttpClient> Client(string baseAddress, string peer, params (string Name, string Value)[] headers)
    {
        using (var db = Db())
        {
            if (!await db.Users.AnyAsync(u => u.Login == Login))
            {
                var user = new UserEntity { Login = Login, DisplayName = "Administration", Role = Role.Administrateur, PasswordHash = "" };
                UserAccounts.SetPassword(user, AdminPassword, mustChange: false);
                db.Users.Add(user);
                await db.SaveChangesAsync();
            }
        }
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress),
        });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        foreach (var (name, value) in headers) client.DefaultRequestHeaders.Add(name, value);
        return client;
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> following) =>
            {
                if (context.Request.Headers["X-Test-Peer"] is [{ } peer]) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return following();
            });
            next(app);
        };
    }
}

/// <summary>Production behind a TLS proxy: HTTPS only, HSTS, Secure session cookie, the client's address from the trusted proxy.</summary>
public sealed class ProductionSecurityTests(ProxiedProductionFactory factory) : IClassFixture<ProxiedProductionFactory>
{
    [Fact]
    public async Task Over_https_the_answer_carries_hsts_and_the_session_cookie_is_secure()
    {
        var client = await factory.Client("https://jalon.example.fr", "10.0.0.2", ("X-Forwarded-For", "203.0.113.7"));
        var page = await client.GetAsync("/Connexion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());

        var login = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = ProxiedProductionFactory.Login, ["Input.MotDePasse"] = ProxiedProductionFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Jalon.Session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        // The audit names the client's address given by the trusted proxy, not the proxy's.
        using var db = factory.Db();
        var line = await db.AuditLog.Where(a => a.Action == AuditAction.Connexion).OrderByDescending(a => a.Id).FirstAsync();
        Assert.EndsWith("(adresse 203.0.113.7)", line.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheme_forwarded_by_the_trusted_proxy_counts_and_an_untrusted_one_is_ignored()
    {
        var proxied = await factory.Client("http://jalon.example.fr", "10.0.0.2", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.8"));
        var page = await proxied.GetAsync("/Connexion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));

        var spoofed = await factory.Client("http://jalon.example.fr", "198.51.100.9", ("X-Forwarded-Proto", "https"));
        var refused = await spoofed.GetAsync("/Connexion");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(Jalon.Web.Security.HttpsOnly.Message, await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Plain_http_is_answered_only_to_this_machine_without_hsts()
    {
        var local = await factory.Client("http://localhost", "127.0.0.1");
        var page = await local.GetAsync("/Connexion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("Démonstration", await page.Body());
    }
}
