namespace CustomsFn.Core.Evaluation;

public sealed record EvaluationReport(
    IReadOnlyList<FieldScore> Fields,
    IReadOnlyList<FieldScore> Languages,
    IReadOnlyList<FieldScore> Formats,
    IReadOnlyList<FieldScore> LineFields,
    int GoodsLinesExpected,
    int GoodsLinesCorrect,
    IReadOnlyList<DocumentOutcome> Documents)
{
    /// <summary>Every header value that was both labelled and read, judged: for the calibration table.</summary>
    public IReadOnlyList<ScoredValue> Values { get; init; } = [];

    /// <summary>Goods lines with description, quantity, unit price and amount all right, over the expected goods lines.</summary>
    public double LineItemScore => GoodsLinesExpected == 0 ? 0 : (double)GoodsLinesCorrect / GoodsLinesExpected;

    public FieldScore? Format(string format) => Formats.FirstOrDefault(f => f.Key == format);

    /// <summary>Share of documents of a set with invoice number, issue date, total amount and currency all right.</summary>
    public double KeyFieldDocumentRate(string set)
    {
        var docs = Documents.Where(d => d.Set == set).ToList();
        return docs.Count == 0 ? 0 : (double)docs.Count(d => d.KeyFieldsCorrect) / docs.Count;
    }

    /// <summary>Line-item score restricted to one format.</summary>
    public double LineItemScoreFor(string format)
    {
        var docs = Documents.Where(d => d.Format == format).ToList();
        var expected = docs.Sum(d => d.LinesExpected);
        return expected == 0 ? 0 : (double)docs.Sum(d => d.LinesCorrect) / expected;
    }
}
