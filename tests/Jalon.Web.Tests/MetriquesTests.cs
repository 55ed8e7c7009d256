using Jalon.Storage.Exchange;
using Jalon.Web.Infrastructure;
using Jalon.Web.Infrastructure.Taches;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Metrics;

namespace Jalon.Web.Tests;

/// <summary>
/// Jalon's own metrics (meter « Jalon », Jalon.Storage/Metriques.cs) reach the application's OpenTelemetry pipeline: an in-memory
/// exporter stands for OTLP. Database time, imports, jobs (runs, duration, failures by job) and the tally refresh.
/// </summary>
public sealed class MetriquesTests(MetriquesTests.Factory factory) : IClassFixture<MetriquesTests.Factory>
{
    public sealed class Factory : JalonWebFactory
    {
        public List<Metric> Metrics { get; } = [];

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics)));
    }

    /// <summary>The cumulative value of <paramref name="name"/> over the points that carry all <paramref name="wanted"/> tags (a sum, or a histogram's count).</summary>
    private double Value(string name, params string[] wanted)
    {
        factory.Metrics.Clear();
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush());
        double total = 0;
        foreach (var metric in factory.Metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.GetMetricPoints())
            {
                var tags = new List<string>();
                foreach (var t in point.Tags) tags.Add($"{t.Key}={t.Value}");
                if (!wanted.All(tags.Contains)) continue;
                total += metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.DoubleSum => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => 0,
                };
            }
        }
        return total;
    }

    [Fact]
    public async Task Database_time_is_measured_for_every_command()
    {
        var before = Value("jalon.bd.commande.duree", "bd=sqlite");
        var client = await factory.SignedIn("conseiller1");
        await client.Html("/Portefeuille");
        Assert.True(Value("jalon.bd.commande.duree", "bd=sqlite") > before);
    }

    [Fact]
    public void An_import_records_its_rows_and_duration_with_its_outcome()
    {
        var rows = Value("jalon.imports.lignes", "resultat=accepte");
        var imports = Value("jalon.imports.duree", "resultat=accepte");
        using var db = factory.Db();
        var package = PackageLoader.Load(db, "ML26001", withIds: true);
        PackageImporter.Import(db, package, "test");
        Assert.True(Value("jalon.imports.lignes", "resultat=accepte") >= rows + package.Jeunes.Length);
        Assert.True(Value("jalon.imports.duree", "resultat=accepte") >= imports + 1);
    }

    [Fact]
    public async Task Jobs_record_runs_duration_and_failures_by_job_and_the_tally_refresh_its_duration()
    {
        var planificateur = factory.Services.GetRequiredService<Planificateur>();
        var refreshes = Value("jalon.indicateurs.rafraichissement.duree");
        await planificateur.Lancer("rafraichissement-indicateurs")!;
        Assert.True(Value("jalon.taches.executions", "tache=rafraichissement-indicateurs", "resultat=reussie") >= 1);
        Assert.True(Value("jalon.taches.duree", "tache=rafraichissement-indicateurs") >= 1);
        Assert.True(Value("jalon.indicateurs.rafraichissement.duree") >= refreshes + 1);
        Assert.Contains(factory.Metrics, m => m.Name == "jalon.indicateurs.rafraichissement.structures");

        // A failing job: counted as a failure of its own name, and as a run whose outcome is a failure.
        using var seul = new Planificateur([new Echec()], factory.Services.GetRequiredService<IServiceScopeFactory>(),
            new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<Planificateur>.Instance);
        await seul.Lancer("test-metrique-echec")!;
        Assert.Equal(1, Value("jalon.taches.echecs", "tache=test-metrique-echec"));
        Assert.Equal(1, Value("jalon.taches.executions", "tache=test-metrique-echec", "resultat=echec"));
        Assert.Equal(0, Value("jalon.taches.executions", "tache=test-metrique-echec", "resultat=reussie"));
    }

    private sealed class Echec : ITache
    {
        public string Nom => "test-metrique-echec";
        public string Libelle => "Échec";
        public Planning Planning => new(TimeSpan.Zero);
        public Task<string> ExecuterAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("échec voulu");
    }
}
