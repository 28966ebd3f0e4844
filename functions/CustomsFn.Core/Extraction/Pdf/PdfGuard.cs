using System.IO.Compression;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>Limits on a PDF checked before any PDF parser sees it (configuration section <c>Pipeline:Pdf</c>).</summary>
public sealed class PdfLimits
{
    /// <summary>Most bytes all Flate streams of one PDF may inflate to together (default 256 MiB): a decompression bomb is refused.</summary>
    public long MaxInflatedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most bytes one Flate stream may inflate to (default 128 MiB).</summary>
    public long MaxInflatedStreamBytes { get; set; } = 128L * 1024 * 1024;
}

/// <summary>
/// Cheap structural checks on raw PDF bytes, before PdfPig: decompression bombs (every Flate stream is inflated into a
/// counting sink, never into memory, and refused past the limits) and PDF/ZIP polyglots (a ZIP directory after the PDF's
/// end, which makes the same upload a different file to a different program).
/// </summary>
public static class PdfGuard
{
    public static void Check(ReadOnlySpan<byte> pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        CheckPolyglot(pdf);
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
            var flateCount = CountFlate(pdf[Math.Max(0, keyword - 2048)..keyword]);
            if (flateCount == 0) continue;
            var endRel = pdf[dataStart..].IndexOf("endstream"u8);
            var dataEnd = endRel < 0 ? pdf.Length : dataStart + endRel;
            var inflated = InflatedLength(pdf[dataStart..dataEnd], flateCount, limits.MaxInflatedStreamBytes + 1);
            if (inflated > limits.MaxInflatedStreamBytes)
                throw Bomb($"a compressed stream at byte {keyword:N0} inflates to more than {limits.MaxInflatedStreamBytes:N0} bytes");
            total += inflated;
            if (total > limits.MaxInflatedBytes)
                throw Bomb($"its compressed streams inflate to more than {limits.MaxInflatedBytes:N0} bytes together");
            position = dataEnd;
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

    private static long InflatedLength(ReadOnlySpan<byte> data, int layers, long stopAfter)
    {
        // Inflate layer by layer into a counting sink; middle layers stream through without being held whole.
        Stream current = new MemoryStream(data.ToArray(), writable: false);
        var owned = new List<Stream> { current };
        try
        {
            for (var l = 0; l < layers; l++)
            {
                current = new ZLibStream(current, CompressionMode.Decompress);
                owned.Add(current);
            }
            var buffer = new byte[64 * 1024];
            long total = 0;
            while (total < stopAfter)
            {
                int n;
                try
                {
                    n = current.Read(buffer, 0, buffer.Length);
                }
                catch (InvalidDataException)
                {
                    return total; // damaged data: PdfPig decides what to make of it; its size so far counts
                }
                if (n == 0) break;
                total += n;
            }
            return total;
        }
        finally
        {
            for (var i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        }
    }

    private static DocumentRejectedException Bomb(string what) =>
        new(InputCodes.PdfLimits, $"The PDF exceeds a decompression limit: {what}. It looks like a decompression bomb.");
}
