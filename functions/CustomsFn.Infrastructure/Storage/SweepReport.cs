namespace CustomsFn.Infrastructure.Storage;

/// <summary>What one sweep did; <paramref name="Republished"/> counts stored results whose messages it sent (their publication had failed).</summary>
public sealed record SweepReport(int Listed, int Missing, int Processed, int Duplicates, int Failed, int Republished = 0)
{
    /// <summary>True when the sweep looked only at what changed since its checkpoint (not at every marker and result).</summary>
    public bool Bounded { get; init; }

    /// <summary>True when the sweep left nothing behind and moved the checkpoint.</summary>
    public bool Checkpointed { get; init; }
}
