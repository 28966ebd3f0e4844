using System.Text.RegularExpressions;
using System.Xml.Linq;
using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// The CIUS rule sets (Peppol BIS 3 over UBL, XRechnung over UBL and CII), one row per rule: a valid corpus document on which
/// no CIUS rule fires, changed in one place (regex replacements, "||" between several) so that the rule fires with the flag its
/// publisher gives it. The unchanged document is the negative case of every row.
/// </summary>
public sealed class CiusRuleTests
{
    private static readonly Dictionary<string, string> Bases = new(StringComparer.Ordinal)
    {
        ["peppol"] = "einvoice/en16931-connectingeurope/ubl/examples/BIS3_Invoice_positive.XML",
        ["xr-ubl"] = "einvoice/zugferd-corpus/XML-Rechnung/UBL/XRECHNUNG_Einfach.ubl.xml",
        ["xr-cii"] = "einvoice/zugferd-corpus/XML-Rechnung/CII/XRECHNUNG_Einfach.cii.xml",
        // The same CII invoice declaring Peppol BIS 3 instead of XRechnung (the corpus has no Peppol CII invoice); it passes every Peppol rule.
        ["peppol-cii"] = "einvoice/zugferd-corpus/XML-Rechnung/CII/XRECHNUNG_Einfach.cii.xml",
    };

    private static string Load(string baseKey)
    {
        var text = File.ReadAllText(TestPaths.RequireCorpus(Bases[baseKey]));
        return baseKey == "peppol-cii"
            ? text.Replace("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0", StringComparison.Ordinal)
            : text;
    }

