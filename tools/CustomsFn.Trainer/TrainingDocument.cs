using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Evaluation.Sroie;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Layout.Candidates;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Model;

namespace CustomsFn.Trainer;

/// <summary>
/// One labelled training document: the header candidates the layout engine generates for it (rules only, no model)
/// and, per candidate, whether it is the labelled value.
/// </summary>
public sealed record TrainingDocument(string Name, IReadOnlyDictionary<string, List<(HeaderCandidate Candidate, bool Right)>> Candidates)
{
    private static readonly ExtractorInfo Info = new("customs-train", "1");

    /// <summary>The only layout-family split the model may learn from.</summary>
    public const string TrainFamilies = ExpectedSet.FamiliesSet + "train";

    /// <summary>
    /// The development half of SROIE (files 000-312), the project's labelled text PDFs (samples/eval) and, when given,
    /// the train split of the layout families (samples/families, set "families/train"): never the SROIE test half, never
    /// invoice2data, never a held-out layout family.
    /// </summary>
    public static List<TrainingDocument> Load(string sroieFolder, string samplesFolder, string? familiesFolder = null)
    {
        var result = new List<TrainingDocument>();
        foreach (var receipt in SroieSet.Load(sroieFolder).Where(r => r.IsDevelopment))
        {
            var t = receipt.Truth;
            result.Add(Label($"sroie/{receipt.Number:000}", [receipt.Page], DocumentFormat.Image, new Dictionary<string, Func<HeaderCandidate, double>>(StringComparer.Ordinal)
            {
                [FieldNames.TotalAmount] = c => t.Total is { } v && SroieScoring.TotalRight(v, (decimal)c.Value) ? 1 : 0,
                [FieldNames.IssueDate] = c => t.Date is { } v && SroieScoring.DateRight(v, (string)c.Value) ? 1 : 0,
                [FieldNames.SellerName] = c => t.Company is { } v && SroieScoring.CompanyRight(v, (string)c.Value) ? 1 : 0,
                [FieldNames.SellerAddress] = c => t.Address is { } v ? SroieScoring.AddressOverlap(v, (string)c.Value) : 0,
            }));
        }
        var labelled = ExpectedSet.Load(samplesFolder).Where(d => d.Format == DocumentFormat.PdfText).ToList();
        if (familiesFolder is not null)
            labelled.AddRange(ExpectedSet.Load(familiesFolder).Where(d => d.Format == DocumentFormat.PdfText && d.Set == TrainFamilies));
        foreach (var doc in labelled)
        {
            var pages = PdfPages.Read(File.ReadAllBytes(doc.DocumentPath), includeImages: false, CancellationToken.None).Select(p => p.Text).ToList();
            var labels = new Dictionary<string, Func<HeaderCandidate, double>>(StringComparer.Ordinal);
            foreach (var field in HeaderFeatures.Fields)
                if (doc.Fields.TryGetValue(field, out var want))
                    labels[field] = c => ExtractionEvaluator.Same(field, want, c.Value) ? 1 : 0;
            result.Add(Label((doc.Set == TrainFamilies ? "families/" : "samples/") + doc.Name, pages, DocumentFormat.PdfText, labels));
        }
        return result;
    }

    /// <summary>
    /// Labels the candidates: a candidate is right when its match with the truth is 1 (exact fields), or, for the
    /// address (token overlap), when it has the best overlap of the document and that overlap reaches the threshold.
    /// </summary>
    private static TrainingDocument Label(string name, IReadOnlyList<PageText> pages, string format, Dictionary<string, Func<HeaderCandidate, double>> match)
    {
        var (_, candidates) = new LayoutFieldExtractor(null).ExtractWithCandidates(pages, format, Info);
        var labelled = new Dictionary<string, List<(HeaderCandidate, bool)>>(StringComparer.Ordinal);
        foreach (var field in HeaderFeatures.Fields)
        {
            if (!match.TryGetValue(field, out var m)) continue;
            var scores = candidates[field].Select(c => m(c)).ToList();
            var best = scores.Count == 0 ? 0 : scores.Max();
            var threshold = field == FieldNames.SellerAddress ? SroieScoring.AddressThreshold : 1;
            labelled[field] = candidates[field].Select((c, i) => (c, best >= threshold && scores[i] >= best - 1e-9)).ToList();
        }
        return new TrainingDocument(name, labelled);
    }

    public override string ToString() => Name + " " + string.Join(", ", Candidates.Select(kv =>
        kv.Key + "=" + kv.Value.Count(x => x.Right).ToString(CultureInfo.InvariantCulture) + "/" + kv.Value.Count.ToString(CultureInfo.InvariantCulture)));
}
