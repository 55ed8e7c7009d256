using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jalon.Domain;
using Jalon.Domain.Qualite;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The data-quality assistant on the web (docs/qualite.md): the director's and the counsellor's lists, the portfolio's share, a fix.</summary>
public abstract partial class QualiteTests(JalonWebFactory factory)
{
    [GeneratedRegex("<span id=\"dossiers-sans-constat\">(\\d+)</span>[^<]*<span id=\"dossiers\">(\\d+)</span>")]
    private static partial Regex Part();

    [GeneratedRegex("<tr data-jeune=\"([^\"]+)\" data-type=\"([^\"]+)\"")]
    private static partial Regex Constat();

    private static (int SansConstat, int Dossiers) Lire(string html)
    {
        var m = Part().Match(html);
        Assert.True(m.Success, "part des dossiers sans constat absente");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every finding of the list (its CSV: the page shows the first 200), as (jeune, type).</summary>
    private static async Task<List<(string Jeune, string Type)>> Csv(HttpClient client)
    {
        var bytes = await (await client.GetAsync("/Qualite?format=csv")).Content.ReadAsByteArrayAsync();
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(';')).Select(c => (c[0], c[3])).ToList();
    }

    [Fact]
    public async Task The_director_sees_the_structure_s_share_per_counsellor_by_kind_and_each_listed_file_is_audited()
    {
        var client = await factory.SignedIn("directeur");
        var html = await client.Html("/Qualite");
        var (sansConstat, dossiers) = Lire(html);

        // The same analysis over the structure's files as stored (anonymised files left out).
        using var db = factory.Db();
        var package = PackageLoader.Load(db, "ML26001");
        var actifs = (await db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.AnonymiseLe == null).Select(j => j.JeuneId).ToListAsync()).ToHashSet();
        var files = Enumerable.Range(0, package.Jeunes.Length).Where(j => actifs.Contains(package.Jeunes[j].Id)).ToArray();
        var report = QualityAnalysis.Analyse(package, Dates.TodayInParis(), files);
        Assert.Equal(files.Length, dossiers);
        Assert.Equal(files.Count(report.IsClean), sansConstat);
        Assert.Contains("id=\"par-conseiller\"", html);
        Assert.Contains("id=\"par-type\"", html);
        Assert.Contains("id=\"tendance\"", html);

        var lignes = Constat().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Math.Min(report.Findings.Count, 200), lignes.Count);
        if (lignes.Count > 0) Assert.Contains($"href=\"/Jeunes/{lignes[0]}\"", html);
        var lus = await db.AuditLog.Where(a => a.Action == AuditAction.Lecture && a.Detail == "qualité des données" && a.UserLogin == "directeur")
            .Select(a => a.JeuneId).Distinct().ToListAsync();
        Assert.Subset(lus.ToHashSet(), lignes.Select(l => (string?)l).ToHashSet());

        // The CSV holds every finding.
        var reponse = await client.GetAsync("/Qualite?format=csv");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var csv = Encoding.UTF8.GetString((await reponse.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["jeune", "nom", "conseiller", "type", "champ", "constat", "correction"], csv[0].Split(';'));
        Assert.Equal(report.Findings.Count, csv.Length - 1);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.Export && a.Detail!.StartsWith("qualité des données")));
    }

    [Fact]
    public async Task A_counsellor_sees_only_their_files_fixes_one_finding_and_their_share_rises()
    {
        var client = await factory.SignedIn("conseiller1");
        int moi;
        using (var db = factory.Db()) moi = await db.Users.Where(u => u.Login == "conseiller1").Select(u => u.Id).SingleAsync();
        var referent = moi.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A new file of theirs without commune: one finding, « commune manquante ».
        var nouveau = await client.PostForm("/Jeunes/Nouveau", new()
        {
            ["Input.Nom"] = "Qualis", ["Input.Prenom"] = "Inès", ["Input.Naissance"] = "2004-03-15", ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "", ["Input.Qpv"] = "false",
            ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05", ["Input.ConseillerId"] = referent,
        });
        Assert.Equal(HttpStatusCode.Redirect, nouveau.StatusCode);
        var url = nouveau.Headers.Location!.OriginalString;
        var id = url.Split('/').Last();

        var html = await client.Html("/Qualite");
        var avant = Lire(html);
        var constats = Constat().Matches(html).Select(m => (Jeune: m.Groups[1].Value, Type: m.Groups[2].Value)).ToList();
        Assert.Contains((id, nameof(QualityKind.CommuneManquante)), await Csv(client));
        Assert.DoesNotContain("id=\"par-conseiller\"", html);
        using (var db = factory.Db())
        {
            var siens = await db.Jeunes.Where(j => j.StructureCode == "ML26001" && j.ConseillerId == moi).Select(j => j.JeuneId).ToListAsync();
            Assert.All(constats, c => Assert.Contains(c.Jeune, siens));
        }

        // The portfolio shows the same share and links to the list.
        var portefeuille = await client.Html("/Portefeuille");
        Assert.Contains($"({avant.SansConstat} sur {avant.Dossiers})", portefeuille);
        Assert.Contains("href=\"/Qualite\"", portefeuille);

        // Fixed through the identity form: the file is clean, the share rises.
        var version = Regex.Match(await client.Html(url + "/Identite"), "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        var identite = await client.PostForm(url + "/Identite", new()
        {
            ["Input.Nom"] = "Qualis", ["Input.Prenom"] = "Inès", ["Input.Naissance"] = "2004-03-15", ["Input.Sexe"] = "F",
            ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "false",
            ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = "2026-01-05", ["Input.ConseillerId"] = referent, ["Input.Version"] = version,
        });
        Assert.Equal(HttpStatusCode.Redirect, identite.StatusCode);
        html = await client.Html("/Qualite");
        var apres = Lire(html);
        Assert.Equal(avant.Dossiers, apres.Dossiers);
        Assert.Equal(avant.SansConstat + 1, apres.SansConstat);
        Assert.DoesNotContain(await Csv(client), c => c.Jeune == id);
    }

    [Fact]
    public async Task A_director_may_not_read_another_structure_s_counsellor_and_an_unknown_kind_is_a_400()
    {
        var directeur = await factory.SignedIn("directeur");
        Assert.Equal(HttpStatusCode.Forbidden, (await directeur.GetAsync("/Qualite?conseiller=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await directeur.GetAsync("/Qualite?type=Inconnu")).StatusCode);
        var html = await directeur.Html("/Qualite?type=CommuneManquante");
        Assert.All(Constat().Matches(html), m => Assert.Equal("CommuneManquante", m.Groups[2].Value));
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : QualiteTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : QualiteTests(factory), IClassFixture<PostgresWebFactory>;
}
