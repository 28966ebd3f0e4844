namespace CustomsFn.Core.Shipments;

/// <summary>A matched pair of goods lines and the score that paired them.</summary>
public sealed record LinePair(LineRef Left, LineRef Right, double Score);
