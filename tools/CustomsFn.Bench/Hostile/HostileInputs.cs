using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CustomsFn.Bench.Hostile;

/// <summary>Generators for the hostile-input suite: every case is built here from code, none is a stored file.</summary>
internal static class HostileInputs
{
    public const string CiiOpen = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">";
    public const string CiiClose = "</rsm:CrossIndustryInvoice>";

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        // Not by chance one of the recognized magic numbers or a '<' / "UN" start.
        bytes[0] = 0x03;
        return bytes;
    }

    public static byte[] PngClaiming(int width, int height)
    {
        var b = new byte[8 + 25 + 12];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(b, 0);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), 13);
        "IHDR"u8.CopyTo(b.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(20), height);
        b[24] = 8;
        "IEND"u8.CopyTo(b.AsSpan(37));
        return b;
    }

    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var sof = new byte[] { 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00 };
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), width);
        return [0xFF, 0xD8, .. sof, 0xFF, 0xD9];
    }

    /// <summary>A little-endian TIFF whose first IFD gives ImageWidth and ImageLength (LONG) and nothing else.</summary>
    public static byte[] TiffClaiming(int width, int height)
    {
        var b = new byte[8 + 2 + (2 * 12) + 4];
        "II*\0"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), 8);
        BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(8), 2);
        void Entry(int index, ushort tag, int value)
        {
            var at = 10 + (index * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at + 2), 4); // LONG
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at + 4), 1);
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at + 8), value);
        }
        Entry(0, 256, width);
        Entry(1, 257, height);
        return b;
    }

    /// <summary>A ZIP archive (stored, not compressed) with one entry.</summary>
    public static byte[] Zip(string entryName, byte[] entry)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry(entryName, CompressionLevel.NoCompression).Open();
            s.Write(entry);
        }
        return output.ToArray();
    }

    /// <summary>A minimal Windows PE stub (MZ header, PE signature at 0x80).</summary>
    public static byte[] WindowsExecutable()
    {
        var b = new byte[512];
        "MZ"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(b.AsSpan(0x80));
        return b;
    }

    public static byte[] ElfExecutable()
    {
        var b = new byte[64];
        new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 }.CopyTo(b, 0);
        return b;
    }

    /// <summary>A UBL invoice with <paramref name="lines"/> goods lines, made from the clean sample by repeating its first line.</summary>
    public static byte[] UblInvoiceWithLines(int lines)
    {
        var xml = File.ReadAllText(Path.Combine(LocalHost.DocumentVariants.FindSamples(), "ubl-invoice-de-us-clean.xml"));
        var first = xml.IndexOf("<cac:InvoiceLine>", StringComparison.Ordinal);
        var last = xml.LastIndexOf("</cac:InvoiceLine>", StringComparison.Ordinal) + "</cac:InvoiceLine>".Length;
        var firstEnd = xml.IndexOf("</cac:InvoiceLine>", StringComparison.Ordinal) + "</cac:InvoiceLine>".Length;
        var line = xml[first..firstEnd];
        var sb = new StringBuilder(xml.Length + (line.Length * lines));
        sb.Append(xml, 0, first);
        for (var i = 1; i <= lines; i++)
            sb.Append(line.Replace("<cbc:ID>1</cbc:ID>", $"<cbc:ID>{i}</cbc:ID>", StringComparison.Ordinal)).Append("\n  ");
        sb.Append(xml, last, xml.Length - last);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

/// <summary>A stream of <paramref name="length"/> bytes made up on the fly, which counts how much of it was read.</summary>
internal sealed class GeneratedStream(long length, byte fill) : Stream
{
    public long Served { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - Served);
        if (n <= 0) return 0;
        Array.Fill(buffer, fill, offset, n);
        if (Served == 0 && n >= 5) "%PDF-"u8.CopyTo(buffer.AsSpan(offset));
        Served += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
