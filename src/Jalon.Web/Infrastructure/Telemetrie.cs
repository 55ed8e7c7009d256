using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics and traces (docs/exploitation.md, « Surveiller »): the requests (ASP.NET Core's meters and activities:
/// durations, statuses, routes — never a query string) and the meters and sources named <c>Jalon*</c>. Exported over OTLP when
/// <c>Jalon:Telemetrie:Otlp</c> gives the collector's address (for example <c>http://127.0.0.1:4317</c>); otherwise measured
/// and not sent anywhere.
/// </summary>
public static class Telemetrie
{
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["Jalon:Telemetrie:Otlp"] is { Length: > 0 } address ? new Uri(address) : null;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("jalon"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter("Jalon*");
                if (otlp is not null) m.AddOtlpExporter(o => o.Endpoint = otlp);
            })
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/sante", StringComparison.Ordinal)).AddSource("Jalon*");
                if (otlp is not null) t.AddOtlpExporter(o => o.Endpoint = otlp);
            });
    }
}
