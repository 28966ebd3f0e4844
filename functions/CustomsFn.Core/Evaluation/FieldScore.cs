namespace CustomsFn.Core.Evaluation;

/// <summary>Counts for one field (or one language, one format): how many values were expected, predicted and right.</summary>
public sealed record FieldScore(string Key, int Expected, int Predicted, int Correct, int Union)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Expected == 0 ? 0 : (double)Correct / Expected;
    /// <summary>Right values over every (document, field) pair that was expected or predicted: misses and spurious values both count against it.</summary>
    public double ExactMatch => Union == 0 ? 0 : (double)Correct / Union;
}
