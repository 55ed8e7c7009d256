using Jalon.Domain.Dispositifs;

namespace Jalon.Domain.Cej;

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
/// French labels of the CEJ codes. The categories of activity and the allowance's statuses are those of the exchange
/// format (<see cref="CategorieActivite"/>, <see cref="StatutAllocation"/> in <c>Jalon.Domain.Dispositifs</c>): one code
/// list for the files, the tables and the pages. The web's allowance workflow starts at « validée par le conseiller »;
/// « calculée » is a month of a package not validated yet.
/// </summary>
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
        CategorieActivite.Atelier => "Ateliers",
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
        StatutAllocation.Calcule => "Calculée, à valider",
        StatutAllocation.ValideConseiller => "Validée par le conseiller",
        StatutAllocation.ValideDirection => "Validée par la direction (figée)",
        StatutAllocation.Demande => "Demandée à l'ASP",
        StatutAllocation.Paye => "Payée",
        StatutAllocation.Rejete => "Rejetée par l'ASP",
        _ => s.ToString(),
    };
}
