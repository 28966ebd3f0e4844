using CustomsFn.Bench;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using UglyToad.PdfPig;

namespace CustomsFn.Tests;

/// <summary>The slow-pdfs bench row's slow PDF is a valid invoice whose drawing, not its text, makes it slow.</summary>
public sealed class SlowPdfWorkloadTests
{
    [Fact]
    public async Task SlowInvoice_IsAnOrdinaryAcceptedInvoice_WhateverTheDrawing()
    {
        using var processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = new IsolationOptions { Pdf = false } });
        foreach (var placements in new[] { 1, 20 })
        {
            var pdf = SlowPdfWorkload.SlowInvoice(7, segments: 500, placements);
            var result = await processor.ProcessAsync(UploadContent.FromBytes(pdf), new DocumentRef("incoming/slow.pdf"), CancellationToken.None);
            Assert.Equal(ResultStatus.Accepted, result.Status);
            Assert.Equal("SLOW-0007", result.Fields.GetText(FieldNames.InvoiceNumber));
        }
    }

    [Fact]
    public void SlowInvoice_DrawsSegmentsTimesPlacementsPaths_FromASmallFile()
    {
        var pdf = SlowPdfWorkload.SlowInvoice(1, segments: 300, placements: 10);
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.Equal(300 * 10, page.Paths.Count);
        Assert.Contains(page.GetWords(), w => w.Text == "SLOW-0001");
        Assert.True(pdf.Length < 300 * 40, $"{pdf.Length} bytes");
    }
}
