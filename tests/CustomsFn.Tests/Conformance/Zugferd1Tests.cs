using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Model;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// ZUGFeRD 1.0 hybrids (urn:ferd:CrossIndustryDocument:invoice:1p0) from the public ZUGFeRD corpus: read from the embedded
/// ZUGFeRD-invoice.xml into the canonical fields, each equal to the value read here independently with XPath in the 1.0
/// vocabulary, and no error finding on any of these valid invoices.
/// </summary>
public sealed class Zugferd1Tests
{
    private const string Folder = "einvoice/zugferd-corpus/ZUGFeRDv1/correct/Intarsys";

    private static readonly (string, string)[] Ns =
    [
        ("rsm", "urn:ferd:CrossIndustryDocument:invoice:1p0"),
        ("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"),
        ("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"),
    ];

    [SkippableFact]
    public async Task Zugferd1Pdfs_FieldsEqualTheEmbeddedXml_AndNoErrorFinding()
    {
        var root = TestPaths.RequireCorpus(Folder);
        var failures = new List<string>();
        var compared = 0;
        foreach (var pdf in Directory.GetFiles(root, "*.pdf").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(pdf);
            var result = await ProcessAsync(pdf);
            Assert.True(result.Format == DocumentFormat.FacturX, $"{name}: read as {result.Format}");
            var errors = result.Findings.Where(f => f.Severity == Severity.Error).Select(f => $"{f.Rule} {f.Message}").ToList();
            if (errors.Count > 0) failures.Add($"{name}: error findings: {string.Join("; ", errors)}");
            var note = Assert.Single(result.Findings, f => f.Rule == FacturXExtractor.EmbeddedSourceRule);
            Assert.Contains("ZUGFeRD 1.0", note.Message, StringComparison.Ordinal);
            Assert.StartsWith("ZUGFeRD-invoice.xml!/CrossIndustryDocument/rsm:HeaderExchangedDocument/ram:ID", result.Fields[FieldNames.InvoiceNumber].Source!.Path, StringComparison.Ordinal);

            var x = new XPath(EmbeddedXml(pdf), Ns);
            Compare(failures, name, x, result);
            compared++;
        }
        AssertNoFailures(failures, compared, 12, "ZUGFeRD 1.0 PDFs");
    }

    [SkippableFact]
    public async Task Zugferd1StandaloneXml_ReadsAsCii_WithTheSameFieldsAsItsPdf()
    {
        var pdf = Path.Combine(TestPaths.RequireCorpus(Folder), "ZUGFeRD_1p0_EXTENDED_Warenrechnung.pdf");
        var fromPdf = await ProcessAsync(pdf);
        var standalone = await ProcessAsync(EmbeddedXml(pdf), "ZUGFeRD-invoice.xml");
        Assert.Equal(DocumentFormat.Cii, standalone.Format);
        Assert.DoesNotContain(standalone.Findings, f => f.Severity == Severity.Error);
        Assert.Equal(fromPdf.Fields.Keys.Order(), standalone.Fields.Keys.Order());
        foreach (var (field, value) in fromPdf.Fields) Assert.Equal(value.Value, standalone.Fields[field].Value);
        Assert.Equal(fromPdf.Lines.Count, standalone.Lines.Count);
        Assert.Equal("/CrossIndustryDocument/rsm:HeaderExchangedDocument/ram:ID", standalone.Fields[FieldNames.InvoiceNumber].Source!.Path);
    }

    /// <summary>Values read with XPath from the ZUGFeRD 1.0 XML, independently of the extractor.</summary>
    private static void Compare(List<string> failures, string name, XPath x, CustomsResult result)
    {
        const string Tx = "/rsm:CrossIndustryDocument/rsm:SpecifiedSupplyChainTradeTransaction";
        const string Agreement = Tx + "/ram:ApplicableSupplyChainTradeAgreement";
        const string Settlement = Tx + "/ram:ApplicableSupplyChainTradeSettlement";
        const string Sum = Settlement + "/ram:SpecifiedTradeSettlementMonetarySummation";
        var f = result.Fields;
        Expect(failures, name, f, FieldNames.InvoiceNumber, x.Text("/rsm:CrossIndustryDocument/rsm:HeaderExchangedDocument/ram:ID"));
        var date = x.Text("/rsm:CrossIndustryDocument/rsm:HeaderExchangedDocument/ram:IssueDateTime/udt:DateTimeString")!;
        Expect(failures, name, f, FieldNames.IssueDate, $"{date[..4]}-{date[4..6]}-{date[6..8]}");
        Expect(failures, name, f, FieldNames.Currency, x.Text(Settlement + "/ram:InvoiceCurrencyCode"));
        Expect(failures, name, f, FieldNames.SellerName, x.Text(Agreement + "/ram:SellerTradeParty/ram:Name"));
        Expect(failures, name, f, FieldNames.SellerCountry, x.Text(Agreement + "/ram:SellerTradeParty/ram:PostalTradeAddress/ram:CountryID"));
        Expect(failures, name, f, FieldNames.BuyerName, x.Text(Agreement + "/ram:BuyerTradeParty/ram:Name"));
        Expect(failures, name, f, FieldNames.BuyerCountry, x.Text(Agreement + "/ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID"));
        Expect(failures, name, f, FieldNames.LineTotal, x.Number(Sum + "/ram:LineTotalAmount"));
        Expect(failures, name, f, FieldNames.TaxExclusiveAmount, x.Number(Sum + "/ram:TaxBasisTotalAmount"));
        Expect(failures, name, f, FieldNames.TaxAmount, x.Number(Sum + "/ram:TaxTotalAmount"));
        Expect(failures, name, f, FieldNames.TotalAmount, x.Number(Sum + "/ram:GrandTotalAmount"));

        var items = x.Nodes(Tx + "/ram:IncludedSupplyChainTradeLineItem");
        if (items.Count != result.Lines.Count) failures.Add($"{name}: {items.Count} line items in the XML, {result.Lines.Count} lines read");
        for (var i = 0; i < Math.Min(items.Count, result.Lines.Count); i++)
        {
            var item = items[i];
            var line = result.Lines[i];
            var where = $"{name} line {i + 1}";
            Expect(failures, where, line, FieldNames.Description, x.Text("ram:SpecifiedTradeProduct/ram:Name", item));
            Expect(failures, where, line, FieldNames.Quantity, x.Number("ram:SpecifiedSupplyChainTradeDelivery/ram:BilledQuantity", item));
            Expect(failures, where, line, FieldNames.UnitCode, x.Text("ram:SpecifiedSupplyChainTradeDelivery/ram:BilledQuantity/@unitCode", item));
            Expect(failures, where, line, FieldNames.UnitPrice, x.Number("ram:SpecifiedSupplyChainTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount", item));
            Expect(failures, where, line, FieldNames.Amount, x.Number("ram:SpecifiedSupplyChainTradeSettlement/ram:SpecifiedTradeSettlementMonetarySummation/ram:LineTotalAmount", item));
        }
    }

    internal static byte[] EmbeddedXml(string pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.True(document.Advanced.TryGetEmbeddedFiles(out var files), $"{pdf} embeds no files");
        return files!.First(f => f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Memory.ToArray();
    }
}
