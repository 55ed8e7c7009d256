namespace Jalon.Domain;

/// <summary>Families of dispositifs and situations, as defined by the exchange format.</summary>
public static class Families
{
    /// <summary>National path: CIVIS, PPAE, Garantie jeunes, séquence de consolidation.</summary>
    public static bool IsNational(this Dispositif d) => d <= Dispositif.Consolidation;

    /// <summary>Regional or local path.</summary>
    public static bool IsRegionalOrLocal(this Dispositif d) => d >= Dispositif.Regional;

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
