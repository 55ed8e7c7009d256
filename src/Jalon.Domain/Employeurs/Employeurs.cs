namespace Jalon.Domain.Employeurs;

// The employer side of a Mission Locale (docs/employeurs.md): the companies it works with, the job offers it collects,
// the placements (mises en relation, MER) of young people, the immersions (PMSMP) and apprenticeship periods, and the
// sponsors (parrains). Pure model: the storage keeps them per structure, the web records them.

/// <summary>The head-count band of an establishment (grouped from INSEE's « tranches d'effectif »).</summary>
public enum TailleEntreprise : byte
{
    /// <summary>0 to 9 employees (microentreprise).</summary>
    Moins10,

    /// <summary>10 to 49 (small company).</summary>
    De10A49,

    /// <summary>50 to 249 (medium company).</summary>
    De50A249,

    /// <summary>250 to 4 999 (intermediate company, ETI).</summary>
    De250A4999,

    /// <summary>5 000 or more (large company).</summary>
    Plus5000,
}

/// <summary>The purpose of an exchange with a company (« contacts avec les entreprises », 2011 grid, axe 3).</summary>
public enum ObjetEchange : byte { OffreEmploi, Immersion, Stage, Prospection, SuiviJeune, Parrainage, Autre }

/// <summary>How an exchange with a company took place (a visit counts apart: « dont les contacts ayant donné lieu à une visite »).</summary>
public enum ModeEchange : byte { Visite, Telephone, Courriel, Rencontre }

/// <summary>The kind of contract an offer proposes; each becomes the job situation of a hire (<see cref="Embauche.TypeSituation"/>).</summary>
public enum TypeContrat : byte { Cdi, Cdd, Interim, Apprentissage, ContratPro, CuiCie, CuiCae }

/// <summary>The life of a job offer.</summary>
public enum StatutOffre : byte { Ouverte, Pourvue, Retiree, Expiree }

/// <summary>How a filled offer was filled.</summary>
public enum ModePourvoi : byte
{
    /// <summary>By a young person the Mission Locale placed on it (a MER ended in a hire).</summary>
    MiseEnRelation,

    /// <summary>By the employer through another channel.</summary>
    AutreCanal,
}

/// <summary>
/// What a MER puts to a body (seed 000: « MER Emploi, MER Formation et MER Autre »): a job (usually on an offer), a
/// training place, or another service.
/// </summary>
public enum TypeMiseEnRelation : byte { Emploi, Formation, Autre }

/// <summary>The outcome of a MER; none recorded = « non résolue » (seed 000).</summary>
public enum IssueMiseEnRelation : byte { Embauche, RefusEmployeur, RefusJeune, SansReponse }

/// <summary>A period in a company: an immersion (PMSMP) or a discovery of apprenticeship.</summary>
public enum TypeImmersion : byte { Pmsmp, DecouverteApprentissage }

/// <summary>What followed a period in a company.</summary>
public enum SuiteImmersion : byte { Embauche, Apprentissage, Formation, ProjetConfirme, ProjetReoriente, SansSuite }

/// <summary>The rules of the employer side, written once for every entry point (forms, import, generator).</summary>
public static class EmployeurRules
{
    /// <summary>The job situation a hire on an offer of this contract opens in the young person's journey.</summary>
    public static TypeSituation SituationOf(TypeContrat contrat) => contrat switch
    {
        TypeContrat.Cdi => TypeSituation.Cdi,
        TypeContrat.Cdd => TypeSituation.Cdd,
        TypeContrat.Interim => TypeSituation.Interim,
        TypeContrat.Apprentissage => TypeSituation.Apprentissage,
        TypeContrat.ContratPro => TypeSituation.ContratPro,
        TypeContrat.CuiCie => TypeSituation.CuiCie,
        TypeContrat.CuiCae => TypeSituation.CuiCae,
        _ => throw new ArgumentOutOfRangeException(nameof(contrat)),
    };

    /// <summary>The theme of the proposal a MER is (a MER is one proposal of the journey, never a second record).</summary>
    public static Theme ThemeOf(TypeMiseEnRelation type) => type switch
    {
        TypeMiseEnRelation.Emploi => Theme.Emploi,
        TypeMiseEnRelation.Formation => Theme.Formation,
        _ => Theme.ProjetPro,
    };

    /// <summary>
    /// The French message when a MER's outcome cannot be recorded, or null: the outcome date must not precede the MER,
    /// and a hire needs a job (a MER of type emploi).
    /// </summary>
    public static string? IssueError(TypeMiseEnRelation type, DateOnly date, IssueMiseEnRelation issue, DateOnly issueLe)
    {
        if (issueLe < date) return "La date de l'issue ne peut pas précéder la mise en relation.";
        if (issue == IssueMiseEnRelation.Embauche && type != TypeMiseEnRelation.Emploi)
            return "Une embauche suit une mise en relation sur un emploi.";
        return null;
    }

    /// <summary>The French message when an immersion's dates or review are inconsistent, or null.</summary>
    public static string? ImmersionError(DateOnly debut, DateOnly fin, DateOnly? bilanLe)
    {
        if (fin < debut) return "La fin de la période précède son début.";
        // A PMSMP lasts at most one month per prescription (renewable once): Jalon warns on more than 62 days.
        if (fin.DayNumber - debut.DayNumber + 1 > 62) return "Une période en entreprise dure au plus deux mois (un mois renouvelable une fois).";
        if (bilanLe is { } b && b < debut) return "Le bilan ne peut pas précéder le début de la période.";
        return null;
    }
}
