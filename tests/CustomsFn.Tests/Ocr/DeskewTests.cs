using CustomsFn.Core.Extraction.Ocr;

namespace CustomsFn.Tests.Ocr;

public class DeskewTests
{
    [Theory]
    [InlineData("05-classic-fr-invoice.png")]
    [InlineData("17-grid-es-invoice.jpg")]
    [InlineData("31-packing-es-packing-list.tif")]
    public void Estimate_FindsTheSkewTheGeneratorApplied(string file)
    {
        var bytes = EvalScans.Bytes(file);
        var page = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;
        var applied = (double)EvalScans.Manifest(file)["skewDegrees"]!;

        var estimated = Deskew.EstimateDegrees(page);

        Assert.InRange(estimated, applied - 0.3, applied + 0.3);
        // Rotating back leaves the page straight.
        Assert.InRange(Deskew.EstimateDegrees(page.Rotate(-estimated)), -0.3, 0.3);
    }

    [Fact]
    public void Estimate_OfAStraightPageIsZero_AndOfABlankPageToo()
    {
        // Horizontal bars of "text" on white paper, and a page with no ink.
        const int w = 800, h = 600;
        var px = Enumerable.Repeat((byte)255, w * h).ToArray();
        for (var line = 0; line < 12; line++)
            for (var y = 40 + line * 45; y < 52 + line * 45; y++)
                for (var x = 60; x < 700; x += 9)
                    for (var dx = 0; dx < 6; dx++) px[y * w + x + dx] = 0;
        var straight = new GrayImage(w, h, px, 200);
        Assert.InRange(Deskew.EstimateDegrees(straight), -0.1, 0.1);
        Assert.InRange(Deskew.EstimateDegrees(straight.Rotate(2.5)), 2.3, 2.7);
        Assert.Equal(0, Deskew.EstimateDegrees(new GrayImage(w, h, Enumerable.Repeat((byte)255, w * h).ToArray(), 200)));
    }

    [Fact]
    public void Despeckle_RemovesIsolatedDust_KeepsPunctuationBesideDigits()
    {
        const int w = 300, h = 100;
        var px = Enumerable.Repeat((byte)240, w * h).ToArray();
        void Ink(int x0, int y0, int width, int height)
        {
            for (var y = y0; y < y0 + height; y++) for (var x = x0; x < x0 + width; x++) px[y * w + x] = 10;
        }
        Ink(40, 40, 12, 20);   // a digit
        Ink(55, 57, 3, 3);     // a decimal point right beside it
        Ink(61, 40, 12, 20);   // the next digit
        Ink(200, 20, 2, 2);    // dust in the margin
        Ink(250, 80, 3, 3);    // more dust
        var page = new GrayImage(w, h, px, 240);

        var removed = Despeckle.Clean(page, page.OtsuThreshold());

        Assert.Equal(2, removed);
        Assert.Equal(255, page.Pixels[20 * w + 200]);  // painted white
        Assert.Equal(255, page.Pixels[80 * w + 250]);
        Assert.Equal(10, page.Pixels[58 * w + 56]);  // the point stays
        Assert.Equal(10, page.Pixels[50 * w + 45]);  // the digit stays
    }
}
