using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Rules;
using CustomsFn.Tests.Layout;

namespace CustomsFn.Tests.Rules;

/// <summary>
/// A PDF holding only a table of digits was read without error and accepted with no fields, no lines and no finding:
/// an "accepted" message reached trade systems for a non-document. REQ-004 sends such uploads to a person.
/// </summary>
public sealed class NoTradeContentTests
{
    private static readonly Core.Pipeline.DocumentProcessor Processor = CustomsDefaults.CreateProcessor();

    private static byte[] DigitTable()
    {
        var pdf = new TestPdf();
        for (var row = 0; row < 12; row++)
            for (var col = 0; col < 6; col++)
                pdf.Text(60 + col * 80, 80 + row * 18, ((row * 7919 + col * 104_729) % 100_000).ToString("00000", System.Globalization.CultureInfo.InvariantCulture));
        return pdf.Build();
    }

    [Fact]
    public async Task ATableOfDigits_IsNotAccepted_ItGoesToReviewWithREQ004()
    {
        var result = await Processor.ProcessAsync(new MemoryStream(DigitTable()), new DocumentRef("incoming/digits.pdf"), CancellationToken.None);

        Assert.Empty(result.Lines);
        Assert.NotEqual(ResultStatus.Accepted, result.Status);
        var finding = Assert.Single(result.Findings, f => f.Rule == RequiredFieldsRule.NoTradeContent.Id);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public async Task AnInvoice_DoesNotRaiseREQ004()
    {
        var result = await Processor.ProcessAsync(new MemoryStream(TestPdf.Invoice().Build()), new DocumentRef("incoming/invoice.pdf"), CancellationToken.None);

        Assert.DoesNotContain(result.Findings, f => f.Rule == RequiredFieldsRule.NoTradeContent.Id);
    }
}
