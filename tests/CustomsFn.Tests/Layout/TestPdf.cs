using System.Globalization;
using System.Text;
using PdfSharp.Pdf;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Builds small text PDFs with PDFsharp's object model: Helvetica (a standard font, so no font files are needed on the
/// test machine), text placed at given points from the top-left. Optionally encrypted or with an image-only page.
/// </summary>
internal sealed class TestPdf
{
    private readonly List<List<(double X, double Top, string Text, double Size)>> _pages = [[]];
    private bool _imageOnly;

    public TestPdf Text(double x, double top, string text, double size = 9)
    {
        _pages[^1].Add((x, top, text, size));
        return this;
    }

    public TestPdf NewPage()
    {
        _pages.Add([]);
        return this;
    }

    /// <summary>The page shows a grey raster image and no text at all (a scan).</summary>
    public TestPdf ImageOnly()
    {
        _imageOnly = true;
        return this;
    }

    public byte[] Build(string? userPassword = null)
    {
        var doc = new PdfDocument();
        var font = new PdfDictionary(doc);
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/Helvetica");
        font.Elements["/Encoding"] = new PdfName("/WinAnsiEncoding");
        doc.Internals.AddObject(font);
        foreach (var items in _pages)
        {
            var page = doc.AddPage();
            page.Width = PdfSharp.Drawing.XUnit.FromPoint(595);
            page.Height = PdfSharp.Drawing.XUnit.FromPoint(842);
            var resources = new PdfDictionary(doc);
            var fonts = new PdfDictionary(doc);
            fonts.Elements["/F1"] = font.Reference!;
            resources.Elements["/Font"] = fonts;
            var sb = new StringBuilder();
            if (_imageOnly)
            {
                var image = new PdfDictionary(doc);
                image.Elements["/Type"] = new PdfName("/XObject");
                image.Elements["/Subtype"] = new PdfName("/Image");
                image.Elements["/Width"] = new PdfInteger(64);
                image.Elements["/Height"] = new PdfInteger(64);
                image.Elements["/ColorSpace"] = new PdfName("/DeviceGray");
                image.Elements["/BitsPerComponent"] = new PdfInteger(8);
                var pixels = new byte[64 * 64];
                for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 64 < 32 ? 200 : 40);
                image.CreateStream(pixels);
                doc.Internals.AddObject(image);
                var xobjects = new PdfDictionary(doc);
                xobjects.Elements["/Im1"] = image.Reference!;
                resources.Elements["/XObject"] = xobjects;
                sb.Append("q 495 0 0 742 50 50 cm /Im1 Do Q\n");
            }
            page.Elements["/Resources"] = resources;
            foreach (var (x, top, text, size) in items)
            {
                var y = 842 - top - size * 0.78;
                sb.Append(CultureInfo.InvariantCulture, $"BT /F1 {size:0.##} Tf {x:0.##} {y:0.##} Td (");
                foreach (var c in text) sb.Append(c is '(' or ')' or '\\' ? "\\" + c : c.ToString());
                sb.Append(") Tj ET\n");
            }
            var content = new PdfDictionary(doc);
            content.CreateStream(Encoding.Latin1.GetBytes(sb.ToString()));
            doc.Internals.AddObject(content);
            page.Elements["/Contents"] = content.Reference!;
        }
        if (userPassword is not null)
        {
            doc.SecuritySettings.UserPassword = userPassword;
            doc.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }
        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }

    /// <summary>A one-page English commercial invoice with a goods table, totals and parties.</summary>
    public static TestPdf Invoice(bool withTotalsBlock = true, string seller = "Acme Tools GmbH")
    {
        var pdf = new TestPdf()
            .Text(40, 40, "COMMERCIAL INVOICE", 14)
            .Text(40, 70, "Seller / Exporter")
            .Text(320, 70, "Invoice No.:").Text(460, 70, "ACM-2026-0042")
            .Text(40, 82, seller)
            .Text(320, 84, "Date:").Text(460, 84, "14 Mar 2026")
            .Text(40, 94, "Werkstrasse 5")
            .Text(320, 98, "Currency:").Text(460, 98, "EUR")
            .Text(40, 106, "70173 Stuttgart")
            .Text(320, 112, "Incoterms 2020:").Text(460, 112, "FCA Stuttgart")
            .Text(40, 118, "Germany")
            .Text(40, 150, "Buyer / Consignee")
            .Text(40, 162, "Maple Coast Distribution Inc.")
            .Text(40, 174, "215 Harbourfront Drive")
            .Text(40, 186, "Vancouver, BC V6B 1A1")
            .Text(40, 198, "Canada")
            .Text(40, 230, "No.").Text(70, 230, "Description of goods").Text(250, 230, "HS code").Text(320, 230, "Qty")
            .Text(360, 230, "Unit").Text(400, 230, "Unit price").Text(480, 230, "Amount")
            .Text(40, 246, "1").Text(70, 246, "Ball bearing 6204-2RS").Text(250, 246, "8482.10.00").Text(320, 246, "400")
            .Text(360, 246, "pcs").Text(400, 246, "4.90").Text(480, 246, "1,960.00")
            .Text(40, 262, "2").Text(70, 262, "Planetary gearbox").Text(250, 262, "8483.40.00").Text(320, 262, "12")
            .Text(360, 262, "pcs").Text(400, 262, "129.78").Text(480, 262, "1,557.36")
            .Text(70, 273, "PG-60, steel housing");
        if (withTotalsBlock)
        {
            pdf.Text(360, 300, "Subtotal").Text(480, 300, "3,517.36")
                .Text(360, 314, "Freight").Text(480, 314, "82.64")
                .Text(360, 328, "Total (EUR)").Text(480, 328, "3,600.00");
        }
        return pdf;
    }
}
