namespace CustomsFn.Tests;

/// <summary>Locates the repository and the shared public corpus (../shared/corpus beside the repository, or CUSTOMSFN_CORPUS).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string Corpus =>
        Environment.GetEnvironmentVariable("CUSTOMSFN_CORPUS") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));

    /// <summary>Skips the calling test, with the reason, when the corpus folder is not there.</summary>
    public static string RequireCorpus(string relative)
    {
        var path = Path.Combine(Corpus, relative);
        Skip.IfNot(Directory.Exists(path) || File.Exists(path),
            $"Public corpus not found at {path}: clone the project next to shared/ (../shared/corpus) or set CUSTOMSFN_CORPUS.");
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomsFn.sln not found above " + AppContext.BaseDirectory);
    }
}
