using System.Threading.RateLimiting;
using Jalon.Domain.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Jalon.Web.Security;

/// <summary>
/// Rate limiting of the login form with ASP.NET Core's rate limiter: per client address (after the reverse proxy's forwarded
/// headers) and per identifier, sliding windows; a refused attempt gets 429 and the French page /Erreur/429. The lockout
/// (5 failures, 15 minutes) protects each account; this slows down guessing across accounts and from many addresses.
/// Settings: <c>Jalon:Connexion:TentativesParAdresse</c> (per minute, default 30), <c>Jalon:Connexion:TentativesParIdentifiant</c>
/// (per 15 minutes, default 10). A refused attempt also counts against the address (the middleware tries the chained limiters
/// again before refusing).
/// </summary>
public static class LoginThrottle
{
    private const string LoginPath = "/Connexion";
    private const string IdentifierField = "Input.Identifiant";

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var perAddress = configuration.GetValue("Jalon:Connexion:TentativesParAdresse", 30);
        var perIdentifier = configuration.GetValue("Jalon:Connexion:TentativesParIdentifiant", 10);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginAttempt(context)
                ? RateLimitPartition.GetSlidingWindowLimiter("adresse:" + context.Connection.RemoteIpAddress, _ => Window(perAddress, TimeSpan.FromMinutes(1)))
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginAttempt(context)
                ? RateLimitPartition.GetSlidingWindowLimiter("identifiant:" + Identifier(context), _ => Window(perIdentifier, TimeSpan.FromMinutes(15)))
                : RateLimitPartition.GetNoLimiter("")),
            Infrastructure.RequestConcurrency.Create(configuration));
        options.OnRejected = (context, _) =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoginThrottle));
            if (logger.IsEnabled(LogLevel.Warning))
                logger.LogWarning("Connexion refusée (429) : trop de tentatives depuis {Address} ou pour « {Identifier} ».",
                    context.HttpContext.Connection.RemoteIpAddress, Identifier(context.HttpContext));
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Reads the login form before the limiter, which partitions synchronously by the identifier it holds.</summary>
    public static async Task BufferLoginForm(HttpContext context, Func<Task> next)
    {
        if (IsLoginAttempt(context) && context.Request.HasFormContentType) await context.Request.ReadFormAsync(context.RequestAborted);
        await next();
    }

    private static bool IsLoginAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static string Identifier(HttpContext context) =>
        context.Request.HasFormContentType && context.Request.Form.TryGetValue(IdentifierField, out var value)
            ? Credentials.NormalizeLogin(value.ToString()) is { Length: <= Credentials.MaxLoginLength } login ? login : "(trop long)"
            : "";

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits, Window = window, SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
    };
}
