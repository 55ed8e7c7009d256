namespace Jalon.Domain.Employeurs;

/// <summary>The rules of what follows a period in a company (docs/employeurs.md), written once for the forms and the import.</summary>
public static class ImmersionRules
{
    /// <summary>
    /// The job situation a follow-up opens in the journey, or null when it opens none: a hire opens the situation of its
    /// contract, an apprenticeship the apprenticeship contract; the other follow-ups (training, project confirmed or
    /// changed, nothing) are recorded on the period only.
    /// </summary>
    public static TypeSituation? SituationOf(SuiteImmersion suite, TypeContrat? contrat) => suite switch
    {
        SuiteImmersion.Embauche => contrat is { } c ? EmployeurRules.SituationOf(c) : null,
        SuiteImmersion.Apprentissage => TypeSituation.Apprentissage,
        _ => null,
    };

    /// <summary>The French message when a follow-up cannot be recorded, or null.</summary>
    public static string? SuiteError(SuiteImmersion suite, TypeContrat? contrat, DateOnly debutPeriode, DateOnly? debutEmploi)
    {
        if (suite == SuiteImmersion.Embauche && contrat is null) return "Indiquez le contrat de l'embauche.";
        if (suite == SuiteImmersion.Apprentissage && contrat is not (null or TypeContrat.Apprentissage))
            return "Une suite en apprentissage est un contrat d'apprentissage.";
        if (SituationOf(suite, contrat) is not null && debutEmploi is null) return "Indiquez la date de début du contrat.";
        if (debutEmploi is { } d && d < debutPeriode) return "Le contrat ne peut pas commencer avant la période en entreprise.";
        return null;
    }
}

/// <summary>
/// One convention of the State's immersion platform (« Immersion facile ») as its export gives it, read by
/// <c>Jalon.Exchange</c> and imported by the storage: the young person (name, birth date), the host company (SIRET, name),
/// the tutor, the dates, the occupation and the objective. <see cref="Ligne"/> is the line of the file, for the errors.
/// </summary>
public sealed record ConventionImmersion(
    int Ligne, string ConventionId, string Statut, string Nom, string Prenom, DateOnly Naissance, DateOnly Debut, DateOnly Fin,
    string Siret, string Entreprise, string? Tuteur, string? TuteurTelephone, string? TuteurEmail, string? Metier, string? Objectif)
{
    /// <summary>The statuses of a convention signed and validated by the prescriber: the only ones Jalon imports.</summary>
    public static readonly IReadOnlySet<string> StatutsValides = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "VALIDATED", "ACCEPTED_BY_VALIDATOR", "Validée", "Validee",
    };

    public bool EstValidee => StatutsValides.Contains(Statut);
}

/// <summary>A problem of an imported conventions file, reported as <c>fichier:ligne: colonne: message</c>.</summary>
public sealed record ConventionErreur(int Ligne, string Colonne, string Message)
{
    public string Format(string fichier) => $"{fichier}:{Ligne}: {Colonne}: {Message}";
}
