using CustomsFn.Core.Evaluation.Sroie;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Layout.Candidates;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Names at the top of OCR'd receipts: tall boxes of two lines overlapping by half are two lines, a legal form wrapped onto its
/// own line names nobody, and a registration number after the name is no part of it.
/// </summary>
public class ReceiptNameTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    /// <summary>An OCR line box as SROIE writes it: four corners clockwise from the top left, then the text.</summary>
    private static string Box(int x0, int top, int x1, int bottom, string text) => $"{x0},{top},{x1},{top},{x1},{bottom},{x0},{bottom},{text}";

    private static FieldSet Read(params string[] boxes) =>
        new LayoutFieldExtractor().Extract([SroieSet.ReadPage(boxes)], DocumentFormat.Image, Info).Document.Fields;

    [Fact]
    public void TallBoxesOfTwoLinesOverlappingByHalf_AreTwoLines()
    {
        var page = SroieSet.ReadPage([Box(112, 298, 628, 358, "AIK HUAT HARDWARE"), Box(114, 329, 628, 387, "ENTERPRISE (SETIA"), Box(150, 392, 590, 440, "ALAM) SDN BHD")]);

        var lines = LineBuilder.Build(page).Select(l => l.Text).ToList();

        Assert.Equal(["AIK HUAT HARDWARE", "ENTERPRISE (SETIA", "ALAM) SDN BHD"], lines);
    }

    [Fact]
    public void WordsAtOneHeightThatCollide_AreOneLine()
    {
        // A header label running into the next one ("Eenheid" into "Prijs per eenheid").
        var page = SroieSet.ReadPage([Box(347, 227, 381, 235, "Eenheid"), Box(367, 227, 439, 235, "Prijs per eenheid"), Box(481, 227, 511, 235, "Bedrag")]);

        Assert.Single(LineBuilder.Build(page));
    }

    [Fact]
    public void AHeaderCellWrappedBesideACellCentredOnBothLines_IsStillOneBand()
    {
        var page = SroieSet.ReadPage([Box(300, 0, 360, 8, "Prijs per"), Box(400, 4, 440, 12, "Bedrag"), Box(300, 8, 350, 16, "eenheid")]);

        Assert.Single(LineBuilder.Build(page));
    }

    [Theory]
    [InlineData("SDN BHD", true)]
    [InlineData("SDN. BHD.", true)]
    [InlineData("GmbH & Co. KG", true)]
    [InlineData("Co., Ltd.", true)]
    [InlineData("PASARAYA BORONG PINTAR SDN BHD", false)]
    [InlineData("HARDWARE TRADING", false)]
    [InlineData("Harbourline Components Ltd", false)]
    public void IsLegalFormOnly(string text, bool legalFormOnly) => Assert.Equal(legalFormOnly, Keywords.IsLegalFormOnly(text));

    [Fact]
    public void ALegalFormWrappedOntoItsOwnLine_IsNoSellerName()
    {
        var fields = Read(
            Box(150, 40, 560, 80, "PASARAYA BORONG PINTAR"), Box(260, 84, 440, 124, "SDN BHD"), Box(200, 128, 520, 160, "BR NO. :(124525-H)"),
            Box(60, 164, 640, 196, "NO 19-G JALAN TASIK UTAMA 4,"), Box(120, 200, 580, 232, "MEDAN NIAGA TASIK DAMAI"),
            Box(60, 300, 300, 330, "DATE: 14/03/2018"), Box(60, 500, 200, 530, "TOTAL"), Box(480, 500, 600, 530, "23.50"));

        var name = fields.GetText(FieldNames.SellerName);
        Assert.NotNull(name);
        Assert.NotEqual("SDN BHD", name);
        Assert.StartsWith("PASARAYA BORONG PINTAR", name, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegistrationNumberAfterTheName_IsNoPartOfIt()
    {
        var fields = Read(
            Box(100, 40, 600, 80, "99 SPEED MART S/B (519537-X)"), Box(80, 84, 620, 116, "LOT P.T. 2811, JALAN ANGSA,"),
            Box(80, 120, 620, 152, "TAMAN BERKELEY 41150 KLANG, SELANGOR"), Box(80, 156, 620, 188, "GST ID. NO : 000181747712"),
            Box(60, 300, 320, 330, "DATE: 14/03/2018"), Box(60, 500, 200, 530, "TOTAL"), Box(480, 500, 600, 530, "23.50"));

        Assert.Equal("99 SPEED MART S/B", fields.GetText(FieldNames.SellerName));
        Assert.Equal("99 SPEED MART S/B", HeaderFeatures.NameWithoutRegistration("99 SPEED MART S/B (519537-X)"));
        Assert.Null(HeaderFeatures.NameWithoutRegistration("99 SPEED MART S/B"));
    }

    [Fact]
    public void ANameEndingInAJoiningSign_GoesOnToTheNextLine()
    {
        var fields = Read(
            Box(146, 47, 565, 84, "HOME MASTER HARDWARE &"), Box(266, 89, 444, 125, "ELECTRICAL"),
            Box(85, 130, 625, 160, "NO.113G & 115G, JALAN SETIA GEMBILANG"), Box(85, 165, 625, 195, "40170 BANDAR SETIA ALAM, SELANGOR."),
            Box(85, 200, 625, 230, "COMPANY REG NO. :SA03711551-P"),
            Box(60, 300, 320, 330, "DATE: 14/03/2018"), Box(60, 500, 200, 530, "TOTAL"), Box(480, 500, 600, 530, "23.50"));

        Assert.Equal("HOME MASTER HARDWARE & ELECTRICAL", fields.GetText(FieldNames.SellerName));
    }
}
