using Jalon.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Indicators;

/// <summary>
/// A young person whose indicator data a revision of a structure changed, written with the revision by a counsellor's
/// save (<see cref="JalonDbContext.SaveChanges(bool)"/>); <see cref="NoJeune"/> for a revision that changed only the
/// structure's own rows (moyens, companies, exchanges, offers). The revisions that an import's merge or an anonymisation
/// move carry no mark. With them, a tally kept in memory at an earlier revision is brought up to date by reading only
/// those young people again (<see cref="IndicatorStore"/>); a revision without marks means reading the whole structure.
/// Only the last <see cref="MarksKept"/> revisions of a structure keep their marks.
/// </summary>
public class RevisionMarkEntity
{
    /// <summary>The <see cref="JeuneId"/> of a revision that changed no young person, only the structure's own rows.</summary>
    public const string NoJeune = "";

    /// <summary>How many of a structure's last revisions keep their marks (older ones are deleted as new ones come).</summary>
    public const int MarksKept = 256;

    public required string StructureCode { get; set; }
    public long Revision { get; set; }
    public required string JeuneId { get; set; }
}

internal sealed class RevisionMarkConfiguration : IEntityTypeConfiguration<RevisionMarkEntity>
{
    public void Configure(EntityTypeBuilder<RevisionMarkEntity> b)
    {
        b.ToTable("RevisionMarks");
        b.HasKey(m => new { m.StructureCode, m.Revision, m.JeuneId });
        b.HasOne<StructureEntity>().WithMany().HasForeignKey(m => m.StructureCode).OnDelete(DeleteBehavior.Cascade);
    }
}
