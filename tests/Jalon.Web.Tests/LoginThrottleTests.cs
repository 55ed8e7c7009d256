using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Jalon.Web.Tests;

/// <summary>The demo with 3 login attempts per identifier (and many per address).</summary>
public sealed class IdentifierThrottledFactory : JalonWebFactory
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jalon:Connexion:TentativesParIdentifiant", "3");
}

/// <summary>The demo with 4 login attempts per address (TestServer: one address for every client), and many per identifier.</summary>
public sealed class AddressThrottledFactory : JalonWebFactory
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jalon:Connexion:TentativesParAdresse", "4");
}

internal static class LoginForms
{
    public static Dictionary<string, string> For(string login, string password) => new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = password };
}

/// <summary>The login form's limit per identifier, with the French 429 page.</summary>
public sealed class IdentifierThrottleTests(IdentifierThrottledFactory factory) : IClassFixture<IdentifierThrottledFactory>
{
    [Fact]
    public async Task Attempts_beyond_the_limit_of_an_identifier_get_429_with_a_french_page_even_with_the_right_password()
    {
        var client = factory.Anonymous();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostForm("/Connexion", LoginForms.For("Directeur", "mauvais" + i))).StatusCode);
        // The 4th attempt on the same identifier (case and spaces aside), right password or not.
        var limited = await client.PostForm("/Connexion", LoginForms.For(" directeur ", JalonWebFactory.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var html = await limited.Body();
        Assert.Contains("<h1>Trop de tentatives</h1>", html);
        Assert.Contains("Patientez quelques minutes avant de réessayer.", html);
        Assert.Contains("lang=\"fr\"", html);
        // Another identifier passes, and reading the login page is never limited.
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Anonymous().PostForm("/Connexion", LoginForms.For("accueil", JalonWebFactory.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Connexion")).StatusCode);
    }
}

/// <summary>The login form's limit per client address.</summary>
public sealed class AddressThrottleTests(AddressThrottledFactory factory) : IClassFixture<AddressThrottledFactory>
{
    [Fact]
    public async Task Attempts_beyond_the_limit_of_an_address_get_429_whatever_the_identifier()
    {
        foreach (var login in new[] { "accueil", "conseiller1", "personne", "directeur" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await factory.Anonymous().PostForm("/Connexion", LoginForms.For(login, "mauvais"))).StatusCode);
        var limited = await factory.Anonymous().PostForm("/Connexion", LoginForms.For("admin", JalonWebFactory.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Trop de tentatives", await limited.Body());
    }
}
