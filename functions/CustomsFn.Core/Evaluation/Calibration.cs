namespace CustomsFn.Core.Evaluation;

/// <summary>One confidence band of a reliability table: values whose confidence is in [Low, High).</summary>
public sealed record ConfidenceBand(double Low, double High, int Values, int Right, double MeanConfidence)
{
    public double Accuracy => Values == 0 ? 0 : (double)Right / Values;
}

/// <summary>
/// Reliability table and expected calibration error (ECE: the value-weighted mean of |accuracy - mean confidence| over
/// the bands) of the confidences given to values that were read and labelled; values without a confidence are left out.
/// </summary>
public sealed record CalibrationTable(IReadOnlyList<ConfidenceBand> Bands, double ExpectedCalibrationError, int HighValues, int HighRight)
{
    /// <summary>The confidence from which a value is taken without review (issue #19: right at least 97% of the time).</summary>
    public const double HighConfidence = 0.9;

    public static readonly IReadOnlyList<double> Edges = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0000001];

    /// <summary>Share of the values with confidence at least <see cref="HighConfidence"/> that were right.</summary>
    public double HighAccuracy => HighValues == 0 ? 0 : (double)HighRight / HighValues;

    public static CalibrationTable Of(IEnumerable<(double Confidence, bool Correct)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var bands = new List<ConfidenceBand>();
        for (var i = 0; i + 1 < Edges.Count; i++)
        {
            var (low, upper) = (Edges[i], Edges[i + 1]);
            var inBand = list.Where(v => v.Confidence >= low && v.Confidence < upper).ToList();
            bands.Add(new ConfidenceBand(low, Math.Min(upper, 1), inBand.Count, inBand.Count(v => v.Correct),
                inBand.Count == 0 ? 0 : inBand.Average(v => v.Confidence)));
        }
        var total = list.Count;
        var ece = total == 0 ? 0 : bands.Sum(b => (double)b.Values / total * Math.Abs(b.Accuracy - b.MeanConfidence));
        var high = list.Where(v => v.Confidence >= HighConfidence).ToList();
        return new CalibrationTable(bands, ece, high.Count, high.Count(v => v.Correct));
    }
}
