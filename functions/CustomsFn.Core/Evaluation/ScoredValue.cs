namespace CustomsFn.Core.Evaluation;

/// <summary>One header value read and labelled, judged right or wrong, with the confidence it was given: for the reliability table.</summary>
public sealed record ScoredValue(string Set, string Field, double? Confidence, bool Correct);
