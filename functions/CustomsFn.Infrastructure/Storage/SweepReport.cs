namespace CustomsFn.Infrastructure.Storage;

/// <summary>What one sweep did; <paramref name="Republished"/> counts stored results whose messages it sent (their publication had failed).</summary>
public sealed record SweepReport(int Listed, int Missing, int Processed, int Duplicates, int Failed, int Republished = 0);
