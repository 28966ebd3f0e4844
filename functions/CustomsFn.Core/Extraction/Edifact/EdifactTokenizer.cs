using System.Globalization;
using System.Text;

namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>
/// ISO 9735 tokenizer: reads the UNA service string advice (component, element, decimal, release, repetition and segment
/// characters), decodes the text in the UNB syntax identifier's character set, and splits segments, data elements and
/// components honouring the release character. Unreleased line breaks between and inside segments are ignored.
/// Anything malformed is rejected with <c>INPUT-MALFORMED-EDIFACT</c>, saying what and at which segment and line.
/// </summary>
public static class EdifactTokenizer
{
    public static EdifactInterchange Tokenize(ReadOnlySpan<byte> bytes, EdifactLimits? limits = null)
    {
        limits ??= EdifactLimits.Default;
        var notes = new List<string>();
        var (text, syntax) = Decode(bytes, notes);
        var start = 0;
        while (start < text.Length && text[start] is '\uFEFF' or ' ' or '\r' or '\n' or '\t') start++;

        var separators = EdifactSeparators.Default;
        if (string.CompareOrdinal(text, start, "UNA", 0, 3) == 0)
        {
            if (text.Length - start < 9) throw Malformed("the UNA service string advice is shorter than 9 characters", 1, 1);
            var una = text.AsSpan(start + 3, 6);
            separators = new EdifactSeparators(una[0], una[1], una[2], una[3], una[4] == ' ' ? null : una[4], una[5]);
            var set = new HashSet<char> { separators.Component, separators.Element, separators.Release, separators.Segment };
            if (set.Count != 4 || separators.Repetition is { } r && set.Contains(r))
                throw Malformed("the UNA service string advice uses the same character for two purposes", 1, 1);
            start += 9;
        }

        var segments = new List<EdifactSegment>();
        var elements = new List<IReadOnlyList<string>>();
        var components = new List<string>();
        var current = new StringBuilder();
        var line = LineAt(text, start);
        var segmentLine = line;
        var segmentLength = 0;
        var inSegment = false;

        void EndComponent()
        {
            if (components.Count >= limits.MaxComponentsPerElement)
                throw Malformed($"a data element has more than {limits.MaxComponentsPerElement} components", segments.Count + 1, segmentLine);
            components.Add(current.ToString());
            current.Clear();
        }

        void EndElement()
        {
            EndComponent();
            if (elements.Count >= limits.MaxElementsPerSegment + 1)
                throw Malformed($"a segment has more than {limits.MaxElementsPerSegment} data elements", segments.Count + 1, segmentLine);
            elements.Add(components.ToArray());
            components.Clear();
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; continue; }
            if (c == '\r') continue;
            if (!inSegment)
            {
                if (c is ' ' or '\t') continue;
                inSegment = true;
                segmentLine = line;
                segmentLength = 0;
            }
            if (++segmentLength > limits.MaxSegmentCharacters)
                throw Malformed($"a segment is longer than {limits.MaxSegmentCharacters:N0} characters (is the segment terminator '{separators.Segment}' missing?)", segments.Count + 1, segmentLine);

            if (c == separators.Release)
            {
                if (i + 1 >= text.Length) throw Malformed("the text ends with a release character", segments.Count + 1, segmentLine);
                var next = text[++i];
                if (next == '\n') line++;
                current.Append(next);
            }
            else if (c == separators.Component) EndComponent();
            else if (c == separators.Element) EndElement();
            else if (c == separators.Segment)
            {
                EndElement();
                var tag = elements[0][0];
                if (tag.Length != 3 || !tag.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch)) || elements[0].Count != 1)
                    throw Malformed("the segment does not start with a tag of three upper-case letters or digits", segments.Count + 1, segmentLine);
                if (segments.Count >= limits.MaxSegments) throw Malformed($"more than {limits.MaxSegments:N0} segments", segments.Count + 1, segmentLine);
                var segment = new EdifactSegment(tag, elements.Skip(1).ToArray(), segments.Count + 1, segmentLine);
                segments.Add(segment);
                elements.Clear();
                inSegment = false;
                if (tag == "UNO")
                {
                    // ISO 9735-8 associated data: the object (its length in the UNO's last data element) follows the UNO
                    // segment as raw octets, up to the UNP trailer. Skip it; it is an attachment, not invoice data.
                    var declared = segment.Elements.Count > 0 ? segment.Get(segment.Elements.Count - 1) : null;
                    if (!int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > text.Length - i - 1)
                        throw Malformed("the UNO package header does not state a length within the interchange", segment.Number, segment.Line);
                    for (var k = i + 1; k <= i + length; k++) if (text[k] == '\n') line++;
                    i += length;
                }
            }
            else current.Append(c);
        }
        if (inSegment)
            throw Malformed($"the last segment is not terminated with '{separators.Segment}' (the interchange is truncated)", segments.Count + 1, segmentLine);
        if (segments.Count == 0) throw Malformed("there are no segments", 1, 1);
        return new EdifactInterchange(separators, syntax, segments, notes);
    }

    /// <summary>
    /// Decodes in the UNB syntax identifier's character set: UNOW/UNOY as UTF-8, the ISO 8859 levels (UNOB..UNOK) and unknown ones as
    /// ISO 8859-1. Invalid UTF-8 (a common export fault) is read as ISO 8859-1 and noted.
    /// </summary>
    private static (string Text, string? Syntax) Decode(ReadOnlySpan<byte> bytes, List<string> notes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 256)]);
        var unb = head.IndexOf("UNB", StringComparison.Ordinal);
        string? syntax = null;
        if (unb >= 0 && unb + 8 <= head.Length) syntax = head.Substring(unb + 4, 4);
        if (syntax is "UNOW" or "UNOY")
        {
            try
            {
                return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), syntax);
            }
            catch (DecoderFallbackException)
            {
                notes.Add($"The interchange declares {syntax} (UTF-8) but is not valid UTF-8; it was read as ISO 8859-1.");
            }
        }
        return (Encoding.Latin1.GetString(bytes), syntax);
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++) if (text[i] == '\n') line++;
        return line;
    }

    internal static DocumentRejectedException Malformed(string what, int segment, int line) =>
        new(InputCodes.MalformedEdifact, string.Create(CultureInfo.InvariantCulture, $"The EDIFACT interchange is malformed at segment {segment} (line {line}): {what}."));
}
