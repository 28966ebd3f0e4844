using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>A party's number printed above its name (GLN, customer or supplier number) is not the name.</summary>
public class PartyNumberLineTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    [Theory]
    [InlineData("GLN 4304171000002", true)]
    [InlineData("GLN 4333741000005 Lief-Nr: 549910", true)]
    [InlineData("Kunden-Nr. : 009420", true)]
    [InlineData("Customer No. 118-2290", true)]
    [InlineData("N° client : 40 211", true)]
    [InlineData("(789417-W)", true)]
    [InlineData("MUSTER-KUNDE GMBH", false)]
    [InlineData("3M Deutschland GmbH", false)]
    [InlineData("Customer Service Centre", false)]
    public void IsPartyNumberLine(string text, bool number) => Assert.Equal(number, LayoutFieldExtractor.IsPartyNumberLine(text));

    [Fact]
    public void PartyNumbersAboveTheNames_AreSkipped()
    {
        var page = TextPages.Of(
            (40, 0, "Lieferant"), (210, 0, "Käufer"), (380, 0, "RECHNUNG"),
            (40, 1, "GLN 4333741000005 Lief-Nr: 549910"), (210, 1, "GLN 4304171000002"),
            (40, 2, "NORDLICHT HANDEL GMBH"), (210, 2, "SEEWEG MARKT GMBH"), (380, 2, "Beleg-Nr: R-2026-0415"),
            (40, 3, "BAHNHOFSTRASSE 99"), (210, 3, "KUNDENWEG 88"), (380, 3, "Beleg-Datum: 06.08.2026"),
            (40, 4, "99199 MUSTERHAUSEN"), (210, 4, "40235 DUESSELDORF"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal("NORDLICHT HANDEL GMBH", fields.GetText(FieldNames.SellerName));
        Assert.Equal("SEEWEG MARKT GMBH", fields.GetText(FieldNames.BuyerName));
    }
}
