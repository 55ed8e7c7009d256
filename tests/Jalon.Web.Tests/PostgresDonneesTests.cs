using System.Net;
using System.Text.RegularExpressions;
using Jalon.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jalon.Web.Tests;

/// <summary>
/// The data-safety pages on PostgreSQL: re-import with preview and backup (pg_dump), a stale save, the personal data
/// in JSON, erasure. Needs <c>JALON_TEST_POSTGRES</c> (./test.sh starts a server); under <c>CI=true</c> its absence fails.
/// </summary>
public sealed partial class PostgresDonneesTests
{
    private sealed class Factory(string connection, string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Jalon:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Jalon", connection);
            builder.UseSetting("Jalon:Demo", "true");
            builder.UseSetting("Jalon:Seed:Source", "manuel");
            builder.UseSetting("Jalon:Seed:Jeunes", "20");
            builder.UseSetting("Jalon:Rgpd:AnonymisationIntervalleHeures", "0");
            builder.UseSetting("Jalon:Indicateurs:RafraichissementSecondes", "0");
            builder.UseSetting("Jalon:Sauvegardes:Dossier", Path.Combine(folder, "sauvegardes"));
            builder.UseSetting("Jalon:Import:Attente", Path.Combine(folder, "attente"));
        }
    }

    [Fact]
    public async Task Reimport_concurrency_access_and_erasure_work_on_postgresql()
    {
        var server = Environment.GetEnvironmentVariable("JALON_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "CI=true : ce test doit tourner sur PostgreSQL, mais JALON_TEST_POSTGRES n'est pas défini.");
            return;
        }
        var database = $"jalon_web_{Guid.NewGuid():N}";
        var folder = Directory.CreateTempSubdirectory("jalon-pg-web-").FullName;
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        await using var factory = new Factory(connection, folder);
        try
        {
            async Task<HttpClient> SignIn(string login)
            {
                var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
                Assert.Equal(HttpStatusCode.Redirect, (await client.PostForm("/Connexion", new() { ["Input.Identifiant"] = login, ["Input.MotDePasse"] = JalonWebFactory.Password })).StatusCode);
                return client;
            }
            var directeur = await SignIn("directeur");
            var conseiller = await SignIn("conseiller1");

            // Re-import of the structure's export (one contact since removed at the source) after a web entry:
            // preview, backup by pg_dump, nothing entered in Jalon lost.
            var export = EchangesTests.WithoutLastContactOf(
                await (await directeur.PostForm("/Echanges?handler=Export", [])).Content.ReadAsByteArrayAsync(), "ML26001,J000004,");
            Assert.Equal(HttpStatusCode.Redirect, (await conseiller.PostForm("/Jeunes/J000002/Evenement/contact",
                new() { ["Input.Date"] = "2026-02-02", ["Input.Mode"] = "Sms", ["Input.Commentaire"] = "Saisi sur PostgreSQL" })).StatusCode);
            var preview = await EchangesUpload(directeur, export);
            Assert.Contains("Aperçu de l'import", preview);
            var done = await (await EchangesTests.Confirm(directeur, preview)).Body();
            Assert.Contains("Import réussi", done);
            Assert.EndsWith(".dump", Assert.Single(Directory.GetFiles(Path.Combine(folder, "sauvegardes"))), StringComparison.Ordinal);
            using (var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<JalonDbContext>())
            {
                Assert.Equal(DatabaseProvider.Postgres, db.Provider);
                Assert.True(await db.Contacts.AnyAsync(c => c.JeuneId == "J000002" && c.Commentaire == "Saisi sur PostgreSQL"));
            }

            // A stale save.
            var form = await conseiller.Html("/Jeunes/J000003/Identite");
            var version = Regex.Match(form, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
            Dictionary<string, string> Identite(string nom, string v) => new()
            {
                ["Input.Nom"] = nom, ["Input.Prenom"] = "Inès", ["Input.Naissance"] = "2004-03-15", ["Input.Sexe"] = "F", ["Input.Niveau"] = "V",
                ["Input.Diplome"] = "false", ["Input.Qpv"] = "false", ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05", ["Input.Version"] = v,
            };
            Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm("/Jeunes/J000003/Identite", Identite("Leclerc", version))).StatusCode);
            Assert.Contains("a été modifié entre-temps par Hélène Robert (directeur)", await (await conseiller.PostForm("/Jeunes/J000003/Identite", Identite("Lemoine", version))).Body());

            // The personal data, then erasure.
            Assert.Contains("\"nom\": \"Leclerc\"", await (await conseiller.GetAsync("/Jeunes/J000003/Acces?format=json")).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm("/Jeunes/J000003/Acces?handler=Effacer",
                new() { ["Motif"] = "Demande écrite", ["Confirmation"] = "true" }, "/Jeunes/J000003/Acces")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await conseiller.GetAsync("/Jeunes/J000003")).StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> EchangesUpload(HttpClient client, byte[] zip)
    {
        var page = await client.GetAsync("/Echanges");
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        form.Add(file, "Paquet", "paquet.zip");
        return await (await client.PostAsync("/Echanges?handler=Import", form)).Body();
    }
}
