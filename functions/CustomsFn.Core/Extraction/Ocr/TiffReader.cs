using System.Buffers.Binary;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Just enough TIFF for scans: the first IFD's tags, the length of the directory chain, and decoding of grayscale or
/// bilevel images stored uncompressed or with PackBits. Other compressions (LZW, CCITT G4, JPEG) are passed to
/// Tesseract as they are. Hostile structure is refused before anything is allocated for it: only the tags read here
/// are kept (a directory may declare any number of others), their values must lie inside the file, and a directory
/// chain that loops or runs past the page limit is refused.
/// </summary>
internal readonly ref struct TiffReader
{
    /// <summary>Most entries one directory may declare (the TIFF 6.0 baseline defines fewer than 50 tags).</summary>
    public const int MaxDirectoryEntries = 1000;

    /// <summary>Most values one kept tag may hold (strip offsets and counts of a very tall page).</summary>
    public const int MaxValuesPerTag = 1_000_000;

    /// <summary>The tags this reader uses: size, bits, compression, photometry, strips, samples, resolution.</summary>
    private static readonly HashSet<ushort> KeptTags = [256, 257, 258, 259, 262, 273, 277, 279, 282, 296];

    private readonly ReadOnlySpan<byte> _b;
    private readonly bool _little;

    public TiffReader(ReadOnlySpan<byte> bytes)
    {
        _b = bytes;
        _little = bytes[0] == (byte)'I';
    }

    private uint U32(long pos) => pos < 0 || pos + 4 > _b.Length ? throw ImageHeader.Corrupt("The TIFF points outside the file.")
        : _little ? BinaryPrimitives.ReadUInt32LittleEndian(_b[(int)pos..]) : BinaryPrimitives.ReadUInt32BigEndian(_b[(int)pos..]);

    private ushort U16(long pos) => pos < 0 || pos + 2 > _b.Length ? throw ImageHeader.Corrupt("The TIFF points outside the file.")
        : _little ? BinaryPrimitives.ReadUInt16LittleEndian(_b[(int)pos..]) : BinaryPrimitives.ReadUInt16BigEndian(_b[(int)pos..]);

    public Ifd FirstIfd()
    {
        var offset = U32(4);
        var count = U16(offset);
        if (count > MaxDirectoryEntries)
            throw ImageHeader.Limits($"The TIFF's directory declares {count} entries, over the limit of {MaxDirectoryEntries}.");
        if (offset + 2 + count * 12L + 4 > _b.Length) throw ImageHeader.Corrupt("The TIFF's directory runs past the end of the file.");
        var tags = new Dictionary<ushort, uint[]>();
        for (var i = 0; i < count; i++)
        {
            var e = offset + 2 + i * 12L;
            var tag = U16(e);
            if (!KeptTags.Contains(tag)) continue; // never read, so never allocated for
            var type = U16(e + 2);
            var n = U32(e + 4);
            uint size = type switch { 3 => 2u, 4 => 4u, 5 => 8u, 1 or 2 or 6 or 7 => 1u, _ => 4u };
            if (n > MaxValuesPerTag)
                throw ImageHeader.Limits($"A TIFF tag declares {n} values, over the limit of {MaxValuesPerTag}.");
            var dataPos = (long)size * n <= 4 ? e + 8 : U32(e + 8);
            if (dataPos + (long)size * n > _b.Length) throw ImageHeader.Corrupt("A TIFF tag's values lie outside the file.");
            var values = new uint[type == 5 ? n * 2 : n];
            for (var k = 0; k < n; k++)
            {
                switch (type)
                {
                    case 3: values[k] = U16(dataPos + k * 2); break;
                    case 4: values[k] = U32(dataPos + k * 4); break;
                    case 5: values[k * 2] = U32(dataPos + k * 8); values[k * 2 + 1] = U32(dataPos + k * 8 + 4); break;
                    case 1 or 7: values[k] = dataPos + k < _b.Length ? _b[(int)(dataPos + k)] : 0u; break;
                    default: values[k] = 0; break;
                }
            }
            tags[tag] = values;
        }
        var next = U32(offset + 2 + count * 12L);
        return new Ifd(tags, next != 0);
    }

    /// <summary>
    /// The number of pages (directories in the chain), refusing a chain that loops (a directory pointing back to one
    /// already seen) or that holds more than <paramref name="maxPages"/>: Tesseract would follow either for as long as
    /// it is let.
    /// </summary>
    public int CountPages(int maxPages)
    {
        var seen = new HashSet<uint>();
        var offset = U32(4);
        var pages = 0;
        while (offset != 0)
        {
            if (!seen.Add(offset)) throw ImageHeader.Corrupt("The TIFF's directory chain loops back on itself.");
            if (++pages > maxPages)
                throw ImageHeader.Limits($"The TIFF has more than {maxPages} pages, the limit for one document.");
            var count = U16(offset);
            if (count > MaxDirectoryEntries)
                throw ImageHeader.Limits($"A TIFF directory declares {count} entries, over the limit of {MaxDirectoryEntries}.");
            offset = U32(offset + 2 + count * 12L);
        }
        return pages;
    }

    /// <summary>Decodes to 8-bit gray (0 = black), or returns null when the compression or layout is not handled here.</summary>
    public byte[]? DecodeGray(Ifd ifd, int width, int height)
    {
        var compression = ifd.Get(259, 1);
        var bits = ifd.Get(258, 1);
        var spp = ifd.Get(277, 1);
        var photometric = ifd.Get(262, 1);
        if (compression is not (1 or 32773) || spp != 1 || bits is not (1 or 8) || photometric > 1) return null;
        if (!ifd.Tags.TryGetValue(273, out var offsets) || !ifd.Tags.TryGetValue(279, out var counts) || offsets.Length != counts.Length) return null;
        var rowBytes = bits == 1 ? (width + 7) / 8 : width;
        var raw = new byte[(long)rowBytes * height];
        var filled = 0;
        for (var s = 0; s < offsets.Length && filled < raw.Length; s++)
        {
            if ((long)offsets[s] + counts[s] > _b.Length) throw ImageHeader.Corrupt("A TIFF strip lies outside the file.");
            var strip = _b.Slice((int)offsets[s], (int)counts[s]);
            filled += compression == 1 ? Copy(strip, raw.AsSpan(filled)) : UnpackBits(strip, raw.AsSpan(filled));
        }
        var gray = new byte[(long)width * height];
        var whiteIsZero = photometric == 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int v = bits == 1 ? ((raw[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1) * 255 : raw[y * rowBytes + x];
                gray[y * width + x] = (byte)(whiteIsZero ? 255 - v : v);
            }
        }
        return gray;
    }

    private static int Copy(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var n = Math.Min(src.Length, dst.Length);
        src[..n].CopyTo(dst);
        return n;
    }

    private static int UnpackBits(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0, o = 0;
        while (i < src.Length && o < dst.Length)
        {
            var n = (sbyte)src[i++];
            if (n >= 0)
            {
                var len = Math.Min(n + 1, Math.Min(src.Length - i, dst.Length - o));
                src.Slice(i, len).CopyTo(dst[o..]);
                i += n + 1;
                o += len;
            }
            else if (n != -128 && i < src.Length)
            {
                var len = Math.Min(1 - n, dst.Length - o);
                dst.Slice(o, len).Fill(src[i++]);
                o += len;
            }
        }
        return o;
    }
}

internal sealed record Ifd(Dictionary<ushort, uint[]> Tags, bool HasNext)
{
    public uint Get(ushort tag, uint fallback = 0) => Tags.TryGetValue(tag, out var v) && v.Length > 0 ? v[0] : fallback;

    public double? Rational(ushort tag) => Tags.TryGetValue(tag, out var v) && v.Length >= 2 && v[1] != 0 ? (double)v[0] / v[1] : null;
}
