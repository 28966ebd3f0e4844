using System.Text;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Tests;

public sealed class SnifferTests
{
    private static SniffResult Sniff(string text) => DocumentSniffer.Sniff(Encoding.UTF8.GetBytes(text));

    private static string RejectCode(byte[] bytes) =>
        Assert.Throws<DocumentRejectedException>(() => DocumentSniffer.Sniff(bytes)).Code;

    [Fact]
    public void Sniff_UblInvoice_ByRootAndNamespace()
    {
        var r = Sniff("<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>");
        Assert.Equal(DocumentFormat.Ubl, r.Format);
        Assert.Equal("Invoice", r.XmlRoot);
    }

    [Fact]
    public void Sniff_UblWithPrefixAndBom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("  <inv:CreditNote xmlns:inv=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"/>")).ToArray();
        var r = DocumentSniffer.Sniff(bytes);
        Assert.Equal(DocumentFormat.Ubl, r.Format);
        Assert.Equal("CreditNote", r.XmlRoot);
    }

    [Fact]
    public void Sniff_Utf16Xml_IsDecodedByTheReader()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>")).ToArray();
        Assert.Equal(DocumentFormat.Ubl, DocumentSniffer.Sniff(bytes).Format);
    }

    [Fact]
    public void Sniff_Cii_And_WcoDeclaration()
    {
        Assert.Equal(DocumentFormat.Cii, Sniff("<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"/>").Format);
        Assert.Equal(DocumentFormat.WcoDeclaration, Sniff("<Declaration xmlns=\"urn:wco:datamodel:WCO:DEC-DMS:2\"/>").Format);
    }

    [Theory]
    [InlineData("%PDF-1.7\n...", DocumentFormat.Pdf)]
    [InlineData("UNA:+.? 'UNB+UNOC:3+SENDER+RECEIVER+250101:1200+1'", DocumentFormat.Edifact)]
    [InlineData("UNB+UNOC:3+SENDER+RECEIVER+250101:1200+1'", DocumentFormat.Edifact)]
    public void Sniff_TextMagic(string content, string format)
    {
        Assert.Equal(format, Sniff(content).Format);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 8, 0 }, "image/tiff")]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0, 8 }, "image/tiff")]
    public void Sniff_Images_ByMagicBytes(byte[] bytes, string mediaType)
    {
        var r = DocumentSniffer.Sniff(bytes);
        Assert.Equal(DocumentFormat.Image, r.Format);
        Assert.Equal(mediaType, r.MediaType);
    }

    [Fact]
    public void Sniff_Empty_IsRejected() => Assert.Equal(InputCodes.Empty, RejectCode([]));

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2 })] // ZIP renamed .pdf
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })] // Windows executable
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 })] // ELF
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 })] // gzip
    public void Sniff_KnownNonDocuments_AreUnsupported(byte[] bytes)
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => DocumentSniffer.Sniff(bytes));
        Assert.Equal(InputCodes.UnsupportedFormat, ex.Code);
        Assert.Contains("not a supported document format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_PlainText_IsUnsupported() =>
        Assert.Equal(InputCodes.UnsupportedFormat, RejectCode(Encoding.UTF8.GetBytes("Invoice 42, total 100 EUR")));

    [Fact]
    public void Sniff_UnknownXmlRoot_IsUnsupportedDocument()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => Sniff("<html><body/></html>"));
        Assert.Equal(InputCodes.UnsupportedDocument, ex.Code);
        Assert.Contains("'html'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_XmlWithDtd_IsRejectedBeforeAnyExpansion()
    {
        const string billionLaughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>
            """;
        var ex = Assert.Throws<DocumentRejectedException>(() => Sniff(billionLaughs));
        Assert.Equal(InputCodes.XmlDtd, ex.Code);
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_MalformedXmlBeforeRoot_SaysWhere()
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => Sniff("<?xml version=\"1.0\"?>\n<<Invoice/>"));
        Assert.Equal(InputCodes.MalformedXml, ex.Code);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_FileNameIsNeverConsulted_PdfMagicAnywhereInTheFirstKilobyte()
    {
        // Some generators write a few junk bytes before %PDF-; readers accept them within 1024 bytes.
        var bytes = new byte[] { 0, 0, 0 }.Concat(Encoding.ASCII.GetBytes("%PDF-1.4\n")).ToArray();
        Assert.Equal(DocumentFormat.Pdf, DocumentSniffer.Sniff(bytes).Format);
    }
}
