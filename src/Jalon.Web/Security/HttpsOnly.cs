using System.Net;

namespace Jalon.Web.Security;

/// <summary>
/// In production Jalon answers in HTTPS only: behind a TLS reverse proxy (<see cref="ReverseProxy"/>), a request is HTTPS when
/// the proxy says so (<c>X-Forwarded-Proto</c>). A plain HTTP request gets a French explanation (400) — never a page, never
/// a cookie — except the health endpoints (/sante/…) and requests from this machine itself (<c>./jalon web --production</c> tried on http://localhost, a health check).
/// </summary>
public static class HttpsOnly
{
    public const string Message =
        "Jalon en production ne répond qu'en HTTPS : servez-le derrière un proxy inverse TLS qui transmet X-Forwarded-Proto " +
        "(docs/web.md, « Mise en production »).";

    public static async Task Apply(HttpContext context, Func<Task> next)
    {
        // The health endpoints carry no data: a monitoring probe may ask them in plain HTTP (Infrastructure/Sante.cs).
        if (context.Request.IsHttps || context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            || context.Request.Path.StartsWithSegments("/sante", StringComparison.Ordinal))
        {
            await next();
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Message);
    }
}
