using CustomsFn.Core.Extraction;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CustomsFn.Infrastructure.Tests.Support;

internal static class Documents
{
    /// <summary>A one-page PDF with a text layer.</summary>
    public static byte[] TextPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("COMMERCIAL INVOICE No. RHW-2026-00417", 14, new PdfPoint(50, 780), font);
        page.AddText("Seller: Rheinwerk Antriebstechnik GmbH, Germany", 10, new PdfPoint(50, 750), font);
        return builder.Build();
    }

    /// <summary>A one-page PDF without any text (as a scanner without OCR writes it).</summary>
    public static byte[] ScanPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 400, 600);
        return builder.Build();
    }

    /// <summary>
    /// A synthetic 2024-11-30 prebuilt-invoice result for a PDF (inches, top-left origin; page 8.5 x 11 in), written for
    /// these tests: parsed addresses with countries, an HS code in a product code and one in a description.
    /// </summary>
    public const string SyntheticInvoice = """
    {"status":"succeeded","createdDateTime":"2026-11-26T10:00:00Z","lastUpdatedDateTime":"2026-11-26T10:00:04Z","analyzeResult":{
      "apiVersion":"2024-11-30","modelId":"prebuilt-invoice","stringIndexType":"textElements","content":"",
      "pages":[{"pageNumber":1,"angle":0,"width":8.5,"height":11,"unit":"inch","words":[]}],
      "documents":[{"docType":"invoice","confidence":1,"fields":{
        "InvoiceId":{"type":"string","valueString":"RHW-2026-00417","content":"RHW-2026-00417","confidence":0.95,
                     "boundingRegions":[{"pageNumber":1,"polygon":[1,1,3,1,3,1.25,1,1.25]}]},
        "InvoiceDate":{"type":"date","valueDate":"2026-11-02","content":"02.11.2026","confidence":0.93},
        "VendorName":{"type":"string","valueString":"Rheinwerk Antriebstechnik GmbH","content":"Rheinwerk Antriebstechnik GmbH","confidence":0.9},
        "VendorAddress":{"type":"address","content":"Industriestr. 12\n68159 Mannheim\nGermany","confidence":0.88,
                         "valueAddress":{"road":"Industriestr.","houseNumber":"12","postalCode":"68159","city":"Mannheim","countryRegion":"DEU"}},
        "VendorTaxId":{"type":"string","valueString":"DE811234567","content":"DE811234567","confidence":0.91},
        "CustomerName":{"type":"string","valueString":"Great Lakes Machinery Inc.","content":"Great Lakes Machinery Inc.","confidence":0.89},
        "CustomerAddress":{"type":"address","content":"400 Harbor Dr\nCleveland, OH 44114","confidence":0.87,
                           "valueAddress":{"city":"Cleveland","state":"OH","postalCode":"44114","countryRegion":"USA"}},
        "ShippingAddress":{"type":"address","content":"Dock 4, Port of Cleveland","confidence":0.8,"valueAddress":{"city":"Cleveland","countryRegion":"United States"}},
        "SubTotal":{"type":"currency","valueCurrency":{"amount":19410.00,"currencyCode":"EUR"},"content":"19.410,00","confidence":0.9},
        "TotalTax":{"type":"currency","valueCurrency":{"amount":0,"currencyCode":"EUR"},"content":"0,00","confidence":0.9},
        "InvoiceTotal":{"type":"currency","valueCurrency":{"amount":19410.00,"currencySymbol":"€","currencyCode":"EUR"},"content":"19.410,00 €","confidence":0.92},
        "Items":{"type":"array","valueArray":[
          {"type":"object","confidence":0.9,"valueObject":{
            "Description":{"type":"string","valueString":"Gear unit KX-40","content":"Gear unit KX-40","confidence":0.9},
            "ProductCode":{"type":"string","valueString":"8483.40.90","content":"8483.40.90","confidence":0.85,
                           "boundingRegions":[{"pageNumber":1,"polygon":[0.5,4,1.5,4,1.5,4.2,0.5,4.2]}]},
            "Quantity":{"type":"number","valueNumber":10,"content":"10","confidence":0.9},
            "Unit":{"type":"string","valueString":"pcs","content":"pcs","confidence":0.9},
            "UnitPrice":{"type":"currency","valueCurrency":{"amount":1500,"currencyCode":"EUR"},"content":"1.500,00","confidence":0.9},
            "Amount":{"type":"currency","valueCurrency":{"amount":15000,"currencyCode":"EUR"},"content":"15.000,00","confidence":0.9}}},
          {"type":"object","confidence":0.9,"valueObject":{
            "Description":{"type":"string","valueString":"Ball bearings, HS code 8482.10","content":"Ball bearings, HS code 8482.10","confidence":0.8},
            "ProductCode":{"type":"string","valueString":"BB-6204","content":"BB-6204","confidence":0.9},
            "Quantity":{"type":"number","valueNumber":441,"content":"441","confidence":0.9},
            "Amount":{"type":"currency","valueCurrency":{"amount":4410,"currencyCode":"EUR"},"content":"4.410,00","confidence":0.9}}}
        ]}}}]}}
    """;
}

/// <summary>A stand-in for a local extractor (such as the OCR engine another issue builds) that counts its calls.</summary>
internal sealed class StubLocalExtractor(params string[] formats) : IDocumentExtractor
{
    public int Calls;

    public bool CanExtract(SniffResult sniff) => formats.Contains(sniff.Format);

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var doc = new ExtractedDocument { Format = sniff.Format == DocumentFormat.Pdf ? DocumentFormat.PdfText : sniff.Format, Extractor = new ExtractorInfo("local-stub", "1.0.0") };
        doc.Fields.Set(FieldNames.InvoiceNumber, "LOCAL-1", 0.5);
        return Task.FromResult<ExtractionResult?>(new ExtractionResult(doc));
    }
}
