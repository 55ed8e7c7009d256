using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jalon.Storage.Accounts;

/// <summary>
/// A setting of the Jalon instance held in its database (not in its configuration), such as the demo marker. One row
/// per key.
/// </summary>
public class InstanceSettingEntity
{
    public required string Key { get; set; }

    /// <summary>The structure the setting applies to; null for the whole instance (the demo marker).</summary>
    public string? StructureCode { get; set; }
    public required string Value { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; set; }
}

internal sealed class InstanceSettingConfiguration : IEntityTypeConfiguration<InstanceSettingEntity>
{
    public void Configure(EntityTypeBuilder<InstanceSettingEntity> b)
    {
        b.ToTable("InstanceSettings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.HasIndex(s => s.StructureCode);
    }
}
