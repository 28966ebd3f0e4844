using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Sniffing;

/// <summary>Decides the format of an upload from its content. Throws <see cref="DocumentRejectedException"/> for unusable input.</summary>
public static class DocumentSniffer
{
    public static class Namespaces
    {
        public const string UblPrefix = "urn:oasis:names:specification:ubl:schema:xsd:";
        public const string Cii = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
        public const string WcoDecDms = "urn:wco:datamodel:WCO:DEC-DMS:2";
        public const string WcoMetaData = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";
        /// <summary>HMRC's submission envelope around a WCO declaration (CDS declaration API, the declaration one level down).</summary>
        public const string HmrcSubmitDeclaration = "http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1";
    }

    public static SniffResult Sniff(ReadOnlyMemory<byte> content, XmlLimits? xmlLimits = null)
    {
        var span = content.Span;
        if (span.IsEmpty) throw new DocumentRejectedException(InputCodes.Empty, "The upload is empty (0 bytes).");

        var head = span[..Math.Min(span.Length, 1024)];
        // Archives and executables by their leading magic first: a ZIP whose first entry is a PDF (or that merely
        // names "%PDF-" early on) is still a ZIP, and must not be handed to the PDF parser.
        var known = DescribeKnownBinary(head);
        if (known is not null)
            throw new DocumentRejectedException(InputCodes.UnsupportedFormat, $"The content is {known}, which is not a supported document format.");
        if (head.IndexOf("%PDF-"u8) >= 0)
            return new SniffResult(HasEmbeddedInvoiceName(span) ? DocumentFormat.FacturX : DocumentFormat.Pdf, "application/pdf");
        if (head.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A })) return new SniffResult(DocumentFormat.Image, "image/png");
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return new SniffResult(DocumentFormat.Image, "image/jpeg");
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) return new SniffResult(DocumentFormat.Image, "image/tiff");

        var text = SkipBomAndWhitespace(head);
        if (text.StartsWith("UNA"u8) || text.StartsWith("UNB"u8)) return new SniffResult(DocumentFormat.Edifact, "application/edifact");
        if (LooksLikeXml(span))
        {
            var (root, ns) = SecureXml.ReadRoot(content, xmlLimits);
            var format = ClassifyXml(root, ns);
            if (format is null)
                throw new DocumentRejectedException(InputCodes.UnsupportedDocument,
                    $"The XML root element is '{root}' in namespace '{(ns.Length == 0 ? "(none)" : ns)}', which is not a supported document (UBL, CII, WCO declaration).");
            return new SniffResult(format, "application/xml", root, ns);
        }

        throw new DocumentRejectedException(InputCodes.UnsupportedFormat,
            "The content is not a PDF, PNG, JPEG, TIFF, XML or EDIFACT document (judged by its bytes, not its name).");
    }

    /// <summary>File names that Factur-X, ZUGFeRD, XRechnung and Order-X hybrids give their embedded XML.</summary>
    public static readonly IReadOnlyList<string> EmbeddedInvoiceNames =
        ["factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml", "order-x.xml"];

    /// <summary>
    /// A cheap hint, not proof: the PDF's bytes name an embedded e-invoice file (in the EmbeddedFiles name tree, the file
    /// specification or the XMP metadata). The Factur-X extractor opens the PDF to check, and declines when there is none.
    /// </summary>
    public static bool HasEmbeddedInvoiceName(ReadOnlySpan<byte> pdf)
    {
        foreach (var name in EmbeddedInvoiceNameBytes)
        {
            if (pdf.IndexOf(name) >= 0) return true;
        }
        return false;
    }

    private static readonly byte[][] EmbeddedInvoiceNameBytes = EmbeddedInvoiceNames.Select(System.Text.Encoding.ASCII.GetBytes).ToArray();

    /// <summary>Maps an XML root element to a format, or null when unsupported.</summary>
    public static string? ClassifyXml(string root, string ns)
    {
        if (ns.StartsWith(Namespaces.UblPrefix, StringComparison.Ordinal)) return DocumentFormat.Ubl;
        if (ns == Namespaces.Cii && root == "CrossIndustryInvoice") return DocumentFormat.Cii;
        // ZUGFeRD 1.0 (CII D13B-era): read by the CII reader, which renames it to D16B.
        if (Extraction.Cii.Zugferd1.IsZugferd1(root, ns)) return DocumentFormat.Cii;
        if (ns == Namespaces.WcoDecDms && root == "Declaration") return DocumentFormat.WcoDeclaration;
        // UK CDS and other DMS submissions wrap the Declaration in a metadata envelope.
        if (ns == Namespaces.WcoMetaData && root == "MetaData") return DocumentFormat.WcoDeclaration;
        if (ns == Namespaces.HmrcSubmitDeclaration && root == "submitDeclarationRequest") return DocumentFormat.WcoDeclaration;
        // A WCO envelope whose namespace prefixes lost their colons (md:MetaData written mdMetaData, the namespace URI without
        // its colons): the extractor reads the declaration inside and says the file is damaged.
        if (root.EndsWith("MetaData", StringComparison.Ordinal) && (SameWithoutPunctuation(ns, Namespaces.WcoDecDms) || SameWithoutPunctuation(ns, Namespaces.WcoMetaData)))
            return DocumentFormat.WcoDeclaration;
        return null;
    }

    /// <summary>True when the two strings have the same letters, digits and hyphens in order (colons and underscores dropped).</summary>
    public static bool SameWithoutPunctuation(string a, string b)
    {
        static string Strip(string s) => new(s.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        return a.Length > 0 && Strip(a) == Strip(b);
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> span)
    {
        // UTF-16 BOMs: let the XML reader decode them.
        if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF))) return true;
        var t = SkipBomAndWhitespace(span[..Math.Min(span.Length, 1024)]);
        return !t.IsEmpty && t[0] == (byte)'<';
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> s)
    {
        if (s.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) s = s[3..];
        var i = 0;
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return s[i..];
    }

    private static string? DescribeKnownBinary(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return "a ZIP archive (or an Office document)";
        if (head.StartsWith("MZ"u8)) return "a Windows executable";
        if (head.StartsWith(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' })) return "an ELF executable";
        if (head.StartsWith("GIF8"u8)) return "a GIF image (convert scans to PNG, JPEG or TIFF)";
        if (head.StartsWith(new byte[] { 0x1F, 0x8B })) return "a gzip archive";
        if (head.StartsWith("Rar!"u8)) return "a RAR archive";
        if (head.StartsWith(new byte[] { 0x37, 0x7A, 0xBC, 0xAF })) return "a 7-Zip archive";
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 })) return "a legacy Office document";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "a WebP image (convert scans to PNG, JPEG or TIFF)";
        return null;
    }
}
