using System.Text;

namespace CustomsFn.Bench.LocalHost;

/// <summary>A generated upload: a file name and its bytes.</summary>
public sealed record GeneratedDocument(string Name, byte[] Bytes);

/// <summary>
/// Distinct uploads made from the repository's samples/documents (each variant has different bytes, so a different
/// document id): valid invoices and credit notes with a changed document number, invoices with a line missing its HS
/// code (needs review), defective invoices, malformed and truncated XML, and unreadable binary data.
/// </summary>
public sealed class DocumentVariants
{
    private readonly string _clean, _defects, _creditNote, _malformed;

    public DocumentVariants(string samplesDocumentsDirectory)
    {
        _clean = File.ReadAllText(Path.Combine(samplesDocumentsDirectory, "ubl-invoice-de-us-clean.xml"));
        _defects = File.ReadAllText(Path.Combine(samplesDocumentsDirectory, "ubl-invoice-de-us-defects.xml"));
        _creditNote = File.ReadAllText(Path.Combine(samplesDocumentsDirectory, "ubl-creditnote-cn-gb.xml"));
        _malformed = File.ReadAllText(Path.Combine(samplesDocumentsDirectory, "ubl-malformed.xml"));
    }

    /// <summary>samples/documents in the repository above <paramref name="start"/> (default: the current folder, then this program's).</summary>
    public static string FindSamples(string? start = null)
    {
        foreach (var from in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "documents");
                if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln")) && Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException("samples/documents not found: run from inside the CustomsFn repository.");
    }

    /// <summary>A mix of <paramref name="count"/> uploads: cycles through the seven kinds.</summary>
    public IReadOnlyList<GeneratedDocument> Mixed(int count, string prefix = "doc")
    {
        var list = new List<GeneratedDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var tag = $"{prefix}-{i:D4}";
            list.Add((i % 7) switch
            {
                0 => Xml($"{tag}-clean.xml", WithDocumentNumber(_clean, tag)),
                1 => Xml($"{tag}-defects.xml", WithDocumentNumber(_defects, tag)),
                2 => Xml($"{tag}-creditnote.xml", WithDocumentNumber(_creditNote, tag)),
                3 => Xml($"{tag}-no-hs.xml", WithoutFirstClassification(WithDocumentNumber(_clean, tag))),
                4 => Xml($"{tag}-malformed.xml", _malformed + $"<!-- {tag} -->"),
                5 => Xml($"{tag}-truncated.xml", WithDocumentNumber(_clean, tag)[..(_clean.Length / 2)]),
                _ => new GeneratedDocument($"{tag}-scan.pdf", Binary(tag)),
            });
        }
        return list;
    }

    /// <summary><paramref name="count"/> valid XML invoices (the benchmark's load).</summary>
    public IReadOnlyList<GeneratedDocument> ValidXml(int count, string prefix = "bench") =>
        Enumerable.Range(0, count).Select(i => Xml($"{prefix}-{i:D5}.xml", WithDocumentNumber(i % 2 == 0 ? _clean : _creditNote, $"{prefix}-{i:D5}"))).ToList();

    private static GeneratedDocument Xml(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Appends the tag to the first cbc:ID (the document number).</summary>
    private static string WithDocumentNumber(string xml, string tag)
    {
        const string open = "<cbc:ID>";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return xml + $"<!-- {tag} -->";
        var end = xml.IndexOf("</cbc:ID>", start, StringComparison.Ordinal);
        return xml[..end] + "-" + tag + xml[end..];
    }

    private static string WithoutFirstClassification(string xml)
    {
        const string open = "<cac:CommodityClassification>", close = "</cac:CommodityClassification>";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return xml;
        var end = xml.IndexOf(close, start, StringComparison.Ordinal) + close.Length;
        return xml[..start] + xml[end..];
    }

    /// <summary>Bytes that are no document at all (no known magic), different per tag.</summary>
    private static byte[] Binary(string tag)
    {
        var random = new Random(tag.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
        var bytes = new byte[2048];
#pragma warning disable CA5394 // Not security: filler bytes for a test document.
        random.NextBytes(bytes);
#pragma warning restore CA5394
        bytes[0] = 0x01;
        Encoding.ASCII.GetBytes(tag).CopyTo(bytes, 1);
        return bytes;
    }
}
