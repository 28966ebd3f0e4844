namespace CustomsFn.Core.Shipments;

/// <summary>A document and the grouping rule that put it into the shipment.</summary>
public sealed record ShipmentMemberInput(ShipmentDocument Document, string JoinedBy);
