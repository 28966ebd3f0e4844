using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// One whole scan through the default pipeline (real tesseract): a bordered goods table, which Tesseract dropped
/// before table rules were erased and OCR words adapted to the layout engine. The full scan evaluation is
/// `customs eval samples/eval` (minutes of OCR; not a unit test).
/// </summary>
public class ScanExtractionTests
{
    [Fact]
    public async Task BorderedTableOnASkewedScan_AllGoodsLinesAndFieldsAreRead()
    {
        var docs = ExpectedSet.Load(EvalScans.Root).Where(d => d.Name == "05-classic-fr-invoice.png").ToList();
        var options = new PipelineOptions();
        options.Ocr.FixedLanguages = "fra";

        var report = await ExtractionEvaluator.EvaluateAsync(CustomsDefaults.CreateProcessor(options), docs);

        var doc = Assert.Single(report.Documents);
        Assert.Equal(3, doc.LinesExpected);
        Assert.True(doc.LinesCorrect == doc.LinesExpected, string.Join("; ", doc.Errors));
        Assert.True(doc.FieldsCorrect >= doc.FieldsExpected - 1, string.Join("; ", doc.Errors));
    }
}
