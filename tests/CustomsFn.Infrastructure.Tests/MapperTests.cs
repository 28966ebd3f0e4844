using System.Text.Json;
using CustomsFn.Core.Model;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;

namespace CustomsFn.Infrastructure.Tests;

public sealed class MapperTests
{
    private static readonly ExtractorInfo Info = new("document-intelligence", "test");

    private static ExtractedDocument Map(string json, string format = DocumentFormat.PdfScan)
    {
        using var doc = JsonDocument.Parse(json);
        return AnalyzeResultMapper.Map(doc.RootElement, format, Info);
    }

    [Fact]
    public void Synthetic_PartiesCountriesCurrencyTotals()
    {
        var d = Map(Documents.SyntheticInvoice);
        Assert.Equal("Rheinwerk Antriebstechnik GmbH", d.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("Industriestr. 12 68159 Mannheim Germany", d.Fields.GetText(FieldNames.SellerAddress));
        Assert.Equal("DE", d.Fields.GetText(FieldNames.SellerCountry));       // alpha-3 DEU
        Assert.Equal("DE811234567", d.Fields.GetText(FieldNames.SellerTaxId));
        Assert.Equal("US", d.Fields.GetText(FieldNames.BuyerCountry));        // alpha-3 USA
        Assert.Equal("US", d.Fields.GetText(FieldNames.DestinationCountry));  // name "United States"
        Assert.Equal(0.88, d.Fields[FieldNames.SellerCountry].Confidence);
        Assert.Equal("EUR", d.Fields.GetText(FieldNames.Currency));
        Assert.Equal(19410.00m, d.Fields.GetNumber(FieldNames.TotalAmount));
        Assert.Equal(0m, d.Fields.GetNumber(FieldNames.TaxAmount));
        Assert.Equal("2026-11-02", d.Fields.GetText(FieldNames.IssueDate));
    }

    [Fact]
    public void Synthetic_Lines_HsCodeFromProductCodeAndFromDescription()
    {
        var d = Map(Documents.SyntheticInvoice);
        Assert.Equal(2, d.Lines.Count);
        Assert.Equal("84834090", d.Lines[0].GetText(FieldNames.HsCode));
        Assert.Equal(0.85, d.Lines[0][FieldNames.HsCode].Confidence);
        Assert.Equal([36.0, 489.6, 108.0, 504.0], d.Lines[0][FieldNames.HsCode].Source!.Box); // 0.5..1.5 in, 4..4.2 in from the top
        Assert.Equal("H87", d.Lines[0].GetText(FieldNames.UnitCode));
        Assert.Equal(1500m, d.Lines[0].GetNumber(FieldNames.UnitPrice));
        Assert.Equal("848210", d.Lines[1].GetText(FieldNames.HsCode));
        Assert.Equal("BB-6204", d.Lines[1].GetText(FieldNames.ProductCode));
        Assert.False(d.Lines[1].ContainsKey(FieldNames.UnitCode));
    }

    [Theory]
    [InlineData("8471.30", false, "847130")]
    [InlineData("8471.30.01", false, "84713001")]
    [InlineData("8471.30.01.00", false, "8471300100")]
    [InlineData("HS 847130", false, "847130")]
    [InlineData("Laptop, HTS: 8471.30.0100", true, "8471300100")]
    [InlineData("Screws (HS code 7318.15)", true, "731815")]
    [InlineData("Motors CN 85011099", true, "85011099")]
    [InlineData("Tariff no. 6109 10 00", true, "61091000")]
    [InlineData("34278587", false, null)]          // plain digits: an article or invoice number, not a tariff code
    [InlineData("A123", false, null)]
    [InlineData("Consulting 1234.56", true, null)] // an amount, no label
    [InlineData("8471.30", true, null)]            // in a description a dotted number needs a label
    [InlineData("HS 0012.34", false, null)]        // chapter 00 does not exist
    [InlineData("HS 9912.34", false, null)]        // nor chapter 99
    public void HsCode_Recognition(string text, bool labelRequired, string? expected) =>
        Assert.Equal(expected, HsCodeText.Find(text, labelRequired)?.Digits);

    [Fact]
    public void CurrencySymbolAlone_IsNotTurnedIntoACode()
    {
        var d = Map("""{"analyzeResult":{"pages":[],"documents":[{"docType":"invoice","fields":{"InvoiceTotal":{"type":"currency","valueCurrency":{"amount":10,"currencySymbol":"$"},"confidence":0.9}}}]}}""");
        Assert.Equal(10m, d.Fields.GetNumber(FieldNames.TotalAmount));
        Assert.False(d.Fields.ContainsKey(FieldNames.Currency));
    }

    [Fact]
    public void CurrencyFromLineAmounts_WhenNoTotalCarriesOne()
    {
        var d = Map("""{"analyzeResult":{"documents":[{"fields":{"Items":{"type":"array","valueArray":[{"type":"object","valueObject":{"Amount":{"type":"currency","valueCurrency":{"amount":5,"currencyCode":"JPY"},"confidence":0.7}}}]}}}]}}""");
        Assert.Equal("JPY", d.Fields.GetText(FieldNames.Currency));
        Assert.Equal(0.7, d.Fields[FieldNames.Currency].Confidence);
    }

    [Fact]
    public void MissingValues_AreLeftOut_AndConfidenceOutOfRangeIsNull()
    {
        var d = Map("""{"analyzeResult":{"documents":[{"fields":{"InvoiceId":{"type":"string","confidence":0.5},"TotalTax":{"type":"number","content":"PT","confidence":0.7},"VendorName":{"type":"string","valueString":"ACME","confidence":7}}}]}}""");
        Assert.False(d.Fields.ContainsKey(FieldNames.InvoiceNumber));
        Assert.False(d.Fields.ContainsKey(FieldNames.TaxAmount));
        Assert.Null(d.Fields[FieldNames.SellerName].Confidence);
        Assert.Null(d.Fields[FieldNames.SellerName].Source);
    }

    [Fact]
    public void Locale_GivesLanguage_NoDocuments_GivesEmptyResult()
    {
        Assert.Equal("en", Map("""{"analyzeResult":{"documents":[{"fields":{"Locale":{"type":"string","valueString":"en-US","confidence":1}}}]}}""").Language);
        var empty = Map("""{"status":"succeeded","analyzeResult":{"pages":[],"documents":[]}}""");
        Assert.Empty(empty.Fields);
        Assert.Empty(empty.Lines);
        Assert.False(AnalyzeResultMapper.LooksLikeInvoice(empty));
    }

    [Fact]
    public void MalformedAnalyzeResult_Throws()
    {
        var ex = Assert.Throws<DocumentIntelligenceException>(() => Map("""{"status":"succeeded","analyzeResult":[1]}"""));
        Assert.Contains("analyzeResult is not an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypedValues_AreIgnoredNotFatal()
    {
        var d = Map("""{"analyzeResult":{"pages":[{"pageNumber":"one"}],"documents":[{"fields":{"InvoiceTotal":{"valueNumber":"lots"},"InvoiceId":{"valueString":42,"content":"X-1","boundingRegions":[{"pageNumber":1,"polygon":["a"]}]},"Items":{"valueArray":[1,"x",{"valueObject":[]}]}}}]}}""");
        Assert.False(d.Fields.ContainsKey(FieldNames.TotalAmount));
        Assert.Equal("X-1", d.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Null(d.Fields[FieldNames.InvoiceNumber].Source);
        Assert.Empty(d.Lines);
    }

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("deu", "DE")]
    [InlineData("USA", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("united kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Cote d Ivoire", "CI")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Türkiye", "TR")]
    [InlineData("CHN", "CN")]
    [InlineData("Viet Nam", "VN")]
    public void CountryNames_Parse(string text, string expected)
    {
        Assert.True(CountryNames.TryParse(text, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("XX")]
    [InlineData("ZZZ")]
    [InlineData("Atlantis")]
    public void CountryNames_Unknown(string text) => Assert.False(CountryNames.TryParse(text, out _));
}
