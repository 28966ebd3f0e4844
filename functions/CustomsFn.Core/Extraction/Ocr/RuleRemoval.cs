namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Erases table rules and box borders: horizontal and vertical runs of ink much longer than any letter stroke. A
/// bordered goods table otherwise reaches Tesseract as one large figure whose text it drops or reads as noise, with
/// each cell's word box stretched over the rules.
/// </summary>
public static class RuleRemoval
{
    /// <summary>Whitens every ink run of at least half an inch (a rule), horizontal or vertical; returns the runs erased.</summary>
    public static int Clean(GrayImage page, int threshold)
    {
        ArgumentNullException.ThrowIfNull(page);
        int w = page.Width, h = page.Height;
        var px = page.Pixels;
        var minRun = Math.Max(40, page.EffectiveDpi / 2);
        var rule = new bool[px.Length];
        var runs = 0;
        // A rule left slightly skewed steps by one pixel now and then: a pixel counts as ink when it or a neighbour across the run is ink.
        bool Ink(int x, int y, bool horizontal)
        {
            if (px[y * w + x] < threshold) return true;
            if (horizontal) return (y > 0 && px[(y - 1) * w + x] < threshold) || (y + 1 < h && px[(y + 1) * w + x] < threshold);
            return (x > 0 && px[y * w + x - 1] < threshold) || (x + 1 < w && px[y * w + x + 1] < threshold);
        }
        for (var y = 0; y < h; y++)
        {
            var start = -1;
            for (var x = 0; x <= w; x++)
            {
                if (x < w && px[y * w + x] < threshold) { if (start < 0) start = x; continue; }
                if (x < w && start >= 0 && Ink(x, y, horizontal: true)) continue;
                if (start >= 0 && x - start >= minRun) { runs++; for (var k = start; k < x; k++) rule[y * w + k] = true; }
                start = -1;
            }
        }
        for (var x = 0; x < w; x++)
        {
            var start = -1;
            for (var y = 0; y <= h; y++)
            {
                if (y < h && px[y * w + x] < threshold) { if (start < 0) start = y; continue; }
                if (y < h && start >= 0 && Ink(x, y, horizontal: false)) continue;
                if (start >= 0 && y - start >= minRun) { runs++; for (var k = start; k < y; k++) rule[k * w + x] = true; }
                start = -1;
            }
        }
        for (var i = 0; i < px.Length; i++)
            if (rule[i]) px[i] = 255;
        return runs;
    }
}
