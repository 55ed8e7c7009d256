namespace Jalon.Domain;

// The facts of a young person's journey, one record per row of the exchange format.
// They are small value types that refer to their young person by index in a JourneyPackage
// (field Jeune), so that a national package of tens of millions of rows stays compact.

public readonly record struct Structure(string Code, string Nom, string Region, string? Departement);

public readonly record struct Jeune(
    int Structure,
    string Id,
    DateOnly Naissance,
    Sexe Sexe,
    Niveau Niveau,
    bool Diplome,
    string? Commune,
    bool Qpv,
    bool Zrr,
    DateOnly PremierAccueil)
{
    /// <summary>Infra-V level: niveau VI or V bis, or niveau V without the diploma.</summary>
    public bool IsInfraV => Niveau is Niveau.VI or Niveau.VBis || (Niveau == Niveau.V && !Diplome);

    /// <summary>Age in whole years on a day.</summary>
    public int AgeOn(DateOnly day) => Dates.AgeOn(Naissance, day);
}

public interface IJeuneEvent
{
    int Jeune { get; }
}

public readonly record struct Contact(int Jeune, DateOnly Date, ModeContact Mode, bool Diagnostic) : IJeuneEvent;

public readonly record struct Orientation(int Jeune, DateOnly Date, Operateur Operateur) : IJeuneEvent;

/// <summary>
/// A contractualised path. <paramref name="Amont"/>, for a regional or local path, is the code of the Région's
/// « amont » scheme it is (column <c>amont</c>; <see cref="Amont.DispositifsAmont"/>), null otherwise.
/// <paramref name="Rqth"/>, for a CEJ, says whether the young person held a « reconnaissance de la qualité de
/// travailleur handicapé » at entry (column <c>rqth</c>; it raises the entry age limit to 29): null = not recorded,
/// which counts as no.
/// </summary>
public readonly record struct Parcours(
    int Jeune, Dispositif Dispositif, DateOnly Debut, DateOnly? Fin, MotifFin? MotifFin, bool Neet, string? Amont = null, bool? Rqth = null) : IJeuneEvent
{
    public DateInterval Interval => new(Debut, Fin);
}

public readonly record struct Proposition(int Jeune, DateOnly Date, Theme Theme) : IJeuneEvent;

public readonly record struct Situation(int Jeune, TypeSituation Type, DateOnly Debut, DateOnly? Fin, int? DureePrevueJours) : IJeuneEvent
{
    public DateInterval Interval => new(Debut, Fin);

    /// <summary>
    /// Emploi durable: CDI or EAV, or a CDD, intérim, CUI, apprenticeship or contrat de professionnalisation
    /// lasting at least 183 days (planned length when given, else fin − debut + 1 when fin is given, else unknown).
    /// </summary>
    public bool IsEmploiDurable
    {
        get
        {
            if (Type is TypeSituation.Cdi or TypeSituation.Eav) return true;
            if (Type is TypeSituation.Creation || !Type.IsEmploi()) return false;
            return DureeJours >= 183;
        }
    }

    /// <summary>The length in days: the planned length when given, else fin − debut + 1 when fin is given, else unknown.</summary>
    public int? DureeJours => DureePrevueJours ?? (Fin is { } f ? f.DayNumber - Debut.DayNumber + 1 : null);
}

public readonly record struct Droit(int Jeune, DateOnly Date, DomaineDroit Domaine) : IJeuneEvent;

public readonly record struct Parrainage(int Jeune, DateOnly Debut, DateOnly? Fin) : IJeuneEvent
{
    public DateInterval Interval => new(Debut, Fin);
}

/// <summary>Context and resources of a structure for a year (moyens.csv). Money in euros.</summary>
public readonly record struct Moyens(
    int Structure,
    int Annee,
    long? Jano,
    long? Defm,
    decimal? EtpTotal,
    decimal? EtpAccompagnement,
    decimal? FinancementTotal,
    decimal? FinancementActivitesPrincipales,
    decimal? FinancementEtat,
    decimal? FinancementFse);
