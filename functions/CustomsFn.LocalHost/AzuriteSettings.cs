namespace CustomsFn.LocalHost;

/// <summary>Where and how to run Azurite.</summary>
public sealed record AzuriteSettings
{
    public const int DefaultBlobPort = 10000;
    public const int DefaultQueuePort = 10001;
    public const int DefaultTablePort = 10002;

    /// <summary>Data folder (Azurite's <c>--location</c>).</summary>
    public required string Location { get; init; }
    public int BlobPort { get; init; } = DefaultBlobPort;
    public int QueuePort { get; init; } = DefaultQueuePort;
    public int TablePort { get; init; } = DefaultTablePort;
    /// <summary>The azurite executable; default: <see cref="AzuriteEmulator.FindExecutable"/>.</summary>
    public string? Executable { get; init; }
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
