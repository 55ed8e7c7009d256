using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jalon.Web.Tests;

/// <summary>
/// A local OpenID Connect provider standing in for ProConnect, on a real port of this machine: discovery, JWKS, authorize
/// (answering in <c>form_post</c> or <c>query</c>), token (authorization code with PKCE, RS256-signed id_token), and userinfo as
/// ProConnect gives it (a signed JWT). Whoever "signs in" at the authorize endpoint is <see cref="Identity"/>.
/// </summary>
public sealed class FakeProConnect : IAsyncDisposable
{
    public const string ClientId = "jalon-tests";
    public const string ClientSecret = "secret-des-tests-jalon";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "cle-de-test" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, (string Sub, string Email)> _accessTokens = new();

    private sealed record Grant(string RedirectUri, string? Nonce, string? Challenge, (string Sub, string Email) Identity);

    /// <summary>The agent who signs in at the next authorization.</summary>
    public (string Sub, string Email) Identity { get; set; } = ("pc-0001", "agent@exemple.gouv.fr");

    /// <summary>The requests the provider received (path and query or form), to check what Jalon asked for.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public string Authority { get; }

    public FakeProConnect()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority!, ["authorization_endpoint"] = Authority + "/authorize", ["token_endpoint"] = Authority + "/token",
            ["userinfo_endpoint"] = Authority + "/userinfo", ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" }, ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "email", "given_name", "usual_name" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/userinfo", UserInfo);
        _app.StartAsync().GetAwaiter().GetResult();
        Authority = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private IResult Authorize(HttpRequest request)
    {
        Requests.Enqueue(request.Path + request.QueryString);
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"]))
            return Results.BadRequest("requête d'autorisation invalide");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(q["redirect_uri"]!, q["nonce"], q["code_challenge"], Identity);
        var redirect = q["redirect_uri"].ToString();
        var state = q["state"].ToString();
        if (q["response_mode"] == "form_post")
        {
            var html = $"""
                <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(redirect)}">
                <input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}">
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        }
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        Requests.Enqueue("/token " + string.Join("&", form.Keys.Order()));
        var (id, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (request.Headers.Authorization.ToString() is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (id, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (id != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (grant.Challenge is null || challenge != grant.Challenge) return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
        var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = grant.Identity;
        var claims = new Dictionary<string, object> { ["sub"] = grant.Identity.Sub, ["acr"] = "eidas1", ["amr"] = new[] { "pwd" } };
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        return Results.Json(new
        {
            access_token = accessToken, token_type = "Bearer", expires_in = 60,
            id_token = Sign(claims, ClientId),
        });
    }

    /// <summary>As ProConnect: the user's claims as a signed JWT (<c>application/jwt</c>).</summary>
    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header[7..], out var identity)) return Results.Unauthorized();
        var claims = new Dictionary<string, object> { ["sub"] = identity.Sub, ["email"] = identity.Email, ["given_name"] = "Agent", ["usual_name"] = "Public" };
        return Results.Text(Sign(claims, ClientId), "application/jwt");
    }

    private string Sign(Dictionary<string, object> claims, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Authority, Audience = audience, Claims = claims, IssuedAt = DateTime.UtcNow, NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddMinutes(5), SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
