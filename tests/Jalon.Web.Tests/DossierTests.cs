using System.Net;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>The young person's file: creation, the format's rules as form errors and warnings, audit, confidentiality.</summary>
public abstract class DossierTests(JalonWebFactory factory)
{
    private static Dictionary<string, string> Identite(string nom, string naissance = "2004-03-15", string accueil = "2026-01-05") => new()
    {
        ["Input.Nom"] = nom, ["Input.Prenom"] = "Maëlle", ["Input.Naissance"] = naissance, ["Input.Sexe"] = "F",
        ["Input.Niveau"] = "V", ["Input.Diplome"] = "false", ["Input.Commune"] = "26281", ["Input.Qpv"] = "true",
        ["Input.Zrr"] = "false", ["Input.PremierAccueil"] = accueil,
    };

    private async Task<string> CreateAsync(HttpClient client, string nom, string naissance = "2004-03-15")
    {
        var response = await client.PostForm("/Jeunes/Nouveau", Identite(nom, naissance));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Creating_a_file_writes_it_and_audits_creation_and_read()
    {
        var client = await factory.SignedIn("accueil");
        var url = await CreateAsync(client, "Vasseur");
        var html = await client.Html(url);
        Assert.Contains("VASSEUR", html);
        Assert.Contains("Premier accueil", html);
        Assert.Contains("05/01/2026", html);
        using var db = factory.Db();
        var jeune = await db.Jeunes.SingleAsync(j => j.Nom == "Vasseur");
        Assert.Equal("ML26001", jeune.StructureCode);
        var audit = await db.AuditLog.Where(a => a.JeuneId == jeune.JeuneId && a.StructureCode == "ML26001").ToListAsync();
        Assert.Contains(audit, a => a.Action == AuditAction.Creation && a.UserLogin == "accueil");
        Assert.Contains(audit, a => a.Action == AuditAction.Lecture && a.UserLogin == "accueil");
    }

    [Fact]
    public async Task Identity_errors_are_listed_in_french_and_linked_to_their_fields()
    {
        var client = await factory.SignedIn("conseiller1");
        var fields = Identite("");
        fields["Input.Naissance"] = "";
        fields["Input.Commune"] = "ROMANS";
        var response = await client.PostForm("/Jeunes/Nouveau", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Body();
        Assert.Contains("Le formulaire contient 3 erreurs", html);
        Assert.Contains("Saisissez le nom de famille.", html);
        Assert.Contains("href=\"#Input_Nom\"", html);
        Assert.Contains("Saisissez la date de naissance", html);
        Assert.Contains("code INSEE", html);
        Assert.Contains("fr-input-group--error", html);
    }

    [Fact]
    public async Task Age_outside_16_25_is_saved_with_a_warning()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Aîné", naissance: "1995-01-01");
        var html = await client.Html(url);
        Assert.Contains("hors de la tranche 16–25 ans", html);
    }

    [Fact]
    public async Task Path_end_before_start_blocks_and_motif_without_end_blocks()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Bordes");
        var form = new Dictionary<string, string>
        {
            ["Input.Dispositif"] = "Civis", ["Input.Debut"] = "2026-03-01", ["Input.Fin"] = "2026-02-01", ["Input.Neet"] = "true",
        };
        var response = await client.PostForm(url + "/Evenement/parcours", form);
        var html = await response.Body();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La date de fin doit être égale ou postérieure à la date de début.", html);
        Assert.Contains("href=\"#Input_Fin\"", html);

        form["Input.Fin"] = "";
        form["Input.MotifFin"] = "Abandon";
        html = await (await client.PostForm(url + "/Evenement/parcours", form)).Body();
        Assert.Contains("Un motif de fin ne peut être saisi qu'avec une date de fin", html);

        using var db = factory.Db();
        var id = url.Split('/').Last();
        Assert.False(await db.Parcours.AnyAsync(p => p.JeuneId == id && p.StructureCode == "ML26001"));
    }

