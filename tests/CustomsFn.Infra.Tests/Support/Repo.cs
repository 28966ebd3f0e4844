namespace CustomsFn.Infra.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string HostJson => Path.Combine(Root, "host.json");

    public static string Readme => Path.Combine(Root, "README.md");

    /// <summary>A page of the reference documentation under docs/.</summary>
    public static string Doc(string name) => Path.Combine(Root, "docs", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomsFn.sln not found above " + AppContext.BaseDirectory);
    }
}
