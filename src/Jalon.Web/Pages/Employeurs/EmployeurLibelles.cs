using Jalon.Domain.Employeurs;
using Jalon.Referentiels;

namespace Jalon.Web.Pages.Employeurs;

/// <summary>The French labels of the employer side (docs/employeurs.md).</summary>
public static class EmployeurLibelles
{
    public static string Of(TailleEntreprise v) => v switch
    {
        TailleEntreprise.Moins10 => "moins de 10 salariés",
        TailleEntreprise.De10A49 => "10 à 49 salariés",
        TailleEntreprise.De50A249 => "50 à 249 salariés",
        TailleEntreprise.De250A4999 => "250 à 4 999 salariés",
        TailleEntreprise.Plus5000 => "5 000 salariés ou plus",
        _ => v.ToString(),
    };

    public static string Of(TypeContrat v) => v switch
    {
        TypeContrat.Cdi => "CDI",
        TypeContrat.Cdd => "CDD",
        TypeContrat.Interim => "Intérim",
        TypeContrat.Apprentissage => "Contrat d'apprentissage",
        TypeContrat.ContratPro => "Contrat de professionnalisation",
        TypeContrat.CuiCie => "CUI-CIE",
        TypeContrat.CuiCae => "CUI-CAE",
        _ => v.ToString(),
    };

    public static string Of(StatutOffre v) => v switch
    {
        StatutOffre.Ouverte => "ouverte",
        StatutOffre.Pourvue => "pourvue",
        StatutOffre.Retiree => "retirée",
        StatutOffre.Expiree => "expirée",
        _ => v.ToString(),
    };

    public static string Of(ModePourvoi v) => v switch
    {
        ModePourvoi.MiseEnRelation => "par une mise en relation de la Mission Locale",
        ModePourvoi.AutreCanal => "par un autre canal",
        _ => v.ToString(),
    };

    public static string Of(TypeMiseEnRelation v) => v switch
    {
        TypeMiseEnRelation.Emploi => "emploi",
        TypeMiseEnRelation.Formation => "formation",
        TypeMiseEnRelation.Autre => "autre",
        _ => v.ToString(),
    };

    public static string Of(IssueMiseEnRelation? v) => v switch
    {
        IssueMiseEnRelation.Embauche => "embauche",
        IssueMiseEnRelation.RefusEmployeur => "refus de l'employeur",
        IssueMiseEnRelation.RefusJeune => "refus du jeune",
        IssueMiseEnRelation.SansReponse => "sans réponse",
        _ => "non résolue",
    };

    public static string Of(TypeImmersion v) => v switch
    {
        TypeImmersion.Pmsmp => "PMSMP (immersion)",
        TypeImmersion.DecouverteApprentissage => "Découverte de l'apprentissage",
        _ => v.ToString(),
    };

    public static string Of(SuiteImmersion v) => v switch
    {
        SuiteImmersion.Embauche => "embauche",
        SuiteImmersion.Apprentissage => "contrat d'apprentissage",
        SuiteImmersion.Formation => "entrée en formation",
        SuiteImmersion.ProjetConfirme => "projet professionnel confirmé",
        SuiteImmersion.ProjetReoriente => "projet professionnel réorienté",
        SuiteImmersion.SansSuite => "sans suite",
        _ => v.ToString(),
    };

    public static string Of(ModeEchange v) => v switch
    {
        ModeEchange.Visite => "visite",
        ModeEchange.Telephone => "téléphone",
        ModeEchange.Courriel => "courriel",
        ModeEchange.Rencontre => "rencontre (forum, réunion)",
        _ => v.ToString(),
    };

    public static string Of(ObjetEchange v) => v switch
    {
        ObjetEchange.OffreEmploi => "offre d'emploi",
        ObjetEchange.Immersion => "période d'immersion",
        ObjetEchange.Stage => "stage",
        ObjetEchange.Prospection => "prospection",
        ObjetEchange.SuiviJeune => "suivi d'un jeune en poste",
        ObjetEchange.Parrainage => "parrainage",
        ObjetEchange.Autre => "autre",
        _ => v.ToString(),
    };

    public static string Of(Mobilite v) => v switch
    {
        Mobilite.Commune => "sa commune",
        Mobilite.Intercommunalite => "son intercommunalité",
        Mobilite.Departement => "son département",
        Mobilite.Region => "sa région",
        _ => v.ToString(),
    };

    public static string Of(AccordMetier v) => v == AccordMetier.MemeMetier ? "même métier" : "même domaine professionnel";

    public static string Distance(Mobilite v) => v switch
    {
        Mobilite.Commune => "même commune",
        Mobilite.Intercommunalite => "même intercommunalité",
        Mobilite.Departement => "même département",
        _ => "même région",
    };

    public static string Commune(string? code) =>
        code is null ? "" : InseeData.Instance.Current(code) is { } c ? $"{c.Nom} ({code})" : code;

    public static string Metier(string rome) => Rome.Libelle(rome) is { } l && Rome.Find(rome) is not null ? $"{l} ({rome})" : Rome.Libelle(rome) ?? rome;

    public static string Naf(string? code) => code is null ? "" : Referentiels.Naf.Find(code) is { } n ? $"{n.Libelle} ({code})" : code;

    public static IEnumerable<(string Value, string Label)> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v.ToString(), label(v)));

    public static IEnumerable<(string Value, string Label)> Metiers() => Rome.Echantillon.Select(r => (r.Code, $"{r.Libelle} ({r.Code})"));
}
