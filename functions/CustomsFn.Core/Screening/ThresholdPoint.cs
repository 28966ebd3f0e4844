using System.Globalization;

namespace CustomsFn.Core.Screening;

/// <summary>Precision and recall at one threshold.</summary>
public sealed record ThresholdPoint(float Threshold, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"t={Threshold:0.00} precision={Precision:0.000} recall={Recall:0.000} F1={F1:0.000} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives}, tn {TrueNegatives})");
}
