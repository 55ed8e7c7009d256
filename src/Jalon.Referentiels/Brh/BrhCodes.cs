namespace Jalon.Referentiels;

/// <summary>How a row of the staff table (BRH) relates to its parent row.</summary>
public enum BrhRelation : byte
{
    /// <summary>A heading without figures (B, C, A, A3, C3): not data, never checked.</summary>
    Titre,

    /// <summary>A figure directly under a heading, not part of a sum (B1, B2, B3, C1, C2, A1, A2).</summary>
    Rubrique,

    /// <summary>Counted in its parent's sum: the parent equals the sum of its « somme » children.</summary>
    Somme,

    /// <summary>« dont »: part of its parent, never more than it (A311–A313, A3121–A3122, C21).</summary>
    Dont,
}

/// <summary>What a row counts.</summary>
public enum BrhUnite : byte
{
    Personnes,
    Etp,
}

/// <summary>
/// A code of the staff table (« Moyens humains au 31/12 », seed 000). <see cref="VentilationDe"/>: for a heading whose
/// children break down another row (C3 → C1, A3 → A2), that row. <see cref="EtpDe"/>: for a full-time-equivalent row,
/// the head-count it cannot exceed (B2 → B1, C2 → C1, A2 → A1).
/// </summary>
public sealed record BrhCode(string Code, string Libelle, string? Parent, BrhRelation Relation, BrhUnite Unite,
    string? VentilationDe = null, string? EtpDe = null)
{
    public bool IsTitre => Relation == BrhRelation.Titre;
}

/// <summary>
/// The code table of the staff table (BRH: bilan des ressources humaines), in display order: B salaried staff, C staff made
/// available or seconded, A whole structure (A = B + C on the homologous codes A1…, A2). docs/spec/brh-codes.md is
/// the same table; a test keeps them equal.
/// </summary>
public static class BrhCodes
{
    private static BrhCode T(string code, string libelle, string? parent = null, string? ventilationDe = null, BrhUnite unite = BrhUnite.Personnes) =>
        new(code, libelle, parent, BrhRelation.Titre, unite, VentilationDe: ventilationDe);

    private static BrhCode R(string code, string libelle, string parent, BrhUnite unite = BrhUnite.Personnes, string? etpDe = null) =>
        new(code, libelle, parent, BrhRelation.Rubrique, unite, EtpDe: etpDe);

    private static BrhCode S(string code, string libelle, string parent, BrhUnite unite = BrhUnite.Personnes) =>
        new(code, libelle, parent, BrhRelation.Somme, unite);

    private static BrhCode D(string code, string libelle, string parent) => new(code, libelle, parent, BrhRelation.Dont, BrhUnite.Etp);

