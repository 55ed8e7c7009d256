using System.Text.Json;

namespace Jalon.Web.Infrastructure;

/// <summary>A deposited package waiting for confirmation: its file name and the structures' revisions when it was previewed.</summary>
public sealed record PendingImport(string Nom, IReadOnlyDictionary<string, long> Revisions);

/// <summary>
/// The zips deposited for an import, kept between the preview and the confirmation in a private folder: one file per user
/// and random token (<c>{user}-{token}.zip</c> and its <c>.json</c>), removed once imported or cancelled, or after two hours.
/// </summary>
public sealed class ImportsEnAttente(string directory)
{
    public string Path(int user, string token)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return System.IO.Path.Combine(directory, $"{user}-{token}.zip");
    }

    public void Save(int user, string token, PendingImport pending) =>
        File.WriteAllText(System.IO.Path.ChangeExtension(Path(user, token), ".json"), JsonSerializer.Serialize(pending));

    /// <summary>The pending import of this user and token, or null (another user's token, expired, cancelled).</summary>
    public PendingImport? Load(int user, string token)
    {
        var zip = Path(user, token);
        var json = System.IO.Path.ChangeExtension(zip, ".json");
        if (!File.Exists(zip) || !File.Exists(json)) return null;
        var pending = JsonSerializer.Deserialize<PendingImport>(File.ReadAllText(json));
        return pending is null ? null : pending with { Revisions = new Dictionary<string, long>(pending.Revisions, StringComparer.Ordinal) };
    }

    public void Delete(int user, string token)
    {
        var zip = Path(user, token);
        File.Delete(zip);
        File.Delete(System.IO.Path.ChangeExtension(zip, ".json"));
    }

    /// <summary>Removes what has waited longer than <paramref name="age"/>.</summary>
    public void Purge(TimeSpan age)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > age) File.Delete(file);
            }
            catch (IOException)
            {
                // Being written or removed by another request: the next purge sees it.
            }
        }
    }
}
