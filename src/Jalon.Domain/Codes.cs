namespace Jalon.Domain;

// The coded values of the exchange format (docs/spec/format-echange.md).
// Each enum's members are in the same order as its code table in Codes.

public enum Sexe : byte { F, H }

/// <summary>Highest level of education reached (pre-2019 nomenclature).</summary>
public enum Niveau : byte { VI, VBis, V, IV, III, II, I }

public enum ModeContact : byte { Entretien, Atelier, Telephone, Courriel, Sms, Courrier }

public enum Operateur : byte { Epide, E2C, Sma, Smv, ServiceCivique, Iae, Plie, PoleEmploi, CapEmploi, Autre }

/// <summary>
/// A contractualised path. Members are stored as bytes: new ones are appended, never inserted. CEJ (contrat
/// d'engagement jeune, since 1 March 2022) and PACEA (since 1 January 2017) are today's national paths; their rules
/// are data (<see cref="Dispositifs.ReglesDispositifs"/>).
/// </summary>
public enum Dispositif : byte { Civis, Ppae, GarantieJeunes, Consolidation, Regional, Local, Cej, Pacea }

public enum MotifFin : byte { Reorientation, Abandon, Demenagement, LimiteAge, Autonomie, FinDispositif, Autre }

public enum Theme : byte { Emploi, Formation, ProjetPro, Logement, Sante, Mobilite, Ressources, Citoyennete, LoisirsCulture }

public enum TypeSituation : byte
{
    Cdi, Cdd, Interim, CuiCae, CuiCie, Eav, Apprentissage, ContratPro, Creation,
    FormationQualifiante, Formation, FormationInitiale,
    Pmsmp, Stage,
    ServiceCivique,
}

public enum DomaineDroit : byte { Sante, Logement, Mobilite, Ressources, LoisirsCulture, Citoyennete }

/// <summary>A place where the structure receives young people (sites.csv).</summary>
public enum TypeSite : byte { Siege, Antenne, Permanence }

/// <summary>Who pays a product of the budget (budget.csv). France Travail is the former Pôle emploi.</summary>
public enum Financeur : byte { Etat, Region, Departement, CommunesEpci, Fse, FranceTravail, Autre }

/// <summary>
/// The nature of a budget line (budget.csv): products, charges, and the declared totals that Jalon checks.
/// The order matters: products first, then charges, then totals (see <see cref="Structures.Budget"/>).
/// </summary>
public enum NatureBudget : byte
{
    Subvention, Prestation, RepriseFondsDedies, ProduitsFinanciers, ProduitsExceptionnels, TransfertCharges, RepriseProvisions, AutreProduit,
    ChargesPersonnel, AchatsChargesExternes, ImpotsTaxes, Dotations, EngagementsFondsDedies, AutreCharge,
    TotalProduits, TotalCharges,
}

/// <summary>The seven categories of context figures of the territory (seed 003, annexe 1).</summary>
public enum CategorieContexte : byte { Population, Jeunes1625, Social, Amenagement, Formation, Emploi, AppareilProductif }

