namespace CustomsFn.Core.Shipments;

/// <summary>One group of documents found by reference or party matching.</summary>
public sealed record ShipmentGroup(string ShipmentId, ShipmentGrouping Grouping, IReadOnlyDictionary<string, string> JoinedBy);
