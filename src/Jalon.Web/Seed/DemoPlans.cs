using Jalon.Domain.Plans;
using Jalon.Domain.Structures;
using Jalon.Storage;
using Jalon.Storage.Plans;
using Jalon.Storage.Structures;

namespace Jalon.Web.Seed;

/// <summary>
/// The seeds' plans as demo content (docs/plans.md), moved to the years around today so that their progress is live:
/// the Rhône-Alpes orientations and the Drôme des Collines' five offres de service (seed 000, CPO 2011–2013: the
/// regional objectives 2-3, 2-4, 3-3, 4-2, 5-1 and 5-2 have no local row and show « non couvert »), and Moulins'
/// projet associatif (seed 004: 2 general objectives → 6 operational objectives → 18 action sheets).
/// </summary>
public static class DemoPlans
{
    /// <summary>Seed 000's regional orientations: code, label (the objectives of the five offers).</summary>
    private static readonly (string Code, string Libelle)[] Orientations =
    [
        ("1-1", "Faciliter et améliorer l'accès des jeunes Rhônalpins aux Missions Locales"),
        ("1-2", "Offrir une première réponse prenant en compte la globalité de la situation des jeunes"),
        ("2-1", "Garantir aux jeunes la mise en place d'un accompagnement de qualité"),
        ("2-2", "Garantir aux jeunes la mise en place d'un processus d'orientation complet et ouvert"),
        ("2-3", "Développer une ingénierie de parcours mobilisant l'ensemble de l'offre de formation et de développement des compétences du territoire"),
        ("2-4", "Mobiliser les ressources des acteurs économiques tout au long du parcours des jeunes"),
        ("2-5", "Participer à la mise en œuvre des politiques publiques de formation de la Région et de l'État"),
        ("3-1", "Assurer aux jeunes une préparation de qualité permettant de réussir leur entrée dans l'entreprise"),
        ("3-2", "Placer la Mission Locale comme partenaire des entreprises pour leurs recrutements"),
        ("3-3", "Participer à la mise en œuvre des politiques en faveur de l'emploi de l'État et de la Région"),
        ("4-1", "Sécurisation et utilisation des données internes"),
        ("4-2", "Travail et analyse des données du territoire"),
        ("5-1", "S'impliquer au sein du réseau des Missions Locales pour construire et animer des réponses à des besoins locaux ou régionaux"),
        ("5-2", "S'investir dans les politiques des partenaires visant à améliorer les réponses des services publics"),
        ("5-3", "Participer, développer ou animer des réseaux de partenaires améliorant les réponses apportées aux jeunes"),
    ];

    private static readonly string[] Offres =
    [
        "Repérage, accueil, information", "Accompagnement des parcours", "Favoriser l'accès à l'emploi",
        "Expertise et observation des jeunes", "Implantation locale et dynamique territoriale – interministérialité",
    ];

    /// <summary>Seed 004: general objective → operational objective → its action sheets.</summary>
    private static readonly (string General, (string Operationnel, string[] Actions)[] Operationnels)[] ProjetAssociatif =
    [
        ("Être connu et reconnu par les jeunes, les acteurs du territoire et les financeurs",
        [
            ("Aller vers", ["Camion mobile", "Permanence dans des tiers lieux", "Antennes et permanences", "Être présent activement sur les réseaux sociaux", "Le jeune « référent »"]),
            ("Impliquer les financeurs et les personnes ressources", ["Vis ma vie de conseiller en insertion professionnelle", "Newsletter / Flash ML – Focus ML"]),
            ("Établir une stratégie de communication pour la structure", ["Inauguration de l'espace jeunes et du projet associatif", "Une stratégie de communication avec un site internet vivant"]),
        ]),
        ("Apporter à notre public un service de qualité et sur mesure",
        [
            ("Réinventer le lien entre le jeune et les partenaires", ["Entreprise ma voisine", "Bouge sur mon territoire", "Cuisinons ensemble !"]),
            ("Accompagner autrement", ["Faire en sorte que le jeune devienne auteur de son parcours", "Se former à des outils permettant de mieux prendre en compte les jeunes",
                "Aller au-devant des jeunes dans leur zone de confort", "Sortir du cadre habituel pour les entretiens", "Espace jeunes"]),
            ("Développer l'ingénierie et l'expertise", ["Recueillir la parole des jeunes"]),
        ]),
    ];

