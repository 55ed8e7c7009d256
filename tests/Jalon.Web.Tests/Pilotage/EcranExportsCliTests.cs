using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Indicators.Catalogues;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Jalon.Web.Pages.Pilotage.Services;
using Microsoft.AspNetCore.Hosting;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>The demo with one more catalogue, a file of <c>Jalon:Catalogues:Dossier</c> built from existing criteria.</summary>
public class JalonWebFactoryAvecCatalogue : JalonWebFactory
{
    public JalonWebFactoryAvecCatalogue()
    {
    }

    protected JalonWebFactoryAvecCatalogue(Jalon.Storage.DatabaseProvider provider) : base(provider)
    {
    }

    public const string Grille = """
        {"id":"grille-essai","libelle":"Grille d'essai (fichier)","indicateurs":[
          {"cle":"accueillis","libelle":"Jeunes accueillis pour la première fois","definition":"Critère I2.","nature":"effectif","critere":"I2","ventilations":["femmes","qpv"]},
          {"cle":"en_contact","libelle":"Jeunes en contact","definition":"Critère I1.","nature":"effectif","critere":"I1","ventilations":["femmes"]},
          {"cle":"part_accueillis","libelle":"Part des accueillis parmi les jeunes en contact","definition":"accueillis / en_contact.","nature":"ratio","unite":"pourcentage","sens":"hausse","numerateur":"accueillis","denominateur":"en_contact"},
          {"cle":"financement_etat","libelle":"Financement de l'État","definition":"Colonne financement_etat.","nature":"montant","unite":"euros","moyens":"financement_etat"},
          {"cle":"par_jeune","libelle":"Financement de l'État par jeune en contact","definition":"financement_etat / en_contact.","nature":"ratio","unite":"euros_par_jeune","sens":"baisse","numerateur":"financement_etat","denominateur":"en_contact"},
          {"cle":"sortis","libelle":"Jeunes sortis d'un parcours","definition":"Critère I8.","nature":"effectif","critere":"I8"},
          {"cle":"duree","libelle":"Durée des parcours terminés","definition":"Mesure de I5.","nature":"moyenne","unite":"mois","mesure":"duree_parcours_termines","population":"sortis"}
        ]}
        """;

    public string Dossier { get; } = Directory.CreateTempSubdirectory("jalon-catalogues-").FullName;