/// <summary>The text code of every enum value, as written in the exchange files. One table per enum.</summary>
public static class Codes
{
    private static readonly Dictionary<Type, string[]> Tables = new()
    {
        [typeof(Sexe)] = ["F", "H"],
        [typeof(Niveau)] = ["VI", "VBIS", "V", "IV", "III", "II", "I"],
        [typeof(ModeContact)] = ["ENTRETIEN", "ATELIER", "TELEPHONE", "COURRIEL", "SMS", "COURRIER"],
        [typeof(Operateur)] = ["EPIDE", "E2C", "SMA", "SMV", "SERVICE_CIVIQUE", "IAE", "PLIE", "POLE_EMPLOI", "CAP_EMPLOI", "AUTRE"],
        [typeof(Dispositif)] = ["CIVIS", "PPAE", "GJ", "CONSOLIDATION", "REGIONAL", "LOCAL", "CEJ", "PACEA"],
        [typeof(MotifFin)] = ["REORIENTATION", "ABANDON", "DEMENAGEMENT", "LIMITE_AGE", "AUTONOMIE", "FIN_DISPOSITIF", "AUTRE"],
        [typeof(Theme)] = ["EMPLOI", "FORMATION", "PROJET_PRO", "LOGEMENT", "SANTE", "MOBILITE", "RESSOURCES", "CITOYENNETE", "LOISIRS_CULTURE"],
        [typeof(TypeSituation)] =
        [
            "CDI", "CDD", "INTERIM", "CUI_CAE", "CUI_CIE", "EAV", "APPRENTISSAGE", "CONTRAT_PRO", "CREATION",
            "FORMATION_QUALIFIANTE", "FORMATION", "FORMATION_INITIALE", "PMSMP", "STAGE", "SERVICE_CIVIQUE",
        ],
        [typeof(DomaineDroit)] = ["SANTE", "LOGEMENT", "MOBILITE", "RESSOURCES", "LOISIRS_CULTURE", "CITOYENNETE"],
        [typeof(TypeSite)] = ["SIEGE", "ANTENNE", "PERMANENCE"],
        [typeof(Financeur)] = ["ETAT", "REGION", "DEPARTEMENT", "COMMUNES_EPCI", "FSE", "FRANCE_TRAVAIL", "AUTRE"],
        [typeof(NatureBudget)] =
        [
            "SUBVENTION", "PRESTATION", "REPRISE_FONDS_DEDIES", "PRODUITS_FINANCIERS", "PRODUITS_EXCEPTIONNELS", "TRANSFERT_CHARGES",
            "REPRISE_PROVISIONS", "AUTRE_PRODUIT",
            "CHARGES_PERSONNEL", "ACHATS_CHARGES_EXTERNES", "IMPOTS_TAXES", "DOTATIONS", "ENGAGEMENTS_FONDS_DEDIES", "AUTRE_CHARGE",
            "TOTAL_PRODUITS", "TOTAL_CHARGES",
        ],
        [typeof(CategorieContexte)] = ["POPULATION", "JEUNES_16_25", "SOCIAL", "AMENAGEMENT", "FORMATION", "EMPLOI", "APPAREIL_PRODUCTIF"],
        [typeof(Dispositifs.CategorieActivite)] = ["EMPLOI", "FORMATION", "SANTE", "LOGEMENT", "CITOYENNETE", "PROJET_PRO", "CULTURE_SPORT", "ATELIER", "INFORMATION"],
        [typeof(Dispositifs.StatutAllocation)] = ["CALCULE", "VALIDE_CONSEILLER", "VALIDE_DIRECTION", "DEMANDE", "PAYE", "REJETE"],
        [typeof(Employeurs.TailleEntreprise)] = ["MOINS_10", "DE_10_A_49", "DE_50_A_249", "DE_250_A_4999", "PLUS_5000"],
        [typeof(Employeurs.ModeEchange)] = ["VISITE", "TELEPHONE", "COURRIEL", "RENCONTRE"],
        [typeof(Employeurs.ObjetEchange)] = ["OFFRE_EMPLOI", "IMMERSION", "STAGE", "PROSPECTION", "SUIVI_JEUNE", "PARRAINAGE", "AUTRE"],
        [typeof(Employeurs.TypeContrat)] = ["CDI", "CDD", "INTERIM", "APPRENTISSAGE", "CONTRAT_PRO", "CUI_CIE", "CUI_CAE"],
        [typeof(Employeurs.StatutOffre)] = ["OUVERTE", "POURVUE", "RETIREE", "EXPIREE"],
        [typeof(Employeurs.ModePourvoi)] = ["MISE_EN_RELATION", "AUTRE_CANAL"],
        [typeof(Employeurs.TypeMiseEnRelation)] = ["EMPLOI", "FORMATION", "AUTRE"],
        [typeof(Employeurs.IssueMiseEnRelation)] = ["EMBAUCHE", "REFUS_EMPLOYEUR", "REFUS_JEUNE", "SANS_REPONSE"],
        [typeof(Employeurs.TypeImmersion)] = ["PMSMP", "DECOUVERTE_APPRENTISSAGE"],
        [typeof(Employeurs.SuiteImmersion)] = ["EMBAUCHE", "APPRENTISSAGE", "FORMATION", "PROJET_CONFIRME", "PROJET_REORIENTE", "SANS_SUITE"],
    };

    /// <summary>All codes of an enum, in enum order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Tables[typeof(T)];

    public static string Of<T>(T value) where T : struct, Enum =>
        Tables[typeof(T)][Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Exact, case-sensitive match of a code.</summary>
    public static bool TryParse<T>(ReadOnlySpan<char> code, out T value) where T : struct, Enum
    {
        var table = Tables[typeof(T)];
        for (var i = 0; i < table.Length; i++)
        {
            if (code.SequenceEqual(table[i]))
            {
                value = (T)Enum.ToObject(typeof(T), i);
                return true;
            }
        }
        value = default;
        return false;
    }
}
