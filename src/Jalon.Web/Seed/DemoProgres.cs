using Jalon.Domain.Plans;
using Jalon.Storage;
using Jalon.Storage.Plans;

namespace Jalon.Web.Seed;

/// <summary>
/// Seed 001's « démarche de progrès » as demo content (docs/plans.md): a démarche of the demo region opened by the ARML,
/// four états des lieux validated by their directors (the Drôme des Collines, Moulins and two generated Missions Locales),
/// one still a draft, and the ARML's cross-analysis and recommendations drawn from seed 001 (Alsace, 2013-2014).
/// </summary>
public static class DemoProgres
{
    private static readonly Dictionary<SectionEtatDesLieux, string> DromeDesCollines = new()
    {
        [SectionEtatDesLieux.Sources] = "Étude documentaire : projet de structure, bilan d'activité de l'année précédente, diagnostic territorial, évaluations des actions collectives.\nEntretiens avec le président et le directeur (deux échanges avec le directeur).",
        [SectionEtatDesLieux.OffreDeServices] = "Accompagnement global des jeunes sur un territoire rural étendu (99 communes, 14 sites de permanence). L'offre est construite par site mais reste peu territorialisée : les besoins de mobilité et de logement des bassins de vie éloignés sont mal couverts.",
        [SectionEtatDesLieux.Partenariats] = "Partenariats solides avec Pôle emploi (PPAE) et les organismes de formation ; communes et intercommunalités financent sans être associées au pilotage ; peu d'opérations avec les chambres consulaires et les OPCA.",
        [SectionEtatDesLieux.OrganisationManagement] = "Binôme président – directeur impliqué. Organisation du travail héritée de l'ouverture des sites ; animation d'équipe à renforcer autour d'objectifs partagés ; pilotage interne outillé mais centré sur les dispositifs.",
        [SectionEtatDesLieux.Professionnalisation] = "Équipe expérimentée ; besoins de formation sur l'accompagnement global renouvelé et sur la relation aux entreprises.",
        [SectionEtatDesLieux.PointsDeBlocage] = "Temps de déplacement entre les sites ; financements annuels qui rendent les projets pluriannuels incertains.",
    };

    private static readonly Dictionary<SectionEtatDesLieux, string> Moulins = new()
    {
        [SectionEtatDesLieux.Sources] = "Projet associatif, bilan d'activité, budget ; entretiens avec la présidente, le directeur et la directrice adjointe.",
        [SectionEtatDesLieux.OffreDeServices] = "Offre de services couvrant 126 communes depuis Moulins et ses antennes ; accueil de premier niveau bien identifié, accompagnement renforcé des jeunes les plus éloignés de l'emploi.",
        [SectionEtatDesLieux.Partenariats] = "Commission de suivi du projet associatif ouverte aux partenaires ; relations régulières avec la Région et l'État ; coopération à construire avec les Missions Locales voisines.",
        [SectionEtatDesLieux.OrganisationManagement] = "Fiches action pilotées par des référents ; réunions d'équipe mensuelles ; charge administrative des dispositifs jugée lourde.",
        [SectionEtatDesLieux.Professionnalisation] = "Plan de formation annuel ; besoin d'appui sur le management de proximité.",
        [SectionEtatDesLieux.PointsDeBlocage] = "Aucun.",
    };

    private static Dictionary<SectionEtatDesLieux, string> Generique(string nom) => new()
    {
        [SectionEtatDesLieux.Sources] = "Projet de structure, bilan d'activité, diagnostic territorial ; entretiens avec le président et le directeur.",
        [SectionEtatDesLieux.OffreDeServices] = $"{nom} : offre de services centrée sur l'accueil et l'accompagnement vers l'emploi ; ateliers collectifs à développer.",
        [SectionEtatDesLieux.Partenariats] = "Partenariats opérationnels avec Pôle emploi et les structures d'insertion ; financeurs locaux peu associés au dialogue.",
        [SectionEtatDesLieux.OrganisationManagement] = "Petite équipe polyvalente ; organisation du travail à adapter aux nouveaux enjeux du réseau.",
        [SectionEtatDesLieux.Professionnalisation] = "Formation continue des conseillers à structurer.",
        [SectionEtatDesLieux.PointsDeBlocage] = "Rotation des équipes ; difficulté à recruter des conseillers.",
    };

