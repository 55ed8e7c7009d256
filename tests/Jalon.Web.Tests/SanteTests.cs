using System.Net;
using Jalon.Storage;
using Jalon.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// <c>/sante/vivant</c> and <c>/sante/pret</c> on a production start: anonymous, in plain HTTP too, one word and no data; « prêt »
/// fails (503) when the schema is not the program's or the backup folder cannot take a file, « vivant » does not.
/// </summary>
public abstract class SanteTests(DatabaseProvider provider)
{
    /// <summary>A production start whose backup folder is chosen by the test.</summary>
    private sealed class Factory(DatabaseProvider provider, string connectionString, string? backups) : JalonWebFactory(provider, connectionString)
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Jalon:Demo", "false");
            if (backups is not null) builder.UseSetting("Jalon:Sauvegardes:Dossier", backups);
        }

        /// <summary>A plain HTTP client, as a monitoring probe on another machine.</summary>
        public HttpClient Probe() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
    }

    private static async Task<(HttpStatusCode, string)> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Both_answer_healthy_anonymously_and_ready_fails_when_the_schema_is_behind()
    {
        using var database = new ScratchDatabase(provider);
        await using var web = new Factory(provider, database.ConnectionString, null);
        var probe = web.Probe();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Get(probe, "/sante/vivant"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Get(probe, "/sante/pret"));
        Assert.Equal(HttpStatusCode.BadRequest, (await probe.GetAsync("/Connexion")).StatusCode); // the pages stay HTTPS-only

        using (var db = web.Db())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "SchemaVersion" """);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "SchemaVersion" ("Version", "AppliedAt", "Description") VALUES ({0}, '2026-01-01', 'avant')""", JalonDatabase.LatestVersion - 1);
        }
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Get(probe, "/sante/pret"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Get(probe, "/sante/vivant"));
    }

    [Fact]
    public async Task Ready_fails_when_the_backup_folder_cannot_take_a_file()
    {
        using var database = new ScratchDatabase(provider);
        var notAFolder = Path.Combine(Path.GetTempPath(), $"jalon-sante-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(notAFolder, "un fichier, pas un dossier");
        try
        {
            await using var web = new Factory(provider, database.ConnectionString, notAFolder);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Get(web.Probe(), "/sante/pret"));
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await Get(web.Probe(), "/sante/vivant"));
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite() : SanteTests(DatabaseProvider.Sqlite);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres() : SanteTests(DatabaseProvider.Postgres);
}
