using System.Globalization;
using Jalon.Domain;
using Jalon.Storage.Entities;

namespace Jalon.Web.Infrastructure;

/// <summary>French labels of the coded values, and the display formats (dates dd/mm/yyyy).</summary>
public static class Libelles
{
    public static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d is { } v ? Date(v) : "";

    public static string DateHeure(DateTime utc)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The name of an INSEE region (« Auvergne-Rhône-Alpes » for 84), or its code when unknown.</summary>
    public static string Region(string code) =>
        Jalon.Referentiels.InseeData.Instance.RegionsByCode.TryGetValue(code, out var r) ? r.Nom : code;

    public static string Of(Sexe v) => v switch { Sexe.F => "Femme", Sexe.H => "Homme", _ => v.ToString() };

    public static string Of(Niveau v) => v switch
    {
        Niveau.VI => "Niveau VI (sortie en cours de collège)",
        Niveau.VBis => "Niveau V bis (sortie en cours de CAP/BEP, ou en fin de 3e)",
        Niveau.V => "Niveau V (CAP, BEP, sortie en cours de lycée)",
        Niveau.IV => "Niveau IV (baccalauréat)",
        Niveau.III => "Niveau III (bac + 2)",
        Niveau.II => "Niveau II (bac + 3 ou 4)",
        Niveau.I => "Niveau I (bac + 5 et plus)",
        _ => v.ToString(),
    };

    public static string Court(Niveau v) => v switch { Niveau.VBis => "V bis", _ => v.ToString() };

    public static string Of(ModeContact v) => v switch
    {
        ModeContact.Entretien => "Entretien individuel",
        ModeContact.Atelier => "Atelier collectif",
        ModeContact.Telephone => "Téléphone",
        ModeContact.Courriel => "Courriel",
        ModeContact.Sms => "SMS",
        ModeContact.Courrier => "Courrier",
        _ => v.ToString(),
    };

    public static string Of(Operateur v) => v switch
    {
        Operateur.Epide => "EPIDE",
        Operateur.E2C => "École de la 2e chance (E2C)",
        Operateur.Sma => "Service militaire adapté (SMA)",
        Operateur.Smv => "Service militaire volontaire (SMV)",
        Operateur.ServiceCivique => "Service civique",
        Operateur.Iae => "Insertion par l'activité économique (IAE)",
        Operateur.Plie => "PLIE",
        Operateur.PoleEmploi => "Pôle emploi",
        Operateur.CapEmploi => "Cap emploi",
        Operateur.Autre => "Autre opérateur",
        _ => v.ToString(),
    };

    public static string Of(Dispositif v) => v switch
    {
        Dispositif.Civis => "CIVIS",
        Dispositif.Ppae => "PPAE (délégation Pôle emploi)",
        Dispositif.GarantieJeunes => "Garantie jeunes",
        Dispositif.Consolidation => "Séquence d'orientation et de consolidation",
        Dispositif.Regional => "Programme régional",
        Dispositif.Local => "Programme local",
        Dispositif.Cej => "Contrat d'engagement jeune (CEJ)",
        Dispositif.Pacea => "PACEA",
        _ => v.ToString(),
    };

    public static string Of(MotifFin v) => v switch
    {
        MotifFin.Reorientation => "Réorientation",
        MotifFin.Abandon => "Abandon",
        MotifFin.Demenagement => "Déménagement",
        MotifFin.LimiteAge => "Limite d'âge",
        MotifFin.Autonomie => "Accès à l'autonomie",
        MotifFin.FinDispositif => "Fin du dispositif",
        MotifFin.Autre => "Autre motif",
        _ => v.ToString(),
    };

    public static string Of(Theme v) => v switch
    {
        Theme.Emploi => "Emploi",
        Theme.Formation => "Formation",
        Theme.ProjetPro => "Projet professionnel",
        Theme.Logement => "Logement",
        Theme.Sante => "Santé",
        Theme.Mobilite => "Mobilité",
        Theme.Ressources => "Ressources",
        Theme.Citoyennete => "Citoyenneté",
        Theme.LoisirsCulture => "Loisirs, sport, culture",
        _ => v.ToString(),
    };

    public static string Of(TypeSituation v) => v switch
    {
        TypeSituation.Cdi => "CDI",
        TypeSituation.Cdd => "CDD",
        TypeSituation.Interim => "Intérim",
        TypeSituation.CuiCae => "CUI-CAE",
        TypeSituation.CuiCie => "CUI-CIE",
        TypeSituation.Eav => "Emploi d'avenir",
        TypeSituation.Apprentissage => "Contrat d'apprentissage",
        TypeSituation.ContratPro => "Contrat de professionnalisation",
        TypeSituation.Creation => "Création d'activité",
        TypeSituation.FormationQualifiante => "Formation qualifiante",
        TypeSituation.Formation => "Formation",
        TypeSituation.FormationInitiale => "Retour en formation initiale",
        TypeSituation.Pmsmp => "PMSMP (immersion en entreprise)",
        TypeSituation.Stage => "Stage",
        TypeSituation.ServiceCivique => "Service civique",
        _ => v.ToString(),
    };

    public static string Famille(TypeSituation v) =>
        v.IsAlternance() ? "Alternance" : v.IsEmploi() ? "Emploi" : v.IsFormation() ? "Formation" : v.IsImmersion() ? "Immersion" : "Service civique";

    public static string Of(DomaineDroit v) => v switch
    {
        DomaineDroit.Sante => "Santé",
        DomaineDroit.Logement => "Logement",
        DomaineDroit.Mobilite => "Mobilité",
        DomaineDroit.Ressources => "Ressources",
        DomaineDroit.LoisirsCulture => "Loisirs, sport, culture",
        DomaineDroit.Citoyennete => "Citoyenneté",
        _ => v.ToString(),
    };

    public static string Of(DomaineDiagnostic v) => v switch
    {
        DomaineDiagnostic.SituationAdministrative => "Situation administrative",
        DomaineDiagnostic.SituationFamiliale => "Situation familiale",
        DomaineDiagnostic.ScolariteFormation => "Scolarité et formation",
        DomaineDiagnostic.Logement => "Logement",
        DomaineDiagnostic.Sante => "Santé",
        DomaineDiagnostic.Mobilite => "Mobilité",
        DomaineDiagnostic.Ressources => "Ressources financières",
        DomaineDiagnostic.VieSociale => "Vie sociale",
        DomaineDiagnostic.Experiences => "Expériences (emploi, bénévolat, loisirs…)",
        _ => v.ToString(),
    };

    public static string Of(AppreciationDiagnostic v) => v switch
    {
        AppreciationDiagnostic.NonAborde => "Non abordé",
        AppreciationDiagnostic.PasDeFrein => "Pas de frein",
        AppreciationDiagnostic.FreinLeger => "Frein léger",
        AppreciationDiagnostic.FreinImportant => "Frein important",
        _ => v.ToString(),
    };

    public static string Of(Role v) => v.Libelle();

    /// <summary>(value, label) pairs of an enum in order, for a select.</summary>
    public static IEnumerable<(string Value, string Label)> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v.ToString(), label(v)));
}
