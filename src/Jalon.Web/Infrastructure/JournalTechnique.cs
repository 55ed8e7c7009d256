namespace Jalon.Web.Infrastructure;

/// <summary>
/// The technical log (docs/exploitation.md, « Surveiller »), kept apart from the audit trail (the <c>AuditLog</c> table):
/// with <c>Jalon:Journaux:Format=json</c>, one JSON object per line with its request id (the scopes of ASP.NET Core: RequestId,
/// TraceId, SpanId, RequestPath). It carries no personal data: Jalon logs identifiers (structure, jeune), never a name, a birth
/// date or a comment, and the request lines of ASP.NET Core (whose query strings may hold a searched name) stay below the level
/// that is written, whatever the configuration says.
/// </summary>
public static class JournalTechnique
{
    /// <summary>The category of ASP.NET Core's « Request starting GET /Jeunes?q=… » lines.</summary>
    public const string RequestLines = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter(RequestLines, LogLevel.Warning);
        if (!string.Equals(builder.Configuration["Jalon:Journaux:Format"], "json", StringComparison.OrdinalIgnoreCase)) return;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
    }
}
