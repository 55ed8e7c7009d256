using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Jalon.Web.Tests;

/// <summary>The metrics pipeline of the application (Infrastructure/Telemetrie.cs) sees the requests: an in-memory exporter stands for OTLP.</summary>
public sealed class TelemetrieTests : IClassFixture<TelemetrieTests.Factory>
{
    private readonly Factory _factory;

    public TelemetrieTests(Factory factory) => _factory = factory;

    public sealed class Factory : JalonWebFactory
    {
        public List<Metric> Metrics { get; } = [];

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics)));
    }

    [Fact]
    public async Task The_request_metrics_reach_the_exporter_with_their_route_and_status()
    {
        var client = await _factory.SignedIn("conseiller1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portefeuille")).StatusCode);
        Assert.True(_factory.Services.GetRequiredService<MeterProvider>().ForceFlush());

        var requests = _factory.Metrics.Where(m => m.Name == "http.server.request.duration").ToList();
        Assert.NotEmpty(requests);
        var tags = new List<string>();
        foreach (var metric in requests)
        {
            foreach (var point in metric.GetMetricPoints())
            {
                var pointTags = new List<string>();
                foreach (var tag in point.Tags) pointTags.Add($"{tag.Key}={tag.Value}");
                tags.Add(string.Join(",", pointTags));
            }
        }
        Assert.True(tags.Any(t => t.Contains("http.route=Portefeuille", StringComparison.Ordinal) && t.Contains("http.response.status_code=200", StringComparison.Ordinal)),
            string.Join(" | ", tags));
    }
}
