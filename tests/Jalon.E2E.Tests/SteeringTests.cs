using System.Text.RegularExpressions;
using Jalon.Tests.Shared;
using Microsoft.Playwright;

namespace Jalon.E2E.Tests;

/// <summary>
/// The steering pages in a real browser: the director of the Mission Locale and the State agent of the region
/// run a dialogue de gestion from preparation to a signed avenant, with the ± 10 % financing rule on the way.
/// </summary>
public abstract class SteeringTests(E2EFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser contexts this test opened (an idle DSFR page still costs the renderer's CPU).</summary>
    public Task DisposeAsync() => app.CloseContextsAsync();

    private const string Structure = "ML26001";
    private const string NomStructure = "Mission Locale Drôme des Collines-Royans-Vercors";
    private const string Directeur = "Hélène Robert";
    private const string Dreets = "DREETS Auvergne-Rhône-Alpes";

    /// <summary>Campaign 2027: analyses 2026 (the seed's activity), adjusts the financing of 2027 within the CPO 2026–2029.</summary>
    private const int Annee = 2027;

    private static readonly string DialogueUrl = $"/Pilotage/Dialogue?structure={Structure}&annee={Annee}";

    private static readonly string[] Etapes =
    [
        "1. Analyse et partage du contexte",
        "2. Le parcours d'accompagnement contractualisé",
        "3. L'offre de service aux employeurs",
        "4. Étape conclusive : ressources, financements, adéquation",
    ];

    /// <summary>
    /// Clicks a link or a submit button and waits for the next document (every handler answers POST → redirect → GET,
    /// often to the same address): the current document is marked, and the wait ends once a document without the mark is ready.
    /// </summary>
    private static async Task Submit(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.jalonPagePrecedente = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.jalonPagePrecedente === undefined && document.readyState !== 'loading'", null, new() { PollingInterval = 50 });
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Fills a labelled textarea of the dialogue and saves it with the button of its own form.</summary>
    private static async Task Write(IPage page, string label, string text)
    {
        var box = page.GetByLabel(label, new() { Exact = true });
        await box.FillAsync(text);
        await Submit(page, page.Locator("form").Filter(new() { Has = box }).GetByRole(AriaRole.Button));
    }

    private static async Task SetTarget(IPage page, string ratio, string target, string comment)
    {
        await page.SelectOptionAsync("#ratio", ratio);
        await page.FillAsync("#cible", target);
        await page.FillAsync("#commentaire", comment);
        await Submit(page, Button(page, "Fixer"));
        await Assertions.Expect(page.Locator(".fr-alert--success")).ToHaveTextAsync("Objectif enregistré.");
    }

    private static async Task Decide(IPage page, string subvention, string motif)
    {
        await page.FillAsync("#subvention", subvention);
        await page.FillAsync("#motif", motif);
        await Submit(page, Button(page, "Décider"));
    }

    private static ILocator Row(ILocator table, string text) => table.Locator("tbody tr").Filter(new() { HasText = text });

    [Fact]
    public async Task Director_and_State_run_the_dialogue_to_a_signed_avenant_and_financing_beyond_ten_percent_is_refused()
    {
        // ---- The director opens the dialogue 2027 of his structure from the steering menu. ----
        var ml = await app.SignedIn("directeur");
        await Submit(ml, ml.Locator("nav a.fr-nav__link[href='/Pilotage']"));
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Dialogues de gestion", Exact = true }));
        await Assertions.Expect(ml.Locator("h1")).ToHaveTextAsync("Dialogues de gestion");
        await ml.SelectOptionAsync("#structure", Structure);
        await ml.FillAsync("#annee", Annee.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Submit(ml, Button(ml, "Ouvrir"));
        Assert.Equal(app.BaseUrl + DialogueUrl, ml.Url);
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync($"Dialogue de gestion {Annee} ouvert.");
        await Assertions.Expect(ml.Locator("h1")).ToHaveTextAsync($"Dialogue de gestion {Annee}");
        await Assertions.Expect(ml.Locator(".fr-text--lead")).ToContainTextAsync($"{NomStructure} ({Structure}) — analyse de l'activité 2026, objectifs et financement {Annee}.");
        await Assertions.Expect(ml.Locator("#etat-dialogue")).ToHaveTextAsync("En préparation par la Mission locale");
        await app.Shot(ml, "pilotage-01-dialogue-ouvert");

        // It cannot be transmitted before the four analyses are written.
        await Submit(ml, Button(ml, "Transmettre aux services de l'État"));
        await Assertions.Expect(ml.Locator("#erreur-pilotage")).ToContainTextAsync("Le dialogue ne peut pas être transmis : l'analyse de la Mission locale manque pour " + Etapes[0]);
        await Assertions.Expect(ml.Locator("#erreur-pilotage")).ToContainTextAsync(Etapes[3]);
        await Assertions.Expect(ml.Locator("#etat-dialogue")).ToHaveTextAsync("En préparation par la Mission locale");

        // The structure's analysis of the four steps.
        for (var i = 0; i < Etapes.Length; i++)
        {
            await Write(ml, "Analyse de la Mission locale — " + Etapes[i], $"Analyse de la Mission locale, étape {i + 1} : constats 2026 et pistes.");
            await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Analyse enregistrée.");
        }
        for (var i = 0; i < Etapes.Length; i++)
        {
            await Assertions.Expect(ml.GetByLabel("Analyse de la Mission locale — " + Etapes[i], new() { Exact = true }))
                .ToHaveValueAsync($"Analyse de la Mission locale, étape {i + 1} : constats 2026 et pistes.");
        }

        // A proposed target and a row of the synthesis plan d'action (the structure may do both in preparation).
        await SetTarget(ml, "R10", "35", "Proposition de la Mission locale");
        await Assertions.Expect(Row(ml.Locator("#objectifs"), "R10 —")).ToContainTextAsync("35 %");
        await ml.GetByLabel("Forces — Offre de service aux employeurs", new() { Exact = true }).FillAsync("Réseau de 240 entreprises partenaires");
        await ml.GetByLabel("Axes de progrès — Offre de service aux employeurs", new() { Exact = true }).FillAsync("Peu de PME de l'industrie");
        await Submit(ml, ml.Locator("#plan-Employeurs button[type=submit]"));
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Synthèse du plan d'action enregistrée.");
        // A priority action: an action sheet of the dialogue's plan d'action.
        await ml.FillAsync("#action-titre-Employeurs", "Deux forums de recrutement par an");
        await Submit(ml, ml.Locator("form").Filter(new() { Has = ml.Locator("#action-titre-Employeurs") }).GetByRole(AriaRole.Button));
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Action ajoutée au plan d'action.");
        await Assertions.Expect(ml.Locator("#plan-action tr[data-theme=Employeurs]")).ToContainTextAsync("Deux forums de recrutement par an");
        await app.Shot(ml, "pilotage-02-analyses-mission-locale");

        // Transmission to the State: the structure's texts are then read-only for it.
        await Submit(ml, Button(ml, "Transmettre aux services de l'État"));
        await Assertions.Expect(ml.Locator("#etat-dialogue")).ToHaveTextAsync("Transmis aux services de l'État");
        await Assertions.Expect(ml.Locator("main textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(Button(ml, "Fixer")).ToHaveCountAsync(0);
        await Assertions.Expect(ml.Locator("main")).ToContainTextAsync("Analyse de la Mission locale, étape 1 : constats 2026 et pistes.");
        await app.Shot(ml, "pilotage-03-transmis");

        // ---- The State agent of the region finds it in the list of dialogues. ----
        var etat = await app.SignedIn("etat.region");
        await Submit(etat, etat.Locator("nav a.fr-nav__link[href='/Pilotage']"));
        await Submit(etat, etat.GetByRole(AriaRole.Link, new() { Name = "Dialogues de gestion", Exact = true }));
        var ligne = etat.Locator("table tbody tr").Filter(new() { HasText = NomStructure }).Filter(new() { HasText = Annee.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await Assertions.Expect(ligne).ToContainTextAsync("Transmis aux services de l'État");
        await Submit(etat, ligne.GetByRole(AriaRole.Link, new() { Name = "Ouvrir" }));
        Assert.Equal(app.BaseUrl + DialogueUrl, etat.Url);
        // It reads the structure's analyses but cannot edit them; it comments each step.
        await Assertions.Expect(etat.GetByLabel("Analyse de la Mission locale — " + Etapes[0], new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(etat.Locator("main")).ToContainTextAsync("Analyse de la Mission locale, étape 4 : constats 2026 et pistes.");
        for (var i = 0; i < Etapes.Length; i++)
        {
            await Write(etat, "Commentaires de l'État — " + Etapes[i], $"Commentaire de l'État sur l'étape {i + 1}.");
            await Assertions.Expect(etat.Locator(".fr-alert--success")).ToHaveTextAsync("Commentaire enregistré.");
        }
        await app.Shot(etat, "pilotage-04-commentaires-etat");

        await Submit(etat, Button(etat, "Ouvrir le dialogue"));
        await Assertions.Expect(etat.Locator("#etat-dialogue")).ToHaveTextAsync("Dialogue en cours");

        // No convention is seeded: the State records the CPO 2026–2029 through the page.
        await Assertions.Expect(etat.Locator("main")).ToContainTextAsync("Aucune convention pluriannuelle n'est enregistrée pour cette Mission locale.");
        await etat.FillAsync("#numero", "CPO-84-2026-07");
        await etat.FillAsync("#anneeDebut", "2026");
        await etat.FillAsync("#anneeFin", "2029");
        await etat.FillAsync("#notification", "2026-01-15");
        await etat.FillAsync("#c-subvention", "243500");
        await etat.FillAsync("#c-parrainage", "12000");
        await etat.FillAsync("#c-fipjd", "8000");
        await etat.FillAsync("#c-fipji", "4500");
        await etat.FillAsync("#siret", "12345678900012");
        await etat.FillAsync("#codeApe", "8899B");
        await Submit(etat, Button(etat, "Enregistrer la convention"));
        await Assertions.Expect(etat.Locator(".fr-alert--success")).ToHaveTextAsync("Convention enregistrée.");
        await Assertions.Expect(etat.Locator("main")).ToContainTextAsync(
            "Convention n° CPO-84-2026-07 (2026–2029). Montant annuel initial : 243 500 € ; subvention annuelle autorisée sur la durée de la convention (± 10 %) : entre 219 150 € et 267 850 €.");
        var financement = etat.Locator("#financement");
        await Assertions.Expect(financement).ToContainTextAsync("Subvention annuelle CPO : 243 500 € (reconduction du montant précédent)");

        // A first adjustment of +6 % is accepted…
        await Decide(etat, "258081", "Hausse de la file active");
        await Assertions.Expect(etat.Locator(".fr-alert--success")).ToHaveTextAsync("Financement enregistré.");
        await Assertions.Expect(financement.Locator("li").First).ToHaveTextAsync("Subvention annuelle CPO : 258 081 €");
        await Assertions.Expect(financement).ToContainTextAsync("Total : 282 581 €");
        await app.Shot(etat, "pilotage-05-financement-decide");

        // …but the adjustments add up: 271 000 € is only +5 % on the decision above, yet +11,3 % on the initial amount: refused.
        await Decide(etat, "271000", "Extension des permanences");
        var erreur = etat.Locator("#erreur-pilotage");
        await Assertions.Expect(erreur).ToHaveTextAsync(
            "Ajustement refusé : sur la durée de la convention 2026–2029, la subvention annuelle ne peut varier de plus de 10 % " +
            "par rapport au montant annuel initial de 243 500 €. Pour 2027, elle doit être comprise entre 219 150 € et 267 850 € ; " +
            "le montant proposé, 271 000 €, représente une variation cumulée de +11,3 %.");
        await Assertions.Expect(etat.Locator(".fr-alert--success")).ToHaveCountAsync(0);
        // Nothing was saved: the amount in force is still the accepted one.
        await Assertions.Expect(financement.Locator("li").First).ToHaveTextAsync("Subvention annuelle CPO : 258 081 €");
        await Assertions.Expect(etat.Locator("#subvention")).ToHaveValueAsync("258081");
        await app.Shot(etat, "pilotage-06-financement-refuse-plus-10");

        // Downwards too.
        await Decide(etat, "218000", "Baisse de la file active");
        await Assertions.Expect(erreur).ToContainTextAsync("elle doit être comprise entre 219 150 € et 267 850 € ; le montant proposé, 218 000 €, représente une variation cumulée de -10,5 %.");
        await Assertions.Expect(financement.Locator("li").First).ToHaveTextAsync("Subvention annuelle CPO : 258 081 €");

        // The State negotiates the targets: it raises the structure's proposal and adds one.
        await SetTarget(etat, "R10", "40", "Objectif négocié en réunion");
        await SetTarget(etat, "R1", "30", "Couverture des JANO");
        var objectifs = etat.Locator("#objectifs");
        await Assertions.Expect(objectifs.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Row(objectifs, "R10 —")).ToContainTextAsync("40 %");
        await Assertions.Expect(Row(objectifs, "R10 —")).ToContainTextAsync("Objectif négocié en réunion");
        await Assertions.Expect(Row(objectifs, "R1 —")).ToContainTextAsync("30 %");

        // The avenant is a draft while the dialogue is not concluded.
        await Submit(etat, etat.GetByRole(AriaRole.Link, new() { Name = "Avenant (projet)" }));
        await Assertions.Expect(etat.Locator("#avenant")).ToContainTextAsync("PROJET — dialogue de gestion non conclu");
        await Assertions.Expect(etat.Locator("#subvention")).ToHaveTextAsync("258 081 €");
        await etat.GoBackAsync();

        // ---- Both sides validate the conclusions; any change of content withdraws the validations already given. ----
        await ml.GotoAsync(DialogueUrl);
        await Assertions.Expect(ml.Locator("#etat-dialogue")).ToHaveTextAsync("Dialogue en cours");
        // The structure does not decide the financing.
        await Assertions.Expect(ml.Locator("#subvention")).ToHaveCountAsync(0);
        await Submit(ml, Button(ml, "Valider les conclusions (Mission locale)"));
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Conclusions validées.");
        await Assertions.Expect(ml.Locator("main")).ToContainTextAsync($"Validé par : {Directeur} (Mission locale)");
        await Assertions.Expect(Button(ml, "Valider les conclusions (Mission locale)")).ToHaveCountAsync(0);

        await etat.GotoAsync(DialogueUrl);
        await Write(etat, "Commentaires de l'État — " + Etapes[1], "Commentaire de l'État sur l'étape 2, complété après la réunion.");
        await Assertions.Expect(etat.Locator("main")).Not.ToContainTextAsync("Validé par");
        await ml.ReloadAsync();
        await Assertions.Expect(ml.Locator("main")).Not.ToContainTextAsync("Validé par");
        await Submit(ml, Button(ml, "Valider les conclusions (Mission locale)"));
        await Assertions.Expect(ml.Locator("main")).ToContainTextAsync($"Validé par : {Directeur} (Mission locale)");

        // Both keep a tab open on the dialogue, still editable, to try changes once it is concluded.
        var mlStale = await ml.Context.NewPageAsync();
        await mlStale.GotoAsync(DialogueUrl);
        var etatStale = await etat.Context.NewPageAsync();
        await etatStale.GotoAsync(DialogueUrl);

        await etat.ReloadAsync();
        await Submit(etat, Button(etat, "Valider les conclusions (État)"));
        await Assertions.Expect(etat.Locator("#etat-dialogue")).ToHaveTextAsync("Conclu");
        // Both validations are listed (the page does not sort them: either order).
        await Assertions.Expect(etat.Locator("main")).ToContainTextAsync(new Regex(
            $"Validé par : ({Regex.Escape(Directeur)} \\(Mission locale\\), {Regex.Escape(Dreets)} \\(État\\)|{Regex.Escape(Dreets)} \\(État\\), {Regex.Escape(Directeur)} \\(Mission locale\\))"));
        // Frozen: no field left for the State either, no financing form, no validation.
        await Assertions.Expect(etat.Locator("main textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(etat.Locator("#subvention")).ToHaveCountAsync(0);
        await Assertions.Expect(Button(etat, "Fixer")).ToHaveCountAsync(0);
        await Assertions.Expect(etat.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Valider les conclusions") })).ToHaveCountAsync(0);
        await app.Shot(etat, "pilotage-07-conclu-etat");

        await ml.ReloadAsync();
        await Assertions.Expect(ml.Locator("#etat-dialogue")).ToHaveTextAsync("Conclu");
        await Assertions.Expect(ml.Locator("main textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(ml.Locator("main input:not([type=hidden]), main select")).ToHaveCountAsync(0);
        await Assertions.Expect(ml.Locator("main form[method=post]")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(ml.Locator("#plan-action"), "Offre de service aux employeurs")).ToContainTextAsync("Deux forums de recrutement par an");
        await app.Shot(ml, "pilotage-08-conclu-mission-locale");

        // The forms left open in the other tabs are refused by the server, and nothing changes.
        await mlStale.GetByLabel("Analyse de la Mission locale — " + Etapes[0], new() { Exact = true }).FillAsync("Analyse réécrite après la conclusion.");
        await Submit(mlStale, mlStale.Locator("form").Filter(new() { Has = mlStale.GetByLabel("Analyse de la Mission locale — " + Etapes[0], new() { Exact = true }) }).GetByRole(AriaRole.Button));
        await Assertions.Expect(mlStale.Locator("#erreur-pilotage")).ToHaveTextAsync(
            "Impossible de modifier l'analyse de la Mission locale : le dialogue est conclu, plus rien n'est modifiable.");
        await Assertions.Expect(mlStale.Locator("main")).ToContainTextAsync("Analyse de la Mission locale, étape 1 : constats 2026 et pistes.");
        await Assertions.Expect(mlStale.Locator("main")).Not.ToContainTextAsync("Analyse réécrite après la conclusion.");
        await Assertions.Expect(mlStale.Locator("main textarea")).ToHaveCountAsync(0);
        await app.Shot(mlStale, "pilotage-09-modification-refusee");

        await etatStale.FillAsync("#subvention", "260000");
        await Submit(etatStale, Button(etatStale, "Décider"));
        await Assertions.Expect(etatStale.Locator("#erreur-pilotage")).ToHaveTextAsync("Le financement se décide pendant le dialogue de gestion (état actuel : Conclu).");
        await Assertions.Expect(etatStale.Locator("#financement li").First).ToHaveTextAsync("Subvention annuelle CPO : 258 081 €");

        // ---- The avenant of 2027, no longer a draft. ----
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Avenant", Exact = true }));
        Assert.Equal($"{app.BaseUrl}/Pilotage/Avenant?structure={Structure}&annee={Annee}", ml.Url);
        var avenant = ml.Locator("#avenant");
        await Assertions.Expect(avenant).Not.ToContainTextAsync("PROJET");
        await Assertions.Expect(avenant.Locator("h1")).ToHaveTextAsync("Avenant n° 1 à la convention pluriannuelle d'objectifs n° CPO-84-2026-07 notifiée le 15/01/2026");
        // The parties.
        await Assertions.Expect(avenant).ToContainTextAsync("Entre Le Préfet de la région Auvergne-Rhône-Alpes, représenté par le directeur régional de l'économie, de l'emploi, du travail et des solidarités, et désigné sous le terme « l'État », d'une part,");
        await Assertions.Expect(avenant).ToContainTextAsync($"Et la {NomStructure}, dont le siège social est situé à : 3, place du Champ de Mars 26100 Romans-sur-Isère, téléphone : 04 75 70 79 40, Association loi 1901, désignée sous le terme « l'association », d'autre part.");
        await Assertions.Expect(avenant).ToContainTextAsync("N° SIRET : 12345678900012 — code APE : 8899B");
        await Assertions.Expect(avenant).ToContainTextAsync("pour la période 2026–2029");
        // The amounts, in figures and in words.
        await Assertions.Expect(ml.Locator("#montant-total")).ToHaveTextAsync("282 581 €");
        await Assertions.Expect(ml.Locator("#subvention")).ToHaveTextAsync("258 081 €");
        await Assertions.Expect(ml.Locator("#subvention-lettres")).ToHaveTextAsync("deux cent cinquante-huit mille quatre-vingt-un euros");
        await Assertions.Expect(avenant).ToContainTextAsync("12 000 € (douze mille euros) au titre des actions de parrainage et à 12 500 € (douze mille cinq cents euros) au titre du FIPJ, dont 8 000 € d'aides directes aux jeunes et 4 500 € d'aides indirectes");
        // The advance of 50 % and the balance.
        await Assertions.Expect(ml.Locator("#avance")).ToHaveTextAsync("129 040,50 €");
        await Assertions.Expect(ml.Locator("#solde")).ToHaveTextAsync("129 040,50 €");
        await Assertions.Expect(avenant).ToContainTextAsync("dans la limite de 50 % de la contribution financière attribuée pour l'année, après signature du présent avenant, soit un montant de 129 040,50 € (cent vingt-neuf mille quarante euros et cinquante centimes)");
        await Assertions.Expect(avenant).ToContainTextAsync("soit un montant de 129 040,50 € (cent vingt-neuf mille quarante euros et cinquante centimes).");
        await Assertions.Expect(avenant).ToContainTextAsync("se termine le 31/12/2027");
        // The annexed targets and plan d'action.
        var annexeObjectifs = avenant.Locator("h2:has-text('Annexe 1') + table");
        await Assertions.Expect(annexeObjectifs.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Row(annexeObjectifs, "R10 —")).ToContainTextAsync("40 %");
        await Assertions.Expect(Row(annexeObjectifs, "R10 —")).ToContainTextAsync("Objectif négocié en réunion");
        await Assertions.Expect(Row(annexeObjectifs, "R1 —")).ToContainTextAsync("30 %");
        var annexePlan = avenant.Locator("h2:has-text('Annexe 2') + table");
        var employeurs = Row(annexePlan, "Offre de service aux employeurs");
        await Assertions.Expect(employeurs).ToContainTextAsync("Réseau de 240 entreprises partenaires");
        await Assertions.Expect(employeurs).ToContainTextAsync("Peu de PME de l'industrie");
        await Assertions.Expect(employeurs).ToContainTextAsync("Deux forums de recrutement par an");
        await app.Shot(ml, "pilotage-10-avenant");

        // ---- The State records the signature of the avenant. ----
        await etat.GotoAsync(DialogueUrl);
        await etat.GetByLabel("Date de signature", new() { Exact = true }).FillAsync("2026-12-15");
        await Submit(etat, Button(etat, "Enregistrer la signature de l'avenant"));
        await Assertions.Expect(etat.Locator("#etat-dialogue")).ToHaveTextAsync("Avenant signé");
        var journal = etat.Locator("#journal tbody tr");
        await Assertions.Expect(journal).ToHaveCountAsync(5);
        await Assertions.Expect(journal.Nth(1)).ToContainTextAsync($"En préparation par la Mission locale Transmis aux services de l'État {Directeur} (Directeur(trice))", new() { UseInnerText = true });
        await Assertions.Expect(journal.Nth(2)).ToContainTextAsync($"Dialogue en cours {Dreets} (Agent de l'État (région))", new() { UseInnerText = true });
        await Assertions.Expect(journal.Nth(3)).ToContainTextAsync($"Dialogue en cours Conclu {Dreets} (Agent de l'État (région)) validé par {Directeur} (Mission locale) ; validé par {Dreets} (État)", new() { UseInnerText = true });
        await Assertions.Expect(journal.Nth(4)).ToContainTextAsync("Avenant signé le 15/12/2026");
        await app.Shot(etat, "pilotage-11-avenant-signe");
        await ml.ReloadAsync();
        await Assertions.Expect(ml.Locator("#avenant")).ToContainTextAsync("Le présent avenant prend effet à sa signature (15/12/2026) et se termine le 31/12/2027.");

        // The negotiated target shows on the dashboard of the year analysed.
        await ml.GotoAsync(DialogueUrl);
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord 2026" }));
        await Assertions.Expect(ml.Locator("svg[aria-label^='R10 :'] rect.jalon-barre-objectif > title")).ToHaveTextAsync("Objectif 2027 : 40 %");
        await app.Shot(ml, "pilotage-12-tableau-de-bord-objectifs");
    }

    [Fact]
    public async Task State_agent_reads_the_steering_figures_but_never_a_young_persons_file()
    {
        const string tableau = $"/Pilotage?niveau=structure&code={Structure}&debut=2026-01-01&fin=2026-12-31";

        // The director records the context and resources of 2026, and sees a file of his structure.
        var ml = await app.SignedIn("directeur");
        var dossier = await ml.GotoAsync("/Jeunes/J000001");
        Assert.Equal(200, dossier!.Status);
        var nomJeune = (await ml.Locator("h1").InnerTextAsync()).Trim();
        Assert.Matches(@"^\S.+ [A-ZÀ-Ý' -]{2,}$", nomJeune);
        await ml.GotoAsync(tableau);
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Contexte et moyens" }));
        await ml.FillAsync("#Jano", "4321");
        await ml.FillAsync("#Defm", "1234");
        await ml.FillAsync("#EtpTotal", "20");
        await ml.FillAsync("#EtpAccompagnement", "15");
        await ml.FillAsync("#FinancementEtat", "250000");
        await Submit(ml, Button(ml, "Enregistrer"));
        await Assertions.Expect(ml.Locator(".fr-alert--success")).ToHaveTextAsync("Contexte et moyens 2026 enregistrés.");
        await Assertions.Expect(ml.Locator("#Jano")).ToHaveValueAsync("4321");
        await app.Shot(ml, "pilotage-20-moyens-directeur");
        await ml.GotoAsync(tableau);
        await Submit(ml, ml.GetByRole(AriaRole.Link, new() { Name = "Matrice performance × efficacité" }));
        await Assertions.Expect(ml.Locator("h1")).ToHaveTextAsync("Matrice performance × efficacité — Auvergne-Rhône-Alpes, 2026");
        await Assertions.Expect(ml.Locator("#matrice tbody")).ToContainTextAsync(NomStructure);
        await Assertions.Expect(ml.Locator("#matrice tbody")).ToContainTextAsync("Mission Locale Valence Vallée de la Drôme");
        await app.Shot(ml, "pilotage-21-matrice");

        // The State agent reads the dashboard under statistical secrecy and the resources without editing them.
        var etat = await app.SignedIn("etat.region");
        await Assertions.Expect(etat.Locator("h1")).ToHaveTextAsync("Bonjour " + Dreets);
        await Assertions.Expect(etat.Locator("a[href='/Pilotage']").First).ToBeVisibleAsync();
        await Assertions.Expect(etat.Locator("a[href^='/Jeunes']")).ToHaveCountAsync(0);
        var reponse = await etat.GotoAsync(tableau);
        Assert.Equal(200, reponse!.Status);
        await Assertions.Expect(etat.Locator("#legende-secret")).ToContainTextAsync("s : secret statistique — effectif de moins de 5 jeunes");
        // A whole year, quarter or month only: the form asks for a year and a period, not dates.
        await Assertions.Expect(etat.Locator("#periode")).ToBeVisibleAsync();
        await Assertions.Expect(etat.Locator("#debut")).ToHaveCountAsync(0);
        await Assertions.Expect(etat.Locator("#tableau-indicateurs tbody tr").First).ToBeVisibleAsync();
        Assert.DoesNotContain(nomJeune, await etat.ContentAsync(), StringComparison.Ordinal);
        await app.Shot(etat, "pilotage-22-tableau-de-bord-etat");
        await Submit(etat, etat.GetByRole(AriaRole.Link, new() { Name = "Contexte et moyens" }));
        await Assertions.Expect(etat.Locator("#Jano")).ToHaveValueAsync("4321");
        await Assertions.Expect(etat.Locator("#Jano")).Not.ToBeEditableAsync();
        await Assertions.Expect(etat.Locator("#FinancementEtat")).Not.ToBeEditableAsync();
        await Assertions.Expect(Button(etat, "Enregistrer")).ToHaveCountAsync(0);

        // A young person's file, the list and the identity page are refused to the State, without a redirect.
        foreach (var route in new[] { "/Jeunes/J000001", "/Jeunes", "/Jeunes/J000001/Identite" })
        {
            var refus = await etat.GotoAsync(route);
            Assert.Equal(403, refus!.Status);
            Assert.Equal(app.BaseUrl + route, etat.Url);
            await Assertions.Expect(etat.Locator("h1")).ToHaveTextAsync("Accès refusé");
            Assert.DoesNotContain(nomJeune, await etat.ContentAsync(), StringComparison.Ordinal);
        }
        await app.Shot(etat, "pilotage-23-dossier-jeune-refuse-etat");
    }

    /// <summary>On SQLite.</summary>
    [Collection(E2ECollection.Name)]
    public sealed class OnSqlite(E2EFixture app) : SteeringTests(app);

    /// <summary>On PostgreSQL.</summary>
    [Postgres]
    [Collection(E2EPostgresCollection.Name)]
    public sealed class OnPostgres(PostgresE2EFixture app) : SteeringTests(app);
}
