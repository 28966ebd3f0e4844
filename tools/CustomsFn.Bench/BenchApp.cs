using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench</c>: throughput, latency and peak memory of every workload beside its floor, measured in one run.
/// Run from the repository with <c>dotnet run -c Release --project tools/CustomsFn.Bench -- [--quick] [--only LIST]</c>.
/// </summary>
public static class BenchApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp<BenchCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("customs-bench");
            if (console is not null) config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.AddExample("--quick");
            config.AddExample("--only", "xml,rules", "--out", "bench.json");
            config.AddCommand<BenchMemoryCommand>("bench-memory").IsHidden();
        });
        try
        {
            return await app.RunAsync(args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CommandParseException or CommandRuntimeException)
        {
            (console ?? AnsiConsole.Console).MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return BadUsage;
        }
    }
}
