using System.Reflection;

namespace CustomsFn.Core.Isolation;

/// <summary>Which program a worker process runs.</summary>
public static class WorkerCommand
{
    /// <summary>
    /// The worker command: <see cref="IsolationOptions.Command"/>, else this application itself (its apphost, or
    /// <c>dotnet</c> with the entry assembly). Null when there is none (a test host cannot serve as a worker).
    /// </summary>
    public static (string File, string[] Prefix)? Resolve(IsolationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Command))
            return (options.Command, string.IsNullOrWhiteSpace(options.CommandArguments)
                ? []
                : options.CommandArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var processPath = Environment.ProcessPath;
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(processPath) || string.IsNullOrEmpty(entry)) return null;
        var name = Path.GetFileNameWithoutExtension(entry);
        if (name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ReSharper", StringComparison.OrdinalIgnoreCase)) return null;
        var muxer = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return muxer ? (processPath, [entry]) : (processPath, []);
    }
}