    private static readonly Dictionary<ThemeAnalyse, string> Analyse = new()
    {
        [ThemeAnalyse.BonnesPratiques] = "Un binôme président – directeur impliqué dans le pilotage de la structure.\nDes partenariats opérationnels solides avec Pôle emploi et les organismes de formation.\nUn dialogue régulier et sans tabou entre les Missions Locales, l'État et la Région.",
        [ThemeAnalyse.DifficultesStructurelles] = "Des organisations du travail et un management peu adaptés aux nouveaux enjeux du réseau.\nDes offres de services construites par dispositif plutôt qu'à partir des besoins du territoire.\nUn pilotage par les résultats qui a fait débat.",
        [ThemeAnalyse.FreinsExterieurs] = "Une précarité importante des jeunes.\nDes financeurs multiples peu coordonnés ; les communes et leurs établissements publics peu associés au pilotage.\nDes financements annuels qui fragilisent les projets pluriannuels.",
    };

    /// <summary>Seed 001's four recommendations.</summary>
    private static readonly string[] Preconisations =
    [
        "Une meilleure territorialisation de l'offre de services des structures, pour renforcer sa pertinence et son efficacité.",
        "La réaffirmation de la notion d'accompagnement global des publics, avec des modalités d'intervention renouvelées et complétées.",
        "Une meilleure prise en compte des enjeux managériaux : animation des équipes et organisation du travail adaptées aux nouveaux enjeux du réseau, dans une logique de coopération accrue entre les structures.",
        "Une plus grande synergie dans le pilotage du réseau aux niveaux régional et territorial par l'État et la Région, en y associant les autres financeurs (communes et leurs établissements publics).",
    ];

    /// <param name="structures">The region's structures (code, name), the two seed Missions Locales first.</param>
    /// <param name="directeurs">The display name of each structure's director.</param>
    public static async Task SeedAsync(JalonDbContext db, IReadOnlyList<(string Code, string Nom)> structures, string region, DateOnly today, string arml, IReadOnlyDictionary<string, string> directeurs)
    {
        var ouverture = today.AddDays(-150);
        var demarche = DemarcheProgres.Ouvrir(region, $"Démarche de progrès des Missions Locales {ouverture.Year}–{ouverture.Year + 1}", ouverture.Year, ouverture.Year + 1, arml, ouverture);
        var repo = new ProgresRepository(db);
        await repo.EnregistrerAsync(demarche, null, arml);
        var etats = new List<EtatDesLieux>();
        for (var i = 0; i < Math.Min(5, structures.Count); i++)
        {
            var (code, nom) = structures[i];
            var etat = EtatDesLieux.Nouveau(demarche, code, region);
            var sections = i switch { 0 => DromeDesCollines, 1 => Moulins, _ => Generique(nom) };
            etat.Rediger(sections.ToDictionary(x => x.Key, x => (string?)x.Value));
            var directeur = directeurs.GetValueOrDefault(code) ?? $"Direction de la {nom}";
            // The fifth is still a draft: the ARML, the Région and the State do not see it.
            if (i < 4) etat.Valider(directeur, today.AddDays(-90 + (i * 7)));
            await repo.EnregistrerAsync(etat, null, directeur);
            etats.Add(etat);
        }
        demarche.RedigerAnalyse(Analyse.ToDictionary(x => x.Key, x => (string?)x.Value), Preconisations, etats, arml, today.AddDays(-30));
        await repo.EnregistrerAsync(demarche, 0, arml);
    }
}
