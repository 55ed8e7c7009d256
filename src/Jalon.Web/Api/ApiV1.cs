using System.Security.Claims;
using System.Threading.RateLimiting;
using Jalon.Domain;
using Jalon.Domain.Accounts;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Storage.Api;
using Jalon.Storage.Entities;
using Jalon.Web.Infrastructure;
using Jalon.Web.Pages.Jeunes;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using Jalon.Web.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Jalon.Web.Api;

/// <summary>
/// The open REST API, version 1 (docs/api.md), under <c>/api/v1</c>: partner clients (<see cref="ApiClients"/>) get a bearer token
/// for their client credentials, then read and write their structure's journeys, read indicators and reference data. A client's
/// principal carries the claims of the human role it stands for, so the screens' checks apply as they are (the file of another
/// structure is not found; the aggregate-only roles get figures through statistical secrecy). Every call is audited; errors are
/// RFC 9457 problem details in French; each client has its rate limit.
/// </summary>
public static class ApiV1
{
    public const string Scheme = "ApiV1";
    public const string Version = "v1";
    private const string ClientClaim = "jalon:client-api";
    private const string ScopeClaim = "scope";

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var minutes = configuration.GetValue("Jalon:Api:JetonMinutes", 60);
        services.AddAuthentication().AddBearerToken(Scheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(minutes));
        services.AddProblemDetails();
        services.AddSingleton(new ApiLimiter(configuration.GetValue("Jalon:Api:AppelsParMinute", 300)));
        services.AddOpenApi(Version, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "Jalon — API ouverte", Version = Version, Description = "Parcours des jeunes, indicateurs et référentiels d'une Mission Locale (docs/api.md)." };
                document.Servers = [];
                return Task.CompletedTask;
            });
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        });
    }

    /// <summary>Problem details in French for the API's bare error statuses (the pages keep their HTML error pages).</summary>
    public static async Task Problems(HttpContext context, Func<Task> next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next();
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        await next();
        if (context.Response.HasStarted || context.Response.StatusCode < 400 || context.Response.ContentLength > 0) return;
        var detail = context.Response.StatusCode switch
        {
            401 => "Jeton absent, invalide ou expiré : demandez-en un à POST /api/v1/jeton avec les identifiants du client.",
            403 => "Ce client n'a pas la portée ou le rôle que demande cette ressource.",
            404 => "Ressource introuvable.",
            405 => "Méthode non permise sur cette ressource.",
            429 => "Trop d'appels : réessayez dans une minute.",
            _ => null,
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode, Detail = detail } });
    }

    public static void Map(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The interactive page: /scalar/v1 (its inline script has its own Content-Security-Policy, Security/SecurityHeaders.cs).
        app.MapScalarApiReference(o => o.WithTitle("Jalon — API ouverte v1")).AllowAnonymous();

        var api = app.MapGroup("/api/v1").DisableAntiforgery().WithTags("v1");
        api.MapPost("/jeton", Jeton).AllowAnonymous()
            .WithSummary("Jeton d'accès (client credentials)")
            .WithDescription("Formulaire grant_type=client_credentials, client_id, client_secret. Renvoie un jeton porteur à durée limitée.");

        var secured = api.MapGroup("").RequireAuthorization(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireClaim(ClientClaim).Build())
            .AddEndpointFilter(ClientFilter);
        secured.MapGet("/referentiels", Referentiels).WithMetadata(new ScopeAttribute(ApiScopes.Referentiels))
            .WithSummary("Codes des référentiels du parcours, avec leurs libellés");
        secured.MapGet("/structures/{structure}/jeunes/{jeune}/evenements", LireEvenements).WithMetadata(new ScopeAttribute(ApiScopes.ParcoursLecture))
            .WithSummary("Événements du parcours d'un jeune (sans les commentaires libres)");
        secured.MapPost("/structures/{structure}/jeunes/{jeune}/evenements/{type}", EcrireEvenement).WithMetadata(new ScopeAttribute(ApiScopes.ParcoursEcriture))
            .WithSummary("Enregistre un événement du parcours (mêmes règles que les écrans)");
        secured.MapPut("/structures/{structure}/jeunes/{jeune}/evenements/{type}/{id:long}", ModifierEvenement).WithMetadata(new ScopeAttribute(ApiScopes.ParcoursEcriture))
            .WithSummary("Modifie un événement du parcours (mêmes règles que les écrans ; « version » lue, sinon 409)");
        secured.MapDelete("/structures/{structure}/jeunes/{jeune}/evenements/{type}/{id:long}", SupprimerEvenement).WithMetadata(new ScopeAttribute(ApiScopes.ParcoursEcriture))
            .WithSummary("Supprime un événement du parcours (« version » lue, sinon 409)");
        secured.MapGet("/indicateurs", Indicateurs).WithMetadata(new ScopeAttribute(ApiScopes.Indicateurs))
            .WithSummary("Indicateurs d'un catalogue sur une période, sous le secret statistique du rôle du client");
    }

    /// <summary>The scope an endpoint requires.</summary>
    [AttributeUsage(AttributeTargets.All)]
    public sealed class ScopeAttribute(string scope) : Attribute
    {
        public string Scope { get; } = scope;
    }

    /// <summary>One rate limiter per client (a fixed window of a minute).</summary>
    public sealed class ApiLimiter(int perMinute) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

        public bool TryAcquire(string client)
        {
            using var lease = _limiter.AttemptAcquire(client);
            return lease.IsAcquired;
        }

        public void Dispose() => _limiter.Dispose();
    }

    /// <summary>Every secured call: the client is still active, within its rate, and has the endpoint's scope.</summary>
    private static async ValueTask<object?> ClientFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.User.FindFirstValue(ClientClaim)!;
        var db = http.RequestServices.GetRequiredService<JalonDbContext>();
        if (!await ApiClients.ActiveAsync(db, client, http.RequestAborted))
            return Problem(StatusCodes.Status401Unauthorized, "Client révoqué : ce jeton ne vaut plus.");
        if (!http.RequestServices.GetRequiredService<ApiLimiter>().TryAcquire(client))
            return Problem(StatusCodes.Status429TooManyRequests, "Trop d'appels pour ce client : réessayez dans une minute.");
        var scope = http.GetEndpoint()?.Metadata.GetMetadata<ScopeAttribute>()?.Scope;
        if (scope is not null && !http.User.HasClaim(ScopeClaim, scope))
            return Problem(StatusCodes.Status403Forbidden, $"Ce client n'a pas la portée « {scope} ».");
        return await next(context);
    }

    private static ProblemHttpResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);

    /// <summary>The audit line of an API call, as a screen's: who (the client), what, which structure and file.</summary>
    private static void Audit(JalonDbContext db, ClaimsPrincipal user, AuditAction action, string entity, string? structure, string? jeune, string detail) =>
        db.AuditLog.Add(new AuditEntry
        {
            UserLogin = "api:" + user.FindFirstValue(ClientClaim), Action = action, Entity = entity, StructureCode = structure, JeuneId = jeune,
            Detail = detail.Length > 500 ? detail[..500] : detail,
        });

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Jeton(HttpContext http, JalonDbContext db)
    {
        if (!http.Request.HasFormContentType)
            return Problem(StatusCodes.Status400BadRequest, "Envoyez un formulaire (application/x-www-form-urlencoded) : grant_type, client_id, client_secret.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"] != "client_credentials")
            return Problem(StatusCodes.Status400BadRequest, "grant_type doit valoir « client_credentials ».", new Dictionary<string, object?> { ["error"] = "unsupported_grant_type" });
        var client = await ApiClients.AuthenticateAsync(db, form["client_id"], form["client_secret"], http.RequestAborted);
        if (client is null)
        {
            db.AuditLog.Add(new AuditEntry { UserLogin = "api:" + Tronque(form["client_id"].ToString()), Action = AuditAction.EchecConnexion, Entity = "client-api", Detail = "identifiants d'API refusés" });
            await db.SaveChangesAsync(http.RequestAborted);
            return Problem(StatusCodes.Status400BadRequest, "Identifiants du client refusés (inconnu, révoqué ou secret erroné).", new Dictionary<string, object?> { ["error"] = "invalid_client" });
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, "api:" + client.ClientId),
            new(ClientClaim, client.ClientId),
            new(ClaimTypes.Role, client.Role.ToString()),
        };
        if (client.StructureCode is { } s) claims.Add(new Claim(JalonClaims.Structure, s));
        if (client.RegionCode is { } r) claims.Add(new Claim(JalonClaims.Region, r));
        claims.AddRange(client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => new Claim(ScopeClaim, x)));
        db.AuditLog.Add(new AuditEntry { UserLogin = "api:" + client.ClientId, Action = AuditAction.Connexion, Entity = "client-api", StructureCode = client.StructureCode, Detail = "jeton d'API délivré" });
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.SignIn(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)), authenticationScheme: Scheme);
    }

    private static string Tronque(string s) => s.Length > 40 ? s[..40] : s;

    /// <summary>A code and its French label.</summary>
    public sealed record Code(string Valeur, string Libelle);

    /// <summary>The codes of the journey's events.</summary>
    public sealed record ReferentielsReponse(
        IReadOnlyList<string> TypesEvenement, IReadOnlyList<Code> ModesContact, IReadOnlyList<Code> Operateurs, IReadOnlyList<Code> Dispositifs,
        IReadOnlyList<Code> MotifsFin, IReadOnlyList<Code> Themes, IReadOnlyList<Code> TypesSituation, IReadOnlyList<Code> DomainesDroit);

    private static async Task<Ok<ReferentielsReponse>> Referentiels(ClaimsPrincipal user, JalonDbContext db)
    {
        static List<Code> Of<T>(Func<T, string> libelle) where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => new Code(v.ToString(), libelle(v)))];
        Audit(db, user, AuditAction.Lecture, "api-referentiels", user.StructureCode(), null, "GET /api/v1/referentiels");
        await db.SaveChangesAsync();
        return TypedResults.Ok(new ReferentielsReponse(EvenementModel.Types, Of<ModeContact>(Libelles.Of), Of<Operateur>(Libelles.Of), Of<Dispositif>(Libelles.Of),
            Of<MotifFin>(Libelles.Of), Of<Theme>(Libelles.Of), Of<TypeSituation>(Libelles.Of), Of<DomaineDroit>(Libelles.Of)));
    }

    /// <summary>One event of a journey: the fields of its type (dates ISO 8601, codes of the reference data), never a free-text comment.</summary>
    public sealed record Evenement(string Type, long Id, int Version, DateOnly? Date, DateOnly? Debut, DateOnly? Fin, string? Code, string? MotifFin,
        bool? Neet, bool? Diagnostic, int? DureePrevueJours, string? SiteId);

    /// <summary>A young person's journey: their identifier in the structure and the events, by date.</summary>
    public sealed record Parcours(string Structure, string Jeune, IReadOnlyList<Evenement> Evenements);

    /// <summary>The file, only within the client's own structure (another structure's file is « not found », never revealed).</summary>
    private static async Task<JeuneEntity?> FindAsync(JalonDbContext db, ClaimsPrincipal user, string structure, string jeune) =>
        structure == user.StructureCode() ? await JeuneAccess.FindAsync(db, user, jeune) : null;

    private static async Task<Results<Ok<Parcours>, ProblemHttpResult>> LireEvenements(string structure, string jeune, ClaimsPrincipal user, JalonDbContext db)
    {
        var j = await FindAsync(db, user, structure, jeune);
        if (j is null) return Problem(StatusCodes.Status404NotFound, "Jeune introuvable dans la structure de ce client.");
        var s = j.StructureCode;
        var id = j.JeuneId;
        var events = new List<Evenement>();
        events.AddRange((await db.Contacts.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("contact", e.Id, e.Version, e.Date, null, null, e.Mode.ToString(), null, null, e.Diagnostic, null, e.SiteId)));
        events.AddRange((await db.Orientations.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("orientation", e.Id, e.Version, e.Date, null, null, e.Operateur.ToString(), null, null, null, null, null)));
        events.AddRange((await db.Parcours.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("parcours", e.Id, e.Version, null, e.Debut, e.Fin, e.Dispositif.ToString(), e.MotifFin?.ToString(), e.Neet, null, null, null)));
        events.AddRange((await db.Propositions.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("proposition", e.Id, e.Version, e.Date, null, null, e.Theme.ToString(), null, null, null, null, null)));
        events.AddRange((await db.Situations.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("situation", e.Id, e.Version, null, e.Debut, e.Fin, e.Type.ToString(), null, null, null, e.DureePrevueJours, null)));
        events.AddRange((await db.Droits.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("droit", e.Id, e.Version, e.Date, null, null, e.Domaine.ToString(), null, null, null, null, null)));
        events.AddRange((await db.Parrainages.AsNoTracking().Where(e => e.StructureCode == s && e.JeuneId == id).ToListAsync())
            .Select(e => new Evenement("parrainage", e.Id, e.Version, null, e.Debut, e.Fin, null, null, null, null, null, null)));
        Audit(db, user, AuditAction.Lecture, "jeune", s, id, "API : lecture du parcours");
        await db.SaveChangesAsync();
        return TypedResults.Ok(new Parcours(s, id, [.. events.OrderBy(e => e.Date ?? e.Debut).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.Id)]));
    }

    /// <summary>The identifier of a recorded event.</summary>
    public sealed record EvenementCree(string Type, long Id, int Version, IReadOnlyList<string> Avertissements);

    private static async Task<Results<Created<EvenementCree>, ProblemHttpResult, ValidationProblem>> EcrireEvenement(
        string structure, string jeune, string type, EvenementModel.EvenementInput evenement, ClaimsPrincipal user, JalonDbContext db, TimeProvider clock)
    {
        type = type.ToLowerInvariant();
        if (!EvenementModel.Types.Contains(type))
            return Problem(StatusCodes.Status404NotFound, $"Type d'événement inconnu « {type} » (possibles : {string.Join(", ", EvenementModel.Types)}).");
        var j = await FindAsync(db, user, structure, jeune);
        if (j is null) return Problem(StatusCodes.Status404NotFound, "Jeune introuvable dans la structure de ce client.");
        var sites = type == "contact"
            ? (await db.Sites.AsNoTracking().Where(x => x.StructureCode == j.StructureCode).Select(x => new { x.SiteId, x.Nom }).ToListAsync()).Select(x => (x.SiteId, x.Nom)).ToList()
            : [];
        // A partner system records no diagnostic: that stays with the counsellors' screens.
        var errors = EvenementModel.Erreurs(type, evenement, Dates.TodayInParis(clock), sites, peutDiagnostiquer: false, _ => false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => Camel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: "L'événement n'a pas été enregistré : corrigez les champs indiqués.", title: "Saisie invalide");
        }
        var before = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, j));
        var entity = EvenementModel.Create(type, j, auteurId: null);
        EvenementModel.Apply(entity, evenement, peutDiagnostiquer: false);
        db.Add(entity);
        Audit(db, user, AuditAction.Creation, type, j.StructureCode, j.JeuneId, "API : enregistrement d'un événement");
        await db.SaveChangesAsync();
        var added = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, j)).Except(before).ToList();
        return TypedResults.Created($"/api/v1/structures/{Uri.EscapeDataString(j.StructureCode)}/jeunes/{Uri.EscapeDataString(j.JeuneId)}/evenements",
            new EvenementCree(type, entity.Id, entity.Version, added));
    }

    /// <summary>An event of the young person <paramref name="j"/>, of <paramref name="type"/>, by its id (null: not there).</summary>
    private static async Task<JeuneEventEntity?> EvenementAsync(JalonDbContext db, JeuneEntity j, string type, long id)
    {
        var (s, jeune) = (j.StructureCode, j.JeuneId);
        return type switch
        {
            "contact" => await db.Contacts.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "orientation" => await db.Orientations.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "parcours" => await db.Parcours.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "proposition" => await db.Propositions.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "situation" => await db.Situations.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "droit" => await db.Droits.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            "parrainage" => await db.Parrainages.FirstOrDefaultAsync(e => e.Id == id && e.StructureCode == s && e.JeuneId == jeune),
            _ => null,
        };
    }

    /// <summary>The event a change or removal targets, or the problem: unknown type, file or event (404), a diagnostic (403).</summary>
    private static async Task<(JeuneEntity? Jeune, JeuneEventEntity? Evenement, ProblemHttpResult? Refus)> CibleAsync(
        JalonDbContext db, ClaimsPrincipal user, string structure, string jeune, string type, long id)
    {
        if (!EvenementModel.Types.Contains(type))
            return (null, null, Problem(StatusCodes.Status404NotFound, $"Type d'événement inconnu « {type} » (possibles : {string.Join(", ", EvenementModel.Types)})."));
        var j = await FindAsync(db, user, structure, jeune);
        if (j is null) return (null, null, Problem(StatusCodes.Status404NotFound, "Jeune introuvable dans la structure de ce client."));
        var e = await EvenementAsync(db, j, type, id);
        if (e is null) return (j, null, Problem(StatusCodes.Status404NotFound, $"Événement {type} n° {id} introuvable dans le parcours de ce jeune."));
        // A diagnostic stays with the counsellors' screens, as for a creation.
        if (e is ContactEntity { Diagnostic: true })
            return (j, null, Problem(StatusCodes.Status403Forbidden, "Un diagnostic ne se modifie ni ne se supprime par l'API : il reste aux écrans des conseillers."));
        return (j, e, null);
    }

    private static async Task<ProblemHttpResult> ConflitAsync(JalonDbContext db, JeuneEntity j) =>
        Problem(StatusCodes.Status409Conflict, await Concurrence.MessageAsync(db, j.StructureCode, j.JeuneId, "Cet événement")
            + " Relisez l'événement (GET) et renvoyez sa « version » actuelle.");

    /// <summary>The answer to a change: the event's new version and the journey anomalies it added.</summary>
    public sealed record EvenementModifie(string Type, long Id, int Version, IReadOnlyList<string> Avertissements);

    private static async Task<Results<Ok<EvenementModifie>, ProblemHttpResult, ValidationProblem>> ModifierEvenement(
        string structure, string jeune, string type, long id, EvenementModel.EvenementInput evenement, ClaimsPrincipal user, JalonDbContext db, TimeProvider clock)
    {
        type = type.ToLowerInvariant();
        var (j, entity, refus) = await CibleAsync(db, user, structure, jeune, type, id);
        if (refus is not null) return refus;
        var sites = type == "contact"
            ? (await db.Sites.AsNoTracking().Where(x => x.StructureCode == j!.StructureCode).Select(x => new { x.SiteId, x.Nom }).ToListAsync()).Select(x => (x.SiteId, x.Nom)).ToList()
            : [];
        var errors = EvenementModel.Erreurs(type, evenement, Dates.TodayInParis(clock), sites, peutDiagnostiquer: false, _ => false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => Camel(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: "L'événement n'a pas été modifié : corrigez les champs indiqués.", title: "Saisie invalide");
        }
        var before = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, j!));
        db.ExpectVersion(entity!, evenement.Version);
        EvenementModel.Apply(entity!, evenement, peutDiagnostiquer: false);
        Audit(db, user, AuditAction.Modification, type, j!.StructureCode, j.JeuneId, $"API : modification ({type} n° {id})");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflitAsync(db, j);
        }
        var added = JourneyRules.Anomalies(await JourneyData.LoadAsync(db, j)).Except(before).ToList();
        return TypedResults.Ok(new EvenementModifie(type, entity!.Id, entity.Version, added));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SupprimerEvenement(
        string structure, string jeune, string type, long id, int version, ClaimsPrincipal user, JalonDbContext db)
    {
        type = type.ToLowerInvariant();
        var (j, entity, refus) = await CibleAsync(db, user, structure, jeune, type, id);
        if (refus is not null) return refus;
        db.ExpectVersion(entity!, version);
        if (entity is ContactEntity c)
            db.DiagnosticDomaines.RemoveRange(db.DiagnosticDomaines.Where(d => d.StructureCode == c.StructureCode && d.ContactId == c.Id));
        db.Remove(entity!);
        Audit(db, user, AuditAction.Suppression, type, j!.StructureCode, j.JeuneId, $"API : suppression ({type} n° {id})");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflitAsync(db, j);
        }
        return TypedResults.NoContent();
    }

    private static string Camel(string field) => char.ToLowerInvariant(field[0]) + field[1..];

    /// <summary>A figure as the client may see it: <c>masque</c> when statistical secrecy hides it (« s » on the screens).</summary>
    public sealed record Valeur(string Niveau, string Code, string Indicateur, double? Nombre, bool Masque);

    /// <summary>The figures of a catalogue over a period, on the territories this client may read.</summary>
    public sealed record IndicateursReponse(string Catalogue, DateOnly Debut, DateOnly Fin, bool SecretStatistique, IReadOnlyList<Valeur> Valeurs);

    private static async Task<Results<Ok<IndicateursReponse>, ProblemHttpResult>> Indicateurs(
        DateOnly debut, DateOnly fin, string? catalogue, ClaimsPrincipal user, JalonDbContext db, IndicateursPilotage indicateurs)
    {
        if (!indicateurs.Catalogues.TryGet(catalogue ?? Catalogue.Defaut, out var cat))
            return Problem(StatusCodes.Status404NotFound, $"Catalogue inconnu « {catalogue} ».");
        if (fin < debut) return Problem(StatusCodes.Status400BadRequest, "La fin précède le début de la période.");
        var periode = new Period(debut, fin);
        if (user.Secret() && SecretStatistique.RefusPeriode(periode) is { } refus) return Problem(StatusCodes.Status400BadRequest, refus);
        // The territories of the client's role: its structure; its region and the region's structures; or the whole nation.
        List<string>? structures;
        var niveaux = new List<(Level, string)>();
        if (user.StructureCode() is { } own)
        {
            structures = [own];
            niveaux.Add((Level.Structure, own));
        }
        else if (user.RegionCode() is { } region)
        {
            structures = await db.Structures.AsNoTracking().Where(x => x.Region == region).Select(x => x.Code).ToListAsync();
            niveaux.Add((Level.Region, region));
            niveaux.AddRange(structures.Select(x => (Level.Structure, x)));
        }
        else
        {
            structures = null;
            niveaux.Add((Level.National, LevelNames.National));
        }
        var publication = indicateurs.Publier(user, cat, periode, structures, avecN1: false);
        var valeurs = new List<Valeur>();
        foreach (var (niveau, code) in niveaux)
        {
            foreach (var cle in cat.KeysInOutputOrder)
            {
                var v = publication.Valeur(niveau, code, cle);
                valeurs.Add(new Valeur(niveau.Code(), code, cle, v.Valeur, v.Masquee));
            }
        }
        Audit(db, user, AuditAction.Lecture, "indicateurs", user.StructureCode(), null, $"API : indicateurs {cat.Id} {debut:yyyy-MM-dd}/{fin:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        return TypedResults.Ok(new IndicateursReponse(cat.Id, debut, fin, publication.Secret, valeurs));
    }
}
