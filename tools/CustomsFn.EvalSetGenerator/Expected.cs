using Newtonsoft.Json.Linq;

namespace CustomsFn.EvalSetGenerator;

/// <summary>The expected result of one document, in the format of samples/expected/*.expected.json.</summary>
internal static class Expected
{
    public static string FormatOf(DocSpec d) => d.Delivery switch
    {
        Delivery.TextPdf => "pdf-text",
        Delivery.ScanPdf => "pdf-scan",
        _ => "image",
    };

    // Integers as integers, decimals without trailing zeros: 742.50 -> 742.5.
    internal static JValue Num(decimal v) => v == decimal.Truncate(v) ? new JValue((long)v) : new JValue(v / 1.000000000000000000000m);

    /// <summary>
    /// The expected header fields of a document, in the order every expected file writes them: the tax id and the
    /// weights only where the layout prints them, amounts only on invoices.
    /// </summary>
    public static JObject HeaderFields(DocSpec d, bool taxIdPrinted, bool weightsPrinted)
    {
        var invoice = d.Kind == DocKind.Invoice;
        var f = new JObject
        {
            ["invoiceNumber"] = d.Number,
            ["issueDate"] = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (invoice) f["currency"] = d.Currency;
        f["sellerName"] = d.Seller.Name;
        f["sellerCountry"] = d.Seller.Country;
        if (taxIdPrinted && d.Seller.TaxId is not null) f["sellerTaxId"] = d.Seller.TaxId;
        f["buyerName"] = d.Buyer.Name;
        f["buyerCountry"] = d.Buyer.Country;
        f["incoterm"] = d.Incoterm;
        f["incotermPlace"] = d.IncotermPlace;
        f["originCountry"] = d.OriginCountry;
        f["destinationCountry"] = d.DestinationCountry;
        if (invoice)
        {
            f["lineTotal"] = Num(d.LineTotal);
            if (d.Freight > 0) f["freightAmount"] = Num(d.Freight);
            if (d.Insurance > 0) f["insuranceAmount"] = Num(d.Insurance);
            if (d.TaxRate > 0) f["taxAmount"] = Num(d.Tax);
            f["totalAmount"] = Num(d.Total);
        }
        if (weightsPrinted)
        {
            f["grossWeightKg"] = Num(d.GrossKg);
            f["netWeightKg"] = Num(d.NetKg);
            f["packageCount"] = d.Packages;
        }
        return f;
    }

    public static JObject For(DocSpec d)
    {
        var invoice = d.Kind == DocKind.Invoice;
        var f = HeaderFields(d, DocRenderer.PrintsTaxId(d), DocRenderer.PrintsWeights(d));

        var lines = new JArray();
        foreach (var g in d.Lines)
        {
            var l = new JObject
            {
                ["description"] = g.Description,
                ["hsCode"] = new string(DocRenderer.HsPrinted(d.Layout, g.Product.Hs).Where(char.IsAsciiDigit).ToArray()),
                ["quantity"] = Num(g.Quantity),
                ["unitCode"] = g.Unit,
            };
            if (invoice)
            {
                l["unitPrice"] = Num(g.UnitPrice);
                l["amount"] = Num(g.Amount);
                if (DocRenderer.PrintsLineOrigin(d)) l["originCountry"] = g.Origin;
            }
            else l["netWeightKg"] = Num(g.NetKg);
            lines.Add(l);
        }

        return new JObject
        {
            ["format"] = FormatOf(d),
            ["documentType"] = invoice ? "commercial-invoice" : "packing-list",
            ["language"] = d.Language,
            ["fields"] = f,
            ["lines"] = lines,
        };
    }
}
