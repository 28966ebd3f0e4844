namespace CustomsFn.Core.Shipments;

/// <summary>The outcome of matching two documents' goods lines.</summary>
public sealed record LineMatching(IReadOnlyList<LinePair> Pairs, IReadOnlyList<LineRef> UnmatchedLeft, IReadOnlyList<LineRef> UnmatchedRight);
