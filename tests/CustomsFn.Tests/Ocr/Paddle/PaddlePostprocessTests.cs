using CustomsFn.Core.Extraction.Ocr.Paddle;

namespace CustomsFn.Tests.Ocr.Paddle;

/// <summary>The pure parts of the PaddleOCR engine: DB post-processing, greedy CTC decoding, a line split into words.</summary>
public class PaddlePostprocessTests
{
    private static float[] Map(int width, int height, params (int X0, int Y0, int X1, int Y1, float P)[] blobs)
    {
        var map = new float[width * height];
        foreach (var (x0, y0, x1, y1, p) in blobs)
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++) map[y * width + x] = p;
        return map;
    }

    [Fact]
    public void TwoConfidentKernels_BecomeTwoUnclippedBoxesInReadingOrder()
    {
        // A 20x4 kernel at (30,10) and a 10x4 one at (2,11): the second is left of the first on the same line.
        var map = Map(64, 32, (30, 10, 50, 14, 0.9f), (2, 11, 12, 15, 0.8f));

        var boxes = DbPostprocess.Boxes(map, 64, 32);

        Assert.Equal(2, boxes.Count);
        var (left, right) = (boxes[0], boxes[1]);
        Assert.Equal(0.8f, left.Score, 3);
        Assert.Equal(0.9f, right.Score, 3);
        // Unclip 20x4: d = 80 * 1.5 / 48 = 2.5 on every side: (27.5, 7.5, 52.5, 16.5), the pixels it covers.
        Assert.Equal((27, 7, 53, 17), (right.X0, right.Top, right.X1, right.Bottom));
        // 10x4: d = 40 * 1.5 / 28 = 2.14: (-0.14, 8.86, 14.14, 17.14), clipped at 0.
        Assert.Equal((0, 8, 15, 18), (left.X0, left.Top, left.X1, left.Bottom));
    }

    [Fact]
    public void WeakRegions_ThinRegionsAndLowProbabilities_AreDropped()
    {
        var map = Map(64, 32,
            (5, 5, 25, 9, 0.45f),   // above the binarisation threshold, below the box threshold
            (5, 20, 40, 22, 0.95f), // two pixels high: thinner than the minimum side
            (45, 20, 60, 26, 0.2f)); // below the binarisation threshold

        Assert.Empty(DbPostprocess.Boxes(map, 64, 32));
    }

    [Fact]
    public void Boxes_AreScaledToThePageAndClipped()
    {
        var map = Map(32, 32, (0, 0, 10, 4, 0.9f));

        var box = Assert.Single(DbPostprocess.Boxes(map, 32, 32, scaleX: 2, scaleY: 3, pageWidth: 64, pageHeight: 96));

        // d = 40 * 1.5 / 28 = 2.14: (-2.14, -2.14, 12.14, 6.14) scaled (x2, x3) to (.., 24.3, 18.4) and clipped at 0.
        Assert.Equal((0, 0, 25, 19), (box.X0, box.Top, box.X1, box.Bottom));
    }

    [Fact]
    public void DiagonalNeighbours_AreOneRegion()
    {
        // A 20x4 kernel and a 2x1 speck touching its bottom-right corner only diagonally: one region, 22x5.
        var map = Map(48, 16, (2, 4, 22, 8, 0.9f), (22, 8, 24, 9, 0.9f));

        var box = Assert.Single(DbPostprocess.Boxes(map, 48, 16));
        // d = 110 * 1.5 / 54 = 3.06: the right edge 24 + 3.06 (the kernel alone would end at 22 + 2.5).
        Assert.Equal(28, box.X1);
    }

    [Fact]
    public void TwoLinesJoinedByAThinBridge_AreCutIntoTwoBoxes()
    {
        // Two 30x4 kernels, rows 2-5 and 8-11, joined by a one-pixel column over rows 6-7 (lines set close together).
        var map = Map(40, 16, (2, 2, 32, 6, 0.9f), (2, 8, 32, 12, 0.9f), (10, 6, 11, 8, 0.9f));

        var boxes = DbPostprocess.Boxes(map, 40, 16);

        Assert.Equal(2, boxes.Count);
        Assert.True(boxes[0].Bottom <= 10 && boxes[1].Top >= 4, string.Join(" ", boxes));
        Assert.All(boxes, b => Assert.Equal(0.9f, b.Score, 3));
    }

    [Fact]
    public void RaggedKernel_IsScoredOnItsOwnPixels()
    {
        // A confident comb (teeth 1 px wide, 1 px apart, on a 1-row spine): half its bounding box is empty.
        var map = new float[32 * 16];
        for (var x = 2; x < 28; x++) map[10 * 32 + x] = 0.9f;
        for (var x = 2; x < 28; x += 2)
            for (var y = 4; y < 10; y++) map[y * 32 + x] = 0.9f;

        var box = Assert.Single(DbPostprocess.Boxes(map, 32, 16));
        Assert.Equal(0.9f, box.Score, 3);
    }

    private static float[] Steps(int classes, params (int Class, float P)[] steps)
    {
        var probs = new float[steps.Length * classes];
        for (var t = 0; t < steps.Length; t++)
        {
            var (c, p) = steps[t];
            for (var k = 0; k < classes; k++) probs[t * classes + k] = (1 - p) / (classes - 1);
            probs[t * classes + c] = p;
        }
        return probs;
    }

    [Fact]
    public void Ctc_CollapsesRepeats_DropsBlanks_KeepsRepeatsSplitByABlank_AndAppendsTheSpaceClass()
    {
        // Classes: 0 blank, 1 "A", 2 "B", 3 "发", 4 space.
        var decoder = new CtcDecoder(["A", "B", "发"]);
        Assert.Equal(5, decoder.Classes);
        var probs = Steps(5, (1, 0.9f), (1, 0.8f), (0, 0.99f), (1, 0.7f), (4, 0.6f), (0, 0.9f), (3, 1.0f), (2, 0.5f), (2, 0.9f));

        var line = decoder.Decode(probs, 9, 5);

        Assert.Equal("AA 发B", line.Text);
        Assert.Equal([0, 3, 4, 6, 7], line.Steps);
        // The first step of each kept run: 0.9, 0.7, 0.6, 1.0, 0.5.
        Assert.Equal((0.9f + 0.7f + 0.6f + 1.0f + 0.5f) / 5, line.Confidence, 4);
    }

    [Fact]
    public void Ctc_AllBlank_IsEmptyWithZeroConfidence()
    {
        var line = new CtcDecoder(["A"]).Decode(Steps(3, (0, 0.9f), (0, 0.8f)), 2, 3);
        Assert.Equal("", line.Text);
        Assert.Equal(0, line.Confidence);
    }

    [Fact]
    public void Ctc_ClassCountNotMatchingTheDictionary_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new CtcDecoder(["A", "B"]).Decode(new float[10], 2, 5));

    [Fact]
    public void Line_SplitsOnSpaces_ApportioningTheBoxByCharacters()
    {
        // "INV 12" over 0..60: six characters of 10 px each.
        var words = LineWords.Split("INV 12", 0, 5, 60, 25, 0.9).ToList();

        Assert.Equal(["INV", "12"], words.Select(w => w.Text));
        Assert.Equal((0, 30), (words[0].X0, words[0].X1));
        Assert.Equal((40, 60), (words[1].X0, words[1].X1));
        Assert.All(words, w => Assert.Equal((5, 25, 0.9), (w.Top, w.Bottom, w.Confidence)));
    }

    [Fact]
    public void Line_HanRunIsOneWord_AndEachHanCharacterIsTwiceAsWide()
    {
        // "发票号码 INV-1": four han (8 units), a space (1), five Latin (5): 14 units over 0..140.
        var words = LineWords.Split("发票号码 INV-1", 0, 0, 140, 20, null).ToList();

        Assert.Equal(["发票号码", "INV-1"], words.Select(w => w.Text));
        Assert.Equal((0, 80), (words[0].X0, words[0].X1));
        Assert.Equal((90, 140), (words[1].X0, words[1].X1));
    }

    [Fact]
    public void Line_AFullWidthColonEndsTheLabelWord()
    {
        var words = LineWords.Split("发票号码：CNX-1", 0, 0, 150, 20, null).ToList();

        // 4 han + the colon (10 units), then five Latin (5): 15 units over 0..150.
        Assert.Equal(["发票号码：", "CNX-1"], words.Select(w => w.Text));
        Assert.Equal((100, 150), (words[1].X0, words[1].X1));
    }

    [Fact]
    public void Spaces_AreInsertedWhereLettersAreApartOnThePage_Only()
    {
        // A line box 0..96 x 0..48 (recognised at its own width, 96: steps of 8 px): ink at 0-30 ("发"), 44-60 ("2"),
        // 62-80 ("4"); "发" read at step 1 (x 12), "2" at step 6 (x 52), "4" at step 8 (x 68).
        var pixels = Enumerable.Repeat((byte)255, 96 * 48).ToArray();
        foreach (var (a, b) in new[] { (0, 30), (44, 60), (62, 80) })
            for (var y = 10; y < 40; y++)
                for (var x = a; x < b; x++) pixels[y * 96 + x] = 0;
        var page = new CustomsFn.Core.Extraction.Ocr.GrayImage(96, 48, pixels, null);
        var box = new TextBox(0, 0, 96, 48, 0.9f);

        // A 14-px gap between 发 and 2 (at least 0.36 x 30 = 10.8): a space; 2 and 4, 2 px apart, are left alone.
        Assert.Equal("发 24", PaddleOcr.Spaced(page, 128, box, new CtcText("发24", [1, 6, 8], 0.9f)));

        // A narrower gap (9 px, "8口"): no space.
        for (var y = 10; y < 40; y++)
            for (var x = 30; x < 35; x++) pixels[y * 96 + x] = 0;
        Assert.Equal("发24", PaddleOcr.Spaced(page, 128, box, new CtcText("发24", [1, 6, 8], 0.9f)));

        // Without the gap (ink continuous from 0 to 80): no space.
        for (var y = 10; y < 40; y++)
            for (var x = 0; x < 80; x++) pixels[y * 96 + x] = 0;
        Assert.Equal("发24", PaddleOcr.Spaced(page, 128, box, new CtcText("发24", [1, 6, 8], 0.9f)));
    }

    [Fact]
    public void Line_OfSpacesOnly_HasNoWords() => Assert.Empty(LineWords.Split("   ", 0, 0, 30, 10, 1));

    [Fact]
    public void WordBox_IsShrunkToTheInkInsideIt()
    {
        var pixels = Enumerable.Repeat((byte)255, 40 * 20).ToArray();
        for (var y = 6; y < 14; y++)
            for (var x = 10; x < 25; x++) pixels[y * 40 + x] = 20;
        pixels[1 * 40 + 1] = 0; // ink outside the word's box
        var page = new CustomsFn.Core.Extraction.Ocr.GrayImage(40, 20, pixels, null);

        var tight = PaddleOcr.Tighten(page, 128, new CustomsFn.Core.Extraction.Layout.TextWord("ab", 5, 2, 30, 18, 0.9));
        var blank = PaddleOcr.Tighten(page, 128, new CustomsFn.Core.Extraction.Layout.TextWord("cd", 30, 2, 40, 18, 0.8));

        Assert.Equal((10, 6, 25, 14, "ab", 0.9), (tight.X0, tight.Top, tight.X1, tight.Bottom, tight.Text, tight.Confidence));
        Assert.Equal((30, 2, 40, 18), (blank.X0, blank.Top, blank.X1, blank.Bottom));
    }

    [Fact]
    public void DetectionSize_KeepsTheLongSideAt960InMultiplesOf32()
    {
        Assert.Equal((672, 960), PaddleOcr.DetectionSize(1654, 2339));
        Assert.Equal((288, 96), PaddleOcr.DetectionSize(300, 100));
    }
}
