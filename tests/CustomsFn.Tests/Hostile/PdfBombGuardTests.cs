using System.IO.Compression;
using System.Text;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Testing;
using UglyToad.PdfPig;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// The decompression-bomb guard decides on the decoded size of a stream's whole filter chain (Flate, LZW, RunLength,
/// ASCIIHex, ASCII85; a /Filter given directly or by reference), found by parsing the stream's dictionary, not by looking
/// for /FlateDecode in a byte window before <c>stream</c>. Each bomb here passed the earlier guard (a 2 KB window read
/// from the last "obj", Flate only); each normal PDF with the same shape passes and reads as the text it holds.
/// </summary>
public sealed class PdfBombGuardTests
{
    /// <summary>Just over the default per-stream limit (128 MiB) once decoded.</summary>
    private const long BombBytes = 130L * 1024 * 1024;

    private static readonly Lazy<byte[]> FlateBomb = new(() => HostilePdf.Deflated(BombBytes));

    private const string Text = "Commercial Invoice";

    private static readonly byte[] Content = Encoding.Latin1.GetBytes($"BT /F1 12 Tf 72 720 Td ({Text}) Tj ET");

    public static TheoryData<string> Shapes => new(
        "flate, (obj) and >> inside a string of the dictionary",
        "flate, /Filter by reference to a name",
        "flate, /Filter by reference to an array",
        "flate, dictionary over 2 KB",
        "lzw",
        "runlength",
        "asciihex then flate",
        "ascii85 then flate");

