using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Jalon.Storage.Entities;
using Jalon.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Jalon.Web.Tests;

/// <summary>
/// The structure's screens (issue 8): profile with its history, territory with its discrepancies and overlaps, sites and
/// the site of a contact, the staff table (BRH) with its anomalies on their rows, the budget with its totals, the context
/// in step 1 of the dialogue de gestion, and who may read or edit each of them.
/// </summary>
public abstract class StructureTests(JalonWebFactory factory)
{
    private const string Ml = "ML26001";
    private static readonly HtmlParser Parser = new();

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    [Fact]
    public async Task The_profile_is_saved_as_dated_versions_shown_as_of_a_date_with_french_errors()
    {
        var directeur = await factory.SignedIn("directeur");
        var champs = new Dictionary<string, string>
        {
            ["Input.ValableDu"] = "2010-01-01", ["Input.RaisonSociale"] = "Mission Locale Drôme des Collines", ["Input.Type"] = "MissionLocale",
            ["Input.Siret"] = "443 061 841 00047", ["Input.Adresse"] = "3 place du Champ de Mars", ["Input.BoitePostale"] = "BP 197",
            ["Input.CodePostal"] = "26100", ["Input.Ville"] = "Romans-sur-Isère", ["Input.CodeCedex"] = "26105",
            ["Input.Telephones[0].Libelle"] = "Ligne jeunes", ["Input.Telephones[0].Numero"] = "04 75 70 79 40",
            ["Input.Email"] = "contact@ml-ddcrv.fr", ["Input.President"] = "Mme Présidente", ["Input.Directeur"] = "M. Ancien",
            ["Input.Colleges[0].Nom"] = "Élus", ["Input.Colleges[0].Nature"] = "Deliberatif", ["Input.Colleges[0].Sieges"] = "8",
        };
        var r = await directeur.PostForm($"/Structure/Profil?structure={Ml}", champs);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        champs["Input.ValableDu"] = "2020-06-01";
        champs["Input.Directeur"] = "Mme Nouvelle";
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm($"/Structure/Profil?structure={Ml}", champs)).StatusCode);

        // Refused with the domain's French messages; nothing saved.
        champs["Input.ValableDu"] = "2021-01-01";
        champs["Input.Siret"] = "12345678901234";
        champs["Input.Email"] = "pas-une-adresse";
        var refus = await directeur.PostForm($"/Structure/Profil?structure={Ml}", champs);
        Assert.Equal(HttpStatusCode.OK, refus.StatusCode);
        var html = await refus.Body();
        Assert.Contains("Le SIRET doit compter 14 chiffres et respecter la clé de contrôle", html);
        Assert.Contains("L'adresse électronique n'est pas valide", html);

        var ancien = Parse(await directeur.Html($"/Structure/Profil?structure={Ml}&date=2015-03-01"));
        Assert.Contains("M. Ancien", ancien.QuerySelector("#profil-vigueur")!.TextContent);
        Assert.Contains("26105 ROMANS-SUR-ISÈRE CEDEX", ancien.QuerySelector("#adresse-postale")!.TextContent);
        var courant = Parse(await directeur.Html($"/Structure/Profil?structure={Ml}"));
        Assert.Contains("Mme Nouvelle", courant.QuerySelector("#profil-vigueur")!.TextContent);
        Assert.Equal(2, courant.QuerySelectorAll("#historique-profil tbody tr").Length);
        Assert.Equal("44306184100047", courant.QuerySelector("#Input_Siret")!.GetAttribute("value"));
        Assert.Contains("Aucune version", (await directeur.Html($"/Structure/Profil?structure={Ml}&date=2009-12-31")));

        using var db = factory.Db();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.StructureCode == Ml && a.Entity == "profil" && a.UserLogin == "directeur"));

        // Staff of the structure read it; the form is the director's.
        var conseiller = Parse(await (await factory.SharedSession("conseiller1")).Html("/Structure/Profil"));
        Assert.Contains("Mme Nouvelle", conseiller.QuerySelector("#profil-vigueur")!.TextContent);
        Assert.Null(conseiller.QuerySelector("#contenu form[method=post] #Input_RaisonSociale"));
        var etat = await factory.SignedIn("etat.region");
        Assert.Equal(HttpStatusCode.Forbidden, (await etat.PostForm($"/Structure/Profil?structure={Ml}", champs, $"/Structure/Profil?structure={Ml}&x=1")).StatusCode);
    }

    [Fact]
    public async Task The_territory_shows_the_computed_figures_every_discrepancy_and_the_overlaps()
    {
        var directeur = await factory.SignedIn("directeur");
        var url = $"/Structure/Territoire?structure={Ml}&date=2026-01-15";
        foreach (var code in new[] { "26281", "26057" })
        {
            var r = await directeur.PostForm(url + "&handler=Ajouter", new() { ["CodeCommune"] = code, ["DateEffet"] = "2026-01-01" }, url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }
        var inconnue = await directeur.PostForm(url + "&handler=Ajouter", new() { ["CodeCommune"] = "99999", ["DateEffet"] = "2026-01-01" }, url);
        Assert.Equal(HttpStatusCode.OK, inconnue.StatusCode);
        Assert.Contains("Le code INSEE « 99999 » ne correspond à aucune commune", await inconnue.Body());

        // Declared: 3 communes, 2 intercommunalités, one of them cited twice.
        var d = await directeur.PostForm(url + "&handler=Declarer", new()
        {
            ["Declaration.Date"] = "2026-01-01", ["Declaration.Communes"] = "3", ["Declaration.Epcis"] = "2",
            ["Declaration.EpcisListes"] = "Valence Romans Agglo ; 2\nValence-Romans Agglo ; 2", ["Declaration.Population"] = "1000",
            ["Declaration.TauxChomage"] = "9,5",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, d.StatusCode);

        // Another structure covers Romans too.
        using (var db = factory.Db())
        {
            db.TerritoireCommunes.Add(new Jalon.Storage.Structures.TerritoireCommuneEntity { StructureCode = "ML26002", Commune = "26281", Debut = new DateOnly(2020, 1, 1) });
            await db.SaveChangesAsync();
        }

        var page = Parse(await (await factory.SharedSession("etat.region")).Html(url));
        var communes = page.QuerySelectorAll("#communes tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Equal(2, communes.Count);
        Assert.Contains(communes, c => c.Contains("Romans-sur-Isère") && c.Contains("26281"));
        var ecarts = page.QuerySelectorAll("#ecarts-territoire li").Select(li => li.TextContent).ToList();
        Assert.Contains(ecarts, e => e.Contains("cité 2 fois"));
        Assert.Contains(ecarts, e => e.Contains("3 communes déclarées, 2 dans la liste des communes couvertes"));
        Assert.Contains(ecarts, e => e.Contains("3 communes déclarées, 4 dans le détail par intercommunalité"));
        Assert.Contains(ecarts, e => e.Contains("population déclarée 1 000"));
        Assert.Contains("ML26002", page.QuerySelector("#chevauchements")!.TextContent);
        Assert.Contains("9,5", page.QuerySelector("#declare-calcule")!.TextContent);
        Assert.Null(page.QuerySelector("#contenu form[method=post]"));

        // Removed from a date: still covered before it.
        var retrait = await directeur.PostForm(url + "&handler=Retirer", new() { ["CodeCommune"] = "26057", ["DateEffet"] = "2026-03-01" }, url);
        Assert.Equal(HttpStatusCode.Redirect, retrait.StatusCode);
        Assert.Single(Parse(await directeur.Html($"/Structure/Territoire?structure={Ml}&date=2026-03-01")).QuerySelectorAll("#communes tbody tr"));
        Assert.Equal(2, Parse(await directeur.Html(url)).QuerySelectorAll("#communes tbody tr").Length);
    }

    [Fact]
    public async Task A_site_is_recorded_a_contact_is_placed_there_and_the_dashboard_counts_it()
    {
        var directeur = await factory.SignedIn("directeur");
        var r = await directeur.PostForm($"/Structure/Sites?structure={Ml}", new()
        {
            ["Input.Id"] = "ANT-ST-VALLIER", ["Input.Type"] = "Antenne", ["Input.Nom"] = "Antenne de Saint-Vallier", ["Input.Commune"] = "26333",
            ["Input.Horaires"] = "lundi 9h-12h", ["Input.EspaceRessources"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var mauvais = await directeur.PostForm($"/Structure/Sites?structure={Ml}", new() { ["Input.Id"] = "X", ["Input.Nom"] = "", ["Input.Commune"] = "00000" });
        var texte = await mauvais.Body();
        Assert.Contains("Le nom du site est obligatoire", texte);
        Assert.Contains("Le code INSEE « 00000 » ne correspond à aucune commune", texte);

        var sites = Parse(await directeur.Html($"/Structure/Sites?structure={Ml}"));
        Assert.Contains("Antenne de Saint-Vallier", sites.QuerySelector("#liste-sites")!.TextContent);
        Assert.Contains("lundi 9h-12h", sites.QuerySelector("#liste-sites")!.TextContent);
        // No head office: flagged by Sites.Check.
        Assert.Contains("aucun site de type SIEGE", sites.QuerySelector("#problemes-sites")!.TextContent);

        // The contact form offers the site; a contact recorded there is counted per site.
        var conseiller = await factory.SignedIn("conseiller1");
        var form = Parse(await conseiller.Html("/Jeunes/J000001/Evenement/contact"));
        Assert.NotNull(form.QuerySelector("select[name='Input.SiteId'] option[value='ANT-ST-VALLIER']"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris"));
        var c = await conseiller.PostForm("/Jeunes/J000001/Evenement/contact", new()
        {
            ["Input.Date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.Mode"] = "Telephone", ["Input.SiteId"] = "ANT-ST-VALLIER",
        });
        Assert.Equal(HttpStatusCode.Redirect, c.StatusCode);
        var inconnu = await conseiller.PostForm("/Jeunes/J000001/Evenement/contact", new()
        {
            ["Input.Date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.Mode"] = "Telephone", ["Input.SiteId"] = "AILLEURS",
        });
        Assert.Contains("Choisissez un site de la structure", await inconnu.Body());
        using (var db = factory.Db())
            Assert.Equal(1, await db.Contacts.CountAsync(x => x.StructureCode == Ml && x.SiteId == "ANT-ST-VALLIER"));

        var tableau = Parse(await conseiller.Html($"/Structure?du={today.Year}-01-01&au={today:yyyy-MM-dd}"));
        var ligne = tableau.QuerySelectorAll("#activite-sites tbody tr").Single(tr => tr.TextContent.Contains("Antenne de Saint-Vallier"));
        Assert.Equal("1", ligne.QuerySelectorAll("td")[1].TextContent.Trim());
        // Per-site activity counts young people: not shown to the State.
        Assert.Null(Parse(await (await factory.SharedSession("etat.region")).Html($"/Structure?structure={Ml}")).QuerySelector("#activite-sites"));
    }

    [Fact]
    public async Task Seed_000s_staff_table_is_saved_with_its_four_anomalies_each_on_its_row()
    {
        var directeur = await factory.SignedIn("directeur");
        var champs = new Dictionary<string, string>();
        var lignes = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "brh-ddcrv.csv")).Skip(1).Select(l => l.Split(';')).ToList();
        foreach (var l in lignes)
        {
            // Decimal comma, as typed in a French form.
            champs["f-" + l[2]] = l[3].Replace('.', ',');
            champs["h-" + l[2]] = l[4].Replace('.', ',');
            champs["t-" + l[2]] = l[5].Replace('.', ',');
        }
        champs.Remove("f-B");
        champs.Remove("h-B");
        champs.Remove("t-B");
        var r = await directeur.PostForm($"/Structure/Brh?structure={Ml}&annee=2010", champs);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        var page = Parse(await (await factory.SharedSession("etat.region")).Html($"/Structure/Brh?structure={Ml}&annee=2010"));
        var enAnomalie = page.QuerySelectorAll("#brh tbody tr").Where(tr => tr.QuerySelector(".jalon-brh__ecart") is not null)
            .Select(tr => tr.Id).ToList();
        Assert.Equal(["brh-B1", "brh-A12", "brh-A121", "brh-A122"], enAnomalie);
        Assert.Contains("29", page.QuerySelector("#brh-B1 .jalon-brh__ecart")!.TextContent);
        Assert.Contains("25", page.QuerySelector("#brh-B1 .jalon-brh__ecart")!.TextContent);
        // Values read back (decimal comma), headings without inputs, read-only for the State.
        Assert.Equal("26,81", page.QuerySelector("input[name='t-B2']")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("#brh-B input, #brh-A3 input"));
        Assert.True(page.QuerySelector("input[name='t-B2']")!.HasAttribute("readonly"));
        Assert.Null(page.QuerySelector("#contenu form[method=post] button[type=submit]"));
        Assert.Contains("4 incohérence(s)", page.QuerySelector("#synthese-ecarts")!.TextContent);

        using (var db = factory.Db())
        {
            var b2 = await db.BrhLignes.SingleAsync(b => b.StructureCode == Ml && b.Annee == 2010 && b.Code == "B2");
            Assert.Equal(20.81m, b2.Femmes);
            Assert.Equal(26.81m, b2.Total);
        }

        // A cell that is not a number: refused, nothing changed, the typed values kept.
        champs["t-B2"] = "vingt";
        var refus = await directeur.PostForm($"/Structure/Brh?structure={Ml}&annee=2010", champs);
        Assert.Equal(HttpStatusCode.OK, refus.StatusCode);
        var refusHtml = Parse(await refus.Body());
        Assert.Contains("B2 : saisissez des nombres", refusHtml.QuerySelector("#erreurs-brh")!.TextContent);
        Assert.Equal("vingt", refusHtml.QuerySelector("input[name='t-B2']")!.GetAttribute("value"));
        using (var db = factory.Db())
            Assert.Equal(26.81m, (await db.BrhLignes.SingleAsync(b => b.StructureCode == Ml && b.Annee == 2010 && b.Code == "B2")).Total);
    }

    [Fact]
    public async Task The_budget_checks_its_totals_and_shows_where_it_differs_from_moyens()
    {
        using (var db = factory.Db())
        {
            db.Moyens.Add(new MoyensEntity { StructureCode = Ml, Annee = 2019, FinancementEtat = 700000m, FinancementTotal = 1756332m });
            await db.SaveChangesAsync();
        }
        var directeur = await factory.SignedIn("directeur");
        var r = await directeur.PostForm($"/Structure/Budget?structure={Ml}&annee=2019", new()
        {
            ["m-Etat-Subvention"] = "705 004", ["m-Etat-RepriseFondsDedies"] = "148587", ["m-Region-Subvention"] = "902741",
            ["m--ChargesPersonnel"] = "1500000,50", ["m--TotalProduits"] = "1756332", ["m--TotalCharges"] = "1500000",
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var page = Parse(await (await factory.SharedSession("region")).Html($"/Structure/Budget?structure={Ml}&annee=2019"));
        var synthese = page.QuerySelector("#synthese-budget")!.TextContent;
        Assert.Contains("1 756 332 €", synthese);
        Assert.Contains("705 004 €", synthese);
        var anomalies = page.QuerySelector("#anomalies-budget")!.TextContent;
        Assert.Contains("total des charges déclaré 1 500 000 €, somme des charges 1 500 000,5 €", anomalies);
        Assert.DoesNotContain("total des produits", anomalies);
        var moyens = page.QuerySelector("#ecarts-moyens")!.TextContent;
        Assert.Contains("financement_etat : moyens.csv 700000, budget : État 705004", moyens);
        Assert.Equal("705004", page.QuerySelector("input[name='m-Etat-Subvention']")!.GetAttribute("value"));

        var refus = await directeur.PostForm($"/Structure/Budget?structure={Ml}&annee=2019", new() { ["m-Etat-Subvention"] = "beaucoup" });
        Assert.Contains("« beaucoup » n'est pas un montant", await refus.Body());
    }

    [Fact]
    public async Task The_context_is_edited_by_the_director_and_shown_in_step_one_of_the_dialogue()
    {
        var directeur = await factory.SignedIn("directeur");
        var r = await directeur.PostForm($"/Structure/Contexte?structure={Ml}&annee=2020", new()
        {
            ["Lignes[0].Categorie"] = "Emploi", ["Lignes[0].Indicateur"] = "Taux de chômage", ["Lignes[0].Zone"] = "", ["Lignes[0].Valeur"] = "8,4",
            ["Lignes[0].Unite"] = "%", ["Lignes[0].Source"] = "INSEE", ["Lignes[0].Date"] = "2020-12-31",
            ["Lignes[1].Categorie"] = "Emploi", ["Lignes[1].Indicateur"] = "Taux de chômage", ["Lignes[1].Zone"] = "reg-84", ["Lignes[1].Valeur"] = "7,9",
            ["Lignes[1].Unite"] = "%", ["Lignes[1].Source"] = "INSEE",
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var mauvais = await directeur.PostForm($"/Structure/Contexte?structure={Ml}&annee=2020", new()
        {
            ["Lignes[0].Indicateur"] = "Densité", ["Lignes[0].Zone"] = "LUNE", ["Lignes[0].Valeur"] = "3",
        });
        Assert.Contains("zone « LUNE » inconnue", await mauvais.Body());
        using (var db = factory.Db())
        {
            db.Contexte.Add(new Jalon.Storage.Structures.ContexteEntity
            {
                StructureCode = "ML26002", Annee = 2020, Categorie = Jalon.Domain.CategorieContexte.Emploi, Indicateur = "Taux de chômage", Zone = "TERRITOIRE", Valeur = 10.2m,
            });
            await db.SaveChangesAsync();
        }
        var lecture = Parse(await (await factory.SharedSession("etat.national")).Html($"/Structure/Contexte?structure={Ml}&annee=2020"));
        Assert.Contains("Région 84", lecture.QuerySelector(".jalon-contexte")!.TextContent);
        Assert.Null(lecture.QuerySelector("#contexte-saisie"));

        var annee = 2027;
        Assert.Equal(HttpStatusCode.Redirect, (await directeur.PostForm("/Pilotage/Dialogues", new() { ["structure"] = Ml, ["annee"] = annee.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        var dialogue = Parse(await (await factory.SharedSession("etat.region")).Html($"/Pilotage/Dialogue?structure={Ml}&annee={annee}"));
        var contexte = dialogue.QuerySelector("#contexte-dialogue")!.TextContent;
        Assert.Contains("Taux de chômage", contexte);
        Assert.Contains("8,4 %", contexte);
        Assert.Contains("Région 84 : 7,9 %", contexte);
        Assert.Contains("1 structure(s) : de 10,2 à 10,2", contexte);
    }

    [Fact]
    public async Task Other_structures_are_refused_counsellors_do_not_see_the_means_and_the_state_only_reads()
    {
        var valence = await factory.SharedSession("conseiller.valence");
        foreach (var page in new[] { "Profil", "Territoire", "Sites", "Brh", "Budget", "Contexte", "Personnel" })
            Assert.Equal(HttpStatusCode.Forbidden, (await valence.GetAsync($"/Structure/{page}?structure={Ml}")).StatusCode);
        var conseiller = await factory.SharedSession("conseiller1");
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.GetAsync("/Structure/Brh")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.GetAsync("/Structure/Budget")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await conseiller.GetAsync("/Structure/Personnel")).StatusCode);

        var etat = await factory.SignedIn("etat.region");
        foreach (var page in new[] { "Brh?annee=2011", "Budget?annee=2011", "Contexte?annee=2011", "Sites" })
        {
            var url = $"/Structure/{page.Split('?')[0]}?structure={Ml}" + (page.Contains('?') ? "&" + page.Split('?')[1] : "");
            var html = await etat.Html(url);
            Assert.DoesNotContain("type=\"submit\">Enregistrer", html);
            var r = await etat.PostForm(url, new() { ["Input.Id"] = "X", ["t-B1"] = "1" }, $"/Structure/Profil?structure={Ml}");
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        // The State's landing page lists the structures of its region.
        var choix = Parse(await etat.Html("/Structure")).QuerySelectorAll("#choix-structures li").Select(li => li.TextContent).ToList();
        Assert.Contains(choix, c => c.Contains(Ml));
    }

    [Fact]
    public async Task The_staff_register_prefills_the_staff_table()
    {
        var directeur = await factory.SignedIn("directeur");
        var r = await directeur.PostForm($"/Structure/Personnel?structure={Ml}", new()
        {
            ["Input.Nom"] = "Camille Martin", ["Input.Sexe"] = "F", ["Input.Statut"] = "Salarie", ["Input.Contrat"] = "Cdi", ["Input.TempsPlein"] = "false",
            ["Input.Etp"] = "0,8", ["Input.Metier"] = "Conseiller", ["Input.Debut"] = "2015-01-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var refus = await directeur.PostForm($"/Structure/Personnel?structure={Ml}", new() { ["Input.Nom"] = "X", ["Input.Etp"] = "2", ["Input.Debut"] = "2015-01-01" });
        Assert.Contains("L'ETP doit être un nombre supérieur à 0 et au plus 1", await refus.Body());
        Assert.Contains("Camille Martin", Parse(await directeur.Html($"/Structure/Personnel?structure={Ml}")).QuerySelector("#registre")!.TextContent);
        var brh = Parse(await directeur.Html($"/Structure/Brh?structure={Ml}&annee=2016&prerempli=true"));
        Assert.Equal("1", brh.QuerySelector("input[name='t-B1']")!.GetAttribute("value"));
        Assert.Equal("0,8", brh.QuerySelector("input[name='f-B2']")!.GetAttribute("value"));
        Assert.Equal("0,8", brh.QuerySelector("input[name='t-A312']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_identity_form_proposes_the_zone_flags_from_the_commune()
    {
        var conseiller = await factory.SharedSession("conseiller1");
        var page = Parse(await conseiller.Html("/Jeunes/J000001/Identite"));
        var proposition = page.QuerySelector("#proposition-zones")!.TextContent;
        Assert.Contains("ZRR", proposition);
        Assert.Contains("QPV", proposition);
        Assert.Contains("vous décidez", proposition);
    }

    /// <summary>On SQLite.</summary>
    public sealed class OnSqlite(JalonWebFactory factory) : StructureTests(factory), IClassFixture<JalonWebFactory>;

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    public sealed class OnPostgres(PostgresWebFactory factory) : StructureTests(factory), IClassFixture<PostgresWebFactory>;
}
