namespace CustomsFn.LocalHost;

/// <summary>What <c>customs serve</c> runs.</summary>
public sealed record LocalServeOptions
{
    /// <summary>Kestrel port on 127.0.0.1 (default 7071, as <c>func start</c>).</summary>
    public int Port { get; init; } = 7071;
    /// <summary>Azurite's data folder when this command starts it (default: .azurite/ in the repository, else in the current folder).</summary>
    public string? DataDirectory { get; init; }
    /// <summary>Do not start Azurite: use the one already on ports 10000-10002.</summary>
    public bool NoAzurite { get; init; }
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Azurite's ports on 127.0.0.1 (default 10000, 10001, 10002: what "UseDevelopmentStorage=true" means).</summary>
    public int BlobPort { get; init; } = AzuriteSettings.DefaultBlobPort;
    public int QueuePort { get; init; } = AzuriteSettings.DefaultQueuePort;
    public int TablePort { get; init; } = AzuriteSettings.DefaultTablePort;
}
