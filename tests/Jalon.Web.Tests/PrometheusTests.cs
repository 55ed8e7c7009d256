using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jalon.Web.Tests;

/// <summary>
/// <c>Jalon:Telemetrie:Prometheus=true</c> serves /metrics in the Prometheus text format to the machine itself and the networks of
/// <c>Jalon:Telemetrie:PrometheusReseaux</c>, with the requests' and Jalon's own metrics; never to another address.
/// </summary>
public sealed class PrometheusTests(PrometheusTests.Factory factory) : IClassFixture<PrometheusTests.Factory>
{
    public sealed class Factory : JalonWebFactory
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Jalon:Telemetrie:Prometheus", "true");
            builder.UseSetting("Jalon:Telemetrie:PrometheusReseaux", "10.1.0.0/16");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
        }
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> following) =>
            {
                if (context.Request.Headers["X-Test-Peer"] is [{ } peer]) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return following();
            });
            next(app);
        };
    }

    private async Task<HttpResponseMessage> Scrape(string peer)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        return await client.GetAsync("/metrics");
    }

    [Fact]
    public async Task The_admin_networks_scrape_the_metrics_and_nobody_else()
    {
        var conseiller = await factory.SignedIn("conseiller1");
        await conseiller.Html("/Portefeuille");

        var local = await Scrape("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        var text = await local.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("jalon_bd_commande_duree_seconds", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Scrape("10.1.2.3")).StatusCode);

        var outside = await Scrape("203.0.113.7");
        Assert.NotEqual(HttpStatusCode.OK, outside.StatusCode);
        Assert.DoesNotContain("jalon_bd_commande_duree", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
