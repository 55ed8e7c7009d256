using System.Security.Claims;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Jalon.Web.Security;

/// <summary>
/// Optional login through ProConnect, the State's identity federation for agents (OpenID Connect, authorization code with
/// PKCE), configured only by <c>Jalon:ProConnect:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c> and <c>Scopes</c>.
/// An identity signs in to the Jalon account already linked to its <c>sub</c>, or else to the one account whose e-mail it
/// carries (the link is then stored). ProConnect never creates an account nor gives a role: both stay Jalon's.
/// </summary>
public static class ProConnect
{
    public const string Scheme = "ProConnect";
    public const string CallbackPath = "/Connexion/ProConnect/Retour";
    private const string Section = "Jalon:ProConnect";
    private const string DefaultScopes = "openid email given_name usual_name";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[Section + ":Authority"]) && !string.IsNullOrWhiteSpace(configuration[Section + ":ClientId"]);

    public static void AddTo(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration)) return;
        authentication.AddOpenIdConnect(Scheme, "ProConnect", options =>
        {
            var authority = configuration[Section + ":Authority"]!.TrimEnd('/');
            options.Authority = authority;
            options.ClientId = configuration[Section + ":ClientId"];
            options.ClientSecret = configuration[Section + ":ClientSecret"];
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.Scope.Clear();
            foreach (var scope in (configuration[Section + ":Scopes"] ?? DefaultScopes).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                options.Scope.Add(scope);
            options.CallbackPath = CallbackPath;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            // ProConnect gives the e-mail through its userinfo endpoint (a signed JWT, which the handler reads).
            options.GetClaimsFromUserInfoEndpoint = true;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            // HTTPS everywhere but a provider on this machine (the tests' fake provider).
            options.RequireHttpsMetadata = !(Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback);
            options.Events.OnTicketReceived = SignInToLinkedAccountAsync;
            options.Events.OnRemoteFailure = context =>
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProConnect));
                if (logger.IsEnabled(LogLevel.Warning)) logger.LogWarning(context.Failure, "Connexion ProConnect en échec.");
                context.Response.Redirect("/Connexion?proconnect=echec");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The button's target: a challenge that comes back through <c>/Connexion/Suite</c>.</summary>
    public static void Map(WebApplication app)
    {
        if (!IsConfigured(app.Configuration)) return;
        app.MapGet("/Connexion/ProConnect", (string? retour) =>
        {
            var back = "/Connexion/Suite" + (string.IsNullOrEmpty(retour) ? "" : "?retour=" + Uri.EscapeDataString(retour));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [Scheme]);
        }).AllowAnonymous();
    }

    /// <summary>The French message of a refused ProConnect login (<c>/Connexion?proconnect=…</c>).</summary>
    public static string? RefusalMessage(string? code) => code switch
    {
        null or "" => null,
        "inconnu" => "Aucun compte Jalon actif n'est relié à cette identité ProConnect. Demandez à l'administration ou à la direction " +
                     "de votre structure d'enregistrer votre adresse électronique professionnelle sur votre compte.",
        _ => "La connexion avec ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre identifiant et votre mot de passe.",
    };

    /// <summary>Replaces the identity provider's principal by the linked Jalon account's, with a server-side session.</summary>
    private static async Task SignInToLinkedAccountAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<JalonDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var subject = context.Principal?.FindFirstValue("sub");
        var email = context.Principal?.FindFirstValue("email")?.Trim().ToLowerInvariant();
        UserEntity? user = null;
        if (!string.IsNullOrEmpty(subject))
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.ProConnectSubject == subject);
            if (user is null && !string.IsNullOrEmpty(email))
            {
                // Exactly one account with this address, not yet linked to another identity.
                var candidates = await db.Users.Where(u => u.Email == email).Take(2).ToListAsync();
                if (candidates is [{ ProConnectSubject: null } only]) user = only;
            }
        }
        if (user is null || !user.Active)
        {
            Audit.Access(db, http, user, AuditAction.EchecConnexion,
                "échec de connexion ProConnect : " + (user is null ? $"aucun compte relié à l'identité « {email ?? subject} »" : "compte désactivé"));
            await db.SaveChangesAsync();
            context.Response.Redirect("/Connexion?proconnect=inconnu");
            context.HandleResponse();
            return;
        }
        if (user.ProConnectSubject is null)
        {
            user.ProConnectSubject = subject;
            Audit.Access(db, http, user, AuditAction.Modification, $"identité ProConnect reliée au compte par l'adresse {email}");
        }
        context.Principal = await AccountSignIn.OpenSessionAsync(http, db, user, UserAccounts.ProConnectMethod, now);
        context.Properties!.IsPersistent = false;
        context.Properties.AllowRefresh = true;
    }
}
