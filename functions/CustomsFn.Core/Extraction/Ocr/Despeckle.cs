namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Removes dust: ink blobs of at most a few pixels with no other ink nearby. Punctuation (a decimal comma or point) is
/// kept because digits stand beside it.
/// </summary>
public static class Despeckle
{
    public static int Clean(GrayImage page, int threshold)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dpi = page.EffectiveDpi;
        var maxSize = Math.Max(2, dpi / 80);       // 3 px at 240 dpi
        var radius = Math.Max(4, dpi / 25);        // 1 mm of clear paper around it
        int w = page.Width, h = page.Height;
        var px = page.Pixels;
        var removed = 0;
        for (var y = 0; y < h; y++)
        {
            var row = y * w;
            for (var x = 0; x < w; x++)
            {
                if (px[row + x] >= threshold) continue;
                // The blob's extent: grow a box while its border still has ink, up to maxSize.
                int x0 = x, x1 = x, y0 = y, y1 = y;
                var grew = true;
                while (grew && x1 - x0 < maxSize && y1 - y0 < maxSize)
                {
                    grew = false;
                    if (x1 + 1 < w && ColumnHasInk(px, w, x1 + 1, y0, y1, threshold)) { x1++; grew = true; }
                    if (x0 > 0 && ColumnHasInk(px, w, x0 - 1, y0, y1, threshold)) { x0--; grew = true; }
                    if (y1 + 1 < h && RowHasInk(px, w, y1 + 1, x0, x1, threshold)) { y1++; grew = true; }
                }
                if (x1 - x0 >= maxSize || y1 - y0 >= maxSize) { x = x1; continue; }
                if (InkAround(px, w, h, x0, y0, x1, y1, radius, threshold)) { x = x1; continue; }
                for (var yy = y0; yy <= y1; yy++)
                    for (var xx = x0; xx <= x1; xx++)
                        px[yy * w + xx] = 255;
                removed++;
            }
        }
        return removed;
    }

    private static bool ColumnHasInk(byte[] px, int w, int x, int y0, int y1, int t)
    {
        for (var y = y0; y <= y1; y++) if (px[y * w + x] < t) return true;
        return false;
    }

    private static bool RowHasInk(byte[] px, int w, int y, int x0, int x1, int t)
    {
        var row = y * w;
        for (var x = x0; x <= x1; x++) if (px[row + x] < t) return true;
        return false;
    }

    private static bool InkAround(byte[] px, int w, int h, int x0, int y0, int x1, int y1, int r, int t)
    {
        int ax = Math.Max(0, x0 - r), bx = Math.Min(w - 1, x1 + r), ay = Math.Max(0, y0 - r), by = Math.Min(h - 1, y1 + r);
        for (var y = ay; y <= by; y++)
        {
            var row = y * w;
            for (var x = ax; x <= bx; x++)
            {
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) continue;
                if (px[row + x] < t) return true;
            }
        }
        return false;
    }
}
