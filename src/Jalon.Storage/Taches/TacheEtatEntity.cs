using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Taches;

/// <summary>How the last run of a background job ended.</summary>
public enum ResultatTache : byte
{
    EnCours,
    Reussie,
    Echec,
}

/// <summary>
/// The state of one background job of the scheduler (docs/exploitation.md, « Tâches planifiées »; schema step 14): its last
/// run, its outcome, the next planned run and the failures in a row. A technical row of the instance: no structure, no
/// personal data (the error is a short French message, never an exception's text).
/// </summary>
public class TacheEtatEntity
{
    /// <summary>The job's stable name, e.g. <c>rafraichissement-indicateurs</c>.</summary>
    public string Nom { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime? DernierDebut { get; set; }

    /// <summary>UTC; null while the first run is going on.</summary>
    public DateTime? DerniereFin { get; set; }

    public ResultatTache? DernierResultat { get; set; }

    /// <summary>What the last successful run did, in French (« 3 décompte(s) recalculé(s) »).</summary>
    public string? DernierResume { get; set; }

    /// <summary>The last failure, short and in French.</summary>
    public string? DerniereErreur { get; set; }

    /// <summary>UTC; null when the job is not planned on any instance (switched off, or jobs disabled).</summary>
    public DateTime? ProchaineExecution { get; set; }

    public int EchecsConsecutifs { get; set; }
}

internal sealed class TacheEtatConfiguration : IEntityTypeConfiguration<TacheEtatEntity>
{
    public void Configure(EntityTypeBuilder<TacheEtatEntity> b)
    {
        b.ToTable("Taches");
        b.HasKey(t => t.Nom);
        b.Property(t => t.Nom).HasMaxLength(60);
        b.Property(t => t.DernierResume).HasMaxLength(300);
        b.Property(t => t.DerniereErreur).HasMaxLength(300);
    }
}
