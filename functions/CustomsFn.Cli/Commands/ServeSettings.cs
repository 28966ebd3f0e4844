using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class ServeSettings : CommandSettings
{
    [CommandOption("-p|--port <PORT>")]
    [Description("Port of the local web host on 127.0.0.1 (default 7071).")]
    public int Port { get; set; } = 7071;

    [CommandOption("--data <DIR>")]
    [Description("Azurite's data folder when serve starts it (default .azurite/ in the repository).")]
    public string? Data { get; set; }

    [CommandOption("--no-azurite")]
    [Description("Do not start Azurite; use the one already running on 127.0.0.1:10000-10002.")]
    public bool NoAzurite { get; set; }

    public override ValidationResult Validate() =>
        Port is < 0 or > 65535 ? ValidationResult.Error($"--port {Port} is not a TCP port.") : ValidationResult.Success();
}
