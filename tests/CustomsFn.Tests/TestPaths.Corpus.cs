namespace CustomsFn.Testing;

public static partial class TestPaths
{
    /// <summary>Skips the calling test, with the reason, when the corpus folder is not there.</summary>
    public static string RequireCorpus(string relative)
    {
        var path = Path.Combine(Corpus, relative);
        Skip.IfNot(Directory.Exists(path) || File.Exists(path),
            $"Public corpus not found at {path}: clone the project next to shared/ (../shared/corpus) or set CUSTOMSFN_CORPUS.");
        return path;
    }
}