    public static IReadOnlyList<BrhCode> All { get; } =
    [
        T("B", "Effectif salarié au 31/12"),
        R("B1", "Effectif salarié en nombre de personnes au 31/12", "B"),
        S("B11", "Effectif salarié en CDI", "B1"),
        S("B111", "Effectif salarié en CDI à temps plein", "B11"),
        S("B112", "Effectif salarié en CDI à temps partiel", "B11"),
        S("B12", "Effectif salarié en CDD", "B1"),
        S("B121", "Effectif salarié en CDD à temps plein", "B12"),
        S("B122", "Effectif salarié en CDD à temps partiel", "B12"),
        R("B2", "Effectif salarié en équivalent temps plein au 31/12", "B", BrhUnite.Etp, etpDe: "B1"),
        R("B3", "Répartition de l'effectif salarié en contrat aidé par nature de contrat en nombre de personnes", "B"),
        S("B31", "Effectif salarié en CES, CEC, CAE, CIE, CA", "B3"),
        S("B32", "Effectif salarié en contrats en alternance", "B3"),
        S("B33", "Effectif salarié en emplois jeunes CDI", "B3"),
        S("B34", "Effectif salarié en emplois jeunes CDD", "B3"),
        S("B35", "Effectif salarié en CJE (contrat jeune en entreprise)", "B3"),
        S("B36", "Effectif salarié en contrat aidé d'autre nature", "B3"),

        T("C", "Effectif mis à disposition ou détaché au 31/12"),
        R("C1", "Effectif mis à disposition en nombre de personnes au 31/12", "C"),
        S("C11", "Effectif mis à disposition en CDI", "C1"),
        S("C111", "Effectif mis à disposition en CDI à temps plein", "C11"),
        S("C112", "Effectif mis à disposition en CDI à temps partiel", "C11"),
        S("C12", "Effectif mis à disposition en CDD", "C1"),
        S("C121", "Effectif mis à disposition en CDD à temps plein", "C12"),
        S("C122", "Effectif mis à disposition en CDD à temps partiel", "C12"),
        R("C2", "Effectif mis à disposition en équivalent temps plein au 31/12", "C", BrhUnite.Etp, etpDe: "C1"),
        D("C21", "dont effectif mis à disposition par l'ANPE / France Travail (en ETP)", "C2"),
        T("C3", "Répartition par corps d'origine en nombre de personnes", "C", ventilationDe: "C1"),
        S("C31", "ANPE / France Travail", "C3"),
        S("C32", "Collectivités territoriales", "C3"),
        S("C33", "Administrations", "C3"),
        S("C34", "GRETA", "C3"),
        S("C35", "Autres", "C3"),

        T("A", "Effectif total de la structure au 31/12"),
        R("A1", "Effectif total en nombre de personnes au 31/12", "A"),
        S("A11", "Effectif total en CDI", "A1"),
        S("A111", "Effectif total en CDI à temps plein", "A11"),
        S("A112", "Effectif total en CDI à temps partiel", "A11"),
        S("A12", "Effectif total en CDD", "A1"),
        S("A121", "Effectif total en CDD à temps plein", "A12"),
        S("A122", "Effectif total en CDD à temps partiel", "A12"),
        R("A2", "Effectif total en ETP au 31/12", "A", BrhUnite.Etp, etpDe: "A1"),
        T("A3", "Répartition par métier en ETP (les 4 métiers de la convention collective)", "A", ventilationDe: "A2", unite: BrhUnite.Etp),
        S("A31", "Insertion sociale et professionnelle en ETP", "A3", BrhUnite.Etp),
        D("A311", "dont ETP chargé(e) d'accueil", "A31"),
        D("A312", "dont ETP conseillers niveaux 1 et 2", "A31"),
        D("A3121", "dont ETP référent CIVIS", "A312"),
        D("A3122", "dont ETP référent TRACE", "A312"),
        D("A313", "dont ETP chargé(e) de projets", "A31"),
        S("A32", "Information, communication en ETP", "A3", BrhUnite.Etp),
        S("A33", "Gestion en ETP", "A3", BrhUnite.Etp),
        S("A34", "Encadrement en ETP", "A3", BrhUnite.Etp),
        S("A35", "Autres en ETP (salariés exerçant un emploi non spécifique à la branche professionnelle)", "A3", BrhUnite.Etp),
    ];

    private static readonly Dictionary<string, BrhCode> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Rank = All.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    public static BrhCode? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The position of a code in the table (display and file order).</summary>
    public static int RankOf(string code) => Rank.TryGetValue(code, out var r) ? r : int.MaxValue;

    /// <summary>The codes whose relation to <paramref name="parent"/> is <paramref name="relation"/>, in table order.</summary>
    public static IEnumerable<BrhCode> ChildrenOf(string parent, BrhRelation relation) =>
        All.Where(c => c.Parent == parent && c.Relation == relation);

    /// <summary>The FTE of the whole structure (I9 of the CPO indicators).</summary>
    public const string EtpTotal = "A2";

    /// <summary>The FTE of « insertion sociale et professionnelle », dedicated to accompaniment (I9.1).</summary>
    public const string EtpAccompagnement = "A31";
}
