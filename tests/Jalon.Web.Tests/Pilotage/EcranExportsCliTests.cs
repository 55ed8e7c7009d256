using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jalon.Cli.Commands;
using Jalon.Domain;
using Jalon.Exchange;
using Jalon.Storage.Exchange;
using Jalon.Tests.Shared;
using Jalon.Web.Pages.Pilotage.Services;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>
/// The dashboard on screen, its CSV export and <c>./jalon indicateurs</c> run on the database's exported package give
/// the same figures, indicator by indicator, for N and N−1.
/// </summary>
public abstract partial class EcranExportsCliTests(JalonWebFactory factory)
{
    private static readonly Period Annee = Period.Year(DateTime.UtcNow.Year - 1);
    private const string Structure = "ML26001";

    [Fact]
    public async Task Screen_csv_export_and_command_line_agree_exactly()
    {
        var client = await factory.SignedIn("directeur");
        var url = $"/Pilotage?niveau=structure&code={Structure}&debut={Annee.Debut:yyyy-MM-dd}&fin={Annee.Fin:yyyy-MM-dd}";
        var html = await client.Html(url);
        var csvBytes = await (await client.GetAsync(url + "&format=csv")).Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToDictionary(c => c[2]);

        // The command line, on the package exported from the same database.
        var dossier = Directory.CreateTempSubdirectory("jalon-cli-");
        Dictionary<string, ResultatIndicateur> n, n1;
        try
        {
            using (var db = factory.Db()) PackageWriter.Write(PackageLoader.Load(db), dossier.FullName);
            n = Cli(dossier.FullName, Annee);
            n1 = Cli(dossier.FullName, Annee.PreviousYear());
        }
        finally
        {
            dossier.Delete(recursive: true);
        }

        var attendu = TableauDeBord.Construire(IndicateursPilotage.Definitions, n, n1, secret: false, IndicateursPilotage.Dependances);
        var ecran = Lignes(html);
        Assert.Equal(IndicateursPilotage.Definitions.Count, ecran.Count);
        var nonVides = 0;
        foreach (var ligne in attendu)
        {
            var cle = ligne.Definition.Cle;
            // Screen: the same text in every cell (value, N−1, change, breakdowns).
            string[] cellules = [ligne.N.Affiche, ligne.N1.Affiche, ligne.Evolution.Affiche, .. ligne.Ventilations.Select(v => v.Affiche == "—" ? "" : v.Affiche)];
            Assert.Equal(cellules, ecran[cle]);
            // CSV: the command line's raw values.
            Assert.Equal(Texte(n.GetValueOrDefault(cle)?.Valeur), csv[cle][4]);
            Assert.Equal(Texte(n1.GetValueOrDefault(cle)?.Valeur), csv[cle][5]);
            var ventilations = TableauDeBord.Ventilations.Select(v => ligne.Definition.Nature == NatureIndicateur.Comptage
                ? Texte(n.GetValueOrDefault(cle)?.Ventilations.GetValueOrDefault(v.Cle)) : "");
            Assert.Equal(ventilations, csv[cle][7..12]);
            if (n.GetValueOrDefault(cle)?.Valeur is > 0) nonVides++;
        }
        Assert.True(nonVides > 30, $"{nonVides} indicateurs non nuls seulement");
    }

    private static string Texte(double? v) => v is { } x ? Exports.NombreCsv(x) : "";

    /// <summary>Runs <c>jalon indicateurs --format json</c> and reads the structure's rows.</summary>
    private static Dictionary<string, ResultatIndicateur> Cli(string dossier, Period periode)
    {
        using var sortie = new MemoryStream();
        var erreurs = new StringWriter();
        var code = IndicateursCommand.Run(dossier, periode.Debut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            periode.Fin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "json", "cpo-2015", false, sortie, erreurs);
        Assert.True(code == 0, erreurs.ToString());
        using var json = JsonDocument.Parse(sortie.ToArray());
        var result = new Dictionary<string, ResultatIndicateur>(StringComparer.Ordinal);
        foreach (var r in json.RootElement.GetProperty("resultats").EnumerateArray())
        {
            if (r.GetProperty("niveau").GetString() != "structure" || r.GetProperty("code").GetString() != Structure) continue;
            double? Nombre(string nom) => r.TryGetProperty(nom, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;
            var ventilations = TableauDeBord.Ventilations.ToDictionary(v => v.Cle, v => Nombre(v.Cle));
            result[r.GetProperty("indicateur").GetString()!] = new ResultatIndicateur(r.GetProperty("indicateur").GetString()!, Nombre("valeur"), ventilations);
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
            var cellules = Cellule().Matches(tr.Groups[2].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).Skip(1).ToArray();
            lignes[WebUtility.HtmlDecode(tr.Groups[1].Value)] = cellules;
        }
        return lignes;
    }

    [GeneratedRegex("<tr data-cle=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Ligne();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cellule();

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : EcranExportsCliTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : EcranExportsCliTests(factory), IClassFixture<PostgresWebFactory>;
}
