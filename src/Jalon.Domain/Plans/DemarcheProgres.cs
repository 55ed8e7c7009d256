using Jalon.Domain.Pilotage;

namespace Jalon.Domain.Plans;

// The « démarche de progrès » of a region (seed 001, docs/plans.md): an état des lieux per structure, validated by its
// director, then a regional cross-analysis and recommendations written from the validated ones. Text documents about the
// structures' conditions of operation: never young people's data, never results.

/// <summary>The sections of a structure's état des lieux (seed 001, phase 2), in their order on the page.</summary>
public enum SectionEtatDesLieux : byte
{
    /// <summary>The documents studied and the interviews held (the inputs).</summary>
    Sources,

    /// <summary>The service offer against the territory's needs.</summary>
    OffreDeServices,

    /// <summary>Partnerships and funders.</summary>
    Partenariats,

    /// <summary>Work organisation and management.</summary>
    OrganisationManagement,

    /// <summary>Staff skills and training.</summary>
    Professionnalisation,

    /// <summary>The blocking points the director identifies at validation.</summary>
    PointsDeBlocage,
}

/// <summary>The three themes of the regional cross-analysis (seed 001, phase 3).</summary>
public enum ThemeAnalyse : byte
{
    BonnesPratiques,
    DifficultesStructurelles,
    FreinsExterieurs,
}

/// <summary>A validation: who, on which day.</summary>
public sealed record Signature(string Par, DateOnly Le);

/// <summary>A démarche de progrès of a region over a period (an edition), opened by a regional role.</summary>
public sealed class DemarcheProgres
{
    private readonly Dictionary<ThemeAnalyse, string> _analyse = [];
    private readonly List<string> _preconisations = [];

    private DemarcheProgres(Guid id, string region, string titre, int anneeDebut, int anneeFin, Signature ouverture)
    {
        Id = id;
        Region = region;
        Titre = titre;
        AnneeDebut = anneeDebut;
        AnneeFin = anneeFin;
        Ouverture = ouverture;
    }

    /// <summary>The longest recommendation list.</summary>
    public const int PreconisationsMax = 30;

    public Guid Id { get; }
    public string Region { get; }
    public string Titre { get; }
    public int AnneeDebut { get; }
    public int AnneeFin { get; }

    /// <summary>Who opened it, when.</summary>
    public Signature Ouverture { get; }

    /// <summary>The cross-analysis per theme (absent: not written).</summary>
    public IReadOnlyDictionary<ThemeAnalyse, string> Analyse => _analyse;

    /// <summary>The recommendations, in order.</summary>
    public IReadOnlyList<string> Preconisations => _preconisations;

    /// <summary>The last change of the cross-analysis and recommendations; null while not written.</summary>
    public Signature? AnalyseModifiee { get; private set; }

    /// <summary>Opens a démarche: a title and a period of at most 5 years.</summary>
    public static DemarcheProgres Ouvrir(string region, string titre, int anneeDebut, int anneeFin, string par, DateOnly le)
    {
        titre = (titre ?? "").Trim();
        if (titre.Length == 0) throw new PlanException("Le titre de la démarche est requis.");
        if (titre.Length > TextLimits.Nom * 2) throw new PlanException($"Le titre de la démarche dépasse {TextLimits.Nom * 2} caractères.");
        if (anneeDebut is < 2000 or > 2100 || anneeFin is < 2000 or > 2100) throw new PlanException("Les années de la démarche vont de 2000 à 2100.");
        if (anneeFin < anneeDebut) throw new PlanException($"La dernière année ({anneeFin}) précède la première ({anneeDebut}).");
        if (anneeFin - anneeDebut > 4) throw new PlanException("Une démarche de progrès couvre au plus 5 années.");
        return new DemarcheProgres(Guid.NewGuid(), region, titre, anneeDebut, anneeFin, new Signature(par, le));
    }

    /// <summary>Rebuilds a stored démarche (storage only).</summary>
    public static DemarcheProgres Restaurer(Guid id, string region, string titre, int anneeDebut, int anneeFin, Signature ouverture,
        IReadOnlyDictionary<ThemeAnalyse, string> analyse, IEnumerable<string> preconisations, Signature? analyseModifiee)
    {
        var d = new DemarcheProgres(id, region, titre, anneeDebut, anneeFin, ouverture) { AnalyseModifiee = analyseModifiee };
        foreach (var (k, v) in analyse) d._analyse[k] = v;
        d._preconisations.AddRange(preconisations);
        return d;
    }

