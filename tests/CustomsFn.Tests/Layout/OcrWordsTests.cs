using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>The adaptation of OCR words (pixels, glyph boxes) to the text-layer conventions of the layout engine.</summary>
public class OcrWordsTests
{
    private static PageText Page(params TextWord[] words) => new(1, 2480, 3508, PageText.Pixels, words);

    [Fact]
    public void TextLayerPages_PassThroughUnchanged()
    {
        var page = new PageText(1, 595, 842, PageText.Points, [new TextWord("Invoice", 10, 10, 50, 20)]);

        Assert.Same(page, OcrWords.Normalize(page));
    }

    [Fact]
    public void SpecksAndUnbelievedMarksAreDropped_RealWordsScoredZeroStay()
    {
        var page = Page(
            new TextWord("Total", 100, 100, 200, 130, 0.95),
            new TextWord(":", 300, 126, 303, 129, 0.9),      // a speck read as punctuation
            new TextWord("RE", 400, 100, 440, 130, 0.0),      // a logo fragment the recogniser does not believe
            new TextWord("Deep", 500, 100, 580, 130, 0.0),    // a real word Tesseract scored 0
            new TextWord("381,92", 700, 100, 800, 130, 0.96));

        var words = OcrWords.Normalize(page).Words.Select(w => w.Text).ToList();

        Assert.Equal(["Total", "Deep", "381,92"], words);
    }

    [Fact]
    public void CjkCharactersReturnedOneByOne_AreMergedIntoAWord_LatinWordsAreNot()
    {
        var page = Page(
            new TextWord("宁", 100, 100, 130, 130, 0.9), new TextWord("波", 134, 100, 164, 130, 0.8),
            new TextWord("市", 168, 100, 198, 130, 0.9),
            new TextWord("Trading", 400, 100, 520, 130, 0.9), new TextWord("Ltd", 532, 100, 580, 130, 0.9));

        var words = OcrWords.Normalize(page).Words;

        Assert.Equal(["宁波市", "Trading", "Ltd"], words.Select(w => w.Text));
        Assert.Equal(0.8, words[0].Confidence);
        Assert.Equal((100.0, 198.0), (words[0].X0, words[0].X1));
    }

    [Fact]
    public void GlyphBoxesBecomeFontBoxes_SoShortLettersAndOverlappingSlashesStayInOneSegment()
    {
        // "Vendeur / Exportateur": the slash's box overlaps the word before it; "one" hugs x-height only.
        var page = Page(
            new TextWord("Vendeur", 170, 296, 350, 325, 0.93), new TextWord("/", 333, 292, 351, 333, 0.93),
            new TextWord("Exportateur", 365, 298, 585, 329, 0.91),
            new TextWord("Total", 170, 400, 260, 430, 0.95), new TextWord("one", 275, 408, 330, 430, 0.95));

        var lines = LineBuilder.Build(OcrWords.Normalize(page));

        Assert.Equal(2, lines.Count);
        Assert.Equal("Vendeur / Exportateur", Assert.Single(lines[0].Segments).Text);
        var total = lines[1].Words;
        // Same font, same box within a few pixels, although "one" has no ascender.
        Assert.InRange(total[1].Top - total[0].Top, -3, 3);
        Assert.InRange(total[1].Bottom - total[0].Bottom, -3, 3);
    }

