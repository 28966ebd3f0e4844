using System.Globalization;
using System.Text;

namespace CustomsFn.Bench.Hostile;

/// <summary>Writes small, valid PDFs by hand (correct xref offsets): an empty page, optionally an embedded file, optionally an /Encrypt entry.</summary>
internal static class MinimalPdf
{
    public static byte[] Build(string? embeddedName = null, byte[]? embedded = null, bool encrypted = false)
    {
        var objects = new List<string>
        {
            embeddedName is null
                ? "<< /Type /Catalog /Pages 2 0 R >>"
                : "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(" + embeddedName + ") 4 0 R] >> >> /AF [4 0 R] >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        if (embeddedName is not null)
        {
            objects.Add("<< /Type /Filespec /F (" + embeddedName + ") /UF (" + embeddedName + ") /AFRelationship /Alternative /EF << /F 5 0 R >> >>");
            objects.Add("<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length " + embedded!.Length.ToString(CultureInfo.InvariantCulture) + " >>\nstream\n" + Encoding.Latin1.GetString(embedded) + "\nendstream");
        }
        if (encrypted)
            objects.Add("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + new string('7', 64) + "> /U <" + new string('3', 64) + "> >>");
        return Write(objects, encrypted ? $" /Encrypt {objects.Count} 0 R" : string.Empty);
    }

    /// <summary>Writes objects 1..n (object 1 the catalog) with a correct cross-reference table; <paramref name="trailerExtra"/> goes into the trailer.</summary>
    public static byte[] Write(IReadOnlyList<string> objects, string trailerExtra = "")
    {
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
