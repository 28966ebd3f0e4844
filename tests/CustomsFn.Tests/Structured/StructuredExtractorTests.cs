using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Edifact;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Extraction.Wco;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Structured;

/// <summary>Unit tests of the structured extractors on small hand-written documents (the corpus tests cover real ones).</summary>
public sealed class StructuredExtractorTests
{
    private const string Cii = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
            xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
            xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
          <rsm:ExchangedDocument>
            <ram:ID>CN-77</ram:ID>
            <ram:TypeCode>381</ram:TypeCode>
            <ram:IssueDateTime><udt:DateTimeString format="102">20260312</udt:DateTimeString></ram:IssueDateTime>
          </rsm:ExchangedDocument>
          <rsm:SupplyChainTradeTransaction>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:SpecifiedTradeProduct>
                <ram:Name>Ball bearings</ram:Name>
                <ram:DesignatedProductClassification><ram:ClassCode listID="HS">8482.10</ram:ClassCode></ram:DesignatedProductClassification>
                <ram:OriginTradeCountry><ram:ID>JP</ram:ID></ram:OriginTradeCountry>
              </ram:SpecifiedTradeProduct>
              <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>2.50</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
              <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">400</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
              <ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>1000.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:ApplicableHeaderTradeAgreement>
              <ram:SellerTradeParty><ram:Name>Osaka Seiko KK</ram:Name><ram:PostalTradeAddress><ram:LineOne>1-2 Honmachi</ram:LineOne><ram:CityName>Osaka</ram:CityName><ram:CountryID>JP</ram:CountryID></ram:PostalTradeAddress></ram:SellerTradeParty>
              <ram:BuyerTradeParty><ram:Name>Lyon Mecanique SA</ram:Name><ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>
              <ram:ApplicableTradeDeliveryTerms><ram:DeliveryTypeCode>cif</ram:DeliveryTypeCode></ram:ApplicableTradeDeliveryTerms>
            </ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeDelivery>
              <ram:ShipToTradeParty><ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:ShipToTradeParty>
            </ram:ApplicableHeaderTradeDelivery>
            <ram:ApplicableHeaderTradeSettlement>
              <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
              <ram:SpecifiedTradeAllowanceCharge>
                <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>
                <ram:ActualAmount>80.00</ram:ActualAmount><ram:ReasonCode>FC</ram:ReasonCode>
              </ram:SpecifiedTradeAllowanceCharge>
              <ram:SpecifiedTradeAllowanceCharge>
                <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>
                <ram:ActualAmount>12.00</ram:ActualAmount><ram:Reason>Transport insurance</ram:Reason>
              </ram:SpecifiedTradeAllowanceCharge>
              <ram:SpecifiedTradePaymentTerms>
                <ram:DueDateDateTime><udt:DateTimeString format="102">20260411</udt:DateTimeString></ram:DueDateDateTime>
              </ram:SpecifiedTradePaymentTerms>
              <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                <ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
                <ram:ChargeTotalAmount>92.00</ram:ChargeTotalAmount>
                <ram:TaxBasisTotalAmount>1092.00</ram:TaxBasisTotalAmount>
                <ram:TaxTotalAmount currencyID="JPY">35000</ram:TaxTotalAmount>
                <ram:TaxTotalAmount currencyID="EUR">218.40</ram:TaxTotalAmount>
                <ram:GrandTotalAmount>1310.40</ram:GrandTotalAmount>
              </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            </ram:ApplicableHeaderTradeSettlement>
          </rsm:SupplyChainTradeTransaction>
        </rsm:CrossIndustryInvoice>
        """;

    [Fact]
    public async Task Cii_MapsCustomsFieldsWithRamPaths()
    {
        var result = await ProcessAsync(Encoding.UTF8.GetBytes(Cii), "cn.xml");
        Assert.Equal(DocumentFormat.Cii, result.Format);
        Assert.Equal(DocumentType.CreditNote, result.DocumentType);
        var f = result.Fields;
        Assert.Equal("CN-77", f.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-03-12", f.GetText(FieldNames.IssueDate));
        Assert.Equal("2026-04-11", f.GetText(FieldNames.DueDate)); // BT-9
        Assert.Equal("CIF", f.GetText(FieldNames.Incoterm));
        Assert.Equal("FR", f.GetText(FieldNames.DestinationCountry));
        Assert.Equal("1-2 Honmachi, Osaka", f.GetText(FieldNames.SellerAddress));
        Assert.Equal(80m, f.GetNumber(FieldNames.FreightAmount));
        Assert.Equal(12m, f.GetNumber(FieldNames.InsuranceAmount));
        Assert.Equal(218.40m, f.GetNumber(FieldNames.TaxAmount)); // the document currency's tax total, not the JPY one
        Assert.Equal("/CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount[2]",
            f.SourceOf(FieldNames.TaxAmount)!.Path);
        Assert.Null(f[FieldNames.InvoiceNumber].Confidence);
        var line = Assert.Single(result.Lines);
        Assert.Equal("848210", line.GetText(FieldNames.HsCode));
        Assert.Equal("JP", line.GetText(FieldNames.OriginCountry));
        Assert.Equal(400m, line.GetNumber(FieldNames.Quantity));
        Assert.Equal("C62", line.GetText(FieldNames.UnitCode));
        Assert.Equal(14, line.SourceOf(FieldNames.HsCode)!.Line);
        Assert.DoesNotContain(result.Findings, x => x.Severity == Severity.Error);
    }

    [Fact]
    public async Task FacturX_ReadsTheEmbeddedCii_AndSaysWhereTheDataCameFrom()
    {
        var pdf = MinimalPdf.Build("factur-x.xml", Encoding.UTF8.GetBytes(Cii));
        Assert.Equal(DocumentFormat.FacturX, DocumentSniffer.Sniff(pdf).Format);
        var result = await ProcessAsync(pdf, "cn.pdf");
        Assert.Equal(DocumentFormat.FacturX, result.Format);
        Assert.Equal(FacturXExtractor.Name, result.Extractor!.Name);
        Assert.Equal("CN-77", result.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("factur-x.xml!/CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID", result.Fields.SourceOf(FieldNames.InvoiceNumber)!.Path);
        var note = Assert.Single(result.Findings, x => x.Rule == FacturXExtractor.EmbeddedSourceRule);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Contains("'factur-x.xml'", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FacturX_DeclinesAPdfWithoutAnEmbeddedInvoice()
    {
        var pdf = MinimalPdf.Build();
        var sniff = DocumentSniffer.Sniff(pdf);
        Assert.Equal(DocumentFormat.Pdf, sniff.Format);
        Assert.True(new FacturXExtractor().CanExtract(sniff));
        Assert.Null(await new FacturXExtractor().ExtractAsync(pdf, sniff, CancellationToken.None));

        // The next PDF extractor takes over: here the OCR extractor, which finds neither a text layer nor a page image.
        var result = await ProcessAsync(pdf, "plain.pdf");
        Assert.Equal(InputCodes.NoContent, Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public async Task FacturX_EmbeddedXmlThatIsNotAnInvoice_IsDeclined()
    {
        var pdf = MinimalPdf.Build("order-x.xml", Encoding.UTF8.GetBytes("<Order xmlns=\"urn:example:order\"/>"));
        Assert.Null(await new FacturXExtractor().ExtractAsync(pdf, DocumentSniffer.Sniff(pdf), CancellationToken.None));
    }

    [Fact]
    public void Extractors_AreRegisteredUblFirstAndFacturXBeforeGenericPdf()
    {
        var names = CustomsDefaults.Extractors(new PipelineOptions()).Select(e => e.GetType().Name).ToList();
        Assert.Equal("UblExtractor", names[0]);
        Assert.Contains("CiiExtractor", names);
        Assert.Contains("WcoDeclarationExtractor", names);
        Assert.Contains("EdifactInvoicExtractor", names);
        Assert.Contains("UblTradeDocumentExtractor", names);
        var pdfExtractors = CustomsDefaults.Extractors(new PipelineOptions()).Where(e => e.CanExtract(new SniffResult(DocumentFormat.Pdf, "application/pdf"))).ToList();
        Assert.IsType<FacturXExtractor>(pdfExtractors[0]);
    }

    private const string D96A = "UNA:+,? '\r\n" +
        "UNB+UNOC:3+SENDER:14+RECEIVER:14+260301:0930+REF42'\r\n" +
        "UNH+M1+INVOIC:D:96A:UN'\r\n" +
        "BGM+380+INV?+2026?'001+9'\r\n" +
        "DTM+137:20260301:102'\r\n" +
        "NAD+SE+++Hanoi Textile Co?: Ltd+12 Tran Phu+Hanoi++100000+VN'\r\n" +
        "RFF+VA:VN0101234567'\r\n" +
        "NAD+BY+++Rotterdam Fashion BV+Kade 5+Rotterdam++3011+NL'\r\n" +
        "NAD+DP+++Warehouse+Haven 9+Rotterdam++3089+NL'\r\n" +
        "CUX+2:EUR:4'\r\n" +
        "TOD+6++FOB::9:Haiphong'\r\n" +
        "MEA+AAE+AAB+KGM:1250,5'\r\n" +
        "ALC+C++++FC'\r\n" +
        "MOA+23:310,00'\r\n" +
        "LIN+1++61091000:HS'\r\n" +
        "IMD+F++:::Cotton T-shirts'\r\n" +
        "QTY+47:1000:PCE'\r\n" +
        "MOA+203:4500,00'\r\n" +
        "PRI+AAA:4,5'\r\n" +
        "ALI+VN'\r\n" +
        "LIN+2'\r\n" +
        "PIA+1+62034235:HS'\r\n" +
        "IMD+F++:::Cotton trousers'\r\n" +
        "QTY+47:200:PCE'\r\n" +
        "MOA+203:2300,00'\r\n" +
        "PRI+AAA:12'\r\n" +
        "ALC+A'\r\n" +
        "MOA+204:100'\r\n" +
        "UNS+S'\r\n" +
        "MOA+79:6800,00'\r\n" +
        "MOA+77:7110,00'\r\n" +
        "UNT+30+M1'\r\n" +
        "UNZ+1+REF42'\r\n";

    [Fact]
    public async Task EdifactD96A_WithUnaCommaDecimalAndReleaseCharacters()
    {
        var interchange = EdifactTokenizer.Tokenize(Encoding.Latin1.GetBytes(D96A));
        Assert.Equal(',', interchange.Separators.Decimal);
        Assert.Equal("UNOC", interchange.SyntaxIdentifier);
        var bgm = interchange.Segments.Single(s => s.Tag == "BGM");
        Assert.Equal("INV+2026'001", bgm.Get(1, 0)); // released '+' and "'" are data
        Assert.Equal(3, bgm.Number); // UNA is service string advice, not a segment: UNB is segment 1
        Assert.Equal(4, bgm.Line);

        var result = await ProcessAsync(Encoding.Latin1.GetBytes(D96A), "d96a.edi");
        Assert.Equal(DocumentFormat.Edifact, result.Format);
        Assert.DoesNotContain(result.Findings, x => x.Rule == EdifactInvoicExtractor.EnvelopeRule);
        var f = result.Fields;
        Assert.Equal("INV+2026'001", f.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-03-01", f.GetText(FieldNames.IssueDate));
        Assert.Equal("Hanoi Textile Co: Ltd", f.GetText(FieldNames.SellerName));
        Assert.Equal("12 Tran Phu, Hanoi, 100000", f.GetText(FieldNames.SellerAddress));
        Assert.Equal("VN0101234567", f.GetText(FieldNames.SellerTaxId));
        Assert.Null(f.GetText(FieldNames.BuyerTaxId));
        Assert.Equal("NL", f.GetText(FieldNames.DestinationCountry));
        Assert.Equal("EUR", f.GetText(FieldNames.Currency));
        Assert.Equal("FOB", f.GetText(FieldNames.Incoterm));
        Assert.Equal("Haiphong", f.GetText(FieldNames.IncotermPlace));
        Assert.Equal(1250.5m, f.GetNumber(FieldNames.GrossWeightKg));
        Assert.Equal(310m, f.GetNumber(FieldNames.FreightAmount));
        Assert.Equal(6800m, f.GetNumber(FieldNames.LineTotal));
        Assert.Equal(7110m, f.GetNumber(FieldNames.TotalAmount));
        Assert.Equal(new FieldSource { Path = "segment[3]/BGM", Line = 3 }, f.SourceOf(FieldNames.InvoiceNumber));

        Assert.Equal(2, result.Lines.Count);
        Assert.Equal("61091000", result.Lines[0].GetText(FieldNames.HsCode));
        Assert.Equal("VN", result.Lines[0].GetText(FieldNames.OriginCountry));
        Assert.Equal(4.5m, result.Lines[0].GetNumber(FieldNames.UnitPrice));
        Assert.Equal("62034235", result.Lines[1].GetText(FieldNames.HsCode));
        Assert.Equal(100m, result.Lines[1].GetNumber(FieldNames.AllowanceAmount));
        Assert.Equal("PCE", result.Lines[1].GetText(FieldNames.UnitCode));
    }

    [Fact]
    public async Task EdifactControlCountMismatch_IsAWarningNotARejection()
    {
        var text = D96A.Replace("UNT+30+M1", "UNT+31+M1", StringComparison.Ordinal);
        var result = await ProcessAsync(Encoding.Latin1.GetBytes(text), "count.edi");
        var warning = Assert.Single(result.Findings, x => x.Rule == EdifactInvoicExtractor.EnvelopeRule);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("declares 31 segments, but the message has 30", warning.Message, StringComparison.Ordinal);
        Assert.Equal(ResultStatus.NeedsReview, result.Status);
    }

    [Fact]
    public void EdifactInvalidUtf8UnderUnow_IsReadAsLatin1AndNoted()
    {
        var bytes = Encoding.Latin1.GetBytes("UNB+UNOW:4+S+R+260301:0930+1'UNH+1+INVOIC:D:14B:UN'BGM+380+X\u0092Y'UNT+3+1'UNZ+1+1'");
        var interchange = EdifactTokenizer.Tokenize(bytes);
        Assert.Contains("not valid UTF-8", Assert.Single(interchange.Notes), StringComparison.Ordinal);
        Assert.Equal("X\u0092Y", interchange.Segments[2].Get(1));
    }

    private const string Wco = """
        <md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
          <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
          <Declaration>
            <FunctionCode>9</FunctionCode>
            <FunctionalReferenceID>LRN-1</FunctionalReferenceID>
            <TypeCode>IMZ</TypeCode>
            <InvoiceAmount currencyID="GBP">1000</InvoiceAmount>
            <Declarant><ID>GB123456789000</ID></Declarant>
            <Exporter><Name>Shenzhen Parts</Name><Address><CityName>Shenzhen</CityName><CountryCode>CN</CountryCode><Line>1 Road</Line><PostcodeID>518000</PostcodeID></Address></Exporter>
            <GoodsShipment>
              <GovernmentAgencyGoodsItem>
                <SequenceNumeric>1</SequenceNumeric>
                <StatisticalValueAmount currencyID="GBP">1000</StatisticalValueAmount>
                <Commodity>
                  <Description>Vacuum cleaner parts</Description>
                  <Classification><ID>85089000</ID><IdentificationTypeCode>TSP</IdentificationTypeCode></Classification>
                  <Classification><ID>00</ID><IdentificationTypeCode>TRC</IdentificationTypeCode></Classification>
                  <Classification><ID>VATZ</ID><IdentificationTypeCode>GN</IdentificationTypeCode></Classification>
                  <DutyTaxFee><DutyRegimeCode>100</DutyRegimeCode><TypeCode>A00</TypeCode></DutyTaxFee>
                  <GoodsMeasure><GrossMassMeasure unitCode="KGM">110</GrossMassMeasure><NetNetWeightMeasure unitCode="KGM">100</NetNetWeightMeasure></GoodsMeasure>
                  <InvoiceLine><ItemChargeAmount currencyID="GBP">1000</ItemChargeAmount></InvoiceLine>
                </Commodity>
                <GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
                <GovernmentProcedure><CurrentCode>000</CurrentCode></GovernmentProcedure>
                <Origin><CountryCode>CN</CountryCode><TypeCode>1</TypeCode></Origin>
                <Packaging><QuantityQuantity>4</QuantityQuantity></Packaging>
              </GovernmentAgencyGoodsItem>
              <Importer><ID>GB987654321000</ID></Importer>
              <TradeTerms><ConditionCode>CIF</ConditionCode><LocationID>GBFXT</LocationID></TradeTerms>
            </GoodsShipment>
          </Declaration>
        </md:MetaData>
        """;

    [Fact]
    public void WcoDeclaration_PublicReader_MapsGoodsItemsAndConcatenatesTheTaricCode()
    {
        var doc = WcoDeclarationExtractor.Read(Encoding.UTF8.GetBytes(Wco));
        Assert.Equal(DocumentType.CustomsDeclaration, doc.DocumentType);
        Assert.Equal(DocumentFormat.WcoDeclaration, doc.Format);
        var f = doc.Fields;
        Assert.Equal("LRN-1", f.GetText(FieldNames.DeclarationNumber));
        Assert.Equal("IMZ", f.GetText(FieldNames.DeclarationType));
        Assert.Equal("4000", f.GetText(FieldNames.CustomsProcedure));
        Assert.Equal("GBP", f.GetText(FieldNames.Currency));
        Assert.Equal("GB123456789000", f.GetText(FieldNames.DeclarantId));
        Assert.Equal("Shenzhen Parts", f.GetText(FieldNames.SellerName));
        Assert.Equal("1 Road, Shenzhen, 518000", f.GetText(FieldNames.SellerAddress));
        Assert.Equal("GB987654321000", f.GetText(FieldNames.BuyerId));
        Assert.Equal("CIF", f.GetText(FieldNames.Incoterm));
        var item = Assert.Single(doc.Lines);
        Assert.Equal("8508900000", item.GetText(FieldNames.HsCode));
        Assert.Equal("/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Classification[1]/ID", item.SourceOf(FieldNames.HsCode)!.Path);
        Assert.Equal(1000m, item.GetNumber(FieldNames.Amount));
        Assert.Equal("CN", item.GetText(FieldNames.OriginCountry));
        Assert.Equal("100", item.GetText(FieldNames.Preference));
        Assert.Equal("000", item.GetText(FieldNames.AdditionalProcedure));
        Assert.Equal("VATZ", item.GetText(FieldNames.NationalAdditionalCodes));
        Assert.Equal("A00", item.GetText(FieldNames.TaxTypes));
        Assert.False(item.ContainsKey(FieldNames.AdditionalInformation));
        Assert.False(item.ContainsKey(FieldNames.DeclaredDuty));
        Assert.Equal(100m, item.GetNumber(FieldNames.NetWeightKg));
        Assert.Equal(4m, item.GetNumber(FieldNames.PackageCount));
    }

    [Fact]
    public async Task WcoEnvelopeWithoutADeclaration_IsAnUnsupportedDocument()
    {
        var xml = "<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\"><md:WCOTypeName>RES</md:WCOTypeName><Response xmlns=\"urn:wco:datamodel:WCO:RES-DMS:2\"/></md:MetaData>";
        var result = await ProcessAsync(Encoding.UTF8.GetBytes(xml), "response.xml");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.UnsupportedDocument, finding.Rule);
        Assert.Contains("'Response'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclarationWithoutType_FailsTheRequiredFieldsRule()
    {
        var xml = Wco.Replace("<TypeCode>IMZ</TypeCode>", string.Empty, StringComparison.Ordinal);
        var result = await ProcessAsync(Encoding.UTF8.GetBytes(xml), "no-type.xml");
        var missing = Assert.Single(result.Findings, x => x.Rule == RequiredFieldsRule.MissingField.Id);
        Assert.Equal(FieldNames.DeclarationType, missing.Path);
        Assert.Equal(ResultStatus.Rejected, result.Status);
    }
}
