using Jalon.Domain;
using Jalon.Domain.Campagnes;

namespace Jalon.Storage.Campagnes;

// Storage of the CRA campaigns. Plain rows; the aggregates of Jalon.Domain.Campagnes are rebuilt from them by
// CampagneRepository (the only place that converts).

/// <summary>A campaign: one per region, year and kind. <see cref="StructureCode"/> is the region's INSEE code.</summary>
public class CampagneEntity
{
    public Guid Id { get; set; }
    public required string StructureCode { get; set; }
    public int Annee { get; set; }
    public TypeCampagne Type { get; set; }
    public DateOnly Echeance { get; set; }
    public EtatCampagne Etat { get; set; }

    /// <summary>Incremented by every save (optimistic concurrency: a stale save is refused).</summary>
    public int Version { get; set; }

    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
}

/// <summary>A Mission Locale's submission to a campaign, with its free fields (JSON object of strings).</summary>
public class CampagneSoumissionEntity
{
    public Guid Id { get; set; }
    public Guid CampagneId { get; set; }
    public required string StructureCode { get; set; }
    public EtatSoumission Etat { get; set; }
    public int DerniereVersion { get; set; }
    public string Champs { get; set; } = "{}";
    public int Version { get; set; }
    public string? ModifiePar { get; set; }
    public DateTime? ModifieLe { get; set; }
}

/// <summary>A frozen version of a submission: inserted once, never updated.</summary>
public class CampagneVersionEntity
{
    public long Id { get; set; }
    public Guid SoumissionId { get; set; }
    public required string StructureCode { get; set; }
    public int Numero { get; set; }
    public DateTime Le { get; set; }
    public required string Par { get; set; }

    /// <summary>The serialised content (<see cref="ContenuCampagne.Serialiser"/>).</summary>
    public required string Contenu { get; set; }
}

/// <summary>The log of a campaign and of its submissions (append only). <see cref="StructureCode"/>: the structure of a
/// submission's move, the region's code for a move of the campaign itself.</summary>
public class CampagneTransitionEntity
{
    public long Id { get; set; }
    public Guid CampagneId { get; set; }
    public required string StructureCode { get; set; }
    public bool DeLaSoumission { get; set; }
    public ActionCampagne Action { get; set; }
    public required string De { get; set; }
    public required string Vers { get; set; }
    public DateTime Le { get; set; }
    public required string Par { get; set; }
    public Role Role { get; set; }
    public string? Commentaire { get; set; }
}
