using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Layout.Candidates;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>A heading ("PAYMENT RECEIPT", "CUSTOMER INFORMATION") is never a party's name, however prominent.</summary>
public class HeadingNameTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    [Theory]
    [InlineData("PAYMENT RECEIPT", true)]
    [InlineData("CUSTOMER INFORMATION", true)]
    [InlineData("Commercial Invoice - Original", true)]
    [InlineData("TAX INVOICE No. 2031", true)]
    [InlineData("Kundeninformation", true)]
    [InlineData("OYO Rooms", false)]
    [InlineData("Harbourline Components Ltd", false)]
    [InlineData("Invoice Ninja Ltd", false)]
    public void IsHeadingOnly(string text, bool heading) => Assert.Equal(heading, Keywords.IsHeadingOnly(text));

    [Fact]
    public void AHeadingUnderThePartyLabel_IsSkipped_TheNameIsTheLineAfterIt()
    {
        var page = TextPages.Of(
            (40, 0, "Maple Coast Distribution Inc."), (40, 1, "215 Harbourfront Road, Halifax"),
            (300, 3, "Invoice No.:"), (400, 3, "MC-2026-118"),
            (40, 5, "Bill to:"), (40, 6, "CUSTOMER INFORMATION"), (40, 7, "Harbourline Components Ltd"), (40, 8, "Unit 7, Quayside Trading Estate"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal("Harbourline Components Ltd", fields.GetText(FieldNames.BuyerName));
    }

    [Fact]
    public void AHeadingAtTheTopOfThePage_IsNoSellerName()
    {
        var page = TextPages.Of(
            (200, 0, "PAYMENT RECEIPT"), (40, 2, "Maple Coast Distribution Inc."), (40, 3, "215 Harbourfront Road, Halifax"),
            (300, 5, "Receipt No.:"), (400, 5, "MC-2026-118"), (300, 6, "Date:"), (400, 6, "2026-11-02"),
            (40, 8, "Total"), (400, 8, "120.00"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.NotEqual("PAYMENT RECEIPT", fields.GetText(FieldNames.SellerName));
    }
}
