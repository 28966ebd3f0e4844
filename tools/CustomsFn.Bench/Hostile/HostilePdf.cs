using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CustomsFn.Bench.Hostile;

/// <summary>
/// Writes hostile PDFs byte by byte, with correct xref offsets unless the case is about wrong ones: every object is
/// given as Latin-1 text or raw bytes, numbered from 1 in order.
/// </summary>
internal static class HostilePdf
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>A text page saying <paramref name="text"/> in Helvetica, as a one-page document's objects 1..5.</summary>
    public static List<byte[]> TextPageObjects(string text, string contentsExtra = "")
    {
        var content = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
        return
        [
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            Obj($"<< /Length {content.Length}{contentsExtra} >>\nstream\n{content}\nendstream"),
        ];
    }

    public static byte[] Obj(string text) => Latin1.GetBytes(text);

    /// <summary>A stream object with the given dictionary entries (Length is added) and raw data.</summary>
    public static byte[] Stream(string dictionaryEntries, byte[] data, long? declaredLength = null)
    {
        var head = Latin1.GetBytes($"<< {dictionaryEntries} /Length {(declaredLength ?? data.Length).ToString(CultureInfo.InvariantCulture)} >>\nstream\n");
        return [.. head, .. data, .. "\nendstream"u8];
    }

    /// <summary>Assembles objects, an xref table and a trailer; <paramref name="trailerExtra"/> is added to the trailer dictionary.</summary>
    public static byte[] Build(IReadOnlyList<byte[]> objects, string trailerExtra = "", Func<long, long>? xrefOffset = null)
    {
        using var pdf = new MemoryStream();
        pdf.Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin1.GetBytes($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write("\nendobj\n"u8);
        }
        var xref = pdf.Position;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        var startxref = xrefOffset?.Invoke(xref) ?? xref;
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{startxref}\n%%EOF\n");
        pdf.Write(Latin1.GetBytes(sb.ToString()));
        return pdf.ToArray();
    }

    /// <summary>A well-formed one-page text PDF.</summary>
    public static byte[] Simple(string text = "Commercial Invoice") => Build(TextPageObjects(text));

    /// <summary>The xref's trailer names itself as the previous xref section: following /Prev loops forever.</summary>
    public static byte[] XrefLoop()
    {
        var pdf = Build(TextPageObjects("Commercial Invoice"));
        var text = Latin1.GetString(pdf);
        var xref = text.LastIndexOf("xref\n", StringComparison.Ordinal);
        return Latin1.GetBytes(text.Replace("/Root 1 0 R", "/Root 1 0 R /Prev " + xref.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    /// <summary>The page tree's root lists itself among its kids, and a page lists its parent.</summary>
    public static byte[] PageTreeCycle() => Build(
    [
        Obj("<< /Type /Catalog /Pages 2 0 R >>"),
        Obj("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"),
        Obj("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>"),
    ]);

    /// <summary>An array nested <paramref name="depth"/> levels deep in the page dictionary (a stack-overflow attempt on recursive parsers).</summary>
    public static byte[] DeepArrays(int depth)
    {
        var objects = TextPageObjects("Commercial Invoice");
        objects[2] = Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Deep "
            + new string('[', depth) + new string(']', depth) + " >>");
        return Build(objects);
    }

    /// <summary>Dictionaries nested <paramref name="depth"/> levels deep.</summary>
    public static byte[] DeepDictionaries(int depth)
    {
        var objects = TextPageObjects("Commercial Invoice");
        var sb = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++) sb.Append("<< /A ");
        for (var i = 0; i < depth; i++) sb.Append(" >>");
        objects[2] = Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Deep " + sb + " >>");
        return Build(objects);
    }

    /// <summary>A chain of <paramref name="depth"/> indirect objects each referring to the next (/Next n+1 0 R).</summary>
    public static byte[] DeepReferenceChain(int depth)
    {
        var objects = TextPageObjects("Commercial Invoice");
        var first = objects.Count + 1;
        objects[0] = Obj($"<< /Type /Catalog /Pages 2 0 R /Chain {first} 0 R >>");
        for (var i = 0; i < depth; i++) objects.Add(Obj($"<< /Next {first + i + 1} 0 R >>"));
        objects.Add(Obj("<< >>"));
        return Build(objects);
    }

    /// <summary>Content stream operators nested with q/Q (save/restore graphics state) <paramref name="depth"/> deep.</summary>
    public static byte[] DeepGraphicsState(int depth)
    {
        var content = Latin1.GetBytes(string.Concat(Enumerable.Repeat("q ", depth)) + "BT /F1 12 Tf 72 720 Td (Invoice) Tj ET " + string.Concat(Enumerable.Repeat("Q ", depth)));
        var objects = TextPageObjects("Commercial Invoice");
        objects[4] = Stream(string.Empty, content);
        return Build(objects);
    }

    /// <summary>The page content is a Flate stream that inflates to <paramref name="inflatedBytes"/> bytes of spaces.</summary>
    public static byte[] FlateBomb(long inflatedBytes)
    {
        var objects = TextPageObjects("Commercial Invoice");
        objects[4] = Stream("/Filter /FlateDecode", Deflated(inflatedBytes));
        return Build(objects);
    }

    /// <summary>zlib data for <paramref name="inflatedBytes"/> spaces; built from one compressed block repeated, so it is quick to make.</summary>
    public static byte[] Deflated(long inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += block.Length)
                z.Write(block, 0, (int)Math.Min(block.Length, inflatedBytes - written));
        }
        return output.ToArray();
    }

    /// <summary>A page tree of <paramref name="pages"/> text pages.</summary>
    public static byte[] ManyPages(int pages)
    {
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [" + string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{i + 5} 0 R")) + $"] /Count {pages} >>"),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        };
        var content = "BT /F1 12 Tf 72 720 Td (Page) Tj ET";
        objects.Add(Stream(string.Empty, Latin1.GetBytes(content)));
        for (var i = 0; i < pages; i++)
            objects.Add(Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"));
        return Build(objects);
    }

    /// <summary>The content stream's /Length says <paramref name="declared"/> bytes, which is not what follows.</summary>
    public static byte[] WrongStreamLength(long declared)
    {
        var objects = TextPageObjects("Commercial Invoice");
        var content = Latin1.GetBytes("BT /F1 12 Tf 72 720 Td (Commercial Invoice) Tj ET");
        objects[4] = Stream(string.Empty, content, declared);
        return Build(objects);
    }

    /// <summary>A page drawing an image XObject that claims <paramref name="width"/> x <paramref name="height"/> samples (a pixel bomb inside a PDF).</summary>
    public static byte[] HugeImage(int width, int height)
    {
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>"),
            Stream($"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", Deflated(1 << 20)),
            Stream(string.Empty, "q 595 0 0 842 0 0 cm /Im1 Do Q"u8.ToArray()),
        };
        return Build(objects);
    }

    /// <summary>A page tree <paramref name="depth"/> levels deep: each /Pages node has one kid, the next /Pages node.</summary>
    public static byte[] DeepPageTree(int depth)
    {
        // 1 catalog, 2 font, 3 content, 4.. the /Pages chain, last the page.
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 4 0 R >>"),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            Stream(string.Empty, "BT /F1 12 Tf 72 720 Td (Commercial Invoice) Tj ET"u8.ToArray()),
        };
        for (var i = 0; i < depth; i++)
        {
            var self = 4 + i;
            var parent = i == 0 ? string.Empty : $" /Parent {self - 1} 0 R";
            objects.Add(Obj($"<< /Type /Pages{parent} /Kids [{self + 1} 0 R] /Count 1 >>"));
        }
        objects.Add(Obj($"<< /Type /Page /Parent {3 + depth} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 2 0 R >> >> /Contents 3 0 R >>"));
        return Build(objects);
    }

    /// <summary>Form XObjects nested <paramref name="depth"/> deep: each form draws the next one.</summary>
    public static byte[] DeepForms(int depth)
    {
        // 1 catalog, 2 pages, 3 page, 4 font, 5 page content, 6.. forms.
        var objects = new List<byte[]>
        {
            Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> /Contents 5 0 R >>"),
            Obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            Stream(string.Empty, "/X Do"u8.ToArray()),
        };
        for (var i = 0; i < depth; i++)
        {
            var next = 6 + i + 1;
            var body = i == depth - 1 ? "BT /F1 12 Tf 72 720 Td (Commercial Invoice) Tj ET" : "/X Do";
            var resources = i == depth - 1 ? "/Font << /F1 4 0 R >>" : $"/XObject << /X {next} 0 R >>";
            objects.Add(Stream($"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {resources} >>", Latin1.GetBytes(body)));
        }
        return Build(objects);
    }
}
