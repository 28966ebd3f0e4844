using CustomsFn.Core.Extraction.Layout.Candidates;
using CustomsFn.Trainer;

// customs-train [--sroie <folder>] [--samples <folder>] [--families <folder>] [--out <model.json>] [--check]
// Trains the header model from the SROIE development half and samples/eval, and writes it (or, with --check, compares it
// with the committed file and exits 1 when they differ). --families adds the train split of a layout-families folder (never
// the held-out families): an experiment only, the shipped model is trained without them (docs/extraction.md says why).
var sroie = Arg("--sroie") ?? Path.Combine("..", "shared", "corpus", "receipts", "sroie-2019");
var samples = Arg("--samples") ?? Path.Combine("samples", "eval");
var families = Arg("--families");
var output = Arg("--out") ?? Path.Combine("functions", "CustomsFn.Core", "Extraction", "Layout", "Candidates", "header-model.json");
var check = args.Contains("--check");
if (!Directory.Exists(sroie) || !Directory.Exists(samples) || (families is not null && !Directory.Exists(families)))
{
    Console.Error.WriteLine($"error: training data not found ({sroie}, {samples}{(families is null ? "" : ", " + families)}); run from the repository root or pass --sroie and --samples.");
    return 2;
}

var documents = TrainingDocument.Load(sroie, samples, families);
var model = HeaderTrainer.Train(documents, families is null ? HeaderTrainer.TrainedOn : HeaderTrainer.TrainedOn + " and the train families of " + families);
var json = model.ToJson() + "\n";
foreach (var (field, m) in model.Fields)
    Console.WriteLine($"{field}: {m.Features.Length} features, trained on {documents.Count(d => d.Candidates.ContainsKey(field))} documents");
if (check)
{
    var same = File.Exists(output) && File.ReadAllText(output).ReplaceLineEndings("\n") == json;
    Console.WriteLine(same ? $"{output} is what the training produces." : $"{output} differs from what the training produces: run customs-train.");
    return same ? 0 : 1;
}
File.WriteAllText(output, json);
Console.WriteLine($"Model written to {output}");
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
