using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Jalon.Domain;
using Jalon.Domain.Pilotage;
using Jalon.Indicators.Catalogues;
using Jalon.Indicators.Engine;
using Jalon.Indicators.Secret;
using Jalon.Storage;
using Jalon.Storage.Accounts;
using Jalon.Storage.Entities;
using Jalon.Storage.Exchange;
using Jalon.Storage.Pilotage;
using Jalon.Tests.Secret;
using Jalon.Web.Pages.Pilotage.Services;
using Jalon.Web.Security;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Jalon.Web.Tests.Pilotage;

/// <summary>
/// The web on generated regions (<see cref="RegionsGenerees.Deux"/>: four structures in 84, two small; two in 11, one
/// small), with the State's and the region's accounts, and a dialogue de gestion 2017 with targets on every ratio (its
/// references stored at their true value) and a convention for each structure.
/// </summary>
public sealed class JalonWebFactoryRegions : JalonWebFactory, IAsyncLifetime
{
    public const int Campagne = RegionsGenerees.Annee + 1;

    public JourneyPackage Package { get; } = RegionsGenerees.Deux();

    public async Task InitializeAsync()
    {
        // The database is filled before the application starts: a database that is not empty is not seeded.
        using var db = JalonStorage.CreateContext(Provider, ConnectionString);
        await JalonDatabase.MigrateAsync(db);
        PackageImporter.Import(db, Package, "test");
        foreach (var (login, role, structure, region) in new (string, Role, string?, string?)[]
                 {
                     ("etat.national", Role.AgentEtatNational, null, null), ("etat.region", Role.AgentEtatRegional, null, "84"),
                     ("arml", Role.AssociationRegionale, null, "84"), ("region", Role.AgentRegion, null, "84"),
                     ("admin", Role.Administrateur, null, null), ("directeur", Role.Directeur, "ML0002", null),
                 })
        {
            var user = new UserEntity { Login = login, DisplayName = login, Role = role, StructureCode = structure, RegionCode = region, PasswordHash = "" };
            user.PasswordHash = Passwords.Hash(user, Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();

        // Dialogues 2017 (activity 2016) with a target on every ratio, its reference at its true value.
        var cpo = Catalogue.Load("cpo-2015");
        var verite = IndicatorEngine.Compute(Package, cpo, Period.Year(RegionsGenerees.Annee));
        var repo = new PilotageRepository(db);
        var le = new DateTimeOffset(2017, 1, 10, 9, 0, 0, TimeSpan.Zero);
        foreach (var s in Package.Structures)
        {
            var etat = new Acteur("Agent de l'État", Role.AgentEtatRegional, null, s.Region);
            var ml = new Acteur("Direction", Role.Directeur, s.Code, s.Region);
            var d = DialogueDeGestion.Ouvrir(ml, s.Code, s.Region, Campagne, le);
            foreach (var e in Referentiel.Etapes) d.RedigerAnalyse(ml, e, "Analyse " + e);
            d.Transmettre(ml, le.AddDays(1));
            d.OuvrirDialogue(etat, le.AddDays(2));
            foreach (var r in cpo.Objectifs)
                d.FixerObjectif(etat, cpo.Objectifs, r.Cle, r.EstTaux ? 0.5 : 2, verite.Get(Level.Structure, s.Code, r.Cle).Number, "Objectif");
            await repo.EnregistrerAsync(d);
            var c = ConventionPluriannuelle.Signer(etat, s.Code, s.Region, "CPO-" + s.Code, 2015, 2018, new MontantsAnnuels(100_000, 0, 0, 0), null, le);
            await repo.EnregistrerAsync(c, "12345678900012", "8899B");
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public IReadOnlyList<(string Code, string Region)> Structures => Package.Structures.Select(s => (s.Code, s.Region)).ToList();

    /// <summary>Every territory: structures, regions, the nation.</summary>
    public IEnumerable<(Level Niveau, string Code)> Territoires =>
        Package.Structures.Select(s => (Level.Structure, s.Code))
            .Concat(Package.Structures.Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).Select(r => (Level.Region, r)))
            .Append((Level.National, LevelNames.National));
}

/// <summary>What an aggregate-only role downloads: dashboards' CSV exports read as the attacker reads them.</summary>
public static class Telechargements
{
    public static string Url(Level niveau, string code, Period p, string? format = null, string? catalogue = null) =>
        $"/Pilotage?niveau={niveau.Code()}&code={Uri.EscapeDataString(code)}&debut={p.Debut:yyyy-MM-dd}&fin={p.Fin:yyyy-MM-dd}" + (format is null ? "" : "&format=" + format)
        + (catalogue is null ? "" : "&catalogue=" + catalogue);

    public static Lu Cellule(string texte) =>
        texte == "" ? new Lu(null, false)
        : double.TryParse(texte.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? new Lu(v, false)
        : Lu.Masquee;

    /// <summary>The rows of a dashboard's CSV export (indicators, then regional weights).</summary>
    public static async Task<(List<LigneLue> Lignes, List<PoidsLu> Poids)> LireCsv(HttpClient client, Level niveau, string code, string? region, Period p,
        string? catalogue = null)
    {
        var url = Url(niveau, code, p, "csv", catalogue);
        var reponse = await client.GetAsync(url);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{url} : {reponse.StatusCode}");
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        var lignes = new List<LigneLue>();
        var poids = new List<PoidsLu>();
        foreach (var c in Encoding.UTF8.GetString(octets, 3, octets.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')))
        {
            if (c[2].StartsWith("poids_regional:", StringComparison.Ordinal))
            {
                poids.Add(new PoidsLu(code, region!, p, c[2]["poids_regional:".Length..], Cellule(c[4])));
                continue;
            }
            // An indicator the grid lists as not computable carries no figure: nothing to read (its reason stands in its value).
            if (c[4].StartsWith("non calculable : ", StringComparison.Ordinal)) continue;
            var ventilations = Ventilations.Toutes.Select((v, i) => (v, c[7 + i])).Where(x => x.Item2 != "").ToDictionary(x => x.v, x => Cellule(x.Item2));
            lignes.Add(new LigneLue(niveau, code, p, c[2], Cellule(c[4]), Cellule(c[5]), Cellule(c[6]), ventilations));
        }
        return (lignes, poids);
    }
}

/// <summary>
/// The automated attacker, through the web: an aggregate-only role downloads every dashboard it may (every structure,
/// region and the nation, every month, quarter and year of 2015 and 2016, with N−1 and the change, the breakdowns and the
/// regional weights), the matrix and the dialogues' references; every subtraction between them is written down and
/// solved exactly. Nothing masked is recovered, and the regional account sees the same cells as the national one.
/// </summary>
public sealed class AttaqueWebTests(JalonWebFactoryRegions factory, ITestOutputHelper output) : IClassFixture<JalonWebFactoryRegions>
{
    [Fact]
    public async Task Nothing_masked_can_be_recovered_from_every_page_and_export_an_aggregate_only_role_obtains()
    {
        var etat = await factory.SignedIn("etat.national");
        var regional = await factory.SignedIn("etat.region");
        var lignes = new List<LigneLue>();
        var poids = new List<PoidsLu>();
        var pages = SecretStatistique.PeriodesDeLAnnee(2016).Concat(SecretStatistique.PeriodesDeLAnnee(2015)).ToList();
        var regions = factory.Structures.ToDictionary(s => s.Code, s => s.Region);
        var problemes = new List<string>();
        foreach (var p in pages)
        {
            foreach (var (niveau, code) in factory.Territoires)
            {
                var (l, w) = await Telechargements.LireCsv(etat, niveau, code, niveau == Level.Structure ? regions[code] : null, p);
                lignes.AddRange(l);
                poids.AddRange(w);
                // The regional account reads its region exactly as the national one.
                if (niveau != Level.National && (niveau == Level.Region ? code : regions[code]) == "84" && p.Debut.Month is 1 or 4)
                {
                    var (l2, w2) = await Telechargements.LireCsv(regional, niveau, code, niveau == Level.Structure ? "84" : null, p);
                    if (!l.SequenceEqual(l2, new LigneComparer()) || !w.SequenceEqual(w2)) problemes.Add($"{code} {p} : l'agent régional ne lit pas les mêmes cases");
                }
            }
        }

        var cpo = Catalogue.Load("cpo-2015");
        var additifs = cpo.Indicateurs.Where(d => d.Nature == Nature.Effectif && cpo.Registry.IsAdditive(d.Critere!)).Select(d => d.Cle).ToHashSet();
        var verite = new Dictionary<Period, IndicatorResults>();
        long? Complement(Level niveau, string code, Period p, string cle, Ventilation v)
        {
            if (!verite.TryGetValue(p, out var r)) verite[p] = r = IndicatorEngine.Compute(factory.Package, cpo, p);
            var x = r.Current.Get(niveau, code, cle);
            return x.Count - x.Breakdown(v);
        }

        // The matrix: its scores are those of the ratios shown, masked ones left out — nothing more.
        foreach (var region in regions.Values.Distinct())
        {
            foreach (var annee in new[] { 2015, 2016 })
            {
                var html = await etat.Html($"/Pilotage/Matrice?region={region}&annee={annee}");
                var ponderations = Jalon.Web.Pages.Pilotage.MatriceModel.Ponderations(cpo, null)!;
                var entrees = factory.Structures.Where(s => s.Region == region).Select(s => new RatiosStructure(s.Code, s.Code,
                    ponderations.Efficacite.Concat(ponderations.Performance).Select(x => x.Ratio).Distinct().ToDictionary(k => k,
                        k => lignes.Single(l => l.Niveau == Level.Structure && l.Code == s.Code && l.Periode == Period.Year(annee) && l.Cle == k).N.Valeur)))
                    .ToList();
                var attendu = MatricePerformance.Calculer(entrees, ponderations);
                var lues = Regex.Matches(html, "<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td></tr>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
                var ecrites = attendu.Select(x => (Score(x.Efficacite), Score(x.Performance))).ToList();
                if (!lues.SequenceEqual(ecrites)) problemes.Add($"matrice {region} {annee} : {string.Join(" ", lues)} ≠ {string.Join(" ", ecrites)} calculées sur les ratios montrés");
            }
        }

        // The dialogues' references are the dashboard's figures of the year analysed, masked alike.
        foreach (var (code, region) in factory.Structures)
        {
            var html = await etat.Html($"/Pilotage/Dialogue?structure={code}&annee={JalonWebFactoryRegions.Campagne}");
            foreach (Match m in Regex.Matches(html, "<tr data-ratio=\"([^\"]+)\">\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>"))
            {
                var cle = m.Groups[1].Value;
                var tableau = lignes.Single(l => l.Niveau == Level.Structure && l.Code == code && l.Periode == Period.Year(2016) && l.Cle == cle).N;
                var ecrit = tableau.Masque ? "s" : tableau.Valeur is { } v ? Affichage.Valeur(cpo[cle].Unite, v) : "—";
                if (WebUtility.HtmlDecode(m.Groups[2].Value) != ecrit) problemes.Add($"référence {code} {cle} : « {m.Groups[2].Value} » au lieu de « {ecrit} »");
            }
        }

        var attaque = AttaqueSecret.Construire(cpo, factory.Structures, lignes, poids, additifs, Complement);
        var revelees = attaque.CasesRevelees();
        output.WriteLine($"{pages.Count} périodes × {factory.Territoires.Count()} territoires ; cases montrées, masquées, relations : {attaque.Taille}");
        output.WriteLine($"{revelees.Count} cases recalculables, par exemple : {string.Join(" ; ", revelees.Take(8))}");
        foreach (var c in attaque.Incoherences.Take(5)) output.WriteLine("incohérence : " + c);
        foreach (var x in problemes.Take(10)) output.WriteLine(x);
        Assert.Empty(attaque.Incoherences);
        Assert.Empty(problemes);
        Assert.Empty(revelees);
        Assert.True(attaque.Taille.Masked > 1000, $"{attaque.Taille}");
    }

    public static TheoryData<string> AutresGrilles => [.. Catalogue.Available.Where(id => id != Catalogue.Defaut)];

    /// <summary>
    /// Every other embedded grid (cpo-2011…, iterated, never named) goes through the same step: the same attack on every
    /// dashboard export of the grid finds nothing, its not computable indicators carry their reason to these roles too,
    /// and the regional account reads its region's cells as the national one.
    /// </summary>
    [Theory]
    [MemberData(nameof(AutresGrilles))]
    public async Task Every_other_grid_goes_through_the_same_step_and_nothing_masked_can_be_recovered(string grille)
    {
        var etat = await factory.SignedIn("etat.national");
        var regional = await factory.SignedIn("etat.region");
        var catalogue = Catalogue.Load(grille);
        var lignes = new List<LigneLue>();
        var poids = new List<PoidsLu>();
        var pages = SecretStatistique.PeriodesDeLAnnee(2016).Concat(SecretStatistique.PeriodesDeLAnnee(2015)).ToList();
        var regions = factory.Structures.ToDictionary(s => s.Code, s => s.Region);
        foreach (var p in pages)
        {
            foreach (var (niveau, code) in factory.Territoires)
            {
                var (l, w) = await Telechargements.LireCsv(etat, niveau, code, niveau == Level.Structure ? regions[code] : null, p, grille);
                Assert.Equal(catalogue.Indicateurs.Count(d => d.Calculable), l.Count);
                lignes.AddRange(l);
                poids.AddRange(w);
                if (niveau == Level.Region && code == "84" && p.Debut.Month is 1)
                {
                    var (l2, _) = await Telechargements.LireCsv(regional, niveau, code, null, p, grille);
                    Assert.True(l.SequenceEqual(l2, new LigneComparer()), $"{code} {p} : l'agent régional ne lit pas les mêmes cases");
                }
            }
        }
        if (catalogue.Indicateurs.FirstOrDefault(d => !d.Calculable) is { } nonCalculable)
        {
            var csv = await (await etat.GetAsync(Telechargements.Url(Level.National, "FR", Period.Year(2016), "csv", grille))).Content.ReadAsStringAsync();
            Assert.Contains($";{nonCalculable.Cle};", csv, StringComparison.Ordinal);
            Assert.Contains(nonCalculable.MentionNonCalculable!, csv, StringComparison.Ordinal);
        }

        var additifs = catalogue.Indicateurs.Where(d => d.Nature == Nature.Effectif && catalogue.Registry.IsAdditive(d.Critere!)).Select(d => d.Cle).ToHashSet();
        var verite = new Dictionary<Period, IndicatorResults>();
        long? Complement(Level niveau, string code, Period p, string cle, Ventilation v)
        {
            if (!verite.TryGetValue(p, out var r)) verite[p] = r = IndicatorEngine.Compute(factory.Package, catalogue, p);
            var x = r.Current.Get(niveau, code, cle);
            return x.Count - x.Breakdown(v);
        }
        var attaque = AttaqueSecret.Construire(catalogue, factory.Structures, lignes, poids, additifs, Complement);
        var revelees = attaque.CasesRevelees();
        output.WriteLine($"{grille} : {pages.Count} périodes × {factory.Territoires.Count()} territoires ; cases montrées, masquées, relations : {attaque.Taille}");
        output.WriteLine($"{revelees.Count} cases recalculables, par exemple : {string.Join(" ; ", revelees.Take(8))}");
        Assert.Empty(attaque.Incoherences);
        Assert.Empty(revelees);
        Assert.True(attaque.Taille.Masked > 1000, $"{attaque.Taille}");
    }

    private static string Score(double? s) => s is { } x ? Euros.Reel(x, 2) : "—";

    private sealed class LigneComparer : IEqualityComparer<LigneLue>
    {
        public bool Equals(LigneLue? a, LigneLue? b) => a is not null && b is not null && a.Cle == b.Cle && a.N == b.N && a.N1 == b.N1
            && a.Evolution == b.Evolution && a.Ventilations.OrderBy(x => x.Key).SequenceEqual(b.Ventilations.OrderBy(x => x.Key));

        public int GetHashCode(LigneLue l) => l.Cle.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>Each output goes through the step: screen, CSV and XLSX alike; the dialogue, the avenant page and its PDF.</summary>
public sealed partial class SecretSortiesTests(JalonWebFactoryRegions factory, ITestOutputHelper output) : IClassFixture<JalonWebFactoryRegions>
{
    private static readonly Period Annee = Period.Year(RegionsGenerees.Annee);

    [Theory]
    [InlineData("etat.national", "structure", "ML0002")]
    [InlineData("etat.region", "structure", "ML0003")]
    [InlineData("arml", "region", "84")]
    [InlineData("region", "structure", "ML0004")]
    public async Task The_screen_and_the_xlsx_show_the_cells_of_the_csv(string login, string niveau, string code)
    {
        var client = await factory.SignedIn(login);
        var level = niveau == "structure" ? Level.Structure : Level.Region;
        var (lignes, poids) = await Telechargements.LireCsv(client, level, code, level == Level.Structure ? "84" : null, Annee);
        var html = await client.Html(Telechargements.Url(level, code, Annee));
        var xlsx = Exports.LireXlsx(await (await client.GetAsync(Telechargements.Url(level, code, Annee, "xlsx"))).Content.ReadAsByteArrayAsync());
        var cpo = Catalogue.Load("cpo-2015");
        var masquees = 0;
        foreach (var l in lignes)
        {
            var d = cpo[l.Cle];
            var ecran = Regex.Match(html, $"<tr data-cle=\"{Regex.Escape(l.Cle)}\">.*?</td>\\s*<td class=\"jalon-n\">([^<]*)</td>\\s*<td>([^<]*)</td>", RegexOptions.Singleline);
            Assert.True(ecran.Success, l.Cle);
            Assert.Equal(Ecrit(d.Unite, l.N), WebUtility.HtmlDecode(ecran.Groups[1].Value));
            Assert.Equal(Ecrit(d.Unite, l.N1), WebUtility.HtmlDecode(ecran.Groups[2].Value));
            var x = xlsx.Single(r => r.Count > 2 && r[2] == l.Cle);
            Assert.Equal(l.N.Masque, x[4] == "s");
            if (l.N.Masque) masquees++;
        }
        Assert.True(masquees > 0);
        if (level == Level.Structure)
        {
            var texte = WebUtility.HtmlDecode(Regex.Match(html, "<p id=\"poids-regional\">([^<]*)</p>").Groups[1].Value);
            foreach (var w in poids) Assert.Contains(cpo.PoidsRegional.Single(p => p.Cle == w.Cle).Libelle + " " + Ecrit(Unite.Pourcentage, w.Part), texte);
        }
    }

    private static string Ecrit(Unite unite, Lu lu) => lu.Masque ? "s" : lu.Valeur is { } v ? Affichage.Valeur(unite, v) : "—";

    [Fact]
    public async Task The_state_reads_the_references_of_the_dialogue_and_the_avenant_through_the_step_and_the_director_their_stored_value()
    {
        // ML0002 (45 young people): most of its 2016 ratios rest on counts below 5.
        var etat = await factory.SignedIn("etat.region");
        var admin = await factory.SignedIn("admin");
        var dialogue = $"/Pilotage/Dialogue?structure=ML0002&annee={JalonWebFactoryRegions.Campagne}";
        var avenant = $"/Pilotage/Avenant?structure=ML0002&annee={JalonWebFactoryRegions.Campagne}";
        var references = References(await etat.Html(dialogue));
        var enClair = References(await admin.Html(dialogue));
        Assert.Equal(13, references.Count);
        var masquees = references.Where(r => r.Value == "s").Select(r => r.Key).ToList();
        Assert.NotEmpty(masquees);
        Assert.All(masquees, k => Assert.NotEqual("s", enClair[k]));
        // The avenant's annex as the dialogue: the page and the PDF.
        var annexe = Annexe(await etat.Html(avenant));
        Assert.Equal(references, annexe);
        Assert.Equal(enClair, Annexe(await admin.Html(avenant)));
        var pdf = await etat.GetAsync(avenant + "&format=pdf");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, $"{pdf.StatusCode}");
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var texte = string.Join(" ", document.GetPages().Select(p => p.Text));
        output.WriteLine(texte[..Math.Min(300, texte.Length)]);
        Assert.Contains("s:secretstatistique", Regex.Replace(texte, "\\s+", "").ToLowerInvariant());
        foreach (var k in masquees)
        {
            var valeur = enClair[k];
            if (valeur.Length > 3) Assert.DoesNotContain(Regex.Replace(valeur, "\\s+", ""), Regex.Replace(texte, "\\s+", ""));
        }
    }

    [Fact]
    public async Task The_matrix_of_a_region_leaves_out_the_ratios_masked_for_the_state_only()
    {
        var etat = await factory.SignedIn("etat.national");
        var admin = await factory.SignedIn("admin");
        var url = $"/Pilotage/Matrice?region=84&annee={RegionsGenerees.Annee}";
        Assert.NotEqual(Scores(await etat.Html(url)), Scores(await admin.Html(url)));
    }

    private static List<string> Scores(string html) => Regex.Matches(html, "<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td></tr>").Select(m => m.Value).ToList();

    private static Dictionary<string, string> References(string html) =>
        Regex.Matches(html, "<tr data-ratio=\"([^\"]+)\">\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static Dictionary<string, string> Annexe(string html)
    {
        var article = new HtmlParser().ParseDocument(html).QuerySelector("article#avenant")!;
        return article.QuerySelectorAll("tr[data-ratio]").ToDictionary(tr => tr.GetAttribute("data-ratio")!, tr => tr.QuerySelectorAll("td")[1].TextContent);
    }
}
