namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// Cheap structural checks on raw PDF bytes, before PdfPig: decompression bombs (every stream is decoded through its
/// filter chain, Flate, LZW, RunLength, ASCIIHex and ASCII85, as its parsed dictionary names it, into a counting sink,
/// never into memory, and refused past the limits; an image filter ends the chain) and PDF/ZIP polyglots (a ZIP directory after the PDF's
/// end, which makes the same upload a different file to a different program).
/// </summary>
public static class PdfGuard
{
    public static void Check(ReadOnlySpan<byte> pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        CheckPolyglot(pdf);
        CheckCharacterMaps(pdf); // unfiltered CMaps; filtered ones are checked as they are decoded
        CheckInflation(pdf, limits);
    }

    /// <summary>
    /// Whether the PDF has a structure that can make PdfPig recurse without a bound (a stack overflow ends the process,
    /// it cannot be caught): form XObjects (which can draw themselves or nest without end; annotation appearances are
    /// forms too), patterns and Type 3 fonts (content streams of their own), a page tree with many nodes (one nested
    /// 100,000 levels deep overflows the stack), objects compressed in object streams (whose dictionaries cannot be
    /// seen here), or a <c>/Subtype</c> name written with <c>#xx</c> escapes (which could spell <c>/Form</c>). Only such
    /// PDFs pay for the child process; a plain text invoice is read in the host at full speed.
    /// </summary>
    public static bool NeedsIsolation(ReadOnlySpan<byte> pdf) =>
        pdf.IndexOf("/Form"u8) >= 0
        || pdf.IndexOf("/Pattern"u8) >= 0
        || pdf.IndexOf("/Type3"u8) >= 0
        || pdf.IndexOf("/ObjStm"u8) >= 0
        || Count(pdf, "/Kids"u8, MaxPlainPageTreeNodes + 1) > MaxPlainPageTreeNodes
        || HasEscapedSubtype(pdf);

    /// <summary>Page-tree nodes (<c>/Kids</c> arrays) a PDF may have before it is read in the child (default 256: thousands of pages).</summary>
    public const int MaxPlainPageTreeNodes = 256;

    private static int Count(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> token, int stopAt)
    {
        var count = 0;
        for (var at = pdf.IndexOf(token); at >= 0 && count < stopAt; count++)
        {
            var next = pdf[(at + token.Length)..].IndexOf(token);
            at = next < 0 ? -1 : at + token.Length + next;
        }
        return count;
    }

    private static bool HasEscapedSubtype(ReadOnlySpan<byte> pdf)
    {
        for (var at = pdf.IndexOf("/Subtype"u8); at >= 0;)
        {
            var rest = pdf[(at + 8)..];
            var value = rest.TrimStart(" \t\r\n\0\f"u8);
            if (value.Length > 1 && value[0] == (byte)'/')
            {
                var end = value[1..].IndexOfAny(" \t\r\n\0\f/<>[]()%"u8);
                if ((end < 0 ? value[1..] : value[1..(end + 1)]).Contains((byte)'#')) return true;
            }
            var next = rest.IndexOf("/Subtype"u8);
            at = next < 0 ? -1 : at + 8 + next;
        }
        return false;
    }

    private static void CheckPolyglot(ReadOnlySpan<byte> pdf)
    {
        // A ZIP is found from its end-of-central-directory record, in the last 64 KiB + 22 bytes of the file.
        var tail = pdf[Math.Max(0, pdf.Length - (65_536 + 22))..];
        var eocd = tail.LastIndexOf("PK\x05\x06"u8);
        if (eocd < 0) return;
        var lastEof = tail.LastIndexOf("%%EOF"u8);
        if (lastEof < eocd || pdf.IndexOf("PK\x03\x04"u8) >= 0)
            throw new DocumentRejectedException(InputCodes.Polyglot,
                "The file is both a PDF and a ZIP archive (a polyglot): different programs would read different content from it.");
    }

