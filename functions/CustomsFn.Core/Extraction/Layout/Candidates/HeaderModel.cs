using System.Reflection;
using Newtonsoft.Json;

namespace CustomsFn.Core.Extraction.Layout.Candidates;

/// <summary>
/// The trained header model (<c>header-model.json</c>, written by <c>tools/CustomsFn.Trainer</c>): per field, logistic
/// weights over the candidate features (<see cref="HeaderFeatures.Names"/>) rank the candidates, and a calibrator
/// (logistic over the best candidate's score and its margin over the runner-up, fitted on the development data) turns
/// the best one's score into the probability that it is right. Evaluated here without ML.NET.
/// </summary>
public sealed class HeaderModel
{
    public const string ResourceName = "CustomsFn.Layout.header-model.json";

    /// <summary>Margin used when a field has one candidate only.</summary>
    public const double SoleCandidateMargin = 5;

    [JsonConstructor]
    public HeaderModel(int version, string trainedOn, Dictionary<string, FieldModel> fields)
    {
        Version = version;
        TrainedOn = trainedOn;
        Fields = fields ?? throw new ArgumentNullException(nameof(fields));
        foreach (var (name, model) in Fields)
        {
            if (!HeaderFeatures.Names.TryGetValue(name, out var names))
                throw new InvalidDataException($"The header model scores '{name}', a field without candidate features.");
            if (!model.Features.SequenceEqual(names) || model.Weights.Length != names.Length)
                throw new InvalidDataException($"The header model's features for '{name}' do not match the code's: retrain it (tools/CustomsFn.Trainer).");
        }
    }

    public int Version { get; }
    public string TrainedOn { get; }
    public Dictionary<string, FieldModel> Fields { get; }

    private static readonly Lazy<HeaderModel> Embedded = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The model shipped in the assembly.</summary>
    public static HeaderModel Default => Embedded.Value;

    public static HeaderModel Parse(string json) =>
        JsonConvert.DeserializeObject<HeaderModel>(json) ?? throw new InvalidDataException("The header model file is empty.");

    public string ToJson() => JsonConvert.SerializeObject(this, Formatting.Indented);

    /// <summary>The best candidate of a field and the calibrated probability that it is right; null without candidates or a model for the field.</summary>
    public (HeaderCandidate Candidate, double Probability)? Pick(string field, IReadOnlyList<HeaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0 || !Fields.TryGetValue(field, out var model)) return null;
        HeaderCandidate? best = null;
        double top = double.NegativeInfinity, second = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            var s = model.Score(c.Features);
            if (s > top) { second = top; top = s; best = c; }
            else if (s > second) second = s;
        }
        var margin = double.IsNegativeInfinity(second) ? SoleCandidateMargin : Math.Min(top - second, SoleCandidateMargin);
        return (best!, model.Calibrate(top, margin));
    }
}

/// <summary>One field's ranking weights and calibrator.</summary>
public sealed record FieldModel(string[] Features, double[] Weights, double Bias, double[] CalibrationWeights, double CalibrationBias)
{
    /// <summary>The candidate's log-odds of being the field's value.</summary>
    public double Score(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != Weights.Length) throw new ArgumentException($"{Weights.Length} features expected, {features.Count} given.", nameof(features));
        var s = Bias;
        for (var i = 0; i < Weights.Length; i++) s += Weights[i] * features[i];
        return s;
    }

    /// <summary>The probability that the best candidate (score, margin over the runner-up) is right.</summary>
    public double Calibrate(double score, double margin) =>
        1 / (1 + Math.Exp(-(CalibrationBias + CalibrationWeights[0] * score + CalibrationWeights[1] * margin)));
}
