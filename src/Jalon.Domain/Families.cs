namespace Jalon.Domain;

/// <summary>Families of dispositifs and situations, as defined by the exchange format.</summary>
public static class Families
{
    /// <summary>
    /// National path: CIVIS, PPAE, Garantie jeunes, séquence de consolidation, and today's CEJ and PACEA (the CEJ
    /// succeeds the Garantie jeunes; both count as national contractualised paths in the CPO 2015 catalogue).
    /// </summary>
    public static bool IsNational(this Dispositif d) => d <= Dispositif.Consolidation || d is Dispositif.Cej or Dispositif.Pacea;

    /// <summary>Regional or local path.</summary>
    public static bool IsRegionalOrLocal(this Dispositif d) => d is Dispositif.Regional or Dispositif.Local;

    /// <summary>
    /// A phase of the PACEA: the CEJ in a Mission Locale (décret 2022-199) and, since 2017, the Garantie jeunes. Such a
    /// path runs inside a PACEA, so the two are not "overlapping national paths".
    /// </summary>
    public static bool IsPhaseOfPacea(this Dispositif d) => d is Dispositif.Cej or Dispositif.GarantieJeunes;

    public static bool IsEmploi(this TypeSituation t) => t <= TypeSituation.Creation;

    public static bool IsAlternance(this TypeSituation t) => t is TypeSituation.Apprentissage or TypeSituation.ContratPro;

    public static bool IsCui(this TypeSituation t) => t is TypeSituation.CuiCae or TypeSituation.CuiCie;

    public static bool IsFormation(this TypeSituation t) => t is >= TypeSituation.FormationQualifiante and <= TypeSituation.FormationInitiale;

    public static bool IsImmersion(this TypeSituation t) => t is TypeSituation.Pmsmp or TypeSituation.Stage;

    public static bool IsServiceCivique(this TypeSituation t) => t == TypeSituation.ServiceCivique;

    /// <summary>Professional situation (CPO I4.1.f): emploi, immersion or service civique families.</summary>
    public static bool IsProfessional(this TypeSituation t) => t.IsEmploi() || t.IsImmersion() || t.IsServiceCivique();

    /// <summary>Emploi or formation family (the "solutions" of the CPO).</summary>
    public static bool IsEmploiOrFormation(this TypeSituation t) => t.IsEmploi() || t.IsFormation();
}
