using Microsoft.EntityFrameworkCore;

namespace Jalon.Storage.Accounts;

/// <summary>
/// What the database says about the instance: whether it holds the demo (seeded by <c>./jalon web</c>, refused by a
/// production start) and whether it is still empty.
/// </summary>
public static class Instance
{
    private const string DemoKey = "demo";

    public static Task<bool> IsDemoAsync(JalonDbContext db, CancellationToken cancellationToken = default) =>
        db.InstanceSettings.AnyAsync(s => s.Key == DemoKey && s.Value == "true", cancellationToken);

    /// <summary>Marks the database as a demo, in its own transaction: before the seed, so that a seed cut short leaves a marked database.</summary>
    public static async Task MarkDemoAsync(JalonDbContext db, CancellationToken cancellationToken = default)
    {
        db.InstanceSettings.Add(new InstanceSettingEntity { Key = DemoKey, Value = "true", UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>No account and no structure: nothing was ever created in it.</summary>
    public static async Task<bool> IsEmptyAsync(JalonDbContext db, CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken) && !await db.Structures.AnyAsync(cancellationToken);
}
