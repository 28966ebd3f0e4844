namespace CustomsFn.Testing;

/// <summary>Shared by the test projects (linked into each). Locates the repository and the shared public corpus (../shared/corpus beside the repository, or CUSTOMSFN_CORPUS).</summary>
public static partial class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string SampleDocuments => Path.Combine(Samples, "documents");

    public static string Corpus =>
        Environment.GetEnvironmentVariable("CUSTOMSFN_CORPUS") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomsFn.sln not found above " + AppContext.BaseDirectory);
    }
}