    /// <summary>
    /// Writes the cross-analysis and the recommendations (replacing the previous ones). They are written from the validated
    /// états des lieux: refused while none of the démarche's is validated. Empty themes are allowed (work in progress); a
    /// recommendation is one non-empty text.
    /// </summary>
    public void RedigerAnalyse(IReadOnlyDictionary<ThemeAnalyse, string?> textes, IEnumerable<string?> preconisations, IEnumerable<EtatDesLieux> etats, string par, DateOnly le)
    {
        if (!etats.Any(e => e.DemarcheId == Id && e.Validation is not null))
            throw new PlanException("L'analyse transversale s'écrit à partir des états des lieux validés : aucun ne l'est encore pour cette démarche.");
        var analyse = new Dictionary<ThemeAnalyse, string>();
        foreach (var (theme, texte) in textes)
        {
            var t = (texte ?? "").Trim();
            if (t.Length > TextLimits.TexteDialogue) throw new PlanException($"« {theme.Libelle()} » dépasse {TextLimits.TexteDialogue} caractères.");
            if (t.Length > 0) analyse[theme] = t;
        }
        var liste = preconisations.Select(p => (p ?? "").Trim()).Where(p => p.Length > 0).ToList();
        if (liste.Count > PreconisationsMax) throw new PlanException($"Au plus {PreconisationsMax} préconisations ({liste.Count} saisies).");
        for (var i = 0; i < liste.Count; i++)
        {
            if (liste[i].Length > TextLimits.Motif) throw new PlanException($"La préconisation n° {i + 1} dépasse {TextLimits.Motif} caractères.");
        }
        _analyse.Clear();
        foreach (var (k, v) in analyse) _analyse[k] = v;
        _preconisations.Clear();
        _preconisations.AddRange(liste);
        AnalyseModifiee = new Signature(par, le);
    }
}

/// <summary>
/// The état des lieux of one structure in a démarche: written by the structure, validated by its director, then frozen.
/// </summary>
public sealed class EtatDesLieux
{
    private readonly Dictionary<SectionEtatDesLieux, string> _sections = [];

    private EtatDesLieux(Guid id, Guid demarcheId, string structure, string region)
    {
        Id = id;
        DemarcheId = demarcheId;
        Structure = structure;
        Region = region;
    }

    public Guid Id { get; }
    public Guid DemarcheId { get; }
    public string Structure { get; }
    public string Region { get; }

    /// <summary>The text of each written section.</summary>
    public IReadOnlyDictionary<SectionEtatDesLieux, string> Sections => _sections;

    /// <summary>The director's validation; null while it is a draft.</summary>
    public Signature? Validation { get; private set; }

    /// <summary>A new, empty état des lieux of a structure of the démarche's region.</summary>
    public static EtatDesLieux Nouveau(DemarcheProgres demarche, string structure, string regionDeLaStructure)
    {
        if (regionDeLaStructure != demarche.Region)
            throw new PlanException($"La structure {structure} n'est pas de la région de la démarche ({demarche.Region}).");
        return new EtatDesLieux(Guid.NewGuid(), demarche.Id, structure, demarche.Region);
    }

    /// <summary>Rebuilds a stored état des lieux (storage only).</summary>
    public static EtatDesLieux Restaurer(Guid id, Guid demarcheId, string structure, string region, IReadOnlyDictionary<SectionEtatDesLieux, string> sections, Signature? validation)
    {
        var e = new EtatDesLieux(id, demarcheId, structure, region) { Validation = validation };
        foreach (var (k, v) in sections) e._sections[k] = v;
        return e;
    }

    /// <summary>Writes the sections given (an empty text empties a section). Refused once validated.</summary>
    public void Rediger(IReadOnlyDictionary<SectionEtatDesLieux, string?> textes)
    {
        if (Validation is { } v)
            throw new PlanException($"Cet état des lieux a été validé par {v.Par} le {v.Le:dd/MM/yyyy} : il est figé.");
        var nouveaux = new Dictionary<SectionEtatDesLieux, string>(_sections);
        foreach (var (section, texte) in textes)
        {
            var t = (texte ?? "").Trim();
            if (t.Length > TextLimits.TexteDialogue) throw new PlanException($"La section « {section.Libelle()} » dépasse {TextLimits.TexteDialogue} caractères.");
            if (t.Length == 0) nouveaux.Remove(section);
            else nouveaux[section] = t;
        }
        _sections.Clear();
        foreach (var (k, s) in nouveaux) _sections[k] = s;
    }

    /// <summary>
    /// The director validates it: every section must be written (« Aucun » is an answer for the blocking points). Then it is
    /// frozen, and shared with the region.
    /// </summary>
    public void Valider(string par, DateOnly le)
    {
        if (Validation is { } v)
            throw new PlanException($"Cet état des lieux est déjà validé (par {v.Par} le {v.Le:dd/MM/yyyy}).");
        var manquantes = Enum.GetValues<SectionEtatDesLieux>().Where(s => !_sections.ContainsKey(s)).ToList();
        if (manquantes.Count > 0)
            throw new PlanException($"Pour valider, renseignez : {string.Join(", ", manquantes.Select(s => s.Libelle()))} (écrivez « Aucun » s'il n'y a pas de point de blocage).");
        Validation = new Signature(par, le);
    }
}

