namespace Jalon.Domain.Cej;

/// <summary>
/// The categories of activity of a CEJ week (issue 14, item 3): each action, appointment or collective session is in one,
/// and each category has default hours that the structure can change.
/// </summary>
public enum CategorieActivite : byte
{
    Emploi,
    Formation,
    Sante,
    Logement,
    Citoyennete,
    ProjetPro,
    CultureSport,
    Ateliers,
    Information,
}

/// <summary>Whether a young person came to an appointment or a collective session.</summary>
public enum Presence : byte
{
    /// <summary>Not yet held, or not yet recorded.</summary>
    Prevue,
    Present,
    AbsenceJustifiee,
    AbsenceInjustifiee,
}

/// <summary>An action of the CEJ week: planned, or done (only done actions count in the week's hours).</summary>
public enum EtatActivite : byte
{
    Prevue,
    Realisee,
}

/// <summary>
/// Where a month's allowance stands (docs/cej.md, « L'allocation ») — counsellor-validated, then director-validated (frozen:
/// its amount never moves again), then requested from the ASP in the monthly file, then paid or rejected by the ASP's return.
/// </summary>
public enum StatutAllocation : byte
{
    ValideeConseiller,
    ValideeDirecteur,
    Demandee,
    Payee,
    Rejetee,
}

/// <summary>French labels of the CEJ codes.</summary>
public static class CejLibelles
{
    public static string Of(CategorieActivite c) => c switch
    {
        CategorieActivite.Emploi => "Emploi",
        CategorieActivite.Formation => "Formation",
        CategorieActivite.Sante => "Santé",
        CategorieActivite.Logement => "Logement",
        CategorieActivite.Citoyennete => "Citoyenneté",
        CategorieActivite.ProjetPro => "Projet professionnel",
        CategorieActivite.CultureSport => "Culture et sport",
        CategorieActivite.Ateliers => "Ateliers",
        CategorieActivite.Information => "Informations collectives",
        _ => c.ToString(),
    };

    public static string Of(Presence p) => p switch
    {
        Presence.Prevue => "Prévu",
        Presence.Present => "Présent(e)",
        Presence.AbsenceJustifiee => "Absence justifiée",
        Presence.AbsenceInjustifiee => "Absence injustifiée",
        _ => p.ToString(),
    };

    public static string Of(EtatActivite e) => e == EtatActivite.Prevue ? "Prévue" : "Réalisée";

    public static string Of(StatutAllocation s) => s switch
    {
        StatutAllocation.ValideeConseiller => "Validée par le conseiller",
        StatutAllocation.ValideeDirecteur => "Validée par la direction (figée)",
        StatutAllocation.Demandee => "Demandée à l'ASP",
        StatutAllocation.Payee => "Payée",
        StatutAllocation.Rejetee => "Rejetée par l'ASP",
        _ => s.ToString(),
    };
}
