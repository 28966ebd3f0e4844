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

    /// <summary>Per set and field ("families/held-out/invoiceNumber"): the field scores of one set alone.</summary>
    public IReadOnlyList<FieldScore> SetFields { get; init; } = [];

    /// <summary>Header fields of one set pooled: every labelled or predicted value of the set's documents.</summary>
    public FieldScore? Set(string set)
    {
        var rows = SetFields.Where(f => f.Key.StartsWith(set + "/", StringComparison.Ordinal) && !f.Key[(set.Length + 1)..].Contains('/', StringComparison.Ordinal)).ToList();
        return rows.Count == 0 ? null
            : new FieldScore(set, rows.Sum(r => r.Expected), rows.Sum(r => r.Predicted), rows.Sum(r => r.Correct), rows.Sum(r => r.Union));
    }

    /// <summary>Goods lines with description, quantity, unit price and amount all right, over one set's expected goods lines.</summary>
    public double LineItemScoreForSet(string set)
    {
        var docs = Documents.Where(d => d.Set == set).ToList();
        var expected = docs.Sum(d => d.LinesExpected);
        return expected == 0 ? 0 : (double)docs.Sum(d => d.LinesCorrect) / expected;
    }

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
