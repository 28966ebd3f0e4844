using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

public class LocaleParsingTests
{
    [Theory]
    [InlineData("1,234.56", "en", "1234.56")]
    [InlineData("1.234,56", "de", "1234.56")]
    [InlineData("1.234,56", "en", "1234.56")]
    [InlineData("1 234,56", "fr", "1234.56")]
    [InlineData("1'234.56", "de", "1234.56")]
    [InlineData("12,50", "de", "12.50")]
    [InlineData("1,234", "en", "1234")]
    [InlineData("1,234", "de", "1.234")]
    [InlineData("1.234", "de", "1234")]
    [InlineData("¥1,033,816", "ja", "1033816")]
    [InlineData("１２３，４５６", "ja", "123456")]
    [InlineData("€ 29.99", "fr", "29.99")]
    [InlineData("29.99 € TTC", "fr", "29.99")]
    [InlineData("Rs 1939", "en", "1939")]
    [InlineData("(45.00)", "en", "-45.00")]
    [InlineData("-12.5", "en", "-12.5")]
    public void Amounts_InEveryConvention(string text, string language, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LocaleNumbers.Parse(text, language));

    [Theory]
    [InlineData("Planetary gearbox")]
    [InlineData("12 Wharf Street")]
    [InlineData("")]
    public void Amounts_TextIsNotANumber(string text) => Assert.Null(LocaleNumbers.Parse(text, "en"));

    [Theory]
    [InlineData("2026-03-14", false, "2026-03-14")]
    [InlineData("14.03.2026", false, "2026-03-14")]
    [InlineData("14/03/2026", false, "2026-03-14")]
    [InlineData("03/14/2026", true, "2026-03-14")]
    [InlineData("04/03/2026", true, "2026-04-03")]
    [InlineData("04/03/2026", false, "2026-03-04")]
    [InlineData("14-03-2026", false, "2026-03-14")]
    [InlineData("14 Mar 2026", false, "2026-03-14")]
    [InlineData("March 14, 2026", false, "2026-03-14")]
    [InlineData("August 3 , 2014", false, "2014-08-03")]
    [InlineData("4. März 2025", false, "2025-03-04")]
    [InlineData("4 mars 2025", false, "2025-03-04")]
    [InlineData("4 de marzo de 2025", false, "2025-03-04")]
    [InlineData("4 marzo 2025", false, "2025-03-04")]
    [InlineData("4 maart 2025", false, "2025-03-04")]
    [InlineData("2025年3月4日", false, "2025-03-04")]
    [InlineData("２０２５年３月４日", false, "2025-03-04")]
    [InlineData("令和7年3月4日", false, "2025-03-04")]
    public void Dates_InManyLanguages(string text, bool monthFirst, string expected) => Assert.Equal(expected, LocaleDates.Parse(text, monthFirst));

    [Theory]
    [InlineData("31.02.2026")]
    [InlineData("no date here")]
    public void Dates_ImpossibleOrAbsent(string text) => Assert.Null(LocaleDates.Parse(text));

    [Theory]
    [InlineData("Deutschland", "DE")]
    [InlineData("Vereinigtes Königreich", "GB")]
    [InlineData("アメリカ合衆国", "US")]
    [InlineData("美国", "US")]
    [InlineData("Canadá", "CA")]
    [InlineData("Pays-Bas", "NL")]
    [InlineData("CN", "CN")]
    public void Countries_NamesInManyLanguages(string name, string code) => Assert.Equal(code, Countries.FromName(name));

    [Fact]
    public void Countries_FromAddressLines() =>
        Assert.Equal("FR", Countries.FromAddress(["12 rue des Tanneurs", "69007 Lyon, France"]));

