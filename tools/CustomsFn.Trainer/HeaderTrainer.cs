using CustomsFn.Core.Extraction.Layout.Candidates;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CustomsFn.Trainer;

/// <summary>
/// Trains the header model with ML.NET: per field, L-BFGS logistic regression over the candidates' features (right
/// candidate vs the others), then a calibrator, logistic regression over the best candidate's score and its margin
/// over the runner-up, on whether that best candidate is right. Weights are rounded to 6 decimals so that the file
/// is stable across runs.
/// </summary>
public static class HeaderTrainer
{
    public const int Seed = 19;

    /// <summary>What the committed model was trained on (written into the model file).</summary>
    public const string TrainedOn = "SROIE 2019 files 000-312 and samples/eval text PDFs";

    private sealed class Row
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    public static HeaderModel Train(IReadOnlyList<TrainingDocument> documents, string trainedOn)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var ml = new MLContext(seed: Seed);
        var fields = new Dictionary<string, FieldModel>(StringComparer.Ordinal);
        foreach (var field in HeaderFeatures.Fields)
        {
            var names = HeaderFeatures.Names[field];
            var docs = documents.Where(d => d.Candidates.TryGetValue(field, out var c) && c.Count > 0).Select(d => d.Candidates[field]).ToList();
            var rows = docs.SelectMany(d => d).Select(x => new Row { Label = x.Right, Features = [.. x.Candidate.Features.Select(f => (float)f)] }).ToList();
            if (!rows.Any(r => r.Label) || rows.All(r => r.Label)) continue;
            var (weights, bias) = Fit(ml, rows, names.Length, 0.5f);
            var ranker = new FieldModel(names, weights, bias, [0, 0], 0);

            // The calibrator: on each document, is the best-scored candidate right?
            var calibration = new List<Row>();
            foreach (var d in docs)
            {
                var scored = d.Select(x => (x.Right, Score: ranker.Score(x.Candidate.Features))).OrderByDescending(x => x.Score).ToList();
                var margin = scored.Count == 1 ? HeaderModel.SoleCandidateMargin : Math.Min(scored[0].Score - scored[1].Score, HeaderModel.SoleCandidateMargin);
                calibration.Add(new Row { Label = scored[0].Right, Features = [(float)scored[0].Score, (float)margin] });
            }
            var (cw, cb) = calibration.Any(r => r.Label) && !calibration.All(r => r.Label) ? Fit(ml, calibration, 2, 0.01f) : ([1, 0], 0);
            fields[field] = ranker with { CalibrationWeights = cw, CalibrationBias = cb };
        }
        return new HeaderModel(1, trainedOn, fields);
    }

    private static (double[] Weights, double Bias) Fit(MLContext ml, List<Row> rows, int width, float l2)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
            L2Regularization = l2, L1Regularization = 0, OptimizationTolerance = 1e-7f, NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model.SubModel;
        return ([.. model.Weights.Select(w => Math.Round(w, 6))], Math.Round(model.Bias, 6));
    }
}
