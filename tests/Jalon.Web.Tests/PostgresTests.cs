using System.Net;
using Jalon.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jalon.Web.Tests;

/// <summary>
/// The application on PostgreSQL (configuration only), when <c>JALON_TEST_POSTGRES</c> gives a server
/// (./test.sh starts one): seed, login, search, file, event, portfolio. Without a server the test does nothing.
/// </summary>
public sealed class PostgresTests
{
    private sealed class Factory(string connection) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Jalon:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Jalon", connection);
            builder.UseSetting("Jalon:Seed:Source", "manuel");
            builder.UseSetting("Jalon:Seed:Jeunes", "30");
            builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
        }
    }

    [Fact]
    public async Task The_counsellors_tool_runs_on_postgresql()
    {
        var server = Environment.GetEnvironmentVariable("JALON_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server)) return;
        var database = $"jalon_web_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        await using var factory = new Factory(connection);
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var login = await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = "conseiller1", ["Input.MotDePasse"] = JalonWebFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Contains("J000001", await client.Html("/Jeunes?q=J000001"));
            var created = await client.PostForm("/Jeunes/J000001/Evenement/proposition", new() { ["Input.Date"] = "2026-02-01", ["Input.Theme"] = "Formation" });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Contains("Proposition : Formation", await client.Html("/Jeunes/J000001"));
            Assert.Contains("Mon portefeuille", await client.Html("/Portefeuille"));
            using var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<JalonDbContext>();
            Assert.Equal(DatabaseProvider.Postgres, db.Provider);
            Assert.True(await db.AuditLog.AnyAsync(a => a.JeuneId == "J000001"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
