namespace Jalon.Web.Security;

/// <summary>Defensive response headers on every response.</summary>
public static class SecurityHeaders
{
    public static Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; font-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next();
    }
}
