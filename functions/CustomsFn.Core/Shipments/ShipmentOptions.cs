namespace CustomsFn.Core.Shipments;

/// <summary>Options of shipment grouping and tracking (configuration section "Shipments").</summary>
public sealed class ShipmentOptions
{
    public const string SectionName = "Shipments";

    /// <summary>Documents grouped by reference or by parties must be issued within this many days of each other (default 30).</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>How long a document without an explicit shipment stays available for reference grouping (default 90 days).</summary>
    public TimeSpan PoolRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most documents kept for reference grouping; the oldest are dropped beyond it (default 5000).</summary>
    public int MaxPoolSize { get; set; } = 5000;

    /// <summary>
    /// How long an update keeps retrying while other arrivals change the shipment (or the pool) under it, with jittered
    /// exponential backoff (default 5 minutes, within the function timeout). Bounded by time, not by a count of
    /// attempts: a burst of arrivals into one shipment makes many conflicts, each of which means another arrival succeeded.
    /// </summary>
    public TimeSpan ConflictRetryTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Findings kept in full in a stored shipment result; past it, a sample of them and counts per rule (default 500).</summary>
    public int MaxStoredFindings { get; set; } = ShipmentReconciler.DefaultMaxStoredFindings;

    /// <summary>Line matches kept in a stored shipment result; past it, only their number (default 1000).</summary>
    public int MaxStoredLineMatches { get; set; } = ShipmentReconciler.DefaultMaxStoredLineMatches;

    /// <summary>Distinct parties kept in a stored shipment's screening section, matching parties first; past it, their number (default 100).</summary>
    public int MaxStoredParties { get; set; } = ShipmentReconciler.DefaultMaxStoredParties;

    /// <summary>Documents listed per party in the screening section and in its finding's evidence; past it, their number (default 50).</summary>
    public int MaxPartyDocuments { get; set; } = ShipmentReconciler.DefaultMaxPartyDocuments;

    /// <summary>
    /// Member documents (as the reconciliation reads them from their write-once results) and units of comparison kept in
    /// memory, so an arrival neither re-reads every member's result nor re-compares members that did not change (default 20,000).
    /// </summary>
    public int CacheSize { get; set; } = 10_000;
}
