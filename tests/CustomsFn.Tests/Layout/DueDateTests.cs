using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>The payment due date is read as <c>dueDate</c> by its label in the eight languages, and is not the issue date.</summary>
public class DueDateTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    [Theory]
    [InlineData("Invoice date:", "2026-03-02", "Due date:", "2026-04-01")]
    [InlineData("Rechnungsdatum:", "02.03.2026", "Zahlbar bis:", "01.04.2026")]
    [InlineData("Date de facture :", "02/03/2026", "Date d'échéance :", "01/04/2026")]
    [InlineData("Fecha de factura:", "02/03/2026", "Fecha de vencimiento:", "01/04/2026")]
    [InlineData("Data fattura:", "02/03/2026", "Data di scadenza:", "01/04/2026")]
    [InlineData("Factuurdatum:", "02-03-2026", "Vervaldatum:", "01-04-2026")]
    [InlineData("請求日:", "2026年3月2日", "支払期限:", "2026年4月1日")]
    [InlineData("开票日期:", "2026年3月2日", "付款期限:", "2026年4月1日")]
    public void DueDateLabel_GivesTheDueDate_AndTheIssueDateStaysTheIssueDate(string issueLabel, string issue, string dueLabel, string due)
    {
        var page = TextPages.Of(
            (40, 0, "Maple Coast Distribution Inc."), (40, 1, "215 Harbourfront Road, Halifax"),
            (300, 3, "Invoice No.:"), (420, 3, "MC-2026-118"),
            (300, 4, issueLabel), (420, 4, issue),
            (300, 5, dueLabel), (420, 5, due),
            (40, 8, "Total"), (420, 8, "120.00"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal("2026-03-02", fields.GetText(FieldNames.IssueDate));
        Assert.Equal("2026-04-01", fields.GetText(FieldNames.DueDate));
    }

    [Fact]
    public void APaymentDeadlineInASentence_IsTheDueDate_NotTheIssueDate()
    {
        var page = TextPages.Of(
            (40, 0, "Free Service Abonné"), (40, 1, "75371 Paris Cedex 08"),
            (40, 4, "Facture n°562044387 du 02 Juillet 2015"),
            (40, 5, "Date limite de paiement le 05 Juillet 2015"),
            (40, 6, "Prélèvement à partir du : 05 Juillet 2015"),
            (40, 8, "Total facture"), (420, 8, "29.99"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal("2015-07-05", fields.GetText(FieldNames.DueDate));
        Assert.Equal("2015-07-02", fields.GetText(FieldNames.IssueDate));
    }
}
