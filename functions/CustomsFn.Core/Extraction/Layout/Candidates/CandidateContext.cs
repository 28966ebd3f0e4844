using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout.Candidates;

/// <summary>
/// What the candidate features read about a document once: its lines in reading order, the header labels (from the
/// <see cref="Lexicon"/>, eight languages) and keyword groups found on each line, the median line height, and the
/// values the hand-written rules chose (a feature, not the decision).
/// </summary>
public sealed partial class CandidateContext
{
    public CandidateContext(IReadOnlyList<TextLine> lines, string? language, IReadOnlySet<TextLine> tableLines, FieldSet ruleFields)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = lines;
        Language = language;
        TableLines = tableLines;
        RuleFields = ruleFields;
        MonthFirst = false;
        var heights = lines.Select(l => l.Height).Order().ToArray();
        MedianHeight = heights.Length == 0 ? 1 : Math.Max(heights[heights.Length / 2], 1);
        Labels = lines.Select(l => l.Segments.Select(s => LabelTargets(s.Text)).ToArray()).ToArray();
        Keywords = lines.Select(l => Tokens(l.Text)).ToArray();
        FirstPage = lines.Count == 0 ? 1 : lines.Min(l => l.Page);
        PageWidth = lines.Count == 0 ? 1 : Math.Max(1, lines.Max(l => l.Segments[^1].X1));
    }

    public IReadOnlyList<TextLine> Lines { get; }
    public string? Language { get; }
    public IReadOnlySet<TextLine> TableLines { get; }
    public FieldSet RuleFields { get; }
    public bool MonthFirst { get; init; }

    /// <summary>The words come from a PDF text layer (exact text), not from OCR.</summary>
    public bool TextLayer { get; init; }
    public double MedianHeight { get; }
    public int FirstPage { get; }
    public double PageWidth { get; }

    /// <summary>Per line, per segment: the field targets of the labels the segment is or starts with.</summary>
    public IReadOnlyList<HashSet<string>[]> Labels { get; }

    /// <summary>Per line: its folded word tokens.</summary>
    public IReadOnlyList<HashSet<string>> Keywords { get; }

    /// <summary>0 for the first line, 1 for the last.</summary>
    public double RelativeY(int line) => Lines.Count <= 1 ? 0 : (double)line / (Lines.Count - 1);

    /// <summary>Whether a segment left of <paramref name="segment"/> on the line (or the segment itself, as "Label: value") carries a label of the target.</summary>
    public bool LabelLeft(int line, int segment, string target)
    {
        var labels = Labels[line];
        for (var s = 0; s <= segment && s < labels.Length; s++) if (labels[s].Contains(target)) return true;
        return false;
    }

    /// <summary>Whether the line above has a label of the target over the value's column.</summary>
    public bool LabelAbove(int line, Segment value, string target)
    {
        if (line == 0 || Lines[line - 1].Page != Lines[line].Page) return false;
        var above = Lines[line - 1];
        for (var s = 0; s < above.Segments.Count; s++)
        {
            var seg = above.Segments[s];
            if (seg.X0 < value.X1 + 4 && seg.X1 > value.X0 - 4 && Labels[line - 1][s].Contains(target)) return true;
        }
        return false;
    }

    public bool HasKeyword(int line, IReadOnlySet<string> words) => Keywords[line].Overlaps(words);

    private static HashSet<string> LabelTargets(string text)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var compat = TextNormalizer.Compatibility(text);
        var folded = TextNormalizer.Fold(compat);
        if (folded.Length == 0) return result;
        foreach (var kind in new[] { LabelKind.Field, LabelKind.Party })
        {
            foreach (var (l, _) in Lexicon.Lookup(folded, kind)) result.Add(l.Target);
            foreach (var l in Lexicon.Prefixes(folded, kind).Take(3)) result.Add(l.Target);
            var colon = compat.IndexOfAny([':', '：']);
            if (colon > 0)
                foreach (var (l, _) in Lexicon.Lookup(TextNormalizer.Fold(compat[..colon]), kind)) result.Add(l.Target);
        }
        return result;
    }

    public static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(TextNormalizer.Fold(TextNormalizer.Compatibility(text)))) set.Add(m.Value);
        return set;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
