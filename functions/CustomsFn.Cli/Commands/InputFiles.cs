namespace CustomsFn.Cli.Commands;

internal static class InputFiles
{
    /// <summary>Files as given, folders recursively (hidden files and our own *.result.json skipped), in a stable order.</summary>
    public static List<InputFile> Expand(IEnumerable<string> paths)
    {
        var list = new List<InputFile>();
        foreach (var p in paths)
        {
            if (File.Exists(p))
            {
                list.Add(new InputFile(Path.GetFullPath(p), p, Path.GetFileName(p)));
                continue;
            }
            var root = Path.GetFullPath(p);
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(f);
                if (name.StartsWith('.') || name.EndsWith(".result.json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)) continue;
                var relative = Path.GetRelativePath(root, f);
                var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                var shipment = parts.Length > 1 ? parts[0] : Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
                list.Add(new InputFile(f, Path.Combine(p, relative), name, shipment));
            }
        }
        return list;
    }
}
