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
}
