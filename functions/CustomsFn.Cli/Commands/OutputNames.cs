namespace CustomsFn.Cli.Commands;

/// <summary>DIR/&lt;input file name&gt;.result.json; when two inputs share a file name, the later ones get their document id's prefix.</summary>
internal sealed class OutputNames(string outDir)
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public string For(InputFile input, string documentId)
    {
        lock (_lock)
        {
            var name = $"{input.OutputStem}.result.json";
            if (!_taken.Add(name))
            {
                name = $"{input.OutputStem}.{documentId[..12]}.result.json";
                _taken.Add(name);
            }
            return Path.Combine(outDir, name);
        }
    }
}
