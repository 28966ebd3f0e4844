using System.Buffers.Binary;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>The size of an image read from its header only, so that a pixel bomb is refused before anything is allocated.</summary>
public sealed record ImageHeader(string Kind, int Width, int Height, double? DpiX)
{
    public long Pixels => (long)Width * Height;

    /// <summary>Reads PNG (IHDR, pHYs), JPEG (SOFn, JFIF density) and TIFF (first IFD) headers.</summary>
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png(b);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8) return Jpeg(b);
        if (b.Length >= 8 && (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8))) return Tiff(b);
        throw Corrupt("The image is not a PNG, JPEG or TIFF.");
    }

    /// <summary>
    /// Throws INPUT-CORRUPT-IMAGE when the image is empty, INPUT-IMAGE-LIMITS when it is larger than the limits (checked
    /// from the header, before anything is decoded); for a TIFF, also when its directory chain loops or holds more pages
    /// than <see cref="OcrOptions.MaxPages"/>.
    /// </summary>
    public void CheckLimits(OcrOptions options, ReadOnlySpan<byte> image)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Width <= 0 || Height <= 0) throw Corrupt($"The {Kind} header gives no size ({Width} x {Height}).");
        if (Width > options.MaxSide || Height > options.MaxSide || Pixels > options.MaxPixels)
            throw Limits($"The {Kind} claims {Width} x {Height} pixels, over the limit of {options.MaxSide} per side and {options.MaxPixels} in total.");
        if (Kind == "TIFF") new TiffReader(image).CountPages(options.MaxPages);
    }

    internal static DocumentRejectedException Corrupt(string message) => new(InputCodes.CorruptImage, message);

    /// <summary>A well-formed image over a limit of this product (pixels, pages, directory entries).</summary>
    internal static DocumentRejectedException Limits(string message) => new(InputCodes.ImageLimits, message);

    private static ImageHeader Png(ReadOnlySpan<byte> b)
    {
        if (!b[12..16].SequenceEqual("IHDR"u8)) throw Corrupt("The PNG has no IHDR chunk.");
        var w = BinaryPrimitives.ReadInt32BigEndian(b[16..]);
        var h = BinaryPrimitives.ReadInt32BigEndian(b[20..]);
        double? dpi = null;
        var pos = 8;
        while (pos + 12 <= b.Length)
        {
            var len = BinaryPrimitives.ReadInt32BigEndian(b[pos..]);
            if (len < 0 || pos + 12L + len > b.Length) break;
            var type = b.Slice(pos + 4, 4);
            if (type.SequenceEqual("pHYs"u8) && len >= 9 && b[pos + 16] == 1)
                dpi = BinaryPrimitives.ReadUInt32BigEndian(b[(pos + 8)..]) * 0.0254;
            if (type.SequenceEqual("IDAT"u8)) break;
            pos += 12 + len;
        }
        return new ImageHeader("PNG", w, h, dpi);
    }

    private static ImageHeader Jpeg(ReadOnlySpan<byte> b)
    {
        var pos = 2;
        double? dpi = null;
        while (pos + 4 <= b.Length)
        {
            if (b[pos] != 0xFF) throw Corrupt("The JPEG's marker structure is broken.");
            var marker = b[pos + 1];
            if (marker == 0xFF) { pos++; continue; }
            if (marker is 0xD8 or 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { pos += 2; continue; }
            var len = BinaryPrimitives.ReadUInt16BigEndian(b[(pos + 2)..]);
            if (len < 2 || pos + 2 + len > b.Length) break;
            var seg = b.Slice(pos + 4, len - 2);
            if (marker == 0xE0 && seg.Length >= 12 && seg.StartsWith("JFIF\0"u8) && seg[7] == 1)
                dpi = BinaryPrimitives.ReadUInt16BigEndian(seg[8..]);
            // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
            if (marker >= 0xC0 && marker <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC) && seg.Length >= 5)
                return new ImageHeader("JPEG", BinaryPrimitives.ReadUInt16BigEndian(seg[3..]), BinaryPrimitives.ReadUInt16BigEndian(seg[1..]), dpi is > 1 ? dpi : null);
            if (marker == 0xDA) break;
            pos += 2 + len;
        }
        throw Corrupt("The JPEG has no frame header (SOF).");
    }

    private static ImageHeader Tiff(ReadOnlySpan<byte> b)
    {
        var t = new TiffReader(b);
        var ifd = t.FirstIfd();
        var w = (int)Math.Min(int.MaxValue, ifd.Get(256));
        var h = (int)Math.Min(int.MaxValue, ifd.Get(257));
        double? dpi = null;
        if (ifd.Rational(282) is { } xres && xres > 1) dpi = ifd.Get(296, 2) == 3 ? xres * 2.54 : xres;
        return new ImageHeader("TIFF", w, h, dpi);
    }
}
