using System.Text;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Wco;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Tests.Tariffs;

/// <summary>
/// UK CDS import declarations as they arrive: bare, in the WCO metadata envelope, in HMRC's submission envelope or with
/// damaged namespace prefixes; the destination read from the declaration itself; an estimate or a finding naming what is
/// missing; reliefs only where declared; HMRC country codes (XI) accepted.
/// </summary>
public sealed class CdsDeclarationTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private const string Md = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";
    private const string DecNs = "urn:wco:datamodel:WCO:DEC-DMS:2";
    private const string Ds = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2";

    /// <summary>One goods item: 6109100010 cotton T-shirts (UK Global Tariff 12%) of Chinese origin.</summary>
    private static string Declaration(string destination = "", string price = "<InvoiceLine><ItemChargeAmount currencyID=\"GBP\">1000</ItemChargeAmount></InvoiceLine>",
        string apc = "000", string office = "", string code = "61091000") => $"""
        <Declaration xmlns="{DecNs}" xmlns:p1="{Ds}">
          <IssueDateTime><p1:DateTimeString formatCode="304">20260210120000Z</p1:DateTimeString></IssueDateTime>
          <TypeCode>IMA</TypeCode>
          {office}
          <GoodsShipment>
            {destination}
            <GovernmentAgencyGoodsItem>
              <SequenceNumeric>1</SequenceNumeric>
              <Commodity>
                <Description>T-shirts of cotton</Description>
                <Classification><ID>{code}</ID><IdentificationTypeCode>TSP</IdentificationTypeCode></Classification>
                <Classification><ID>10</ID><IdentificationTypeCode>TRC</IdentificationTypeCode></Classification>
                <DutyTaxFee><DutyRegimeCode>100</DutyRegimeCode><TypeCode>A00</TypeCode></DutyTaxFee>
                <DutyTaxFee><TypeCode>B00</TypeCode></DutyTaxFee>
                {price}
              </Commodity>
              <GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>
              <GovernmentProcedure><CurrentCode>{apc}</CurrentCode></GovernmentProcedure>
              <Origin><CountryCode>CN</CountryCode><TypeCode>1</TypeCode></Origin>
            </GovernmentAgencyGoodsItem>
          </GoodsShipment>
        </Declaration>
        """;

    private static string InMetaData(string declaration, string responsible = "GB") =>
        $"""<md:MetaData xmlns:md="{Md}"><md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode><md:ResponsibleCountryCode>{responsible}</md:ResponsibleCountryCode>{declaration}</md:MetaData>""";

    private static string InHmrcEnvelope(string metaData) => $"""
        <v1:submitDeclarationRequest xmlns:v1="{DocumentSniffer.Namespaces.HmrcSubmitDeclaration}">
          <v1:requestCommon><v1:regime>CDS</v1:regime></v1:requestCommon>
          <v1:requestDetail>{metaData}</v1:requestDetail>
        </v1:submitDeclarationRequest>
        """;

    private static ExtractedDocument Read(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal(DocumentFormat.WcoDeclaration, DocumentSniffer.Sniff(bytes).Format);
        return WcoDeclarationExtractor.Read(bytes);
    }

    private static RuleOutcome Run(ExtractedDocument doc) => RuleEngine.CreateDefault().Run(doc, Today);

    [Fact]
    public void HmrcSubmissionEnvelope_IsSniffedAndReadAsTheDeclaration()
    {
        var doc = Read(InHmrcEnvelope(InMetaData(Declaration())));
        Assert.Equal("IMA", doc.Fields.GetText(FieldNames.DeclarationType));
        Assert.Equal("6109100010", Assert.Single(doc.Lines).GetText(FieldNames.HsCode));
        Assert.Equal("GB", doc.Fields.GetText(FieldNames.DestinationCountry)); // from the envelope's ResponsibleCountryCode
    }

    [Fact]
    public void EnvelopeWhosePrefixesLostTheirColons_IsReadAsTheDeclaration()
    {
        // As in a published CDS sample: "md:MetaData" written "mdMetaData", the namespace URIs without their colons.
        var damaged = $"""
            <mdMetaData xmlnsmd="urnwcodatamodelWCODocumentMetaData-DMS2" xmlns="urnwcodatamodelWCODEC-DMS2">
              <mdResponsibleCountryCode>GB</mdResponsibleCountryCode>
              <Declaration>
                <IssueDateTime><pDateTimeString formatCode="304">20260224162530+01</pDateTimeString></IssueDateTime>
                <TypeCode>IMY</TypeCode>
                <GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>
                  <Commodity><Classification><ID>61091000</ID><IdentificationTypeCode>TSP</IdentificationTypeCode></Classification>
                  <InvoiceLine><ItemChargeAmount currencyID="GBP">150</ItemChargeAmount></InvoiceLine></Commodity>
                </GovernmentAgencyGoodsItem></GoodsShipment>
              </Declaration>
            </mdMetaData>
            """;
        var doc = Read(damaged);
        Assert.Equal("2026-02-24", doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal("GB", doc.Fields.GetText(FieldNames.DestinationCountry));
        Assert.Equal(150m, doc.Lines[0].GetNumber(FieldNames.Amount));
    }

    [Fact]
    public void CustomsResponse_InTheDeclarationNamespace_IsNotTakenForADeclaration()
    {
        var response = $"""<md:MetaData xmlns:md="{Md}"><Response xmlns="{DecNs}"><FunctionCode>13</FunctionCode><Declaration><ID>26GB1</ID></Declaration></Response></md:MetaData>""";
        var e = Assert.Throws<DocumentRejectedException>(() => WcoDeclarationExtractor.Read(Encoding.UTF8.GetBytes(response)));
        Assert.Equal(InputCodes.UnsupportedDocument, e.Code);
    }

    [Theory]
    [InlineData("", "<SupervisingOffice><ID>XIBEL004</ID></SupervisingOffice>", "XI")] // no envelope: the supervising office's country
    [InlineData("<Destination><CountryCode>GB</CountryCode></Destination>", "<SupervisingOffice><ID>XIBEL004</ID></SupervisingOffice>", "GB")] // DE 5/8 wins
    public void ImportDeclaration_WithoutDe58_TakesItsDestinationFromTheDeclaration(string destination, string office, string expected)
    {
        var doc = Read(Declaration(destination, office: office));
        Assert.Equal(expected, doc.Fields.GetText(FieldNames.DestinationCountry));
        var duties = Assert.IsType<DutyEstimate>(Run(doc).Duties);
        Assert.Equal(expected, duties.Destination);
        Assert.Equal(120m, duties.TotalDuty); // 12% on 1000 (UK Global Tariff)
        Assert.Equal(224m, duties.TotalVat); // 20% on 1120: Northern Ireland (XI) is in the UK VAT territory
    }

    [Fact]
    public void ImportDeclaration_WithNoDestinationAnywhere_HasAFindingSayingSo()
    {
        var o = Run(Read(Declaration()));
        Assert.Null(o.Duties);
        var f = Assert.Single(o.Findings, f => f.Rule == DutyEstimateRule.NoEstimate.Id);
        Assert.Contains("country of destination is not known", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GoodsItemWithoutPrice_HasAFindingNamingTheMissingPrice_OrUsesItsCustomsValue()
    {
        // Without any amount the declaration has no currency either: that is what the finding names first.
        var noCurrency = Assert.Single(Run(Read(InMetaData(Declaration(price: "")))).Findings, f => f.Rule == DutyEstimateRule.NoEstimate.Id);
        Assert.Equal("currency", noCurrency.Path);

        var doc = Read(InMetaData(Declaration(price: "")));
        doc.Fields.Set(FieldNames.Currency, "GBP");
        var noPrice = Run(doc);
        var f = Assert.Single(noPrice.Findings, f => f.Rule == DutyEstimateRule.NoEstimate.Id);
        Assert.Equal("lines[0].amount", f.Path);
        Assert.Contains("no item price", f.Message, StringComparison.Ordinal);

        var withValue = Read(InMetaData(Declaration(price: "")));
        withValue.Fields.Set(FieldNames.Currency, "GBP");
        withValue.Lines[0].Set(FieldNames.CustomsValue, 500m);
        Assert.Equal(60m, Run(withValue).Duties!.TotalDuty);
    }

    [Fact]
    public void LowValueImportDeclaration_PaysDuty_UnlessARelief_IsClaimed()
    {
        // GBP 100 is under the GBP 135 low-value relief, but a full declaration that claims no relief is assessed in full.
        var price = "<InvoiceLine><ItemChargeAmount currencyID=\"GBP\">100</ItemChargeAmount></InvoiceLine>";
        var full = Run(Read(InMetaData(Declaration(price: price))));
        Assert.Equal(12m, full.Duties!.TotalDuty);
        Assert.DoesNotContain(full.Findings, f => f.Rule == DutyEstimateRule.LowValue.Id);
        // C07 (goods of negligible value) claims the relief.
        var relieved = Run(Read(InMetaData(Declaration(price: price, apc: "C07"))));
        Assert.Equal(0m, relieved.Duties!.TotalDuty);
        Assert.Contains("C07", relieved.Duties.Lines[0].Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XI")]
    [InlineData("XU")]
    [InlineData("QU")]
    [InlineData("ZN")] // continental shelf codes (CDS samples TT_IM095a-098a)
    public void HmrcCountryCodes_AreValidCountryCodes(string code)
    {
        Assert.True(CountryCode.TryParse(code, out var c));
        Assert.False(string.IsNullOrEmpty(c.Name));
    }
}