    /// <summary>Seeds the plans of the two seed Missions Locales (<paramref name="drome"/>, <paramref name="moulins"/>) and of their region.</summary>
    public static async Task SeedAsync(JalonDbContext db, string drome, string moulins, string region, DateOnly today, string auteurRegion)
    {
        var (n, repo) = (today.Year, new PlanRepository(db));
        var personnel = new StructureRepository(db);

        var orientation = Plan.Creer(TypePlan.OrientationRegionale, "Orientations régionales des Missions Locales (CPO)", n - 1, n + 1, null, region);
        var axes = Enumerable.Range(1, 5).Select(i => orientation.AjouterObjectif(null, $"{i}", $"Offre de service n°{i} : {Offres[i - 1]}")).ToList();
        var regionaux = Orientations.ToDictionary(o => o.Code, o => orientation.AjouterObjectif(axes[o.Code[0] - '1'].Id, o.Code, o.Libelle));
        orientation.ChangerStatut(StatutPlan.EnCours);
        await repo.EnregistrerAsync(orientation, null, auteurRegion);

        // Drôme des Collines: its five offers, one objective per regional objective it serves (never 2-3, 2-4, 3-3, 4-2, 5-1, 5-2).
        var equipe = (await personnel.PersonnelAsync(drome)).Select(p => p.Membre).ToList();
        Pilote? Pilote(int i) => equipe.Count == 0 ? null : new Pilote(equipe[i % equipe.Count].Id, "");
        var offres = Plan.Creer(TypePlan.OffreDeService, "Offres de service de la Mission Locale (CPO)", n - 1, n + 1, drome, region);
        var offresLocales = Enumerable.Range(1, 5).Select(i => offres.AjouterObjectif(null, $"OS{i}", $"Offre de service n°{i} : {Offres[i - 1]}")).ToList();
        ObjectifPlan Local(string code, string libelle) => offres.AjouterObjectif(offresLocales[code[0] - '1'].Id, code, libelle, regionaux[code]);
        var o11 = Local("1-1", "Conforter la couverture territoriale en plaçant la Mission Locale en animation sur les territoires");
        var o12 = Local("1-2", "Ajuster le 1er niveau de service rendu aux attentes des jeunes");
        var o21 = Local("2-1", "Garantir aux jeunes un accompagnement de qualité");
        var o22 = Local("2-2", "Un processus d'orientation complet et ouvert");
        var o25 = Local("2-5", "Mettre en œuvre les politiques de formation de la Région et de l'État");
        var o31 = Local("3-1", "Préparer les jeunes à réussir leur entrée dans l'entreprise et les suivre dans l'emploi");
        var o32 = Local("3-2", "Partenaire des entreprises pour leurs recrutements");
        var o41 = Local("4-1", "Sécuriser et utiliser les données internes");
        var o53 = Local("5-3", "Animer les réseaux de partenaires du territoire");

        ContenuAction Fiche(string titre, int pilote, string partenaires = "", string publicCible = "", DateOnly? echeance = null) =>
            new(titre, Pilote(pilote), partenaires, publicCible, "", echeance, []);
        Dictionary<int, double> Cibles(double a, double b, double c) => new() { [n - 1] = a, [n] = b, [n + 1] = c };

        var referents = offres.AjouterAction(o11.Id, Fiche("Groupe de réflexion « Référents de territoires » : diagnostic, analyse, ajustements", 0, "Collectivités", "", new DateOnly(n, 6, 30)), equipe, today);
        offres.ChangerStatutAction(referents.Id, StatutAction.EnCours, new DateOnly(n - 1, 3, 1), "Direction");
        var decrochage = offres.AjouterAction(o11.Id, Fiche("Co-animation de la plateforme de lutte contre le décrochage", 1, "CIO de Romans, lycées professionnels", "Jeunes de 16 à 18 ans"), equipe, today);
        offres.AjouterIndicateur(decrochage.Id, "Actions de raccrochage engagées (2 au 31/12)", NatureIndicateur.Effectif, SensCible.AuMoins, null, Cibles(2, 2, 2));
        var animations = offres.AjouterAction(o12.Id, Fiche("Programmation annuelle lisible d'animations dans l'espace d'accueil", 2, "Partenaires santé, logement, emploi", "Jeunes accueillis"), equipe, today);
        offres.ChangerStatutAction(animations.Id, StatutAction.EnCours, new DateOnly(n, 1, 15), "Direction");
        var nbAnimations = offres.AjouterIndicateur(animations.Id, "Nombre d'animations organisées", NatureIndicateur.Effectif, SensCible.AuMoins, null, Cibles(6, 8, 10));
        offres.SaisirValeur(nbAnimations.Id, new DateOnly(n - 1, 12, 31), 6);
        if (today.Month > 1) offres.SaisirValeur(nbAnimations.Id, new DateOnly(n, today.Month - 1, 1), Math.Max(0, today.Month / 2 - 1));
        offres.AjouterIndicateur(animations.Id, "Premiers accueils", NatureIndicateur.Effectif, SensCible.AuMoins, "I2", Cibles(1200, 1200, 1200));

        var mer = offres.AjouterAction(o21.Id, Fiche("Veille sur le traitement des entretiens : résoudre les mises en relation", 3, "", "Jeunes accompagnés"), equipe, today);
        offres.ChangerStatutAction(mer.Id, StatutAction.EnCours, new DateOnly(n - 1, 1, 10), "Direction");
        var merNonResolues = offres.AjouterIndicateur(mer.Id, "Taux de mises en relation non résolues", NatureIndicateur.Taux, SensCible.AuPlus, null, Cibles(0.25, 0.20, 0.15));
        offres.SaisirValeur(merNonResolues.Id, new DateOnly(n - 1, 12, 31), 0.27);
        if (today.Month > 1) offres.SaisirValeur(merNonResolues.Id, new DateOnly(n, today.Month - 1, 1), 0.22);
        var ppae = offres.AjouterAction(o21.Id, Fiche("Piloter les entrées des jeunes en parcours nationaux (CIVIS, PPAE)", 4, "Pôle emploi", "Jeunes en parcours nationaux"), equipe, today);
        offres.ChangerStatutAction(ppae.Id, StatutAction.EnCours, new DateOnly(n - 1, 1, 10), "Direction");
        offres.AjouterIndicateur(ppae.Id, "Entrées en parcours nationaux", NatureIndicateur.Effectif, SensCible.AuMoins, "I3.1", Cibles(353, 353, 353),
            ProfilMensuel.De([30, 30, 30, 30, 31, 31, 31, 30, 27, 28, 28, 27]));
        offres.AjouterAction(o22.Id, Fiche("Sous-dimension Orientation : un relais d'animation sur l'offre de service", 5), equipe, today);
        offres.AjouterAction(o25.Id, Fiche("Prescrire les actions de formation de la Région et de Pôle emploi", 6, "Conseil régional, Pôle emploi"), equipe, today);
        var suivi = offres.AjouterAction(o31.Id, Fiche("Suivi dans l'emploi les premiers mois pour éviter les ruptures", 7, "Entreprises partenaires"), equipe, today);
        offres.AjouterIndicateur(suivi.Id, "Jeunes accompagnés dans l'emploi", NatureIndicateur.Effectif, SensCible.AuMoins, "I6", Cibles(150, 160, 170));
        offres.AjouterAction(o32.Id, Fiche("Document d'appel « commercial » et opérations de recrutement avec Pôle emploi", 8, "Pôle emploi, entreprises", "", new DateOnly(n, 3, 31)), equipe, today);
        offres.AjouterAction(o41.Id, Fiche("Retravailler les rubriques locales du système d'information", 9), equipe, today);
        offres.AjouterAction(o53.Id, Fiche("Réunion biannuelle des équipes de pilotage Mission Locale – Pôle emploi", 10, "Pôle emploi"), equipe, today);
        offres.ChangerStatut(StatutPlan.EnCours);
        await repo.EnregistrerAsync(offres, null, "Direction de la Mission Locale");

        // Moulins: the projet associatif, 2 → 6 → 18.
        var equipeMoulins = (await personnel.PersonnelAsync(moulins)).Select(p => p.Membre).ToList();
        var projet = Plan.Creer(TypePlan.ProjetAssociatif, "Projet associatif « Jeunes 16-25 ans, affirmez votre potentiel ! »", n - 1, n + 1, moulins, region);
        var k = 0;
        for (var g = 0; g < ProjetAssociatif.Length; g++)
        {
            var general = projet.AjouterObjectif(null, $"OG{g + 1}", ProjetAssociatif[g].General);
            for (var o = 0; o < ProjetAssociatif[g].Operationnels.Length; o++)
            {
                var (libelle, actions) = ProjetAssociatif[g].Operationnels[o];
                var op = projet.AjouterObjectif(general.Id, $"OG{g + 1}-OP{o + 1}", libelle);
                foreach (var titre in actions)
                {
                    var pilote = equipeMoulins.Count == 0 ? null : new Pilote(equipeMoulins[k % equipeMoulins.Count].Id, "");
                    var a = projet.AjouterAction(op.Id, new ContenuAction(titre, pilote, "", "Jeunes 16-25 ans", "", null, []), equipeMoulins, today);
                    if (k % 3 != 2) projet.ChangerStatutAction(a.Id, k % 3 == 0 ? StatutAction.EnCours : StatutAction.Realisee, new DateOnly(n - 1, 1 + k % 12, 1), "Direction");
                    k++;
                }
            }
        }
        projet.ChangerStatut(StatutPlan.EnCours);
        await repo.EnregistrerAsync(projet, null, "Direction de la Mission Locale");
    }
}
