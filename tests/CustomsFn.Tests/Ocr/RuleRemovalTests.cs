using CustomsFn.Core.Extraction.Ocr;

namespace CustomsFn.Tests.Ocr;

public class RuleRemovalTests
{
    [Fact]
    public void TableRulesAreErased_LetterStrokesStay()
    {
        const int w = 600, h = 400;
        var px = Enumerable.Repeat((byte)235, w * h).ToArray();
        // A horizontal rule 2 px thick stepping down one pixel halfway (a rule left slightly skewed), and a vertical rule.
        for (var x = 20; x < 580; x++) { var y = x < 300 ? 100 : 101; px[y * w + x] = 0; px[(y + 1) * w + x] = 0; }
        for (var y = 50; y < 380; y++) px[y * w + 40] = 10;
        // A letter: a 30 px stem and a 12 px bar.
        for (var y = 200; y < 230; y++) px[y * w + 300] = 0;
        for (var x = 300; x < 312; x++) px[200 * w + x] = 0;
        var page = new GrayImage(w, h, px, 300);

        var runs = RuleRemoval.Clean(page, page.OtsuThreshold());

        Assert.True(runs >= 3, $"{runs} runs erased");
        Assert.Equal(255, page.Pixels[100 * w + 100]);
        Assert.Equal(255, page.Pixels[102 * w + 500]);
        Assert.Equal(255, page.Pixels[200 * w + 40]);
        Assert.Equal(0, page.Pixels[215 * w + 300]);
        Assert.Equal(0, page.Pixels[200 * w + 306]);
    }
}