    protected override void Configure(IWebHostBuilder builder)
    {
        File.WriteAllText(Path.Combine(Dossier, "grille-essai.json"), Grille);
        builder.UseSetting("Jalon:Catalogues:Dossier", Dossier);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Dossier, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgresWebFactoryAvecCatalogue() : JalonWebFactoryAvecCatalogue(Jalon.Storage.DatabaseProvider.Postgres);

/// <summary>
/// For every catalogue (each embedded one — cpo-2015, cpo-2011… — and one read from the configured folder), the dashboard
/// on screen, its CSV and XLSX exports and <c>./jalon indicateurs --catalogue</c> run on the database's exported package
/// give the same figures, indicator by indicator, for N and N−1, each written in its unit; an indicator the grid lists
/// as not computable is « non calculable : … » on screen and in both exports, and absent from the command line's output.
/// </summary>
public abstract partial class EcranExportsCliTests(JalonWebFactoryAvecCatalogue factory)
{
    private static readonly Period Annee = Period.Year(DateTime.UtcNow.Year - 1);
    private const string Structure = "ML26001";

    private static CatalogueSet Tous => CatalogueSet.Integres.Avec([("grille-essai.json", new MemoryStream(Encoding.UTF8.GetBytes(JalonWebFactoryAvecCatalogue.Grille)))]);

    /// <summary>Every catalogue the instance loads: iterated, never named, so that a new grid is covered when it lands.</summary>
    public static TheoryData<string> Catalogues => [.. Tous.Tous.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Catalogues))]
    public async Task Screen_csv_xlsx_exports_and_command_line_agree_exactly(string catalogueId)
    {
        var client = await factory.SignedIn("directeur");
        // Context and resources of the year, so that the amounts and euros per young person are computed.
        var moyens = $"/Pilotage/Moyens?structure={Structure}&annee={Annee.Fin.Year}";
        await client.PostForm(moyens, new() { ["Jano"] = "4321", ["Defm"] = "1234", ["EtpTotal"] = "20", ["EtpAccompagnement"] = "15", ["FinancementTotal"] = "900000", ["FinancementEtat"] = "250000" }, moyens);
        var url = $"/Pilotage?niveau=structure&code={Structure}&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}&catalogue={catalogueId}";
        var html = await client.Html(url);
        var csvBytes = await (await client.GetAsync(url + "&format=csv")).Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToDictionary(c => c[2]);
        var xlsx = Exports.LireXlsx(await (await client.GetAsync(url + "&format=xlsx")).Content.ReadAsByteArrayAsync())
            .Skip(1).ToDictionary(c => c[2]);

        // The command line, on the package exported from the same database, with the same catalogue folder.
        var dossier = Directory.CreateTempSubdirectory("jalon-cli-");
        Dictionary<string, LigneCli> n, n1;
        try
        {
            using (var db = factory.Db()) PackageWriter.Write(PackageLoader.Load(db), dossier.FullName);
            n = Cli(dossier.FullName, Annee, catalogueId);
            n1 = Cli(dossier.FullName, Annee.PreviousYear(), catalogueId);
        }
        finally
        {
            dossier.Delete(recursive: true);
        }

        var catalogue = Tous[catalogueId];
        var ecran = Lignes(html);
        Assert.Equal(catalogue.Indicateurs.Count, ecran.Count);
        Assert.Equal(catalogue.Indicateurs.Count(d => d.Calculable), n.Count);
        var nonVides = 0;
        foreach (var d in catalogue.Indicateurs)
        {
            if (d.MentionNonCalculable is { } mention)
            {
                // Listed, never computed: the reason in place of the value everywhere, and nothing from the command line.
                Assert.StartsWith("non calculable : ", mention, StringComparison.Ordinal);
                Assert.Equal([mention, "—", "—", .. Ventilations.Toutes.Select(_ => "")], ecran[d.Cle]);
                Assert.Equal(mention, csv[d.Cle][4].Trim('"'));
                Assert.Equal(["", ""], csv[d.Cle][5..7]);
                MemeLigne(csv[d.Cle], xlsx[d.Cle]);
                Assert.False(n.ContainsKey(d.Cle) || n1.ContainsKey(d.Cle), d.Cle);
                continue;
            }
            var (a, b) = (n[d.Cle].Valeur, n1[d.Cle].Valeur);
            // Screen: each cell written in the indicator's unit (value, N−1, change, breakdowns).
            string[] cellules =
            [
                a is { } x ? Affichage.Valeur(d.Unite, x) : "—",
                b is { } y ? Affichage.Valeur(d.Unite, y) : "—",
                a is { } x1 && b is { } y1 ? Affichage.Evolution(d.Unite, x1 - y1, y1) : "—",
                .. Ventilations.Toutes.Select(v => d.Ventilations.Contains(v) && n[d.Cle].Ventilations[v] is { } z ? Affichage.Valeur(Unite.Jeunes, z) : ""),
            ];
            Assert.Equal(cellules, ecran[d.Cle]);
            // CSV: the command line's raw values.
            Assert.Equal(Texte(a), csv[d.Cle][4]);
            Assert.Equal(Texte(b), csv[d.Cle][5]);
            Assert.Equal(Ventilations.Toutes.Select(v => d.Ventilations.Contains(v) ? Texte(n[d.Cle].Ventilations[v]) : ""), csv[d.Cle][7..12]);
            // XLSX: the same cells as the CSV, numbers as numeric cells.
            MemeLigne(csv[d.Cle], xlsx[d.Cle]);
            if (a is > 0) nonVides++;
        }
        var calculables = catalogue.Indicateurs.Count(d => d.Calculable);
        // The hand-made test seed has no CEJ path: the cej catalogue is all zeros there (still the same on screen, in the exports
        // and on the command line; its figures on CEJ journeys are tested in Jalon.Core.Tests.Dispositifs). Every other catalogue
        // has figures.
        if (catalogueId == "cej") Assert.Equal(0, nonVides);
        // The hand-made seed has PMSMP (situations) but few employer rows: the employer figures are known (a database always
        // carries the employer side: 0, never « — »), mostly zeros.
        else if (catalogueId == "employeurs")
        {
            Assert.True(nonVides >= 1, $"{nonVides} indicateurs non nuls");
            Assert.NotNull(n["EMP1"].Valeur);
            Assert.NotNull(n["EMP5"].Valeur);
            Assert.NotNull(n["EMP9"].Valeur);
        }
        else Assert.True(nonVides > calculables / 3, $"{nonVides} indicateurs non nuls seulement sur {calculables}");
        if (catalogueId == "cpo-2015")
        {
            // Euros per young person are euros on the dashboard, not percentages (I10.1.d, I10.1.e).
            Assert.EndsWith("€ par jeune", ecran["I10.1.d"][0]);
            Assert.EndsWith("€ par jeune", ecran["I10.1.e"][0]);
            Assert.EndsWith("%", ecran["R10"][0]);
            Assert.Equal("euros par jeune", csv["I10.1.e"][12]);
        }
        else if (catalogueId == "cpo-2011")
        {
            // The 2011 grid's euros per young person accompanied (JDI); its employer offer is computed (E1), its sponsors are not (E6).
            Assert.EndsWith("€ par jeune", ecran["R6"][0]);
            Assert.Equal("euros par jeune", csv["R6"][12]);
            Assert.True(catalogue["E1"].Calculable);
            Assert.StartsWith("non calculable : parrainages.csv", ecran["E6"][0], StringComparison.Ordinal);
        }
        else if (catalogueId == "grille-essai")
        {
            Assert.Contains("grille-essai", html);
            Assert.EndsWith("€ par jeune", ecran["par_jeune"][0]);
        }
    }

