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
}
