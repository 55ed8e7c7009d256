namespace Jalon.Web.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding Jalon.slnx) above <paramref name="start"/>, else <paramref name="start"/>.</summary>
    public static string Root(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jalon.slnx"))) return dir.FullName;
        }
        return start;
    }

    /// <summary>The DSFR's <c>dist</c> folder installed by npm (never copied into the repository), or null before <c>npm ci</c>.</summary>
    public static string? Dsfr(string contentRoot)
    {
        var dist = Path.Combine(contentRoot, "node_modules", "@gouvfr", "dsfr", "dist");
        if (Directory.Exists(dist)) return dist;
        dist = Path.Combine(Root(contentRoot), "src", "Jalon.Web", "node_modules", "@gouvfr", "dsfr", "dist");
        return Directory.Exists(dist) ? dist : null;
    }
}
