namespace Jalon.Storage.Entities;

/// <summary>A Mission Locale. The exchange format's fields (code, nom, region, departement) plus its profile.</summary>
public class StructureEntity
{
    /// <summary>The structure code (key of every table).</summary>
    public required string Code { get; set; }
    public required string Nom { get; set; }

    /// <summary>INSEE region code (2 digits).</summary>
    public required string Region { get; set; }

    /// <summary>INSEE department code.</summary>
    public string? Departement { get; set; }

    // Profile, not in the exchange format: kept by imports.
    public string? Adresse { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public string? Telephone { get; set; }
    public string? Email { get; set; }
    public string? SiteWeb { get; set; }

    /// <summary>
    /// Incremented with every change to the data the indicators read (young people, events, moyens), in the same
    /// transaction: a stored indicator tally of another revision is out of date.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>The number of the last identifier given to a young person created in Jalon (J000123 → 123).</summary>
    public int DernierNumeroJeune { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Context and resources of a structure for a year (moyens.csv). Key (StructureCode, Annee).</summary>
public class MoyensEntity
{
    public required string StructureCode { get; set; }
    public int Annee { get; set; }
    public long? Jano { get; set; }
    public long? Defm { get; set; }
    public decimal? EtpTotal { get; set; }
    public decimal? EtpAccompagnement { get; set; }
    public decimal? FinancementTotal { get; set; }
    public decimal? FinancementActivitesPrincipales { get; set; }
    public decimal? FinancementEtat { get; set; }
    public decimal? FinancementFse { get; set; }
}