    /// <summary>
    /// A row of the XLSX export (its written cells, in order: an empty cell is not written) is the CSV row: the same
    /// texts, and the same numbers to the last bit.
    /// </summary>
    private static void MemeLigne(string[] csv, List<string> xlsx)
    {
        var attendu = csv.Where(c => c.Length > 0).ToList();
        Assert.Equal(attendu.Count, xlsx.Count);
        for (var i = 0; i < attendu.Count; i++)
        {
            if (NombreCsv().IsMatch(attendu[i]))
                Assert.Equal(double.Parse(attendu[i].Replace(',', '.'), CultureInfo.InvariantCulture), double.Parse(xlsx[i], CultureInfo.InvariantCulture));
            else
                Assert.Equal(attendu[i].Trim('"'), xlsx[i]);
        }
    }

    [GeneratedRegex("^-?[0-9]+(,[0-9]+)?(E[-+]?[0-9]+)?$")]
    private static partial Regex NombreCsv();

    [Fact]
    public async Task The_catalogue_selector_lists_every_catalogue_and_an_unknown_one_is_not_found()
    {
        var client = await factory.SignedIn("directeur");
        var html = await client.Html("/Pilotage");
        Assert.Contains("<option value=\"cpo-2015\" selected=\"selected\">", html);
        Assert.Contains("<option value=\"grille-essai\">", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Pilotage?catalogue=inconnue")).StatusCode);
        var definitions = await client.Html("/Pilotage/Indicateurs?catalogue=grille-essai");
        Assert.Contains("par_jeune — Financement de l'État par jeune en contact", definitions);
        Assert.Contains("Unité : euros par jeune ; lecture : à la baisse", definitions);
        // Every embedded grid has its definitions page; a not computable indicator gives its reason there.
        foreach (var c in CatalogueSet.Integres.Tous)
        {
            var page = WebUtility.HtmlDecode(await client.Html("/Pilotage/Indicateurs?catalogue=" + c.Id));
            foreach (var d in c.Indicateurs)
            {
                Assert.Contains($"{d.Cle} — {d.Libelle}", page, StringComparison.Ordinal);
                if (!d.Calculable) Assert.Contains($"Non calculable : {d.Raison}", page, StringComparison.Ordinal);
            }
        }
        Assert.Contains("<option value=\"cpo-2011\">", html);
    }

    private static string Texte(double? v) => v is { } x ? Exports.NombreCsv(x) : "";

    private sealed record LigneCli(double? Valeur, Dictionary<Ventilation, double?> Ventilations);

    /// <summary>Runs <c>jalon indicateurs --format json</c> and reads the structure's rows.</summary>
    private Dictionary<string, LigneCli> Cli(string dossier, Period periode, string catalogue)
    {
        using var sortie = new MemoryStream();
        var erreurs = new StringWriter();
        var code = IndicateursCommand.Run(dossier, periode.Debut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            periode.Fin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "json", catalogue, false, sortie, erreurs, factory.Dossier);
        Assert.True(code == 0, erreurs.ToString());
        using var json = JsonDocument.Parse(sortie.ToArray());
        var result = new Dictionary<string, LigneCli>(StringComparer.Ordinal);
        foreach (var r in json.RootElement.GetProperty("resultats").EnumerateArray())
        {
            if (r.GetProperty("niveau").GetString() != "structure" || r.GetProperty("code").GetString() != Structure) continue;
            double? Nombre(string nom) => r.TryGetProperty(nom, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;
            result[r.GetProperty("indicateur").GetString()!] = new LigneCli(Nombre("valeur"), Ventilations.Toutes.ToDictionary(v => v, v => Nombre(v.Cle())));
        }
        Assert.NotEmpty(result);
        return result;
    }

    /// <summary>The dashboard's rows: key → the text of its cells after the label.</summary>
    private static Dictionary<string, string[]> Lignes(string html)
    {
        var lignes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (Match tr in Ligne().Matches(html))
        {
            // A figure's text, without the « expliquer ce chiffre » links around it (and a ratio's « num. » / « dén. » links).
            var cellules = Cellule().Matches(tr.Groups[2].Value)
                .Select(m => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(m.Groups[1].Value, "<a class=\"fr-link fr-text--xs\"[^>]*>.*?</a>", ""), "<[^>]+>", "")).Trim())
                .Skip(1).ToArray();
            lignes[WebUtility.HtmlDecode(tr.Groups[1].Value)] = cellules;
        }
        return lignes;
    }

    [GeneratedRegex("<tr data-cle=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Ligne();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cellule();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactoryAvecCatalogue factory) : EcranExportsCliTests(factory), IClassFixture<JalonWebFactoryAvecCatalogue>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactoryAvecCatalogue factory) : EcranExportsCliTests(factory), IClassFixture<PostgresWebFactoryAvecCatalogue>;
}
