namespace CustomsFn.LocalHost;

/// <summary>How the local serverless host runs.</summary>
public sealed record LocalHostOptions
{
    /// <summary>Storage connection string (Azurite's); used for <c>CustomsStorage</c> and <c>AzureWebJobsStorage</c>.</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>Kestrel addresses (default http://127.0.0.1:7071; port 0 picks a free one).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:7071";

    /// <summary>How often the watcher (the local stand-in for Event Grid) lists <c>incoming</c>; zero turns it off, leaving the 10-second polling trigger.</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Reconciliation timer period (default 1 minute).</summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Uploads younger than this are left to the blob trigger by the sweep (default 1 minute).</summary>
    public TimeSpan ReconcileMinAge { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between two polls of an empty queue (the blob trigger's internal queue included).</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Blob trigger attempts before an upload goes to the poison queue (host.json: poisonBlobThreshold).</summary>
    public int PoisonBlobThreshold { get; init; } = 3;

    /// <summary>Uploads processed at once (host.json: maxDegreeOfParallelism).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 8;

    /// <summary>The WebJobs host id (names the blob receipts and the internal queue).</summary>
    public string HostId { get; init; } = "customsfn-localhost";

    /// <summary>Extra configuration entries (e.g. Pipeline:MaxUploadBytes).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
