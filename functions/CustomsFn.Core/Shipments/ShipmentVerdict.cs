using System.Runtime.Serialization;

namespace CustomsFn.Core.Shipments;

/// <summary>The shipment's overall reading: do its documents tell the same story?</summary>
public enum ShipmentVerdict
{
    /// <summary>An invoice and at least one other document, and no finding above info.</summary>
    [EnumMember(Value = "consistent")] Consistent,
    /// <summary>Warnings only: a person should look.</summary>
    [EnumMember(Value = "needs-review")] NeedsReview,
    /// <summary>At least one error: the documents contradict each other.</summary>
    [EnumMember(Value = "inconsistent")] Inconsistent,
    /// <summary>No contradiction so far, but nothing to reconcile yet (one readable document, or no commercial invoice).</summary>
    [EnumMember(Value = "incomplete")] Incomplete,
}
