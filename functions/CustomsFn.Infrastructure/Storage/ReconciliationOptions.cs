namespace CustomsFn.Infrastructure.Storage;

/// <summary>Options of the reconciliation sweep (configuration section "Reconciliation").</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Uploads younger than this are left to the blob trigger (default 2 minutes).</summary>
    public TimeSpan MinAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most uploads processed by one sweep (default 500); the rest wait for the next sweep.</summary>
    public int MaxPerSweep { get; set; } = 500;

    /// <summary>
    /// How far before its checkpoint a sweep looks again (default 1 hour): uploads and results older than the checkpoint
    /// by more than this were seen by an earlier complete sweep. Covers clock skew between storage and the host and
    /// uploads whose write was still in flight at the last checkpoint.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Uploads processed at once (default 4).</summary>
    public int Parallelism { get; set; } = 4;
}
