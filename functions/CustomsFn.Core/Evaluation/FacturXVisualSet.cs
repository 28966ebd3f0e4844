using System.Xml.Linq;
using CustomsFn.Core.Extraction.Cii;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Evaluation;

/// <summary>
/// The "facturx-visual" evaluation set: Factur-X / ZUGFeRD hybrid PDFs whose visible pages were written by others and
/// whose embedded CII invoice is the truth. The pages are read by the text-PDF layout extractor with the embedded XML
/// ignored (<see cref="ExpectedDocument.IgnoreEmbeddedXml"/>); the expected values are the embedded XML read by the
/// project's own CII reader (<see cref="CiiExtractor"/>), plus each line's seller article number
/// (<c>SpecifiedTradeProduct/SellerAssignedID</c>) as <c>productCode</c>. The set of a document is named after its folder
/// (<c>facturx-visual/FX</c>, <c>facturx-visual/Intarsys</c>), so a split by folder shows in every report. A line's
/// description is the XML's item name; the page prints the item's further details (its description, GTIN) under it, so
/// a read description counts as right when it begins with that name (<see cref="ExpectedDocument.DescriptionByName"/>).
/// </summary>
public static class FacturXVisualSet
{
    /// <summary>The set name's prefix; the folder name follows a slash.</summary>
    public const string SetName = "facturx-visual";

    /// <summary>
    /// The header fields scored: those a printed invoice shows and the CII reader gives in the same canonical form.
    /// Addresses are left out (the XML splits them into parts the page prints on several lines in no fixed order).
    /// </summary>
    public static readonly IReadOnlyList<string> HeaderFields =
    [
        FieldNames.InvoiceNumber, FieldNames.IssueDate, FieldNames.Currency, FieldNames.SellerName, FieldNames.BuyerName,
        FieldNames.SellerTaxId, FieldNames.SellerCountry, FieldNames.BuyerCountry, FieldNames.LineTotal, FieldNames.TaxAmount, FieldNames.TotalAmount,
    ];

    /// <summary>The line fields scored (the goods-line score itself needs description, quantity, unit price and amount).</summary>
    public static readonly IReadOnlyList<string> LineFields =
        [FieldNames.Description, FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount, FieldNames.ProductCode];

    /// <summary>
    /// The hybrid PDFs under <paramref name="folder"/> that embed a CII invoice, each with its expected values. PDFs
    /// without one (or with a UBL or unreadable attachment, or unreadable themselves) are skipped: they have no truth here.
    /// </summary>
    public static List<ExpectedDocument> Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No folder {folder}.");
        var result = new List<ExpectedDocument>();
        foreach (var pdf in Directory.EnumerateFiles(folder, "*.pdf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Read(pdf) is { } expected) result.Add(expected);
        }
        return result;
    }

    /// <summary>One hybrid PDF's expected values from its embedded CII invoice, or null when it embeds none.</summary>
    public static ExpectedDocument? Read(string pdf)
    {
        XDocument xml;
        ExtractedDocument truth;
        try
        {
            if (FacturXExtractor.FindEmbeddedInvoice(File.ReadAllBytes(pdf)) is not { } embedded) return null;
            xml = SecureXml.Load(embedded.Bytes, XmlLimits.Default);
            var root = xml.Root!;
            if (DocumentSniffer.ClassifyXml(root.Name.LocalName, root.Name.NamespaceName) != DocumentFormat.Cii) return null;
            truth = CiiExtractor.Read(xml);
        }
        catch (DocumentRejectedException)
        {
            // An encrypted or damaged PDF, or an embedded XML that is not a readable CII invoice: no truth to score against.
            return null;
        }

        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in HeaderFields)
            if (truth.Fields.TryGetValue(name, out var f) && f.Value is { } v) fields[name] = v;
        var items = xml.Root!.Descendants().Where(e => e.Name.LocalName == "IncludedSupplyChainTradeLineItem").ToList();
        var lines = new List<Dictionary<string, object>>();
        for (var i = 0; i < truth.Lines.Count; i++)
        {
            var line = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var name in LineFields)
                if (truth.Lines[i].TryGetValue(name, out var f) && f.Value is { } v) line[name] = v;
            // A free-text line item (a note printed between the goods) has none of the goods-line values: not a goods line.
            if (!ExtractionEvaluator.GoodsLineFields.Any(line.ContainsKey)) continue;
            if (i < items.Count && SellerAssignedId(items[i]) is { } code) line[FieldNames.ProductCode] = code;
            lines.Add(line);
        }
        return new ExpectedDocument
        {
            DocumentPath = pdf, Set = SetName + "/" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(pdf))), Format = DocumentFormat.PdfText,
            DocumentType = truth.DocumentType, Fields = fields, Lines = lines, IgnoreEmbeddedXml = true, DescriptionByName = true,
        };
    }

    private static string? SellerAssignedId(XElement item)
    {
        var product = item.Elements().FirstOrDefault(e => e.Name.LocalName == "SpecifiedTradeProduct");
        var id = product?.Elements().FirstOrDefault(e => e.Name.LocalName == "SellerAssignedID")?.Value.Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }
}
