using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Support;

/// <summary>Builds extracted documents for rule tests.</summary>
internal static class Docs
{
    public static ExtractedDocument Invoice(Action<FieldSet>? header = null, params FieldSet[] lines)
    {
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Ubl,
            DocumentType = DocumentType.CommercialInvoice,
            Extractor = new ExtractorInfo("test", "0"),
        };
        var f = doc.Fields;
        f.Set(FieldNames.InvoiceNumber, "INV-1", null, FieldSource.Xml("/Invoice/cbc:ID", 3));
        f.Set(FieldNames.IssueDate, "2026-03-04");
        f.Set(FieldNames.Currency, "EUR");
        f.Set(FieldNames.SellerName, "Seller GmbH");
        f.Set(FieldNames.SellerCountry, "DE");
        f.Set(FieldNames.BuyerName, "Buyer Inc.");
        f.Set(FieldNames.BuyerCountry, "US");
        f.Set(FieldNames.TotalAmount, 100m);
        header?.Invoke(f);
        doc.Lines.AddRange(lines.Length > 0 ? lines : [Line(2, 50m, 100m)]);
        return doc;
    }

    public static FieldSet Line(decimal qty, decimal price, decimal amount, string? hs = "847130", string unit = "C62")
    {
        var l = new FieldSet();
        l.Set(FieldNames.Description, "Laptop");
        l.Set(FieldNames.Quantity, qty);
        l.Set(FieldNames.UnitCode, unit);
        l.Set(FieldNames.UnitPrice, price);
        l.Set(FieldNames.Amount, amount, null, FieldSource.Xml("/Invoice/cac:InvoiceLine/cbc:LineExtensionAmount", 40));
        if (hs is not null) l.Set(FieldNames.HsCode, hs);
        return l;
    }
}