    [Fact]
    public void RemainingSkewIsShearedOut_SoSlopedRowsDoNotInterleave()
    {
        // Two rows of a bilevel scan read as is, sloping 2 degrees: 35 px per 1000 px.
        var words = new List<TextWord>();
        foreach (var (row, y) in new[] { ("A", 100.0), ("B", 150.0) })
            for (var i = 0; i < 8; i++)
            {
                var x = 100 + i * 250;
                var top = y + x * 0.035;
                words.Add(new TextWord($"{row}{i}", x, top, x + 90, top + 30, 0.9));
            }

        var lines = LineBuilder.Build(OcrWords.Normalize(Page([.. words])));

        Assert.Equal(2, lines.Count);
        Assert.All(lines[0].Words, w => Assert.StartsWith("A", w.Text, StringComparison.Ordinal));
        Assert.All(lines[1].Words, w => Assert.StartsWith("B", w.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("3,398,72", "3,398.72")]
    [InlineData("7.623.00", "7.623,00")]
    [InlineData("32,.832", "32,832")]
    [InlineData("1,234.56", "1,234.56")]
    [InlineData("1.234,56", "1.234,56")]
    [InlineData("12.50", "12.50")]
    [InlineData("8482.10.00", "8482.10.00")]
    public void RepairNumber_FixesSeparatorsOnlyWhereNoLocaleCouldMeanThem(string read, string repaired) =>
        Assert.Equal(repaired, OcrWords.RepairNumber(read));

    [Fact]
    public void TrailingJunkAndLeadingQuotesAreTrimmed_AbbreviationsKeepTheirDot()
    {
        var page = Page(
            new TextWord("„EUR", 100, 100, 180, 130, 0.9), new TextWord("cm”...", 300, 100, 400, 130, 0.9),
            new TextWord("S.L..", 500, 100, 580, 130, 0.9), new TextWord("3926.90.00.", 700, 100, 900, 130, 0.9));

        Assert.Equal(["EUR", "cm", "S.L.", "3926.90.00"], OcrWords.Normalize(page).Words.Select(w => w.Text));
    }

    [Fact]
    public void LabelVariant_UndoesDigitForLetterConfusions()
    {
        Assert.Equal("n.o", OcrWords.LabelVariant("n.2"));
        Assert.Equal("total", OcrWords.LabelVariant("tota1"));
        Assert.Null(OcrWords.LabelVariant("total"));
        Assert.Null(OcrWords.LabelVariant("2026"));
    }

    [Fact]
    public void TableWithAnUnnamedPriceColumn_IsReadByArithmetic_FromOcrAndFromATextLayer()
    {
        // The unit-price header was misread, so only Description, Qty and Amount are named; 2.50 sits between them.
        static TextWord W(string t, double x, double y, double? c) => new(t, x, y, x + 20 * t.Length, y + 30, c);
        PageText Table(string unit, double? c) => new(1, 2480, 3508, unit,
        [
            W("Description", 100, 100, c), W("Qty", 900, 100, c), W("Amount", 1500, 100, c),
            W("Bolts", 100, 160, c), W("M8", 220, 160, c), W("4", 940, 160, c), W("2.50", 1200, 160, c), W("10.00", 1520, 160, c),
        ]);
        var info = new ExtractorInfo("t", "1");

        var ocr = new LayoutFieldExtractor().Extract([Table(PageText.Pixels, 0.9)], "image", info).Document.Lines;
        var text = new LayoutFieldExtractor().Extract([Table(PageText.Points, null)], "pdf-text", info).Document.Lines;

        var line = Assert.Single(ocr);
        Assert.Equal((4m, 2.50m, 10.00m), (line.GetNumber(FieldNames.Quantity), line.GetNumber(FieldNames.UnitPrice), line.GetNumber(FieldNames.Amount)));
        Assert.InRange(line[FieldNames.UnitPrice].Confidence!.Value, 0.01, 0.98);
        // A text layer: the column roles come from the row's arithmetic too (ArithmeticColumns), with nothing to repair.
        Assert.Equal(2.50m, Assert.Single(text).GetNumber(FieldNames.UnitPrice));
    }

    [Fact]
    public void NumberSplitAtItsDecimalSeparator_IsJoinedBeforeTheSeparatorCouldBeTrimmed()
    {
        // Tesseract returned "257" and ".5" (boxes overlapping); a separate ".5" on the next column stays apart.
        var page = Page(
            new TextWord("257", 1750, 1226, 1835, 1257, 0.06), new TextWord(".5", 1813, 1217, 1838, 1264, 0.06),
            new TextWord("12", 100, 1400, 140, 1430, 0.9), new TextWord(",5", 600, 1400, 630, 1430, 0.9));

        var words = OcrWords.Normalize(page).Words.Select(w => w.Text).ToList();

        Assert.Equal("257.5", words[0]);
        Assert.DoesNotContain("12,5", words);
    }

    [Theory]
    [InlineData("」PX-2026-00268", "JPX-2026-00268")]
    [InlineData("jPY", "JPY")]
    [InlineData("cNX-2026-00439", "CNX-2026-00439")]
    [InlineData("[Set", "Set")]
    [InlineData("DiN-rail", "DIN-rail")]
    [InlineData("GmbH", "GmbH")]
    [InlineData("McDonald", "McDonald")]
    [InlineData("[A]", "[A]")]
    [InlineData("kWh", "kWh")]
    [InlineData("iPhone", "iPhone")]
    [InlineData("mm2", "mm2")]
    public void RepairLetters_UndoesShapeAlikeLetterConfusions(string read, string repaired) =>
        Assert.Equal(repaired, OcrWords.RepairLetters(read));

    [Fact]
    public void UnitAfterANumber_StaysAlthoughScoredLow_APlusGluedToALetterGoes()
    {
        var page = Page(
            new TextWord("roble", 647, 1097, 727, 1123, 0.97), new TextWord("180", 749, 1090, 799, 1133, 0.16),
            new TextWord("cm”...", 813, 1086, 1001, 1128, 0.16),
            new TextWord("ab", 1400, 1097, 1440, 1123, 0.05),
            new TextWord("+Arabica", 588, 1300, 677, 1330, 0.24), new TextWord("+49", 800, 1300, 860, 1330, 0.9));

        Assert.Equal(["roble", "180", "cm", "Arabica", "+49"], OcrWords.Normalize(page).Words.Select(w => w.Text));
    }

    [Fact]
    public void TwoCjkCharactersScoredLow_AreAWordNotTexture()
    {
        var page = Page(
            new TextWord("发票", 62, 399, 222, 421, 0.17),  // a label the recogniser was unsure of
            new TextWord("曙", 227, 415, 249, 437, 0.00),   // a mark read as one character
            new TextWord("日期", 576, 409, 628, 437, 0.65));

        Assert.Equal(["发票", "日期"], OcrWords.Normalize(page).Words.Select(w => w.Text));
    }
}
