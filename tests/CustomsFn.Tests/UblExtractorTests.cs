using System.Text;
using CustomsFn.Core.Extraction.Ubl;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Tests;

public sealed class UblExtractorTests
{
    private static async Task<ExtractedDocument> ExtractAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var sniff = DocumentSniffer.Sniff(bytes);
        var extractor = new UblExtractor();
        Assert.True(extractor.CanExtract(sniff));
        return (await extractor.ExtractAsync(bytes, sniff, CancellationToken.None))!.Document;
    }

    private static string Sample(string name) => Path.Combine(TestPaths.Samples, "documents", name);

    [Fact]
    public async Task Invoice_HeaderFields_WithXmlSources()
    {
        var doc = await ExtractAsync(Sample("ubl-invoice-de-us-clean.xml"));
        var f = doc.Fields;
        Assert.Equal(DocumentFormat.Ubl, doc.Format);
        Assert.Equal(DocumentType.CommercialInvoice, doc.DocumentType);
        Assert.Equal("RHW-2026-00417", f.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-10-14", f.GetText(FieldNames.IssueDate));
        Assert.Equal("2026-11-13", f.GetText(FieldNames.DueDate)); // BT-9
        Assert.Equal("USD", f.GetText(FieldNames.Currency));
        Assert.Equal("Rheinwerk Antriebe GmbH", f.GetText(FieldNames.SellerName)); // legal name preferred over trading name
        Assert.Equal("DE", f.GetText(FieldNames.SellerCountry));
        Assert.Equal("DE811234567", f.GetText(FieldNames.SellerTaxId));
        Assert.Equal("Great Lakes Motion Supply Inc.", f.GetText(FieldNames.BuyerName));
        Assert.Equal("400 Industrial Parkway, Columbus, 43215, OH", f.GetText(FieldNames.BuyerAddress));
        Assert.Equal("FOB", f.GetText(FieldNames.Incoterm));
        Assert.Equal("Hamburg", f.GetText(FieldNames.IncotermPlace));
        Assert.Equal("US", f.GetText(FieldNames.DestinationCountry));
        Assert.Equal("DE", f.GetText(FieldNames.OriginCountry));
        Assert.Equal(412.5m, f.GetNumber(FieldNames.GrossWeightKg));
        Assert.Equal(380m, f.GetNumber(FieldNames.NetWeightKg));
        Assert.Equal(3m, f.GetNumber(FieldNames.PackageCount));
        Assert.Equal(18960.00m, f.GetNumber(FieldNames.LineTotal));
        Assert.Equal(0m, f.GetNumber(FieldNames.TaxAmount));
        Assert.Equal(18960.00m, f.GetNumber(FieldNames.TotalAmount));

        var id = f[FieldNames.InvoiceNumber];
        Assert.Null(id.Confidence); // exact structured input: nothing was scored
        Assert.Equal("/Invoice/cbc:ID", id.Source?.Path);
        Assert.Equal(7, id.Source?.Line);
        Assert.Equal("/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", f.SourceOf(FieldNames.TotalAmount)?.Path);
    }

    [Fact]
    public async Task Invoice_Lines_WithHsCodeDigitsOnlyAndIndexedPaths()
    {
        var doc = await ExtractAsync(Sample("ubl-invoice-de-us-clean.xml"));
        Assert.Equal(3, doc.Lines.Count);
        var first = doc.Lines[0];
        Assert.Equal("Helical gear reducer, ratio 1:20", first.GetText(FieldNames.Description));
        Assert.Equal("848340", first.GetText(FieldNames.HsCode)); // written 8483.40
        Assert.Equal(40m, first.GetNumber(FieldNames.Quantity));
        Assert.Equal("C62", first.GetText(FieldNames.UnitCode));
        Assert.Equal(315m, first.GetNumber(FieldNames.UnitPrice));
        Assert.Equal(12600m, first.GetNumber(FieldNames.Amount));
        Assert.Equal("DE", first.GetText(FieldNames.OriginCountry));
        Assert.Equal("/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount", doc.Lines[1].SourceOf(FieldNames.Amount)?.Path);
        Assert.Equal("/Invoice/cac:InvoiceLine[3]/cbc:InvoicedQuantity/@unitCode", doc.Lines[2].SourceOf(FieldNames.UnitCode)?.Path);
        Assert.Equal("FR", doc.Lines[2].GetText(FieldNames.OriginCountry));
    }

    [Fact]
    public async Task CreditNote_UsesCreditNoteLinesAndDeliveryTermsLocation()
    {
        var doc = await ExtractAsync(Sample("ubl-creditnote-cn-gb.xml"));
        Assert.Equal(DocumentType.CreditNote, doc.DocumentType);
        Assert.Equal("CIF", doc.Fields.GetText(FieldNames.Incoterm));
        Assert.Equal("Felixstowe", doc.Fields.GetText(FieldNames.IncotermPlace));
        var line = Assert.Single(doc.Lines);
        Assert.Equal(45m, line.GetNumber(FieldNames.Quantity));
        Assert.Equal("62141000", line.GetText(FieldNames.HsCode));
        Assert.Equal("/CreditNote/cac:CreditNoteLine/cbc:CreditedQuantity", line.SourceOf(FieldNames.Quantity)?.Path);
    }

    [Fact]
    public async Task Invoice_WithOtherPrefixes_GivesConventionalPaths()
    {
        const string xml = """
            <u:Invoice xmlns:u="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                       xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                       xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
              <b:ID>X-1</b:ID>
              <a:InvoiceLine><b:InvoicedQuantity unitCode="KGM">1.5</b:InvoicedQuantity>
                <a:Item><b:Name>Tea</b:Name><a:CommodityClassification><b:ItemClassificationCode listID="ZZZ">999</b:ItemClassificationCode></a:CommodityClassification></a:Item>
              </a:InvoiceLine>
            </u:Invoice>
            """;
        var bytes = Encoding.UTF8.GetBytes(xml);
        var doc = (await new UblExtractor().ExtractAsync(bytes, DocumentSniffer.Sniff(bytes), CancellationToken.None))!.Document;
        Assert.Equal("/Invoice/cbc:ID", doc.Fields.SourceOf(FieldNames.InvoiceNumber)?.Path);
        var line = Assert.Single(doc.Lines);
        Assert.False(line.ContainsKey(FieldNames.HsCode)); // a seller's own classification (listID ZZZ) is not an HS code
        Assert.Equal(1.5m, line.GetNumber(FieldNames.Quantity));
    }

    [Fact]
    public async Task MalformedXml_IsRejectedWithLineAndPosition()
    {
        var bytes = await File.ReadAllBytesAsync(Sample("ubl-malformed.xml"));
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => new UblExtractor().ExtractAsync(bytes, DocumentSniffer.Sniff(bytes), CancellationToken.None));
        Assert.Equal(InputCodes.MalformedXml, ex.Code);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepNesting_HitsTheDepthLimit()
    {
        var xml = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">" + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + "</Invoice>";
        var bytes = Encoding.UTF8.GetBytes(xml);
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => new UblExtractor().ExtractAsync(bytes, DocumentSniffer.Sniff(bytes), CancellationToken.None));
        Assert.Equal(InputCodes.XmlLimits, ex.Code);
        Assert.Contains("nesting deeper than 128", ex.Message, StringComparison.Ordinal);
    }
}
