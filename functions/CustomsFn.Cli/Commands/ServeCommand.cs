using CustomsFn.LocalHost;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary>
/// <c>customs serve</c>: the local serverless host, in this process (one Ctrl+C stops the triggers, the web host and the
/// Azurite it started).
/// </summary>
public sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            return await LocalServe.RunAsync(new LocalServeOptions
            {
                Port = settings.Port,
                DataDirectory = settings.Data,
                NoAzurite = settings.NoAzurite,
            }, console.Profile.Out.Writer, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
