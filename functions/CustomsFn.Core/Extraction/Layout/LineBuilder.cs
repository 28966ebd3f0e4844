namespace CustomsFn.Core.Extraction.Layout;

/// <summary>Groups the words of a page into lines in reading order (top to bottom, left to right).</summary>
public static class LineBuilder
{
    /// <summary>A gap wider than this many line heights separates two segments (columns) of a line.</summary>
    public const double ColumnGapFactor = 0.9;

    public static List<TextLine> Build(PageText page, double gapFactor = ColumnGapFactor)
    {
        var words = page.Words.Where(w => w.Height > 0 && w.Text.Length > 0).OrderBy(w => w.Top).ThenBy(w => w.X0).ToList();
        var bands = new List<List<TextWord>>();
        var bandTop = new List<double>();
        var bandBottom = new List<double>();
        foreach (var w in words)
        {
            var placed = false;
            // Look at the last few bands only: words arrive sorted by top.
            for (var b = bands.Count - 1; b >= Math.Max(0, bands.Count - 3); b--)
            {
                var overlap = Math.Min(bandBottom[b], w.Bottom) - Math.Max(bandTop[b], w.Top);
                if (overlap >= 0.5 * Math.Min(w.Height, bandBottom[b] - bandTop[b]) && !Stacked(bands[b], bandBottom[b] - bandTop[b], w))
                {
                    bands[b].Add(w);
                    bandTop[b] = Math.Min(bandTop[b], w.Top);
                    bandBottom[b] = Math.Max(bandBottom[b], w.Bottom);
                    placed = true;
                    break;
                }
            }
            if (!placed) { bands.Add([w]); bandTop.Add(w.Top); bandBottom.Add(w.Bottom); }
        }
        var lines = new List<TextLine>(bands.Count);
        foreach (var band in bands)
        {
            band.Sort((a, b) => a.X0.CompareTo(b.X0));
            lines.Add(new TextLine(page.Number, JoinDigitGroups(RemoveOverlaps(band)), gapFactor));
        }
        lines.Sort((a, b) => a.Top.CompareTo(b.Top));
        return lines;
    }

    /// <summary>
    /// True when <paramref name="w"/> lies under a word of a band still one line high, offset by a quarter of its height or more
    /// and sharing most of the narrower one's width: two words of one line never do, so it is the next line, drawn close (tall OCR boxes of two lines overlapping by half:
    /// "AIK HUAT HARDWARE" over "ENTERPRISE (SETIA"). A band already taller than its words (a table header whose cells wrap
    /// beside cells centred on both lines) keeps taking them, as before. A repeat of the same text at the same place (fake
    /// bold) stays, to be dropped as a repeat.
    /// </summary>
    private static bool Stacked(List<TextWord> band, double bandHeight, TextWord w)
    {
        var tallest = 0.0;
        foreach (var o in band) tallest = Math.Max(tallest, o.Height);
        if (bandHeight > 1.2 * tallest) return false;
        foreach (var o in band)
        {
            var shared = Math.Min(o.X1, w.X1) - Math.Max(o.X0, w.X0);
            if (shared <= StackedShare * Math.Min(o.X1 - o.X0, w.X1 - w.X0)) continue;
            // Words at the same height that collide (a header label running into the next one) are one line.
            var level = Math.Min(o.Bottom, w.Bottom) - Math.Max(o.Top, w.Top);
            if (level >= 0.75 * Math.Min(o.Height, w.Height)) continue;
            if (o.Text == w.Text && Math.Abs(o.X0 - w.X0) < 1.5) continue;
            return true;
        }
        return false;
    }

    /// <summary>The share of the narrower word's width two words must share to be on different lines.</summary>
    public const double StackedShare = 0.5;

    /// <summary>The widest gap, in word heights, between two digit groups of one number ("2 645,73").</summary>
    public const double DigitGroupGap = 0.75;

    /// <summary>
    /// A number written with spaces between its thousands groups ("2 645,73", "1 475", "12 500 000") comes out of a PDF or
    /// OCR as one word per group: the groups are joined into one word when they stand closer than a column gap, at the
    /// same height, and each group after the first has exactly three digits (the last may carry decimals).
    /// </summary>
    internal static List<TextWord> JoinDigitGroups(List<TextWord> band)
    {
        if (band.Count < 2) return band;
        var result = new List<TextWord>(band.Count);
        foreach (var w in band)
        {
            if (result.Count > 0 && result[^1] is var a && LeadingGroup(a.Text) && NextGroup(w.Text)
                && w.X0 - a.X1 >= 0 && w.X0 - a.X1 <= DigitGroupGap * Math.Min(a.Height, w.Height)
                && Math.Abs(a.Top - w.Top) <= 0.2 * a.Height && Math.Abs(a.Height - w.Height) <= 0.2 * a.Height)
            {
                result[^1] = new TextWord(a.Text + " " + w.Text, a.X0, Math.Min(a.Top, w.Top), w.X1, Math.Max(a.Bottom, w.Bottom),
                    a.Confidence is null && w.Confidence is null ? null : Math.Min(a.Confidence ?? 1, w.Confidence ?? 1));
                continue;
            }
            result.Add(w);
        }
        return result;

        // "2", "-12", "(345", or groups joined so far ("1 234") with no decimals yet.
        static bool LeadingGroup(string t)
        {
            var s = t.TrimStart('-', '(', '\u2212');
            var first = s.IndexOf(' ', StringComparison.Ordinal);
            var head = first < 0 ? s : s[..first];
            if (head.Length is < 1 or > 3 || !head.All(char.IsAsciiDigit)) return false;
            return first < 0 || s[(first + 1)..].Split(' ').All(g => g.Length == 3 && g.All(char.IsAsciiDigit));
        }

        // "645,73", "475", "500)", "000.-": three digits, then decimals or a closing sign.
        static bool NextGroup(string t)
        {
            if (t.Length < 3 || !t[..3].All(char.IsAsciiDigit)) return false;
            var rest = t[3..].TrimEnd(')', '-');
            if (rest.Length == 0) return true;
            return rest.Length is >= 2 and <= 5 && rest[0] is '.' or ',' && rest[1..].All(char.IsAsciiDigit);
        }
    }

    // Some PDFs draw text twice (fake bold): drop a word that repeats the previous one at the same place.
    private static List<TextWord> RemoveOverlaps(List<TextWord> band)
    {
        var result = new List<TextWord>(band.Count);
        foreach (var w in band)
        {
            if (result.Count > 0 && result[^1].Text == w.Text && Math.Abs(result[^1].X0 - w.X0) < 1.5) continue;
            result.Add(w);
        }
        return result;
    }
}
