using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Model;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Conformance;

/// <summary>A PDF embedding a ZUGFeRD 1.0 and a 2.x invoice: the one its XMP metadata names is read, and the note says why.</summary>
public sealed class EmbeddedChoiceTests
{
    private const string Zugferd1Pdf = "einvoice/zugferd-corpus/ZUGFeRDv1/correct/Intarsys/ZUGFeRD_1p0_COMFORT_Einfach.pdf";
    private const string Cii2 = "einvoice/zugferd-corpus/XML-Rechnung/CII/EN16931_Einfach.cii.xml";

    [SkippableTheory]
    [InlineData("factur-x.xml")]
    [InlineData("ZUGFeRD-invoice.xml")]
    public async Task TwoEmbeddedInvoices_TheXmpNamedOneIsRead_AndTheNoteSaysWhy(string named)
    {
        var v1 = Zugferd1Tests.EmbeddedXml(TestPaths.RequireCorpus(Zugferd1Pdf));
        var v2 = await File.ReadAllBytesAsync(TestPaths.RequireCorpus(Cii2));
        var pdf = Build([("ZUGFeRD-invoice.xml", v1), ("factur-x.xml", v2)], named);

        var result = await ProcessAsync(pdf, "two.pdf");
        var note = Assert.Single(result.Findings, f => f.Rule == FacturXExtractor.EmbeddedSourceRule);
        Assert.Contains($"'{named}'", note.Message, StringComparison.Ordinal);
        Assert.Contains("XMP metadata names it", note.Message, StringComparison.Ordinal);
        var expected = named == "factur-x.xml" ? (await ProcessAsync(v2, "v2.xml")) : (await ProcessAsync(v1, "v1.xml"));
        Assert.Equal(expected.Fields.GetText(FieldNames.InvoiceNumber), result.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.StartsWith(named + "!", result.Fields[FieldNames.InvoiceNumber].Source!.Path, StringComparison.Ordinal);
    }

    /// <summary>A hand-written PDF with several embedded files and an XMP metadata stream naming one (fx:DocumentFileName).</summary>
    private static byte[] Build((string Name, byte[] Bytes)[] files, string xmpName)
    {
        var objects = new List<string>();
        var names = string.Join(' ', files.Select((f, i) => $"({f.Name}) {4 + 2 * i} 0 R"));
        var af = string.Join(' ', files.Select((_, i) => $"{4 + 2 * i} 0 R"));
        var metadataObject = 4 + 2 * files.Length;
        objects.Add($"<< /Type /Catalog /Pages 2 0 R /Metadata {metadataObject} 0 R /Names << /EmbeddedFiles << /Names [{names}] >> >> /AF [{af}] >>");
        objects.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        for (var i = 0; i < files.Length; i++)
        {
            var (name, bytes) = files[i];
            objects.Add($"<< /Type /Filespec /F ({name}) /UF ({name}) /AFRelationship /Alternative /EF << /F {5 + 2 * i} 0 R >> >>");
            objects.Add("<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length " + bytes.Length.ToString(CultureInfo.InvariantCulture) + " >>\nstream\n" + Encoding.Latin1.GetString(bytes) + "\nendstream");
        }
        var xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
                  "<rdf:Description rdf:about=\"\" xmlns:fx=\"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#\"><fx:DocumentType>INVOICE</fx:DocumentType>" +
                  $"<fx:DocumentFileName>{xmpName}</fx:DocumentFileName><fx:Version>1.0</fx:Version><fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        objects.Add($"<< /Type /Metadata /Subtype /XML /Length {Encoding.UTF8.GetByteCount(xmp)} >>\nstream\n{xmp}\nendstream");

        return MinimalPdf.Write(objects);
    }
}
