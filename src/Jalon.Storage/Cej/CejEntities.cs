using Jalon.Domain.Cej;
using Jalon.Domain.Dispositifs;

namespace Jalon.Storage.Cej;

// The CEJ week and the allowance (schema step 15, docs/cej.md). Every row carries its structure code, first in its keys and
// indexes; a young person is (StructureCode, JeuneId) as everywhere else. Hours are decimal hours (1.5 = 1 h 30); money is
// in euro cents.

/// <summary>An individual appointment of a young person with a counsellor: date and time, reminder, attendance.</summary>
public class CejRendezVousEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Heure { get; set; }

    /// <summary>Length in hours, credited to the week when the young person came.</summary>
    public decimal Heures { get; set; }

    /// <summary>The counsellor met (<see cref="Entities.UserEntity.Id"/>).</summary>
    public int? ConseillerId { get; set; }

    public string? Objet { get; set; }

    /// <summary>The day the young person is reminded of it (SMS or e-mail by the counsellor), null for none.</summary>
    public DateOnly? Rappel { get; set; }

    public Presence Presence { get; set; }
}

/// <summary>A collective session (workshop, information session…) of the structure: its participants are in <see cref="CejParticipantEntity"/>.</summary>
public class CejSessionEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public DateOnly Date { get; set; }
    public required string Theme { get; set; }
    public CategorieActivite Categorie { get; set; }

    /// <summary>Hours credited to each participant present.</summary>
    public decimal Heures { get; set; }
}

/// <summary>One young person at a collective session, and whether they came.</summary>
public class CejParticipantEntity
{
    public required string StructureCode { get; set; }
    public long SessionId { get; set; }
    public required string JeuneId { get; set; }
    public Presence Presence { get; set; }
}

/// <summary>An action of a young person's CEJ week, planned or done, in a category, with its hours.</summary>
public class CejActiviteEntity
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }
    public DateOnly Date { get; set; }
    public CategorieActivite Categorie { get; set; }
    public string? Libelle { get; set; }
    public decimal Heures { get; set; }
    public EtatActivite Etat { get; set; }

    /// <summary>The collective session the activity was part of, as <c>activites.csv</c> names it (column <c>session</c>), if any.</summary>
    public string? Session { get; set; }

    /// <summary>
    /// Where the row comes from: null when entered in Jalon, <see cref="CejExchange.RefPaquet"/> when loaded from
    /// <c>activites.csv</c> (a re-import replaces these rows, never the ones entered in Jalon).
    /// </summary>
    public string? Ref { get; set; }
}

/// <summary>The structure's default hours for a category of action (editable by the director).</summary>
public class CejHeuresDefautEntity
{
    public required string StructureCode { get; set; }
    public CategorieActivite Categorie { get; set; }
    public decimal Heures { get; set; }
}

/// <summary>A week (Monday to Sunday, keyed by its Monday) of a young person: the hours declared and validated by the counsellor.</summary>
public class CejSemaineEntity
{
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }

    /// <summary>The Monday of the week.</summary>
    public DateOnly Lundi { get; set; }

    public decimal HeuresDeclarees { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ValideeLe { get; set; }

    public required string ValideePar { get; set; }
}

/// <summary>
/// The allowance of one young person for one month: its inputs, the amount due computed from the rules when the counsellor
/// validated it, and where it stands. Once validated by the director the amount is frozen: nothing recomputes it.
/// </summary>
public class CejAllocationEntity : Entities.IVersioned
{
    public long Id { get; set; }
    public required string StructureCode { get; set; }
    public required string JeuneId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Mois { get; set; }

    /// <summary>The young person's situation for the amount (a code of the rule set, e.g. <c>NON_IMPOSABLE</c>).</summary>
    public required string Situation { get; set; }

    /// <summary>Other income of the month, in cents.</summary>
    public long AutresRevenusCentimes { get; set; }

    /// <summary>Receives the RSA or the prime d'activité this month: no allowance.</summary>
    public bool RsaOuPrimeActivite { get; set; }

    public int AbsencesInjustifiees { get; set; }

    /// <summary>The amount due, in cents.</summary>
    public long MontantCentimes { get; set; }

    /// <summary>How the amount was computed, in French (the rule set's date, the reductions).</summary>
    public string? Calcul { get; set; }

    public StatutAllocation Statut { get; set; }
    public DateTime ValideeConseillerLe { get; set; }
    public required string ValideeConseillerPar { get; set; }
    public DateTime? ValideeDirecteurLe { get; set; }
    public string? ValideeDirecteurPar { get; set; }
    public DateTime? DemandeeLe { get; set; }
    public DateTime? RetourLe { get; set; }

    /// <summary>The ASP's return: the rejection reason, or for a month loaded from <c>allocations.csv</c> its <c>retour_asp</c> (a payment reference…).</summary>
    public string? MotifRejet { get; set; }

    /// <summary>The amount requested from the ASP, in cents, as <c>allocations.csv</c> gives it (column <c>montant_demande</c>); null otherwise.</summary>
    public long? MontantDemandeCentimes { get; set; }

    /// <summary>
    /// Where the row comes from: null when entered in Jalon, <see cref="CejExchange.RefPaquet"/> when loaded from
    /// <c>allocations.csv</c> (a re-import replaces these rows, never the ones entered in Jalon).
    /// </summary>
    public string? Ref { get; set; }

    public int Version { get; set; }
}
