namespace CustomsFn.Core.Extraction.Layout.Candidates;

/// <summary>
/// One possible value of a header field, read from the positioned words, with the features the header model scores
/// (in the order of <see cref="HeaderFeatures.Names"/> for its field).
/// </summary>
public sealed record HeaderCandidate(string Field, object Value, int Page, IReadOnlyList<TextWord> Words, double[] Features);