/// <summary>Who may read and write what in a démarche de progrès (docs/plans.md, « La démarche de progrès »).</summary>
public static class HabilitationsProgres
{
    /// <summary>The Région, the State and the ARML of the region open a démarche (seed 001: the Région and the State launched it; the ARML leads the network).</summary>
    public static bool PeutOuvrir(Acteur acteur, string region) =>
        acteur.Role is Role.AssociationRegionale or Role.AgentRegion or Role.AgentEtatRegional && acteur.Region == region;

    /// <summary>
    /// The démarche, its cross-analysis and recommendations: the staff (director, counsellors) of the region's structures (the
    /// seed restitutes them to the directors), the region's ARML, Région and State, the national State and the administrator.
    /// </summary>
    public static bool PeutLireDemarche(Acteur acteur, string region) => acteur.Role switch
    {
        Role.Conseiller or Role.Directeur or Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => acteur.Region == region,
        Role.AgentEtatNational or Role.Administrateur => true,
        _ => false,
    };

    /// <summary>
    /// A structure's état des lieux: its own staff always (draft included); once validated, the region's ARML, Région and
    /// State, the national State and the administrator. Another structure never.
    /// </summary>
    public static bool PeutLireEtat(Acteur acteur, string structure, string region, bool valide) => acteur.Role switch
    {
        Role.Conseiller or Role.Directeur => acteur.Structure == structure,
        Role.AgentEtatRegional or Role.AssociationRegionale or Role.AgentRegion => valide && acteur.Region == region,
        Role.AgentEtatNational or Role.Administrateur => valide,
        _ => false,
    };

    /// <summary>The structure's director writes and validates its état des lieux.</summary>
    public static bool PeutRedigerEtat(Acteur acteur, string structure) => acteur.Role == Role.Directeur && acteur.Structure == structure;

    /// <summary>The region's ARML writes the cross-analysis and the recommendations; the Région and the State read them.</summary>
    public static bool PeutRedigerAnalyse(Acteur acteur, string region) => acteur.Role == Role.AssociationRegionale && acteur.Region == region;
}

public static class LibellesProgres
{
    public static string Libelle(this SectionEtatDesLieux s) => s switch
    {
        SectionEtatDesLieux.Sources => "Sources : documents étudiés et entretiens",
        SectionEtatDesLieux.OffreDeServices => "Offre de services et besoins du territoire",
        SectionEtatDesLieux.Partenariats => "Partenariats et financeurs",
        SectionEtatDesLieux.OrganisationManagement => "Organisation du travail et management",
        SectionEtatDesLieux.Professionnalisation => "Professionnalisation des équipes",
        SectionEtatDesLieux.PointsDeBlocage => "Points de blocage",
        _ => s.ToString(),
    };

    /// <summary>What to write in the section (the form's hint).</summary>
    public static string Aide(this SectionEtatDesLieux s) => s switch
    {
        SectionEtatDesLieux.Sources => "Projet de structure, bilan d'activité, diagnostic territorial, évaluations étudiés ; entretiens menés (président, directeur, directeur adjoint).",
        SectionEtatDesLieux.OffreDeServices => "Les conditions d'exercice, pas les résultats : l'offre proposée, sa couverture du territoire, les besoins non couverts.",
        SectionEtatDesLieux.Partenariats => "Partenaires opérationnels, financeurs (État, Région, communes et intercommunalités), conventions, coopérations avec d'autres Missions Locales.",
        SectionEtatDesLieux.OrganisationManagement => "Organisation de l'accueil et de l'accompagnement, animation des équipes, pilotage interne, binôme président – directeur.",
        SectionEtatDesLieux.Professionnalisation => "Compétences, formation des salariés, besoins d'appui.",
        SectionEtatDesLieux.PointsDeBlocage => "Ce qui bloque l'amélioration du service rendu ; écrivez « Aucun » s'il n'y en a pas.",
        _ => "",
    };

    public static string Libelle(this ThemeAnalyse t) => t switch
    {
        ThemeAnalyse.BonnesPratiques => "Bonnes pratiques",
        ThemeAnalyse.DifficultesStructurelles => "Difficultés structurelles des Missions Locales",
        ThemeAnalyse.FreinsExterieurs => "Freins extérieurs à l'amélioration de la qualité des services",
        _ => t.ToString(),
    };
}