    [Theory]
    [InlineData("Total ¥1,033,816", "ja", "JPY")]
    [InlineData("合计 ¥4,898.62", "zh", "CNY")]
    [InlineData("Total 29.99 €", "fr", "EUR")]
    [InlineData("Grand Total Rs 319.00", "en", "INR")]
    [InlineData("Gesamtbetrag 1.250,00 EURO", "de", "EUR")]
    [InlineData("Total a pagar: 300,00 euros", "es", "EUR")]
    [InlineData("Montant total en euros : 45,00", "fr", "EUR")]
    [InlineData("Totale (Euro) 45,00", "it", "EUR")]
    [InlineData("Totaal Euro 12,50", "nl", "EUR")]
    [InlineData("Valor total 1.000,00 Euros", "pt", "EUR")]
    [InlineData("Total amount 500.00 US Dollars", "en", "USD")]
    [InlineData("合计 人民币 1,000.00", "zh", "CNY")]
    [InlineData("合計 5,000 日本円", "ja", "JPY")]
    public void Currency_FromSignsAndContext(string line, string language, string code) =>
        Assert.Equal(code, CurrencyDetector.Detect([line], language)!.Value.Code);

    [Theory]
    [InlineData("EUR", "Euro Logistics GmbH, Hafenstraße 12", "Total 1.250,00 €")]
    [InlineData("USD", "Euro Logistics GmbH, Hafenstraße 12", "Total $ 1,250.00")]
    [InlineData("CAD", "Total 1,250.00 Canadian dollars", "Amount due CAD 1,250.00")]
    public void Currency_NameInACompanyOrAnotherDollar_DoesNotOutvoteTheAmounts(string code, string first, string second) =>
        Assert.Equal(code, CurrencyDetector.Detect([first, second], "en")!.Value.Code);

    [Fact]
    public void Currency_WrittenOutOnly_IsDetected_ButNotFromACompanyName()
    {
        Assert.Equal("EUR", CurrencyDetector.Detect(["INVOICE 2026-114", "TOTAL 1.250,00 EURO"], "en")!.Value.Code);
        Assert.Null(CurrencyDetector.Detect(["Euro Logistics GmbH", "Invoice"], "en"));
    }

    [Theory]
    [InlineData("ja", "請求書番号 商業送り状 合計 数量 単価")]
    [InlineData("zh", "发票号码 商业发票 合计 数量 单价")]
    [InlineData("de", "Rechnung Datum Menge Einzelpreis Gesamtbetrag und der")]
    [InlineData("fr", "Facture Date Quantité Prix unitaire Montant total des")]
    [InlineData("es", "Factura Fecha Cantidad Precio unitario Importe del")]
    [InlineData("it", "Fattura Data Quantità Prezzo unitario Importo della")]
    [InlineData("nl", "Factuur Datum Aantal Prijs Bedrag het van")]
    [InlineData("en", "Invoice Date Quantity Unit price Amount the and")]
    public void Language_IsDetected(string expected, string text) => Assert.Equal(expected, LanguageDetector.Detect(text.Split(' ')));

    [Theory]
    [InlineData("COMMERCIAL INVOICE", DocumentType.CommercialInvoice)]
    [InlineData("PACKING LIST", DocumentType.PackingList)]
    [InlineData("Gutschrift", DocumentType.CreditNote)]
    [InlineData("Certificate of Origin", DocumentType.CertificateOfOrigin)]
    [InlineData("报关单", DocumentType.CustomsDeclaration)]
    [InlineData("BILL OF LADING", DocumentType.BillOfLading)]
    [InlineData("Minutes of the meeting", DocumentType.Unknown)]
    [InlineData("FATURA", DocumentType.CommercialInvoice)]
    [InlineData("Fatura comercial", DocumentType.CommercialInvoice)]
    [InlineData("Nota Fiscal", DocumentType.CommercialInvoice)]
    [InlineData("Lista de embalagem", DocumentType.PackingList)]
    [InlineData("Albarán", DocumentType.PackingList)]
    [InlineData("Certificado de origem", DocumentType.CertificateOfOrigin)]
    [InlineData("Nota de abono", DocumentType.CreditNote)]
    public void DocumentType_FromTitle(string title, string expected)
    {
        var page = new PageText(1, 595, 842, PageText.Points, [new TextWord(title, 40, 40, 200, 52), new TextWord("Total", 40, 300, 70, 309)]);
        var lines = LineBuilder.Build(page);
        Assert.Equal(expected, DocumentClassifier.Classify(lines, lines).Type);
    }
}