    private static void CheckInflation(ReadOnlySpan<byte> pdf, PdfLimits limits)
    {
        long total = 0;
        var position = 0;
        var filters = new PdfStreamFilters(pdf);
        var lowerBound = 0;
        // Stream data is read from one copy of the file, never copied per stream; streams that overlap (a damaged
        // "endstream", streams nested in stream data) read the same bytes again, so what all decoders read is bounded.
        byte[]? file = null;
        long read = 0;
        var maxRead = 4L * pdf.Length + 16 * 1024 * 1024;
        while (true)
        {
            var rel = pdf[position..].IndexOf("stream"u8);
            if (rel < 0) return;
            var keyword = position + rel;
            position = keyword + 6;
            // "endstream" also contains "stream"; only a keyword followed by an end of line starts data.
            if (keyword >= 3 && pdf.Slice(keyword - 3, 3).SequenceEqual("end"u8)) continue;
            var dataStart = position;
            if (dataStart < pdf.Length && pdf[dataStart] == '\r') dataStart++;
            if (dataStart < pdf.Length && pdf[dataStart] == '\n') dataStart++;
            else if (dataStart == position) continue;
            // The chain the stream's dictionary names; where no dictionary can be parsed, the Flate filters just before.
            var chain = filters.ChainOf(keyword, lowerBound)
                ?? Enumerable.Repeat(new PdfFilter("FlateDecode", 1), CountFlate(pdf[Math.Max(0, keyword - 2048)..keyword])).ToList();
            lowerBound = position;
            var decoded = chain.TakeWhile(f => f.Decodable).ToList();
            if (decoded.Count == 0) continue;
            var endRel = pdf[dataStart..].IndexOf("endstream"u8);
            var dataEnd = endRel < 0 ? pdf.Length : dataStart + endRel;
            var stopAfter = Math.Min(limits.MaxInflatedStreamBytes, limits.MaxInflatedBytes - total) + 1;
            file ??= pdf.ToArray();
            var inflated = InflatedLength(new ArraySegment<byte>(file, dataStart, dataEnd - dataStart), decoded, stopAfter, ref read, out var cmap);
            if (read > maxRead)
                throw Bomb($"decoding its streams reads more than {maxRead:N0} bytes of a {pdf.Length:N0}-byte file (streams overlap or are nested in other streams' data)");
            if (cmap is not null) CheckCharacterMaps(cmap.AsSpan());
            if (inflated > limits.MaxInflatedStreamBytes)
                throw Bomb($"a stream at byte {keyword:N0} decodes through [{PdfFilter.Describe(chain)}] to more than {limits.MaxInflatedStreamBytes:N0} bytes (Pipeline:Pdf:MaxInflatedStreamBytes)");
            total += inflated;
            if (total > limits.MaxInflatedBytes)
                throw Bomb($"its filtered streams decode to more than {limits.MaxInflatedBytes:N0} bytes together (Pipeline:Pdf:MaxInflatedBytes; the last, at byte {keyword:N0}, through [{PdfFilter.Describe(chain)}])");
            // Go on from the data's start, not its end: a stream whose "endstream" is damaged would otherwise hide the
            // streams after it (PdfPig finds them by /Length or by object search).
            position = dataStart;
        }
    }

    /// <summary>How many FlateDecode filters the stream dictionary just before the keyword names (filters can be chained).</summary>
    private static int CountFlate(ReadOnlySpan<byte> before)
    {
        var dictStart = before.LastIndexOf("obj"u8);
        var dict = dictStart >= 0 ? before[dictStart..] : before;
        var count = 0;
        var i = 0;
        while (true)
        {
            var rel = dict[i..].IndexOf("/FlateDecode"u8);
            var relShort = dict[i..].IndexOf("/Fl"u8);
            if (rel < 0 && relShort < 0) return count;
            // The abbreviation /Fl is allowed in inline images; count the full name where present.
            var at = rel >= 0 ? rel : relShort;
            count++;
            i += at + 3;
        }
    }

    /// <summary>Inflated bytes kept for the character-map check (CMaps are small; a bigger one is checked up to here).</summary>
    private const int MaxCharacterMapBytes = 8 * 1024 * 1024;

    private static long InflatedLength(ArraySegment<byte> data, IReadOnlyList<PdfFilter> layers, long stopAfter, ref long read, out byte[]? cmap)
    {
        var total = Inflate(data, layers, stopAfter, 64 * 1024, ref read, out cmap, out var damaged);
        // Damaged data: a read that fails loses what it had inflated, and PdfPig reads such streams up to the damage. Read
        // it again in small steps so that a damaged character map is still seen as PdfPig sees it.
        if (damaged) total = Math.Max(total, Inflate(data, layers, stopAfter, 256, ref read, out cmap, out damaged));
        // A damaged character map (small): byte by byte, up to the very byte where the data breaks.
        if (damaged && cmap is not null) Inflate(data, layers, MaxCharacterMapBytes, 1, ref read, out cmap, out _);
        return total;
    }

