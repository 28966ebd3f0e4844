using System.Globalization;
using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>Parses Tesseract's TSV output into positioned words (pixels, top-left origin, confidence 0..1), one PageText per page.</summary>
public static class TesseractTsv
{
    public static IReadOnlyList<PageText> Parse(string tsv, int firstPageNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var pages = new SortedDictionary<int, (double W, double H, List<TextWord> Words)>();
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("level", StringComparison.Ordinal)) continue;
            var c = line.Split('\t');
            if (c.Length < 11) continue;
            if (!int.TryParse(c[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
                || !int.TryParse(c[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var page)) continue;
            if (!int.TryParse(c[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
                || !int.TryParse(c[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out var top)
                || !int.TryParse(c[8], NumberStyles.Integer, CultureInfo.InvariantCulture, out var width)
                || !int.TryParse(c[9], NumberStyles.Integer, CultureInfo.InvariantCulture, out var height)) continue;
            if (!pages.TryGetValue(page, out var p))
            {
                p = (0, 0, []);
                pages[page] = p;
            }
            if (level == 1)
            {
                pages[page] = (width, height, p.Words);
                continue;
            }
            if (level != 5) continue;
            var text = c.Length > 11 ? string.Join('\t', c[11..]).Trim() : "";
            if (text.Length == 0) continue;
            double? confidence = double.TryParse(c[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var conf) && conf >= 0
                ? Math.Round(Math.Clamp(conf / 100.0, 0, 1), 3) : null;
            p.Words.Add(new TextWord(text, left, top, left + width, top + height, confidence));
        }
        return pages.Select((kv, i) => new PageText(firstPageNumber + i, kv.Value.W, kv.Value.H, PageText.Pixels, kv.Value.Words)).ToList();
    }
}
