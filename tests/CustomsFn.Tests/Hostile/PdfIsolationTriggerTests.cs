using System.Text;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// Which PDFs have a structure that can make PdfPig recurse without a bound (<see cref="PdfGuard.NeedsIsolation"/>):
/// with <c>Pipeline:Isolation:AllPdfs=false</c> only these go to the PDF worker process (by default every PDF does), and
/// the PDF fuzz target skips them (their stack overflows are known and end only the worker). Plain invoices must not
/// match; every known crash shape must.
/// </summary>
public sealed class PdfIsolationTriggerTests
{
    [Fact]
    public void PlainTextInvoices_AreReadInTheHost()
    {
        var pdfs = Directory.GetFiles(Path.Combine(TestPaths.Samples, "eval", "documents"), "*.pdf");
        Assert.NotEmpty(pdfs);
        Assert.All(pdfs, p => Assert.False(PdfGuard.NeedsIsolation(File.ReadAllBytes(p)), Path.GetFileName(p)));
        Assert.False(PdfGuard.NeedsIsolation(HostilePdf.Simple()));
    }

    [Fact]
    public void EveryKnownCrashShape_IsReadInTheChild()
    {
        Assert.True(PdfGuard.NeedsIsolation(HostilePdf.DeepPageTree(100_000)));
        Assert.True(PdfGuard.NeedsIsolation(HostilePdf.DeepForms(50)));
        var crashes = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", "FuzzCrashes"));
        Assert.NotEmpty(crashes);
        Assert.All(crashes, c => Assert.True(PdfGuard.NeedsIsolation(File.ReadAllBytes(c)), Path.GetFileName(c)));
    }

    [Theory]
    [InlineData("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] >>")]
    [InlineData("<< /Type /XObject /Subtype /F#6frm >>")]
    [InlineData("<< /Type /ObjStm /N 3 /First 12 >>")]
    [InlineData("<< /PatternType 1 /Type /Pattern >>")]
    [InlineData("<< /Type /Font /Subtype /Type3 >>")]
    public void StructuresThatCanRecurse_AreReadInTheChild(string dictionary)
    {
        var pdf = Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj\n{dictionary}\nendobj\n%%EOF\n");
        Assert.True(PdfGuard.NeedsIsolation(pdf));
    }

    [Fact]
    public void AnEscapedNameOtherThanSubtype_AndAnImageSubtype_AreNot()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /XObject /Subtype /Image /Name /A#20B >>\nendobj\n%%EOF\n");
        Assert.False(PdfGuard.NeedsIsolation(pdf));
    }
}
