using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// The facturx-visual evaluation set: hybrid PDFs whose pages others wrote, labelled by their embedded CII invoice and
/// read from the pages with that XML ignored.
/// </summary>
public class FacturXVisualSetTests
{
    private const string Intarsys = "einvoice/zugferd-corpus/ZUGFeRDv1/correct/Intarsys";

    [SkippableFact]
    public void AFolderOfHybridPdfs_IsLabelledByTheirEmbeddedXml_InASetNamedAfterTheFolder()
    {
        var folder = TestPaths.RequireCorpus(Intarsys);

        var docs = ExpectedSet.Load(folder);

        Assert.Equal(12, docs.Count);
        Assert.All(docs, d =>
        {
            Assert.Equal("facturx-visual/Intarsys", d.Set);
            Assert.True(d.IgnoreEmbeddedXml);
            Assert.Equal(DocumentFormat.PdfText, d.Format);
        });
        var rabatte = docs.Single(d => d.Name == "ZUGFeRD_1p0_COMFORT_Rabatte.pdf");
        // Five line items in the XML; the first is a free-text note, not a goods line.
        Assert.Equal(4, rabatte.Lines!.Count);
        Assert.Equal("Kunstrasen grün 3m breit", rabatte.Lines[0][FieldNames.Description]);
        Assert.Equal(3m, rabatte.Lines[0][FieldNames.Quantity]);
        Assert.Equal("KR3M", rabatte.Lines[0][FieldNames.ProductCode]);
        Assert.Equal("471102", rabatte.Fields[FieldNames.InvoiceNumber]);
    }

    [SkippableFact]
    public async Task TheSetsPdfs_AreReadFromTheirPages_NotFromTheEmbeddedXml()
    {
        var pdf = Path.Combine(TestPaths.RequireCorpus(Intarsys), "ZUGFeRD_1p0_COMFORT_Einfach.pdf");
        var bytes = await File.ReadAllBytesAsync(pdf);
        using var processor = CustomsDefaults.CreateProcessor();
        using var pagesOnly = ExtractionEvaluator.WithoutEmbeddedXml(processor);

        var hybrid = await processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("a.pdf"), CancellationToken.None);
        var pages = await pagesOnly.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("a.pdf"), CancellationToken.None);

        Assert.Equal(DocumentFormat.FacturX, hybrid.Format);
        Assert.Equal(DocumentFormat.PdfText, pages.Format);
        Assert.Equal(PdfTextExtractor.Name, pages.Extractor?.Name);
    }

    [Fact]
    public void AFolderOfPdfsWithoutEmbeddedInvoices_OrDamagedOnes_GivesNoDocuments()
    {
        var folder = Directory.CreateTempSubdirectory("fxvisual").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "damaged.pdf"), "%PDF-1.7\nnot a pdf"u8.ToArray());
            File.Copy(Path.Combine(TestPaths.Samples, "eval", "documents", Directory.GetFiles(Path.Combine(TestPaths.Samples, "eval", "documents"), "*.pdf").Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!),
                Path.Combine(folder, "plain.pdf"));

            Assert.Empty(ExpectedSet.Load(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Trennblätter A4", "Trennblätter A4 GTIN: 4012345001235", true)]
    [InlineData("Mineralwasser Medium \n12 x 1,0l PET", "Mineralwasser Medium 12 x 1,0l PET GTIN: 4000001234561", true)]
    [InlineData("Trennblätter A4", "TB100A4 Trennblätter A4", false)]
    [InlineData("Pfand", "Pfandflasche", false)]
    public void ADescriptionByName_IsRightWhenTheReadDescriptionBeginsWithTheName(string name, string read, bool right)
    {
        var byName = new ExpectedDocument { DocumentPath = "x.pdf", Set = "facturx-visual/x", DescriptionByName = true };
        var exact = byName with { DescriptionByName = false };

        Assert.Equal(right, ExtractionEvaluator.SameInLine(byName, FieldNames.Description, name, read));
        Assert.False(ExtractionEvaluator.SameInLine(exact, FieldNames.Description, name, read));
        Assert.False(ExtractionEvaluator.SameInLine(byName, FieldNames.Quantity, 3m, 30m));
    }
}