    /// <summary>The page's content stream in the given shape: <paramref name="bomb"/> decodes to 130 MiB of spaces, otherwise to the page text.</summary>
    private static byte[] Pdf(string shape, bool bomb)
    {
        var objects = HostilePdf.TextPageObjects(Text);
        var flate = bomb ? FlateBomb.Value : Deflate(Content);
        objects[4] = shape switch
        {
            "flate, (obj) and >> inside a string of the dictionary" =>
                HostilePdf.Stream(@"/Filter /FlateDecode /Note (see obj >> \) 7 0 obj <<)", flate),
            "flate, /Filter by reference to a name" => HostilePdf.Stream("/Filter 6 0 R", flate),
            "flate, /Filter by reference to an array" => HostilePdf.Stream("/Filter 6 0 R", flate),
            "flate, dictionary over 2 KB" =>
                HostilePdf.Stream("/Filter /FlateDecode /Pad [" + string.Concat(Enumerable.Repeat("0 ", 1500)) + "]", flate),
            "lzw" => HostilePdf.Stream("/Filter /LZWDecode", bomb ? LzwRunBomb(BombBytes) : Lzw(Content)),
            "runlength" => HostilePdf.Stream("/Filter /RunLengthDecode", bomb ? RunLengthBomb(BombBytes) : RunLength(Content)),
            "asciihex then flate" => HostilePdf.Stream("/Filter [/ASCIIHexDecode /FlateDecode]", Encoding.Latin1.GetBytes(Convert.ToHexString(flate) + ">")),
            "ascii85 then flate" => HostilePdf.Stream("/Filter [/ASCII85Decode /FlateDecode]", Ascii85(flate)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        if (shape == "flate, /Filter by reference to a name") objects.Add(HostilePdf.Obj("/FlateDecode"));
        if (shape == "flate, /Filter by reference to an array") objects.Add(HostilePdf.Obj("[ /FlateDecode ]"));
        return HostilePdf.Build(objects);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ABomb_IsRefusedWithThePdfLimitsCode_NamingTheLimitAndTheFilters(string shape)
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(Pdf(shape, bomb: true), new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
        Assert.Contains("MaxInflatedStreamBytes", ex.Message, StringComparison.Ordinal);
        var first = shape.Split(',', ' ')[0];
        Assert.Contains(first, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheSameShapeAtANormalSize_PassesAndReadsAsItsText(string shape)
    {
        var pdf = Pdf(shape, bomb: false);
        PdfGuard.Check(pdf, new PdfLimits());
        using var document = PdfDocument.Open(pdf);
        Assert.Contains(Text, document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyStreamsUnderThePerStreamLimit_AreRefusedByTheTotalLimit()
    {
        // Three RunLength streams of 100 MiB each: each passes the per-stream limit, together they pass the total one.
        var objects = HostilePdf.TextPageObjects(Text);
        for (var i = 0; i < 3; i++) objects.Add(HostilePdf.Stream("/Filter /RunLengthDecode", RunLengthBomb(100L * 1024 * 1024)));
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(HostilePdf.Build(objects), new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
        Assert.Contains("MaxInflatedBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageFilterEndsTheChain_ItsDataIsNotExpandedByTheGuard()
    {
        // RunLength output that is then a JPEG: the guard counts the RunLength output (1 MiB) and stops at DCTDecode.
        var objects = HostilePdf.TextPageObjects(Text);
        objects.Add(HostilePdf.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter [/RunLengthDecode /DCTDecode]", RunLengthBomb(1024 * 1024)));
        PdfGuard.Check(HostilePdf.Build(objects), new PdfLimits { MaxInflatedStreamBytes = 2 * 1024 * 1024 });
        var ex = Assert.Throws<DocumentRejectedException>(() =>
            PdfGuard.Check(HostilePdf.Build(objects), new PdfLimits { MaxInflatedStreamBytes = 512 * 1024 }));
        Assert.Contains("/RunLengthDecode /DCTDecode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LzwWithEarlyChangeZero_IsDecodedWithTheWidthsItsParametersName()
    {
        // The same bomb written with EarlyChange 0: read with the default (1) it would be garbage and stop early.
        var objects = HostilePdf.TextPageObjects(Text);
        objects[4] = HostilePdf.Stream("/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>", LzwRunBomb(BombBytes, earlyChange: 0));
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(HostilePdf.Build(objects), new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
    }

    [Fact]
    public void ManyStreamsWithoutAnEnd_AreRefusedOnceTheirDecodersHaveReadAFewTimesTheFile()
    {
        // 200,000 stream keywords and no "endstream": each stream's data runs to the end of the file. Copied per stream
        // (as the earlier guard did), that is about 600 GB of copying; read in place, the decoders stop at a bound.
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n" + string.Concat(Enumerable.Repeat("<</Filter/FlateDecode>>stream\n", 200_000)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(pdf, new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
        Assert.Contains("streams overlap", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void EveryEvaluationSamplePdf_PassesTheGuard()
    {
        var pdfs = Directory.GetFiles(Path.Combine(TestPaths.Samples, "eval", "documents"), "*.pdf");
        Assert.NotEmpty(pdfs);
        foreach (var file in pdfs) PdfGuard.Check(File.ReadAllBytes(file), new PdfLimits());
    }

    [Fact]
    public void EachDecoder_GivesBackTheBytesItsEncoderWrote()
    {
        // 200 KB of varied text: LZW widens its codes to 12 bits and clears its table several times.
        var random = new Random(25);
        var words = new[] { "invoice", "HS 8471.30", "consignee", "origin", "EUR", "1,250.00", "\n", "(", ")" };
        var text = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Range(0, 25_000).Select(_ => words[random.Next(words.Length)] + random.Next(1000) + " ")));
        Assert.Equal(text, Decode("LZWDecode", Lzw(text)));
        Assert.Equal(text, Decode("RunLengthDecode", RunLength(text)));
        Assert.Equal(text, Decode("ASCIIHexDecode", Encoding.Latin1.GetBytes(Convert.ToHexString(text) + ">")));
        Assert.Equal(text, Decode("ASCII85Decode", Ascii85(text)));
        Assert.Equal(new byte[4096], Decode("ASCII85Decode", Ascii85(new byte[4096]))); // 'z' groups
        Assert.Equal(Spaces(3_000_001), Decode("LZWDecode", LzwRunBomb(3_000_001)));
        Assert.Equal(Spaces(1024 * 1024), Decode("RunLengthDecode", RunLengthBomb(1024 * 1024)));
    }

    private static byte[] Spaces(int count)
    {
        var spaces = new byte[count];
        Array.Fill(spaces, (byte)' ');
        return spaces;
    }

    private static byte[] Decode(string filter, byte[] data)
    {
        using var decoder = new PdfFilter(filter, 1).Open(new MemoryStream(data));
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    /// <summary>RunLength data for <paramref name="bytes"/> spaces, rounded up to a multiple of 128: runs of 128 (length byte 129, then the byte).</summary>
    private static byte[] RunLengthBomb(long bytes)
    {
        var runs = (int)((bytes + 127) / 128);
        var data = new byte[runs * 2 + 1];
        for (var i = 0; i < runs; i++)
        {
            data[2 * i] = 129;
            data[2 * i + 1] = (byte)' ';
        }
        data[^1] = 128; // end of data
        return data;
    }

    /// <summary>RunLength data that copies every byte literally, in runs of up to 128.</summary>
    private static byte[] RunLength(byte[] data)
    {
        var output = new List<byte>();
        for (var i = 0; i < data.Length; i += 128)
        {
            var n = Math.Min(128, data.Length - i);
            output.Add((byte)(n - 1));
            output.AddRange(data.AsSpan(i, n));
        }
        output.Add(128);
        return [.. output];
    }

    private static byte[] Ascii85(byte[] data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 4)
        {
            var n = Math.Min(4, data.Length - i);
            uint word = 0;
            for (var k = 0; k < 4; k++) word = (word << 8) | (k < n ? data[i + k] : 0u);
            if (n == 4 && word == 0)
            {
                sb.Append('z');
                continue;
            }
            var digits = new char[5];
            for (var k = 4; k >= 0; k--)
            {
                digits[k] = (char)('!' + word % 85);
                word /= 85;
            }
            sb.Append(digits, 0, n + 1);
        }
        sb.Append("~>");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>Code width the decoder reads at: 9 to 12 bits, widened one code early when <paramref name="earlyChange"/> is 1.</summary>
    private static int Width(int nextCode, int earlyChange) => Math.Min(12, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(nextCode + earlyChange)));

    /// <summary>
    /// A plain LZW encoder (EarlyChange 1; the table is cleared before it fills). The decoder adds each entry one code
    /// later than the encoder, so a code is written at the width for the encoder's next free code less one.
    /// </summary>
    private static byte[] Lzw(byte[] data)
    {
        var bits = new BitWriter();
        var table = new Dictionary<(int, byte), int>();
        var next = 258;
        int ReadWidth() => Width(Math.Max(258, next - 1), 1);
        bits.Write(256, 9);
        var w = -1;
        foreach (var b in data)
        {
            if (w < 0)
            {
                w = b;
                continue;
            }
            if (table.TryGetValue((w, b), out var code))
            {
                w = code;
                continue;
            }
            bits.Write(w, ReadWidth());
            table[(w, b)] = next++;
            if (next >= 4000)
            {
                bits.Write(256, ReadWidth());
                table.Clear();
                next = 258;
            }
            w = b;
        }
        if (w >= 0)
        {
            bits.Write(w, ReadWidth());
            next++;
        }
        bits.Write(257, ReadWidth());
        return bits.ToArray();
    }

    /// <summary>
    /// LZW for a run of <paramref name="bytes"/> spaces, written directly: on a run, the code after the space is always
    /// the next free code (one byte longer each time); the table is cleared before it fills. About 2,500 times smaller
    /// than the run.
    /// </summary>
    private static byte[] LzwRunBomb(long bytes, int earlyChange = 1)
    {
        var bits = new BitWriter();
        long written = 0;
        while (true)
        {
            var next = 258;
            bits.Write(' ', Width(next, earlyChange));
            written++;
            while (next + earlyChange < 4095 && written < bytes)
            {
                // The next free code (one byte longer than the last), or a shorter one that ends the run exactly.
                var length = (int)Math.Min(next - 256, bytes - written);
                bits.Write(length == 1 ? ' ' : length + 256, Width(next, earlyChange));
                written += length;
                next++;
            }
            if (written >= bytes)
            {
                bits.Write(257, Width(next, earlyChange));
                return bits.ToArray();
            }
            bits.Write(256, Width(next, earlyChange));
        }
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _buffer;
        private int _count;

        public void Write(int code, int width)
        {
            _buffer = (_buffer << width) | code;
            _count += width;
            while (_count >= 8)
            {
                _bytes.Add((byte)(_buffer >> (_count - 8)));
                _count -= 8;
                _buffer &= (1 << _count) - 1;
            }
        }

        public byte[] ToArray()
        {
            if (_count > 0) _bytes.Add((byte)(_buffer << (8 - _count)));
            return [.. _bytes];
        }
    }
}