    private static long Inflate(ArraySegment<byte> data, IReadOnlyList<PdfFilter> layers, long stopAfter, int step, ref long read, out byte[]? cmap, out bool damaged)
    {
        // Decode filter by filter into a counting sink; middle filters stream through without being held whole.
        cmap = null;
        damaged = false;
        MemoryStream? kept = null;
        var source = new MemoryStream(data.Array!, data.Offset, data.Count, writable: false);
        Stream current = source;
        var owned = new List<Stream> { current };
        try
        {
            foreach (var filter in layers)
            {
                current = filter.Open(current);
                owned.Add(current);
            }
            var buffer = new byte[step];
            long total = 0;
            var head = new List<byte>();
            while (total < stopAfter)
            {
                int n;
                try
                {
                    n = current.Read(buffer, 0, buffer.Length);
                }
                catch (InvalidDataException)
                {
                    damaged = true; // PdfPig decides what to make of it; its size so far counts
                    break;
                }
                if (n == 0) break;
                // A character map (a font's ToUnicode or encoding CMap), recognised in its first 64 KiB, is kept for CheckCharacterMaps.
                if (kept is null && total < 64 * 1024)
                {
                    head.AddRange(buffer.AsSpan(0, n));
                    var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(head);
                    if (span.IndexOf("begincmap"u8) >= 0 || span.IndexOf("beginbfrange"u8) >= 0)
                    {
                        kept = new MemoryStream();
                        kept.Write(span);
                    }
                }
                else if (kept is not null && kept.Length < MaxCharacterMapBytes)
                {
                    kept.Write(buffer, 0, (int)Math.Min(n, MaxCharacterMapBytes - kept.Length));
                }
                total += n;
            }
            cmap = kept?.ToArray();
            return total;
        }
        finally
        {
            read += source.Position;
            kept?.Dispose();
            for (var i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        }
    }

    private static DocumentRejectedException Bomb(string what) =>
        new(InputCodes.PdfLimits, $"The PDF exceeds a decompression limit: {what}. It looks like a decompression bomb.");

    /// <summary>Most codes one <c>bfrange</c> entry of a character map may span (a whole two-byte code space).</summary>
    public const int MaxCharacterMapRange = 65_536;

    /// <summary>
    /// PdfPig 0.1.16 expands every <c>beginbfrange</c> entry of a font's character map code by code, one dictionary entry
    /// and string each, stopping when the low code, incremented, compares equal to the high code over the low code's
    /// length. A range whose low and high codes differ in length (<c>&lt;05010&gt; &lt;5010&gt;</c>, as damaged CMaps
    /// have), or that spans millions of codes (<c>&lt;00000000&gt; &lt;FFFFFFFF&gt;</c>), makes it spin for minutes
    /// without honouring cancellation. The CMap specification requires both codes of a range to have the same length, and
    /// real fonts stay within a two-byte code space, so such a map is refused here, before PdfPig.
    /// </summary>
    private static void CheckCharacterMaps(ReadOnlySpan<byte> data)
    {
        for (var at = data.IndexOf("beginbfrange"u8); at >= 0;)
        {
            var section = data[(at + 12)..];
            var end = section.IndexOf("endbfrange"u8);
            if (end >= 0) section = section[..end];
            CheckRanges(section);
            var next = data[(at + 12)..].IndexOf("beginbfrange"u8);
            at = next < 0 ? -1 : at + 12 + next;
        }
    }

    private static void CheckRanges(ReadOnlySpan<byte> section)
    {
        // Entries are: <low> <high> (<destination> | [ ... ]). Walk the tokens; stop at anything else (PdfPig refuses it).
        var i = 0;
        while (true)
        {
            if (!NextHex(section, ref i, out var low) || !NextHex(section, ref i, out var high)) return;
            var lowBytes = (low.Digits + 1) / 2;
            var highBytes = (high.Digits + 1) / 2;
            if (lowBytes != highBytes)
                throw CharacterMap($"a range from a {lowBytes}-byte code to a {highBytes}-byte code");
            if (Span(low, high) > MaxCharacterMapRange)
                throw CharacterMap($"a range of more than {MaxCharacterMapRange:N0} codes");
            SkipWhite(section, ref i);
            if (i >= section.Length) return;
            if (section[i] == '<')
            {
                if (!NextHex(section, ref i, out _)) return;
            }
            else if (section[i] == '[')
            {
                var close = section[i..].IndexOf((byte)']');
                if (close < 0) return;
                i += close + 1;
            }
            else
            {
                return;
            }
        }
    }

    private readonly record struct Hex(int Digits, System.Numerics.BigInteger Value);

    private static bool NextHex(ReadOnlySpan<byte> s, ref int i, out Hex hex)
    {
        hex = default;
        SkipWhite(s, ref i);
        if (i >= s.Length || s[i] != '<') return false;
        var close = s[(i + 1)..].IndexOf((byte)'>');
        if (close < 0) return false;
        var body = s.Slice(i + 1, close);
        i += close + 2;
        var digits = 0;
        var value = System.Numerics.BigInteger.Zero;
        foreach (var b in body)
        {
            var d = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                if (IsWhite(b)) continue;
                return false; // not a hex string: PdfPig refuses the map
            }
            if (digits < 64) value = (value << 4) + d;
            digits++;
        }
        // An odd digit count is read with a trailing 0.
        if (digits % 2 == 1 && digits < 64) value <<= 4;
        hex = new Hex(digits, value);
        return true;
    }

    private static System.Numerics.BigInteger Span(Hex low, Hex high) => high.Value - low.Value;

    private static void SkipWhite(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && IsWhite(s[i])) i++;
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or 0;

    private static DocumentRejectedException CharacterMap(string what) =>
        new(InputCodes.PdfLimits, $"A font's character map in the PDF has {what}; reading it would take minutes. The PDF is refused as damaged or hostile.");
}
