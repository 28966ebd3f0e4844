namespace CustomsFn.Core.Evaluation.Sroie;

/// <summary>SROIE scores of one half: per field, how many receipts label it, how many were read, how many right.</summary>
public sealed record SroieHalfScore(string Half, int Receipts, IReadOnlyList<FieldScore> Fields, double MeanAddressOverlap)
{
    public FieldScore? Field(string name) => Fields.FirstOrDefault(f => f.Key == name);

    /// <summary>Right values over the receipts that label the field (a missing value counts as wrong).</summary>
    public double Accuracy(string name) => Field(name) is { Expected: > 0 } f ? (double)f.Correct / f.Expected : 0;
}

/// <summary>The SROIE evaluation: the held-out test half first, then the development half, and every scored value's confidence.</summary>
public sealed record SroieReport(SroieHalfScore Test, SroieHalfScore Development, IReadOnlyList<ScoredValue> Values);
