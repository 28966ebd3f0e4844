using System.Runtime.InteropServices;
using CustomsFn.LocalHost;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary>
/// <c>customs serve</c>: the local serverless host, in this process. Ctrl+C or SIGTERM (what a service manager or a
/// container runtime sends) stops the triggers, the web host and the Azurite it started; documents in flight are
/// abandoned to the blob trigger's redelivery, never lost.
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
        // SIGTERM: stop as Ctrl+C does (the runtime's default would wait for the host to stop by itself).
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
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
