using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>Import and export of exchange packages from the UI.</summary>
public abstract partial class EchangesTests(JalonWebFactory factory)
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
        // Its dashboard's tallies are precomputed (a new structure: from the package in memory), current, and the same as
        // those computed again from the database.
        var revision = (await db.Structures.SingleAsync(s => s.Code == "ML26077")).Revision;
        var precomputed = await db.IndicatorTallies.AsNoTracking().Where(t => t.StructureCode == "ML26077").OrderBy(t => t.Debut).ToListAsync();
        Assert.Equal(3, precomputed.Count);
        Assert.All(precomputed, t => Assert.Equal(revision, t.Revision));
        await db.IndicatorTallies.Where(t => t.StructureCode == "ML26077").ExecuteDeleteAsync();
        var periods = precomputed.Select(t => new Jalon.Domain.Period(t.Debut, t.Fin)).ToList();
        var again = new Jalon.Storage.Indicators.IndicatorStore(db).Refresh(Jalon.Web.Pages.Pilotage.Services.IndicateursPilotage.Catalogue, periods, ["ML26077"]);
        Assert.Equal((3, 0), (again.Computed, again.FromPackage));
        var recomputed = await db.IndicatorTallies.AsNoTracking().Where(t => t.StructureCode == "ML26077").OrderBy(t => t.Debut).ToListAsync();
        static string Text(Jalon.Storage.Indicators.IndicatorTallyEntity t) =>
            $"{t.Debut} {t.Fin} {t.Layout} {Convert.ToHexString(t.Counts)} {Convert.ToHexString(t.Means)}";
        Assert.Equal(precomputed.Select(Text), recomputed.Select(Text));
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

    /// <summary>The package without the last line of contacts.csv that starts with <paramref name="prefix"/>.</summary>
    internal static byte[] WithoutLastContactOf(byte[] package, string prefix)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var files = input.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            var content = reader.ReadToEnd();
            if (e.Name == "contacts.csv")
            {
                var lines = content.Split('\n').ToList();
                lines.RemoveAt(lines.FindLastIndex(l => l.StartsWith(prefix, StringComparison.Ordinal)));
                content = string.Join('\n', lines);
            }
            return (e.Name, content);
        }).ToArray();
        return Zip(files);
    }

    /// <summary>Exports the directeur's structure as a zip (what a director would re-import later).</summary>
    private static async Task<byte[]> Export(HttpClient client)
    {
        var response = await client.PostForm("/Echanges?handler=Export", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Reimporting_an_older_export_after_web_edits_loses_nothing_and_takes_a_backup_first()
    {
        var directeur = await factory.SignedIn("directeur");
        // An export, from which the source system has since removed one of J000011's contacts.
        var older = WithoutLastContactOf(await Export(directeur), "ML26001,J000011,");
        // Then, in the web: a comment on an imported contact, a new contact.
        long commented;
        using (var db = factory.Db())
        {
            commented = await db.Contacts.Where(c => c.StructureCode == "ML26001" && c.JeuneId == "J000009" && !c.Diagnostic).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }
        var conseiller = await factory.SignedIn("conseiller1");
        var edit = $"/Jeunes/J000009/Evenement/contact/{commented}";
        var version = Regex.Match(await conseiller.Html(edit), "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        using (var db = factory.Db())
        {
            var c = await db.Contacts.SingleAsync(x => x.Id == commented);
            Assert.Equal(HttpStatusCode.Redirect, (await conseiller.PostForm(edit, new()
            {
                ["Input.Date"] = c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.Mode"] = c.Mode.ToString(),
                ["Input.Commentaire"] = "Saisi après l'export", ["Input.Version"] = version,
            })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await conseiller.PostForm("/Jeunes/J000009/Evenement/contact",
            new() { ["Input.Date"] = "2026-02-02", ["Input.Mode"] = "Sms", ["Input.Commentaire"] = "Nouveau contact saisi" })).StatusCode);

        var preview = await (await Upload(directeur, older)).Body();

        Assert.Contains("Aperçu de l'import", preview);
        // Events: none added or changed, the one removed at the source removed, the one entered in Jalon kept.
        Assert.Matches("<td>0</td>\\s*<td>0</td>\\s*<td>1( \\(dont 1 avec une saisie Jalon\\))?</td>\\s*<td>1</td>", preview);
        var html = await (await Confirm(directeur, preview)).Body();
        Assert.Contains("Import réussi", html);
        Assert.Contains("Sauvegarde automatique prise avant l'import : jalon-avant-import-", html);
        using var check = factory.Db();
        Assert.Equal("Saisi après l'export", (await check.Contacts.SingleAsync(c => c.Id == commented)).Commentaire);
        Assert.True(await check.Contacts.AnyAsync(c => c.StructureCode == "ML26001" && c.JeuneId == "J000009" && c.Commentaire == "Nouveau contact saisi"));
        Assert.True(await check.AuditLog.AnyAsync(a => a.Entity == "sauvegarde" && a.UserLogin == "directeur"));
    }

    [Fact]
    public async Task A_preview_is_shown_again_when_the_data_changed_before_the_confirmation()
    {
        var directeur = await factory.SignedIn("directeur");
        var package = await Export(directeur);
        var preview = await (await Upload(directeur, package)).Body();
        // Meanwhile, a counsellor records a contact.
        var conseiller = await factory.SignedIn("conseiller1");
        Assert.Equal(HttpStatusCode.Redirect, (await conseiller.PostForm("/Jeunes/J000010/Evenement/contact",
            new() { ["Input.Date"] = "2026-02-03", ["Input.Mode"] = "Sms" })).StatusCode);

        var again = await (await Confirm(directeur, preview)).Body();

        Assert.Contains("Les données ont changé depuis l'aperçu", again);
        Assert.DoesNotContain("Import réussi", again);
        Assert.Contains("Import réussi", await (await Confirm(directeur, again)).Body());
    }

    [Fact]
    public async Task A_zip_beyond_the_limits_is_refused_with_a_clear_french_error()
    {
        var client = await factory.SignedIn("admin");
        var many = Zip([.. Enumerable.Range(0, 101).Select(i => ($"f{i}.txt", "x"))]);
        var html = await (await Upload(client, many)).Body();
        Assert.Contains("archive.zip:0: -: l'archive contient 101 entrées, au plus 100 sont acceptées", html);
        Assert.Contains("rien n'a été importé", html);

        var longLine = Zip(("structures.csv", Structures), ("jeunes.csv", "structure,jeune,naissance,sexe,niveau,diplome,commune,qpv,zrr,premier_accueil\n" + new string('x', 20_000) + "\n"));
        html = await (await Upload(client, longLine)).Body();
        Assert.Contains("jeunes.csv:2: -: ligne de plus de " + 16384.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " octets", html);
        Assert.Contains("rien n'a été importé", html);
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

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : EchangesTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : EchangesTests(factory), IClassFixture<PostgresWebFactory>;
    [GeneratedRegex("name=\"Jeton\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex Jeton();
}
