namespace CustomsFn.Cli.Commands;

/// <summary>The --out folder, checked before any document is read: an unwritable folder is one line, not a stack trace.</summary>
internal static class OutputFolder
{
    /// <summary>Creates the folder and writes a probe file in it; null when that works, else why not.</summary>
    public static string? Check(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".customs-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.Message;
        }
    }
}
