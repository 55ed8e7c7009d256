using Jalon.Indicators.Financement;

namespace Jalon.Storage.Financement;

// The Région's allocation of its envelope (docs/financement-region.md, schema step 13). Every row carries the region's
// INSEE code; rows about one structure carry its code too. Only the pure Allocation computes figures: these rows hold
// the parameters the Région set and, once voted, the figures it voted (never recomputed afterwards).

/// <summary>One allocation: a region's envelope of one year on one grid, and its life (simulation → votée → notifiée).</summary>
public class AllocationRegionaleEntity
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string Grille { get; set; }
    public int Annee { get; set; }

    /// <summary>Euros, at most 2 decimals.</summary>
    public decimal Enveloppe { get; set; }

    public StatutAllocation Statut { get; set; }
    public string? Deliberation { get; set; }
    public DateOnly? DeliberationLe { get; set; }
    public DateOnly? NotifieeLe { get; set; }
    public DateTime ModifieeLe { get; set; }
    public required string ModifieePar { get; set; }
}

/// <summary>The share of one axis of the envelope (a fraction); once voted, the axis's envelope and what it left unspent.</summary>
public class AllocationPartEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public int Axe { get; set; }
    public decimal Part { get; set; }
    public decimal? MontantVote { get; set; }
    public decimal? NonAttribueVote { get; set; }
}

/// <summary>The weight of one indicator within its computed axis (absent: 1, equal weights).</summary>
public class AllocationPoidsEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public int Axe { get; set; }
    public required string Indicateur { get; set; }
    public decimal Poids { get; set; }
}

/// <summary>An amount decided for a structure on a decided axis (axis 3), with its argued text, who and when.</summary>
public class AllocationDecisionEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public required string StructureCode { get; set; }
    public int Axe { get; set; }
    public decimal Montant { get; set; }
    public required string Argument { get; set; }
    public DateTime DecideeLe { get; set; }
    public required string DecideePar { get; set; }
}

/// <summary>A voted structure's first payment (its amounts per axis are <see cref="AllocationMontantEntity"/> rows).</summary>
public class AllocationStructureEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public required string StructureCode { get; set; }
    public decimal PremierVersement { get; set; }
}

/// <summary>A voted structure's amount on one axis.</summary>
public class AllocationMontantEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public required string StructureCode { get; set; }
    public int Axe { get; set; }
    public decimal Montant { get; set; }
}

/// <summary>One move of the allocation's life (append only): who, when, from which status to which, and why.</summary>
public class AllocationTransitionEntity
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public required string RegionCode { get; set; }
    public StatutAllocation De { get; set; }
    public StatutAllocation Vers { get; set; }
    public DateTime Le { get; set; }
    public required string Par { get; set; }
    public string? Detail { get; set; }
}
