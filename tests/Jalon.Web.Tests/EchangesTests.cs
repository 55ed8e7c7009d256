using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>Import and export of exchange packages from the UI.</summary>
public sealed partial class EchangesTests(JalonWebFactory factory) : IClassFixture<JalonWebFactory>
{
    private const string Structures = "structure,nom,region,departement\nML26001,Mission Locale Drôme des Collines-Royans-Vercors,84,26\n";

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] zip, string name = "paquet.zip")
    {
        var page = await client.GetAsync("/Echanges");
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken");
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "Paquet", name);
        return await client.PostAsync("/Echanges?handler=Import", form);
    }

    [Fact]
    public async Task Invalid_package_lists_every_error_as_file_line_column_and_writes_nothing()
    {
        var client = await factory.SignedIn("directeur");
        var zip = Zip(("structures.csv", Structures), ("jeunes.csv",
            "structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\n" +
            "ML26001,IMP1,2004-13-01,F,V,0,26281,0,0,2026-01-05\n" +
            "ML26001,IMP2,2004-01-01,X,V,0,26281,0,0,2026-01-05\n"));
        var response = await Upload(client, zip);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Body();
        Assert.Contains("rien n'a été importé", html);
        Assert.Matches(@"jeunes\.csv:2: naissance: ", html);
        Assert.Matches(@"jeunes\.csv:3: sexe: ", html);
        using var db = factory.Db();
        Assert.False(await db.Jeunes.AnyAsync(j => j.JeuneId == "IMP1" || j.JeuneId == "IMP2"));
    }

    [Fact]
    public async Task A_directeur_cannot_import_another_structure()
    {
        var client = await factory.SignedIn("directeur");
        var zip = Zip(("structures.csv", "structure,nom,region,departement\nML99999,Autre,84,26\n"),
            ("jeunes.csv", "structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\nML99999,X1,2004-01-01,F,V,0,26281,0,0,2026-01-05\n"));
        var html = await (await Upload(client, zip)).Body();
        Assert.Contains("d'autres structures que la vôtre", html);
        using var db = factory.Db();
        Assert.False(await db.Structures.AnyAsync(s => s.Code == "ML99999"));
    }

    [Fact]
    public async Task Not_a_zip_is_refused_in_french()
    {
        var client = await factory.SignedIn("directeur");
        var html = await (await Upload(client, Encoding.UTF8.GetBytes("pas un zip"), "paquet.zip")).Body();
        Assert.Contains("rien n'a été importé", html);
    }

    [Fact]
    public async Task Valid_package_is_imported_and_audited()
    {
        var client = await factory.SignedIn("admin");
        var zip = Zip(
            ("structures.csv", "structure,nom,region,departement\nML26077,Mission Locale d'essai,84,26\n"),
            ("jeunes.csv", "structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\nML26077,IMP3,2004-01-01,F,V,0,26281,0,0,2026-01-05\n"),
            ("contacts.csv", "structure,jeune,date,mode,diagnostic\nML26077,IMP3,2026-01-05,ENTRETIEN,1\n"));
        var preview = await (await Upload(client, zip)).Body();
        Assert.Contains("Aperçu de l'import", preview);
        using (var before = factory.Db()) Assert.False(await before.Jeunes.AnyAsync(j => j.JeuneId == "IMP3")); // nothing written yet
        var html = await (await Confirm(client, preview)).Body();
        Assert.Contains("Import réussi", html);
        using var db = factory.Db();
        Assert.True(await db.Jeunes.AnyAsync(j => j.StructureCode == "ML26077" && j.JeuneId == "IMP3"));
        Assert.True(await db.Contacts.AnyAsync(c => c.StructureCode == "ML26077" && c.JeuneId == "IMP3" && c.Diagnostic));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Import && a.StructureCode == "ML26077" && a.UserLogin == "admin"));
    }

    [Fact]
    public async Task Export_is_a_zip_of_the_structure_without_names_nor_comments()
    {
        var client = await factory.SignedIn("directeur");
        var response = await client.PostForm("/Echanges?handler=Export", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var jeunes = Read("jeunes.csv");
        var contacts = Read("contacts.csv");
        Assert.Contains("ML26001,J000001,", jeunes);
        Assert.DoesNotContain("ML26002", jeunes);
        using var db = factory.Db();
        var names = await db.Jeunes.Where(j => j.StructureCode == "ML26001").Select(j => j.Nom!).Distinct().ToListAsync();
        Assert.All(names, n => Assert.DoesNotContain(n, jeunes + contacts, StringComparison.Ordinal));
        Assert.DoesNotContain("Premier accueil", contacts);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Export && a.StructureCode == "ML26001" && a.UserLogin == "directeur"));
    }

    /// <summary>Confirms the import previewed in <paramref name="preview"/> (its hidden token).</summary>
    internal static async Task<HttpResponseMessage> Confirm(HttpClient client, string preview)
    {
        var jeton = Jeton().Match(preview);
        Assert.True(jeton.Success, "pas d'aperçu à confirmer");
        return await client.PostForm("/Echanges?handler=Confirmer", new() { ["Jeton"] = jeton.Groups[1].Value }, "/Echanges");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"Jeton\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex Jeton();
}