    [Fact]
    public void InThePipeline_ACiusError_IsAWarning_TheVerdictKeepsThePublishedFlag()
    {
        var xml = XDocument.Parse(Regex.Replace(Load("peppol"), "(?s)<cbc:BuyerReference>.*?</cac:OrderReference>", ""));

        var report = ConformanceValidator.Default.Validate(xml)!;
        Assert.False(report.IsValid);
        Assert.Contains(report.Findings, f => f.RuleId == "PEPPOL-EN16931-R003" && f.Severity == Severity.Error);

        var findings = EInvoiceConformance.Check(xml);
        var r003 = Assert.Single(findings, f => f.Rule == "PEPPOL-EN16931-R003");
        Assert.Equal(Severity.Warning, r003.Severity);
        Assert.Contains("a warning for customs processing", r003.Message, StringComparison.Ordinal);
        Assert.StartsWith("Peppol", r003.Reference, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    private const string DocAc = """<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>x</cbc:AllowanceChargeReason>""";
    private const string AcEnd = """<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge><cac:TaxTotal>""";

    [SkippableTheory]
    // Peppol BIS 3 (UBL)
    [InlineData("peppol", "PEPPOL-EN16931-R001", "error", "<cbc:ProfileID>[^<]*</cbc:ProfileID>", "")]
    [InlineData("peppol", "PEPPOL-EN16931-R007", "error", "poacc:billing:01:1.0", "poacc:billing:1:1.0")]
    [InlineData("peppol", "PEPPOL-EN16931-R002", "error", "<cbc:Note>text</cbc:Note>", "<cbc:Note>text</cbc:Note><cbc:Note>more</cbc:Note>")]
    [InlineData("peppol", "PEPPOL-EN16931-R003", "error", "(?s)<cbc:BuyerReference>.*?</cac:OrderReference>", "")]
    [InlineData("peppol", "PEPPOL-EN16931-R004", "error", "2017#compliant#urn:fdc:peppol", "2017#conformant#urn:fdc:peppol")]
    [InlineData("peppol", "PEPPOL-EN16931-R005", "error", "</cbc:DocumentCurrencyCode>", "</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>DKK</cbc:TaxCurrencyCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-R054", "error", "</cac:TaxTotal>", """</cac:TaxTotal><cac:TaxTotal><cbc:TaxAmount currencyID="DKK">1</cbc:TaxAmount></cac:TaxTotal>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R053", "error", "(?s)<cac:TaxTotal>.*?</cac:TaxTotal>", "")]
    [InlineData("peppol", "PEPPOL-EN16931-R055", "error", "</cbc:DocumentCurrencyCode>||</cac:TaxTotal>", """</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>||</cac:TaxTotal><cac:TaxTotal><cbc:TaxAmount currencyID="EUR">-5</cbc:TaxAmount></cac:TaxTotal>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R006", "error", "</cac:ContractDocumentReference>", "</cac:ContractDocumentReference>" + "<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>B</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>")]
    [InlineData("peppol", "PEPPOL-EN16931-R080", "error", "</cac:ContractDocumentReference>", "</cac:ContractDocumentReference>" + "<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>B</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>")]
    [InlineData("peppol", "PEPPOL-EN16931-R008", "error", "<cbc:AccountingCost>n/a</cbc:AccountingCost>", "<cbc:AccountingCost> </cbc:AccountingCost>")]
    [InlineData("peppol", "PEPPOL-EN16931-R010", "error", """<cbc:EndpointID schemeID="0184">DK87654321</cbc:EndpointID>""", "")]
    [InlineData("peppol", "PEPPOL-EN16931-R020", "error", """<cbc:EndpointID schemeID="0184">DK12345678</cbc:EndpointID>""", "")]
    [InlineData("peppol", "PEPPOL-EN16931-R041", "error", "<cac:TaxTotal>", DocAc + """<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="DKK">10</cbc:Amount>""" + AcEnd)]
    [InlineData("peppol", "PEPPOL-EN16931-R042", "error", "<cac:TaxTotal>", DocAc + """<cbc:Amount currencyID="DKK">10</cbc:Amount><cbc:BaseAmount currencyID="DKK">100</cbc:BaseAmount>""" + AcEnd)]
    [InlineData("peppol", "PEPPOL-EN16931-R040", "error", "<cac:TaxTotal>", DocAc + """<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="DKK">10</cbc:Amount><cbc:BaseAmount currencyID="DKK">200</cbc:BaseAmount>""" + AcEnd)]
    [InlineData("peppol", "PEPPOL-EN16931-R043", "error", "<cac:TaxTotal>", """<cac:AllowanceCharge><cbc:ChargeIndicator>0</cbc:ChargeIndicator><cbc:AllowanceChargeReason>x</cbc:AllowanceChargeReason><cbc:Amount currencyID="DKK">10</cbc:Amount>""" + AcEnd)]
    [InlineData("peppol", "PEPPOL-EN16931-R044", "error", "</cbc:PriceAmount>", """</cbc:PriceAmount><cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:Amount currencyID="DKK">1</cbc:Amount></cac:AllowanceCharge>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R046", "error", "</cbc:PriceAmount>", """</cbc:PriceAmount><cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="DKK">1</cbc:Amount><cbc:BaseAmount currencyID="DKK">5</cbc:BaseAmount></cac:AllowanceCharge>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R051", "error", """<cbc:TaxExclusiveAmount currencyID="DKK">""", """<cbc:TaxExclusiveAmount currencyID="EUR">""")]
    [InlineData("peppol", "PEPPOL-EN16931-R061", "error", "<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>", "<cbc:PaymentMeansCode>59</cbc:PaymentMeansCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-R100", "error", "(</cac:InvoicePeriod>)(\\s*<cac:Item>)", "$1<cac:DocumentReference><cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference><cac:DocumentReference><cbc:ID>B</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference>$2")]
    [InlineData("peppol", "PEPPOL-EN16931-R101", "error", "(</cac:InvoicePeriod>)(\\s*<cac:Item>)", "$1<cac:DocumentReference><cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:DocumentReference>$2")]
    [InlineData("peppol", "PEPPOL-EN16931-R110", "error", "(?s)(<cac:InvoiceLine>.*?<cbc:StartDate>)2018-09-01", "${1}2018-08-01")]
    [InlineData("peppol", "PEPPOL-EN16931-R111", "error", "(?s)(<cac:InvoiceLine>.*?<cbc:EndDate>)2018-09-30", "${1}2018-10-31")]
    [InlineData("peppol", "PEPPOL-EN16931-R120", "error", """<cbc:InvoicedQuantity unitCode="KWH">1</cbc:InvoicedQuantity>""", """<cbc:InvoicedQuantity unitCode="KWH">2</cbc:InvoicedQuantity>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R121", "error", "</cbc:PriceAmount>", """</cbc:PriceAmount><cbc:BaseQuantity unitCode="KWH">0</cbc:BaseQuantity>""")]
    [InlineData("peppol", "PEPPOL-EN16931-R130", "error", "</cbc:PriceAmount>", """</cbc:PriceAmount><cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity>""")]
    [InlineData("peppol", "PEPPOL-EN16931-P0100", "error", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>389</cbc:InvoiceTypeCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-P0112", "error", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>326</cbc:InvoiceTypeCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-P0104", "error", "(<cbc:Percent>25</cbc:Percent>)", "$1<cbc:TaxExemptionReasonCode>vatex-eu-g</cbc:TaxExemptionReasonCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-P0108", "error", "(<cbc:Percent>25</cbc:Percent>)", "$1<cbc:TaxExemptionReasonCode>VATEX-EU-D</cbc:TaxExemptionReasonCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-F001", "error", "<cbc:DueDate>2019-02-24</cbc:DueDate>", "<cbc:DueDate>24.02.2019</cbc:DueDate>")]
    [InlineData("peppol", "PEPPOL-EN16931-CL001", "error", "</cac:ContractDocumentReference>", """</cac:ContractDocumentReference><cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/xml" filename="a.xml">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>""")]
    [InlineData("peppol", "PEPPOL-EN16931-CL006", "error", "(<cbc:EndDate>2018-09-30</cbc:EndDate>)", "$1<cbc:DescriptionCode>99</cbc:DescriptionCode>")]
    [InlineData("peppol", "PEPPOL-EN16931-CL007", "error", """<cbc:TaxExclusiveAmount currencyID="DKK">""", """<cbc:TaxExclusiveAmount currencyID="DKX">""")]
    [InlineData("peppol", "PEPPOL-EN16931-CL008", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0000">DK87654321""")]
    [InlineData("peppol", "PEPPOL-COMMON-R042", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0184">DK876543""")]
    [InlineData("peppol", "PEPPOL-COMMON-R040", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0088">4000001123453""")]
    [InlineData("peppol", "PEPPOL-COMMON-R041", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0192">123456789""")]
    [InlineData("peppol", "PEPPOL-COMMON-R043", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0208">0123456789""")]
    [InlineData("peppol", "PEPPOL-COMMON-R049", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0007">1234567890""")]
    [InlineData("peppol", "PEPPOL-COMMON-R050", "error", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0151">51824753557""")]
    [InlineData("peppol", "PEPPOL-COMMON-R044", "warning", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0201">ABC12""")]
    [InlineData("peppol", "PEPPOL-COMMON-R045", "warning", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0210">ABC""")]
    [InlineData("peppol", "PEPPOL-COMMON-R047", "warning", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0211">IT12345678901""")]
    [InlineData("peppol", "PEPPOL-COMMON-R052", "warning", """<cbc:EndpointID schemeID="0184">DK87654321""", """<cbc:EndpointID schemeID="0096">12345""")]
    // XRechnung (UBL)
    [InlineData("xr-ubl", "BR-DE-1", "error", "(?s)<cac:PaymentMeans>.*?</cac:PaymentMeans>", "")]
    [InlineData("xr-ubl", "BR-DE-2", "error", "(?s)<cac:Contact>.*?</cac:Contact>", "")]
    [InlineData("xr-ubl", "BR-DE-3", "error", "<cbc:CityName>München</cbc:CityName>", "")]
    [InlineData("xr-ubl", "BR-DE-4", "error", "<cbc:PostalZone>80333</cbc:PostalZone>", "")]
    [InlineData("xr-ubl", "BR-DE-5", "error", "<cbc:Name>Max Mustermann</cbc:Name>", "")]
    [InlineData("xr-ubl", "BR-DE-6", "error", "<cbc:Telephone>[^<]*</cbc:Telephone>", "")]
    [InlineData("xr-ubl", "BR-DE-7", "error", "<cbc:ElectronicMail>[^<]*</cbc:ElectronicMail>", "")]
    [InlineData("xr-ubl", "BR-DE-8", "error", "<cbc:CityName>Frankfurt</cbc:CityName>", "")]
    [InlineData("xr-ubl", "BR-DE-9", "error", "<cbc:PostalZone>69876</cbc:PostalZone>", "")]
    [InlineData("xr-ubl", "BR-DE-10", "error", "<cac:PaymentMeans>", "<cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:PostalZone>1</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery><cac:PaymentMeans>")]
    [InlineData("xr-ubl", "BR-DE-11", "error", "<cac:PaymentMeans>", "<cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:CityName>A</cbc:CityName><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery><cac:PaymentMeans>")]
    [InlineData("xr-ubl", "BR-DE-14", "error", "<cbc:Percent>7</cbc:Percent>", "")]
    [InlineData("xr-ubl", "BR-DE-15", "error", "<cbc:BuyerReference>[^<]*</cbc:BuyerReference>", "")]
    [InlineData("xr-ubl", "BR-DE-16", "error", "(?s)<cac:PartyTaxScheme>.*?</cac:PartyTaxScheme>\\s*<cac:PartyTaxScheme>.*?</cac:PartyTaxScheme>", "")]
    [InlineData("xr-ubl", "BR-DE-17", "warning", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>383</cbc:InvoiceTypeCode>")]
    [InlineData("xr-ubl", "BR-DE-18", "error", "(<cac:PaymentTerms>\\s*<cbc:Note>)[^<]*", "${1}#SKONTO#TAGE=7#PROZENT=2#\n")]
    [InlineData("xr-ubl", "BR-DE-19", "warning", "DE02120300000000202051", "DE02120300000000202052")]
    [InlineData("xr-ubl", "BR-DE-21", "warning", "kosit:xrechnung_3.0", "kosit:xrechnung_2.3")]
    [InlineData("xr-ubl", "BR-DE-22", "error", "<cac:AccountingSupplierParty>", """<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>B</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>""")]
    [InlineData("xr-ubl", "BR-DE-23-a", "error", "(?s)<cac:PayeeFinancialAccount>.*?</cac:PayeeFinancialAccount>", "")]
    [InlineData("xr-ubl", "BR-DE-23-b", "error", "<cac:PayeeFinancialAccount>", "<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount><cac:PayeeFinancialAccount>")]
    [InlineData("xr-ubl", "BR-DE-24-a", "error", ">58</cbc:PaymentMeansCode>", ">54</cbc:PaymentMeansCode>")]
    [InlineData("xr-ubl", "BR-DE-24-b", "error", ">58</cbc:PaymentMeansCode>", ">54</cbc:PaymentMeansCode>")]
    [InlineData("xr-ubl", "BR-DE-25-a", "error", ">58</cbc:PaymentMeansCode>", ">59</cbc:PaymentMeansCode>")]
    [InlineData("xr-ubl", "BR-DE-25-b", "error", ">58</cbc:PaymentMeansCode>", ">59</cbc:PaymentMeansCode>")]
    [InlineData("xr-ubl", "BR-DE-20", "warning", ">58</cbc:PaymentMeansCode>||(?s)<cac:PayeeFinancialAccount>.*?</cac:PayeeFinancialAccount>", ">59</cbc:PaymentMeansCode>||<cac:PaymentMandate><cbc:ID>M1</cbc:ID><cac:PayerFinancialAccount><cbc:ID>DE02120300000000202052</cbc:ID></cac:PayerFinancialAccount></cac:PaymentMandate>")]
    [InlineData("xr-ubl", "BR-DE-30", "error", ">58</cbc:PaymentMeansCode>||(?s)<cac:PayeeFinancialAccount>.*?</cac:PayeeFinancialAccount>", ">59</cbc:PaymentMeansCode>||<cac:PaymentMandate><cbc:ID>M1</cbc:ID><cac:PayerFinancialAccount><cbc:ID>DE02120300000000202051</cbc:ID></cac:PayerFinancialAccount></cac:PaymentMandate>")]
    [InlineData("xr-ubl", "BR-DE-31", "error", ">58</cbc:PaymentMeansCode>||(?s)<cac:PayeeFinancialAccount>.*?</cac:PayeeFinancialAccount>", ">59</cbc:PaymentMeansCode>||<cac:PaymentMandate><cbc:ID>M1</cbc:ID></cac:PaymentMandate>")]
    [InlineData("xr-ubl", "BR-DE-26", "warning", "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>384</cbc:InvoiceTypeCode>")]
    [InlineData("xr-ubl", "BR-DE-27", "warning", "<cbc:Telephone>[^<]*</cbc:Telephone>", "<cbc:Telephone>+4 9</cbc:Telephone>")]
    [InlineData("xr-ubl", "BR-DE-28", "warning", "<cbc:ElectronicMail>[^<]*</cbc:ElectronicMail>", "<cbc:ElectronicMail>max.mustermann.de</cbc:ElectronicMail>")]
    [InlineData("xr-ubl", "BR-DEX-01", "error", "xrechnung_3.0</cbc:CustomizationID>||<cac:AccountingSupplierParty>", """xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0</cbc:CustomizationID>||<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="text/plain" filename="a.txt">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>""")]
    [InlineData("xr-ubl", "PEPPOL-EN16931-R001", "error", "<cbc:ProfileID>[^<]*</cbc:ProfileID>", "")]
    [InlineData("xr-ubl", "PEPPOL-EN16931-R020", "error", "<cbc:EndpointID schemeID=\"EM\">info@Mustermann.de</cbc:EndpointID>", "")]
    // XRechnung (CII)
    [InlineData("xr-cii", "BR-DE-1", "error", "(?s)<ram:SpecifiedTradeSettlementPaymentMeans>.*?</ram:SpecifiedTradeSettlementPaymentMeans>", "")]
    [InlineData("xr-cii", "BR-DE-2", "error", "(?s)<ram:DefinedTradeContact>.*?</ram:DefinedTradeContact>", "")]
    [InlineData("xr-cii", "BR-DE-3", "error", "<ram:CityName>München</ram:CityName>", "")]
    [InlineData("xr-cii", "BR-DE-4", "error", "<ram:PostcodeCode>80333</ram:PostcodeCode>", "")]
    [InlineData("xr-cii", "BR-DE-5", "error", "<ram:PersonName>[^<]*</ram:PersonName>\\s*<ram:DepartmentName>[^<]*</ram:DepartmentName>", "")]
    [InlineData("xr-cii", "BR-DE-6", "error", "<ram:CompleteNumber>[^<]*</ram:CompleteNumber>", "<ram:CompleteNumber> </ram:CompleteNumber>")]
    [InlineData("xr-cii", "BR-DE-7", "error", "<ram:URIID>Max@Mustermann.de</ram:URIID>", "<ram:URIID> </ram:URIID>")]
    [InlineData("xr-cii", "BR-DE-8", "error", "<ram:CityName>Frankfurt</ram:CityName>", "")]
    [InlineData("xr-cii", "BR-DE-9", "error", "<ram:PostcodeCode>69876</ram:PostcodeCode>", "")]
    [InlineData("xr-cii", "BR-DE-14", "error", "(<ram:BasisAmount>275.00</ram:BasisAmount>\\s*<ram:CategoryCode>S</ram:CategoryCode>\\s*)<ram:RateApplicablePercent>7.00</ram:RateApplicablePercent>", "$1")]
    [InlineData("xr-cii", "BR-DE-15", "error", "<ram:BuyerReference>[^<]*</ram:BuyerReference>", "")]
    [InlineData("xr-cii", "BR-DE-16", "error", "(?s)<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>\\s*<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>", "")]
    [InlineData("xr-cii", "BR-DE-17", "warning", "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>383</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-18", "error", "(<ram:SpecifiedTradePaymentTerms>\\s*<ram:Description>)[^<]*", "${1}#SKONTO#TAGE=7#PROZENT=2.00#")]
    [InlineData("xr-cii", "BR-DE-19", "warning", "DE02120300000000202051", "DE02120300000000202052")]
    [InlineData("xr-cii", "BR-DE-21", "warning", "kosit:xrechnung_3.0", "kosit:xrechnung_2.3")]
    [InlineData("xr-cii", "BR-DE-22", "error", "<ram:BuyerOrderReferencedDocument>|</ram:ApplicableHeaderTradeAgreement>", """<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>A</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode><ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">QQ==</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument><ram:AdditionalReferencedDocument><ram:IssuerAssignedID>B</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode><ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">QQ==</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>$0""")]
    [InlineData("xr-cii", "BR-DE-23-a", "error", "(?s)<ram:PayeePartyCreditorFinancialAccount>.*?</ram:PayeePartyCreditorFinancialAccount>", "")]
    [InlineData("xr-cii", "BR-DE-23-b", "error", "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", "<ram:CreditorReferenceID>DE98ZZZ09999999999</ram:CreditorReferenceID><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>")]
    [InlineData("xr-cii", "BR-DE-24-a", "error", "<ram:TypeCode>58</ram:TypeCode>", "<ram:TypeCode>54</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-24-b", "error", "<ram:TypeCode>58</ram:TypeCode>", "<ram:TypeCode>54</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-25-a", "error", "<ram:TypeCode>58</ram:TypeCode>", "<ram:TypeCode>59</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-25-b", "error", "<ram:TypeCode>58</ram:TypeCode>", "<ram:TypeCode>59</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-26", "warning", "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>384</ram:TypeCode>")]
    [InlineData("xr-cii", "BR-DE-27", "warning", "<ram:CompleteNumber>[^<]*</ram:CompleteNumber>", "<ram:CompleteNumber>+4 9</ram:CompleteNumber>")]
    [InlineData("xr-cii", "BR-DE-28", "warning", "<ram:URIID>Max@Mustermann.de</ram:URIID>", "<ram:URIID>max@@mustermann</ram:URIID>")]
    [InlineData("xr-cii", "BR-DE-30", "error", "<ram:Description>", "<ram:DirectDebitMandateID>M1</ram:DirectDebitMandateID><ram:Description>")]
    [InlineData("xr-cii", "BR-DE-31", "error", "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>", "<ram:CreditorReferenceID>DE98ZZZ09999999999</ram:CreditorReferenceID><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>")]
    [InlineData("xr-cii", "PEPPOL-EN16931-R001", "error", "(?s)<ram:BusinessProcessSpecifiedDocumentContextParameter>.*?</ram:BusinessProcessSpecifiedDocumentContextParameter>", "")]
    [InlineData("xr-cii", "PEPPOL-EN16931-R010", "error", "(?s)<ram:URIUniversalCommunication>\\s*<ram:URIID schemeID=\"EM\">info@kunde.de</ram:URIID>\\s*</ram:URIUniversalCommunication>", "")]
    [InlineData("xr-cii", "PEPPOL-EN16931-R008", "error", "<ram:BuyerReference>[^<]*</ram:BuyerReference>", "<ram:BuyerReference/>")]
    [InlineData("xr-cii", "PEPPOL-EN16931-R061", "error", "<ram:TypeCode>58</ram:TypeCode>", "<ram:TypeCode>59</ram:TypeCode>")]
    // Peppol BIS 3 (CII)
    [InlineData("peppol-cii", "PEPPOL-EN16931-R002", "error", "(?s)(<ram:BuyerTradeParty>.*?<ram:CountryID>)DE", "${1}FR")]
    [InlineData("peppol-cii", "PEPPOL-EN16931-R003", "error", "<ram:BuyerReference>[^<]*</ram:BuyerReference>", "")]
    [InlineData("peppol-cii", "PEPPOL-EN16931-R007", "error", "<ram:ID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</ram:ID>", "<ram:ID>urn:example:process</ram:ID>")]
    [InlineData("peppol-cii", "PEPPOL-EN16931-R120", "error", "<ram:BilledQuantity unitCode=\"H87\">20.0000</ram:BilledQuantity>", "<ram:BilledQuantity unitCode=\"H87\">21.0000</ram:BilledQuantity>")]
    [InlineData("peppol-cii", "PEPPOL-EN16931-R010", "error", "(?s)<ram:URIUniversalCommunication>\\s*<ram:URIID schemeID=\"EM\">info@kunde.de</ram:URIID>\\s*</ram:URIUniversalCommunication>", "")]
    [InlineData("peppol-cii", "PEPPOL-EN16931-P0100", "error", "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>389</ram:TypeCode>")]
    [InlineData("peppol-cii", "PEPPOL-COMMON-R040", "error", "4000001123452", "4000001123453")]
    public void CiusRule_FiresOnTheChangedDocument_NotOnTheValidOne(string baseKey, string rule, string severity, string find, string replace)
    {
        var text = Load(baseKey);
        Assert.DoesNotContain(rule, Fired(text).Select(f => f.RuleId));

        var changed = text;
        foreach (var (f, r) in find.Split("||").Zip(replace.Split("||")))
        {
            var next = new Regex(f).Replace(changed, r, 1);
            Assert.True(next != changed, $"'{f}' does not match the {baseKey} document");
            changed = next;
        }
        var findings = Fired(changed);
        var hit = findings.FirstOrDefault(x => x.RuleId == rule);
        Assert.True(hit is not null, $"{rule} did not fire; fired: {string.Join(", ", findings.Select(x => x.RuleId).Distinct())}");
        Assert.Equal(severity == "error" ? Severity.Error : Severity.Warning, hit.Severity);
    }

    [SkippableTheory]
    [InlineData("xr-ubl", "(<cac:PaymentTerms>\\s*<cbc:Note>)[^<]*", "${1}#SKONTO#TAGE=7#PROZENT=2.00#\n#SKONTO#TAGE=14#PROZENT=1.00#BASISBETRAG=100.00#\n")]
    [InlineData("xr-cii", "(<ram:SpecifiedTradePaymentTerms>\\s*<ram:Description>)[^<]*", "${1}Zahlbar in 30 Tagen.\n#SKONTO#TAGE=7#PROZENT=2.00#\n")]
    public void WellFormedSkontoLines_PassBrDe18(string baseKey, string find, string replace)
    {
        var text = Load(baseKey);
        var changed = new Regex(find).Replace(text, replace, 1);
        Assert.NotEqual(text, changed);
        Assert.DoesNotContain("BR-DE-18", Fired(changed).Select(f => f.RuleId));
    }

    [Fact]
    public void CiusIsChosenByTheSpecificationIdentifier_AndNamedWithItsVersion()
    {
        const string Ubl = """<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:CustomizationID>{0}</cbc:CustomizationID></Invoice>""";
        string Label(string id) => ConformanceValidator.Default.Validate(XDocument.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, Ubl, id)))!.Label;
        Assert.Equal("EN16931-UBL 1.3.16", Label("urn:cen.eu:en16931:2017"));
        Assert.Equal("EN16931-UBL 1.3.16 + PEPPOL-BIS3-UBL 3.0.18", Label("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"));
        Assert.Equal("EN16931-UBL 1.3.16 + XRECHNUNG-UBL 3.0.2", Label("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"));
        Assert.Equal("EN16931-UBL 1.3.16 + XRECHNUNG-UBL 3.0.2", Label("urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_1.2"));
        Assert.Equal("EN16931-UBL 1.3.16 + XRECHNUNG-UBL 3.0.2", Label("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0"));
        var report = ConformanceValidator.Default.Validate(XDocument.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, Ubl, "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0")))!;
        var info = report.ToFindings().Single(f => f.Rule == ConformanceValidator.RuleSetRule);
        Assert.Contains("EN16931-UBL 1.3.16 + PEPPOL-BIS3-UBL 3.0.18", info.Message, StringComparison.Ordinal);
        Assert.Contains(report.ToFindings(), f => f.Rule == "PEPPOL-EN16931-R001" && f.Reference!.Contains("PEPPOL-BIS3-UBL 3.0.18", StringComparison.Ordinal));
    }

    [Fact]
    public void AFragmentWithoutSpecificationIdentifier_CanBeCheckedAgainstANamedCius()
    {
        var fragment = XDocument.Parse("""<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></Invoice>""");
        Assert.Equal("EN16931-UBL 1.3.16", ConformanceValidator.Default.Validate(fragment)!.Label);
        var peppol = ConformanceValidator.Default.Validate(fragment, "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0")!;
        Assert.Equal("EN16931-UBL 1.3.16 + PEPPOL-BIS3-UBL 3.0.18", peppol.Label);
        Assert.Contains(peppol.Findings, f => f.RuleId == "PEPPOL-EN16931-R001");
        var xrechnung = ConformanceValidator.Default.Validate(fragment, "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0")!;
        Assert.Contains(xrechnung.Findings, f => f.RuleId == "BR-DE-15");
        Assert.Contains(xrechnung.Findings, f => f.RuleId == "PEPPOL-EN16931-R001");
        // XRechnung 2.x did not adopt the Peppol rules: the BR-DE rules and the BR-DE-21 warning (not the 3.0 identifier) only.
        var older = ConformanceValidator.Default.Validate(fragment, "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_2.3")!;
        Assert.Contains(older.Findings, f => f.RuleId == "BR-DE-15");
        Assert.Contains(older.Findings, f => f.RuleId == "BR-DE-21" && f.Severity == Severity.Warning);
        Assert.DoesNotContain(older.Findings, f => f.RuleId.StartsWith("PEPPOL-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gln", "4000001123452", true)]
    [InlineData("gln", "4000001123453", false)]
    [InlineData("no-org", "974760673", true)]
    [InlineData("no-org", "974760674", false)]
    [InlineData("be-ent", "0417497106", true)]
    [InlineData("be-ent", "0417497107", false)]
    [InlineData("se-org", "5566778899", true)]
    [InlineData("se-org", "1234567890", false)]
    [InlineData("abn", "51824753556", true)]
    [InlineData("abn", "51824753557", false)]
    [InlineData("it-piva", "IT00743110157", true)]
    [InlineData("it-piva", "IT00743110158", false)]
    [InlineData("it-cf", "RSSMRA85T10A562S", true)]
    [InlineData("it-cf", "RSSMRA85", false)]
    [InlineData("iban", "DE02 1203 0000 0000 2020 51", true)]
    [InlineData("iban", "DE02120300000000202052", false)]
    public void IdentifierCheckDigits_FollowThePublishedAlgorithms(string kind, string value, bool valid) =>
        Assert.Equal(valid, IdentifierChecks.Check(kind, value));

    private static IReadOnlyList<ConformanceFinding> Fired(string xml)
    {
        var report = ConformanceValidator.Default.Validate(XDocument.Parse(xml, LoadOptions.SetLineInfo))!;
        return report.Findings.Where(f => f.RuleSetId is "PEPPOL-BIS3-UBL" or "PEPPOL-BIS3-CII" or "XRECHNUNG-UBL" or "XRECHNUNG-CII").ToList();
    }
}
