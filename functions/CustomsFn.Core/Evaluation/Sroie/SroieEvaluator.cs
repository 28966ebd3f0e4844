using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Evaluation.Sroie;

/// <summary>
/// Feeds each SROIE receipt through the layout engine (<see cref="LayoutFieldExtractor"/>, the one the OCR path uses)
/// and scores seller name, issue date, seller address and total amount against company, date, address and total.
/// </summary>
public static class SroieEvaluator
{
    public const string Company = "company";
    public const string Date = "date";
    public const string Address = "address";
    public const string Total = "total";

    private static readonly ExtractorInfo Info = new("sroie-eval", "1");

    public static SroieReport Evaluate(IReadOnlyList<SroieReceipt> receipts, LayoutFieldExtractor? extractor = null)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        extractor ??= new LayoutFieldExtractor();
        var values = new List<ScoredValue>();
        var halves = new Dictionary<string, (int Receipts, Dictionary<string, int[]> Counts, List<double> Overlaps)>(StringComparer.Ordinal)
        {
            [SroieSet.TestHalf] = (0, new(StringComparer.Ordinal), []),
            [SroieSet.DevelopmentHalf] = (0, new(StringComparer.Ordinal), []),
        };
        foreach (var receipt in receipts)
        {
            var fields = extractor.Extract([receipt.Page], DocumentFormat.Image, Info).Document.Fields;
            var half = halves[receipt.Half];
            halves[receipt.Half] = half with { Receipts = half.Receipts + 1 };
            var truth = receipt.Truth;
            void Judge(string key, string field, string? want, Func<string, bool> right)
            {
                var read = fields.TryGetValue(field, out var f) ? f : null;
                var correct = want is not null && read is not null && right(want);
                if (!half.Counts.TryGetValue(key, out var c)) half.Counts[key] = c = new int[4];
                if (want is not null) c[0]++;
                if (read is not null) c[1]++;
                if (correct) c[2]++;
                if (want is not null || read is not null) c[3]++;
                if (read is not null && want is not null) values.Add(new ScoredValue(receipt.Half, field, read.Confidence, correct));
            }
            Judge(Total, FieldNames.TotalAmount, truth.Total, t => SroieScoring.TotalRight(t, fields.GetNumber(FieldNames.TotalAmount)));
            Judge(Date, FieldNames.IssueDate, truth.Date, t => SroieScoring.DateRight(t, fields.GetText(FieldNames.IssueDate)));
            Judge(Company, FieldNames.SellerName, truth.Company, t => SroieScoring.CompanyRight(t, fields.GetText(FieldNames.SellerName)));
            if (truth.Address is not null) half.Overlaps.Add(SroieScoring.AddressOverlap(truth.Address, fields.GetText(FieldNames.SellerAddress)));
            Judge(Address, FieldNames.SellerAddress, truth.Address, t => SroieScoring.AddressOverlap(t, fields.GetText(FieldNames.SellerAddress)) >= SroieScoring.AddressThreshold);
        }
        SroieHalfScore Score(string name)
        {
            var (count, counts, overlaps) = halves[name];
            var scores = new[] { Total, Date, Company, Address }.Where(counts.ContainsKey)
                .Select(k => new FieldScore(k, counts[k][0], counts[k][1], counts[k][2], counts[k][3])).ToList();
            return new SroieHalfScore(name, count, scores, overlaps.Count == 0 ? 0 : overlaps.Average());
        }
        return new SroieReport(Score(SroieSet.TestHalf), Score(SroieSet.DevelopmentHalf), values);
    }
}
