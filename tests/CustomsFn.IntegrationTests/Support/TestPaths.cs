namespace CustomsFn.IntegrationTests.Support;

public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleDocuments => Path.Combine(RepoRoot, "samples", "documents");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomsFn.sln not found above " + AppContext.BaseDirectory);
    }
}
