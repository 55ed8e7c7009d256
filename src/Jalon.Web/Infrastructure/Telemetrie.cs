using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Jalon.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics and traces (docs/exploitation.md, « Surveiller »): the requests (ASP.NET Core's meters and activities:
/// durations, statuses, routes — never a query string) and the meters and sources named <c>Jalon*</c>. Exported over OTLP when
/// <c>Jalon:Telemetrie:Otlp</c> gives the collector's address (for example <c>http://127.0.0.1:4317</c>); otherwise measured
/// and not sent anywhere. <c>Jalon:Telemetrie:Prometheus=true</c> also serves the metrics at <c>/metrics</c> in the Prometheus text
/// format (pre-release exporter), to the machine itself and the networks of <c>Jalon:Telemetrie:PrometheusReseaux</c> only.
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
                if (Prometheus(configuration)) m.AddPrometheusExporter();
            })
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/sante", StringComparison.Ordinal)).AddSource("Jalon*");
                if (otlp is not null) t.AddOtlpExporter(o => o.Endpoint = otlp);
            });
    }

    private static bool Prometheus(IConfiguration configuration) => configuration.GetValue("Jalon:Telemetrie:Prometheus", false);

    /// <summary>
    /// Serves <c>/metrics</c> when Prometheus is on, to a peer on the loopback or in one of the networks of
    /// <c>Jalon:Telemetrie:PrometheusReseaux</c> (CIDR, separated by commas); anyone else gets what an unknown page gives. Placed
    /// after the forwarded headers: a request through the reverse proxy has the client's address, never the proxy's.
    /// </summary>
    public static void Use(WebApplication app)
    {
        if (!Prometheus(app.Configuration)) return;
        var networks = (app.Configuration["Jalon:Telemetrie:PrometheusReseaux"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => IPNetwork.TryParse(n, out var network) ? network
                : throw new InvalidOperationException($"Jalon:Telemetrie:PrometheusReseaux : « {n} » n'est pas un réseau (attendu : 10.0.0.0/8, par exemple)."))
            .ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == "/metrics" && context.Connection.RemoteIpAddress is { } peer
            && (IPAddress.IsLoopback(peer) || networks.Any(n => n.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer))));
    }
}