    /// <summary>The path form offers the Région's « amont » schemes (one list) with the import's rule: regional or local paths only.</summary>
    [Fact]
    public async Task Path_form_offers_the_amont_schemes_and_refuses_one_on_a_national_path()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Amont");
        var formulaire = await client.Html(url + "/Evenement/parcours");
        foreach (var d in Jalon.Domain.Amont.DispositifsAmont.Reference) Assert.Contains($"<option value=\"{d.Code}\">{d.Libelle}</option>", formulaire);

        var national = await client.PostForm(url + "/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Civis", ["Input.Debut"] = "2026-03-01", ["Input.Neet"] = "true", ["Input.Amont"] = "DPA",
        });
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);
        Assert.Contains("Un dispositif amont ne s'applique qu'à un parcours régional ou local", await national.Body());
        var malForme = await client.PostForm(url + "/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Regional", ["Input.Debut"] = "2026-03-01", ["Input.Neet"] = "true", ["Input.Amont"] = "dpa ?",
        });
        Assert.Contains("Choisissez un dispositif amont de la liste, ou aucun.", await malForme.Body());
        var id = url.Split('/').Last();
        using (var db = factory.Db()) Assert.False(await db.Parcours.AnyAsync(p => p.JeuneId == id && p.StructureCode == "ML26001"));

        var regional = await client.PostForm(url + "/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Regional", ["Input.Debut"] = "2026-03-01", ["Input.Neet"] = "true", ["Input.Amont"] = "ATELIER_ORIENTATION",
        });
        Assert.Equal(HttpStatusCode.Redirect, regional.StatusCode);
        using var verif = factory.Db();
        Assert.Equal("ATELIER_ORIENTATION", (await verif.Parcours.SingleAsync(p => p.JeuneId == id && p.StructureCode == "ML26001")).Amont);
    }

    [Fact]
    public async Task Diagnostic_only_with_an_entretien()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Carrel");
        var response = await client.PostForm(url + "/Evenement/contact", new()
        {
            ["Input.Date"] = "2026-02-01", ["Input.Mode"] = "Telephone", ["Input.Diagnostic"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le diagnostic approfondi ne peut être coché que pour un entretien individuel", await response.Body());
    }

    [Fact]
    public async Task Anomalies_warn_but_save_consolidation_over_four_months_and_overlapping_national_paths()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Delorme");
        var r1 = await client.PostForm(url + "/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Consolidation", ["Input.Debut"] = "2026-01-10", ["Input.Fin"] = "2026-06-30", ["Input.MotifFin"] = "FinDispositif", ["Input.Neet"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, r1.StatusCode);
        var html = await client.Html(url);
        Assert.Contains("dure plus de 4 mois", html);
        Assert.Contains("Enregistré, avec un point d'attention", html);
        var r2 = await client.PostForm(url + "/Evenement/parcours", new()
        {
            ["Input.Dispositif"] = "Civis", ["Input.Debut"] = "2026-03-01", ["Input.Neet"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, r2.StatusCode);
        Assert.Contains("Deux parcours nationaux se chevauchent", await client.Html(url));
        var r3 = await client.PostForm(url + "/Evenement/proposition", new() { ["Input.Date"] = "2025-12-01", ["Input.Theme"] = "Emploi" });
        Assert.Equal(HttpStatusCode.Redirect, r3.StatusCode);
        Assert.Contains("avant le premier accueil", await client.Html(url));
    }

    [Fact]
    public async Task Timeline_lists_every_event_newest_first_and_changes_are_audited()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Estève");
        await client.PostForm(url + "/Evenement/parcours", new() { ["Input.Dispositif"] = "Civis", ["Input.Debut"] = "2026-02-01", ["Input.Neet"] = "true" });
        await client.PostForm(url + "/Evenement/proposition", new() { ["Input.Date"] = "2026-03-01", ["Input.Theme"] = "Emploi" });
        await client.PostForm(url + "/Evenement/situation", new() { ["Input.TypeSituation"] = "Cdd", ["Input.Debut"] = "2026-04-01", ["Input.Fin"] = "2026-09-30", ["Input.DureePrevueJours"] = "183" });
        var html = await client.Html(url);
        var entry = html.IndexOf("Entrée en CIVIS", StringComparison.Ordinal);
        var proposition = html.IndexOf("Proposition : Emploi", StringComparison.Ordinal);
        var cdd = html.IndexOf("Début : CDD", StringComparison.Ordinal);
        var end = html.IndexOf("Fin : CDD", StringComparison.Ordinal);
        Assert.True(end < cdd && cdd < proposition && proposition < entry, "newest first");
        using var db = factory.Db();
        var id = url.Split('/').Last();
        var actions = await db.AuditLog.Where(a => a.JeuneId == id && a.StructureCode == "ML26001" && a.Action == AuditAction.Creation).Select(a => a.Entity).ToListAsync();
        Assert.Contains("parcours", actions);
        Assert.Contains("proposition", actions);
        Assert.Contains("situation", actions);
    }

    [Fact]
    public async Task Search_gives_the_total_and_pages_of_25_in_name_order_by_name_first_name_or_identifier()
    {
        var client = await factory.SignedIn("conseiller1");
        var prenoms = new List<string>();
        var urls = new Dictionary<string, string>();
        // Created in the reverse of the list's order: the page sorts them.
        for (var i = 26; i >= 0; i--)
        {
            var prenom = "Lou" + (char)('a' + i % 26) + (i >= 26 ? "na" : "");
            var fields = Identite("Quillebeuf");
            fields["Input.Prenom"] = prenom;
            var response = await client.PostForm("/Jeunes/Nouveau", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            prenoms.Add(prenom);
            urls[prenom] = response.Headers.Location!.OriginalString;
        }
        var order = prenoms.Order(StringComparer.Ordinal).ToList();
        List<string> Listed(string html) => order.Where(p => html.Contains($"QUILLEBEUF {p}</a>")).OrderBy(p => html.IndexOf($"QUILLEBEUF {p}</a>", StringComparison.Ordinal)).ToList();

        var first = await client.Html("/Jeunes?q=illeB");
        Assert.Contains("27 jeunes trouvés", first);
        Assert.Equal(order.Take(25), Listed(first));
        var second = await client.Html(LinkToPage2(first));
        Assert.Contains("27 jeunes trouvés", second);
        Assert.Equal(order.Skip(25), Listed(second));

        var byFirstName = await client.Html("/Jeunes?q=LOUC");
        Assert.Contains("1 jeune trouvé", byFirstName);
        Assert.Equal(["Louc"], Listed(byFirstName));
        Assert.Equal(["Louana"], Listed(await client.Html("/Jeunes?q=quillebeuf%20louan")));
        var id = urls["Loub"].Split('/')[^1];
        Assert.Equal(["Loub"], Listed(await client.Html("/Jeunes?q=" + id)));

        // The other paged lists follow their page 2 link alike: the portfolio (27 files more), the director's audit log
        // (each file's creation and reading: over one page of 50).
        foreach (var url in urls.Values) await client.Html(url);
        var portfolio = await client.Html(LinkToPage2(await client.Html("/Portefeuille?tous=true&tri=nom")));
        Assert.Contains("aria-current=\"page\" title=\"Page 2\"", portfolio);
        var directeur = await factory.SignedIn("directeur");
        Assert.Contains("aria-current=\"page\" title=\"Page 2\"", await directeur.Html(LinkToPage2(await directeur.Html("/Journal"))));
    }

    /// <summary>The link to page 2 that a paged list's first page shows.</summary>
    private static string LinkToPage2(string html)
    {
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]+)\" title=\"Page 2\"").Groups[1].Value;
        Assert.NotEqual("", link);
        return System.Net.WebUtility.HtmlDecode(link);
    }

    [Fact]
    public async Task Another_structure_can_neither_read_nor_change_a_file()
    {
        var owner = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(owner, "Secret");
        var other = await factory.SignedIn("conseiller.valence");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url + "/Identite")).StatusCode);
        var post = await other.PostForm(url + "/Evenement/contact", new() { ["Input.Date"] = "2026-02-01", ["Input.Mode"] = "Sms" }, formPage: "/Jeunes/Nouveau");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var search = await other.Html("/Jeunes?q=Secret");
        Assert.DoesNotContain("SECRET", search);
    }

    [Fact]
    public async Task Internal_comments_stay_in_the_structure()
    {
        var client = await factory.SignedIn("conseiller1");
        var url = await CreateAsync(client, "Fabre");
        await client.PostForm(url + "/Evenement/contact", new() { ["Input.Date"] = "2026-02-01", ["Input.Mode"] = "Entretien", ["Input.Commentaire"] = "Hébergé chez une tante, situation fragile" });
        Assert.Contains("Hébergé chez une tante", await client.Html(url));
        var other = await factory.SignedIn("directeur.valence");
        Assert.DoesNotContain("Hébergé chez une tante", await (await other.GetAsync(url)).Body());
    }

    [Fact]
    public async Task State_and_regional_roles_never_see_a_young_persons_name()
    {
        using var db = factory.Db();
        var names = await db.Jeunes.Select(j => j.Nom!).Distinct().ToListAsync();
        foreach (var login in new[] { "etat.region", "etat.national", "arml", "region" })
        {
            var client = await factory.SignedIn(login);
            foreach (var route in new[] { "/", "/Jeunes", "/Jeunes/J000001", "/Jeunes/J000001/Identite", "/Portefeuille", "/Journal", "/Comptes", "/Echanges", "/Pilotage" })
            {
                var html = await (await client.GetAsync(route)).Body();
                foreach (var name in names)
                    Assert.DoesNotContain(">" + name.ToUpperInvariant() + " ", html, StringComparison.Ordinal);
                Assert.DoesNotContain("/Jeunes/J0", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Chargé_d_accueil_records_contacts_but_not_the_accompaniment()
    {
        var client = await factory.SignedIn("accueil");
        var url = await CreateAsync(client, "Garnier");
        var ok = await client.PostForm(url + "/Evenement/contact", new() { ["Input.Date"] = "2026-02-01", ["Input.Mode"] = "Telephone" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var refused = await client.PostForm(url + "/Evenement/proposition", new() { ["Input.Date"] = "2026-02-01", ["Input.Theme"] = "Emploi" }, formPage: url + "/Evenement/contact");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Audit_log_is_read_only_and_scoped_to_the_structure()
    {
        var directeur = await factory.SignedIn("directeur");
        await directeur.Html("/Jeunes/J000002");
        var html = await directeur.Html("/Journal?jeune=J000002");
        Assert.Contains("directeur", html);
        Assert.Contains("Lecture", html);
        var post = await directeur.PostForm("/Journal", [], formPage: "/Comptes");
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        var valence = await factory.SignedIn("directeur.valence");
        Assert.Contains("0 ligne", await valence.Html("/Journal?jeune=J000002"));
    }

    [Fact]
    public async Task Portfolio_shows_the_counsellors_young_people_with_alerts()
    {
        var client = await factory.SignedIn("conseiller1");
        var html = await client.Html("/Portefeuille?tous=true&tri=nom");
        using var db = factory.Db();
        var me = await db.Users.SingleAsync(u => u.Login == "conseiller1");
        var mine = await db.Jeunes.Where(j => j.ConseillerId == me.Id).CountAsync();
        Assert.Contains($"{mine} jeune", html);
        Assert.Contains("Aucun entretien depuis 5 mois", html);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : DossierTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : DossierTests(factory), IClassFixture<PostgresWebFactory>;
}
