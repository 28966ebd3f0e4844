using System.Globalization;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local host as its own program:
/// <c>CustomsFn.LocalHost [serve] [--port N] [--data DIR] [--no-azurite]</c> (what <c>customs serve</c> runs).
/// The upload-to-message benchmark is part of <c>customs bench</c>.
/// </summary>
public static class LocalHostProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    return await LocalServe.RunAsync(new ServeSettings
                    {
                        Port = Int(rest, "--port") ?? 7071,
                        DataDirectory = Text(rest, "--data"),
                        NoAzurite = rest.Contains("--no-azurite"),
                    }, output, cts.Token).ConfigureAwait(false);
                default:
                    await output.WriteLineAsync("usage: CustomsFn.LocalHost [serve] [--port N] [--data DIR] [--no-azurite]").ConfigureAwait(false);
                    return 2;
            }
        }
        catch (AzuriteNotInstalledException ex)
        {
            await output.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int? Int(string[] args, string name) =>
        Text(args, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;
}
