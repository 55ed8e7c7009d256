namespace Jalon.Domain.Campagnes;

/// <summary>
/// The two yearly CRA (compte rendu d'activité) campaigns of the CPO instruction (seed 002): in February the activity of
/// N−1 and the staff table (BRH) at 31 December N−1; in June the financial report of N−1 (products, charges, accounts
/// approved by the general assembly).
/// </summary>
public enum TypeCampagne : byte
{
    Fevrier,
    Juin,
}

public enum EtatCampagne : byte
{
    Ouverte,
    Cloturee,
}

/// <summary>Where a Mission Locale's submission stands.</summary>
public enum EtatSoumission : byte
{
    ARemplir,
    Soumise,
    RenvoyeePourCorrection,
}

/// <summary>What moves a campaign or a submission.</summary>
public enum ActionCampagne : byte
{
    Ouvrir,
    Cloturer,
    Rouvrir,
    Enregistrer,
    Soumettre,
    Renvoyer,
}

/// <summary>How a free field of a campaign is typed in.</summary>
public enum NatureChamp : byte
{
    Texte,
    Date,
    Montant,
}

/// <summary>A field that Jalon cannot compute and the Mission Locale fills in by hand.</summary>
public sealed record ChampCampagne(string Cle, string Libelle, NatureChamp Nature, bool Requis, string? Aide = null);

/// <summary>One item due in a campaign, and whether Jalon computes it or the Mission Locale provides it.</summary>
public sealed record ElementAttendu(string Libelle, bool CalculeParJalon);

/// <summary>The labels and contents of the campaigns: the one place that says what each campaign asks for.</summary>
public static class ReferentielCampagnes
{
    public const string ChampCommentaire = "commentaire";
    public const string ChampDateApprobation = "date_approbation_comptes";
    public const string ChampTotalCharges = "total_charges";

    /// <summary>Longest free text (a comment) kept in a submission.</summary>
    public const int TexteMax = 4000;

    public static string Libelle(this TypeCampagne t) => t switch
    {
        TypeCampagne.Fevrier => "Campagne de février (activité et BRH)",
        TypeCampagne.Juin => "Campagne de juin (financier)",
        _ => t.ToString(),
    };

    public static string Libelle(this EtatCampagne e) => e == EtatCampagne.Ouverte ? "Ouverte" : "Clôturée";

    public static string Libelle(this EtatSoumission e) => e switch
    {
        EtatSoumission.ARemplir => "À remplir",
        EtatSoumission.Soumise => "Soumise",
        EtatSoumission.RenvoyeePourCorrection => "Renvoyée pour correction",
        _ => e.ToString(),
    };

    public static string Libelle(this ActionCampagne a) => a switch
    {
        ActionCampagne.Ouvrir => "Ouverture",
        ActionCampagne.Cloturer => "Clôture",
        ActionCampagne.Rouvrir => "Réouverture",
        ActionCampagne.Enregistrer => "Enregistrement",
        ActionCampagne.Soumettre => "Soumission",
        ActionCampagne.Renvoyer => "Renvoi pour correction",
        _ => a.ToString(),
    };

    /// <summary>The free fields of a campaign kind.</summary>
    public static IReadOnlyList<ChampCampagne> Champs(TypeCampagne type) => type switch
    {
        TypeCampagne.Fevrier =>
        [
            new(ChampCommentaire, "Commentaire sur l'activité de l'année", NatureChamp.Texte, false),
        ],
        _ =>
        [
            new(ChampDateApprobation, "Date d'approbation des comptes par l'assemblée générale", NatureChamp.Date, true, "Format jj/mm/aaaa."),
            new(ChampTotalCharges, "Total des charges (si le budget n'en contient pas)", NatureChamp.Montant, false, "En euros, par exemple 1 234 567,89."),
            new(ChampCommentaire, "Commentaire sur les comptes de l'année", NatureChamp.Texte, false),
        ],
    };

    /// <summary>What a campaign asks of each Mission Locale for the year <paramref name="exercice"/> (N−1).</summary>
    public static IReadOnlyList<ElementAttendu> Attendus(TypeCampagne type, int exercice) => type switch
    {
        TypeCampagne.Fevrier =>
        [
            new($"Indicateurs d'activité {exercice} (calculés par Jalon d'après les parcours)", true),
            new($"Tableau des moyens humains (BRH) au 31/12/{exercice}", false),
            new("Commentaire sur l'activité (facultatif)", false),
        ],
        _ =>
        [
            new($"Produits {exercice} par financeur et nature (budget)", false),
            new($"Charges {exercice} (budget, ou total saisi dans la campagne)", false),
            new("Date d'approbation des comptes par l'assemblée générale", false),
            new("Commentaire sur les comptes (facultatif)", false),
        ],
    };
}

/// <summary>A business rule of the campaigns refused an action; the message is in French, for the user.</summary>
public sealed class CampagneException(string message) : InvalidOperationException(message);
