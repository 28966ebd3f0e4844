using System.IO.Compression;
using System.Text;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// The guard against PdfPig's code-by-code expansion of font character maps (the cause of the fuzzer's slow-parse hangs):
/// ranges whose codes differ in length or span more than 65,536 codes are refused, compressed or not; the ranges real
/// fonts use pass.
/// </summary>
public sealed class CharacterMapGuardTests
{
    private static byte[] PdfWithCMap(string ranges, bool compress)
    {
        var cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n"
                   + ranges + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
        var data = Encoding.Latin1.GetBytes(cmap);
        var objects = HostilePdf.TextPageObjects("Commercial Invoice");
        if (compress)
        {
            using var output = new MemoryStream();
            using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
            objects.Add(HostilePdf.Stream("/Filter /FlateDecode", output.ToArray()));
        }
        else
        {
            objects.Add(HostilePdf.Stream("", data));
        }
        return HostilePdf.Build(objects);
    }

    [Theory]
    [InlineData("2 beginbfrange\n<0003><0003><0020>\n<0041><005A><0041>\nendbfrange")]
    [InlineData("1 beginbfrange\n<0000><FFFF><0000>\nendbfrange")] // a whole two-byte code space: 65,536 codes
    [InlineData("1 beginbfrange\n<20><7E>[<0020><0021>]\nendbfrange")]
    [InlineData("1 beginbfrange\n<00 41> <00 5A> <0041>\nendbfrange")]
    public void RangesRealFontsUse_Pass(string ranges)
    {
        PdfGuard.Check(PdfWithCMap(ranges, compress: true), new PdfLimits());
        PdfGuard.Check(PdfWithCMap(ranges, compress: false), new PdfLimits());
    }

    [Theory]
    [InlineData("1 beginbfrange\n<0040039><4039><0a4>\nendbfrange", "from a 4-byte code to a 2-byte code")]
    [InlineData("2 beginbfrange\n<0003><0003><0020>\n<05010><5010><6010>\nendbfrange", "from a 3-byte code to a 2-byte code")]
    [InlineData("1 beginbfrange\n<00000000><FFFFFFFF><0000>\nendbfrange", "more than 65,536 codes")]
    [InlineData("1 beginbfrange\n<000000><020000><0000>", "more than 65,536 codes")] // no endbfrange: checked to the end
    public void RangesThatMakePdfPigSpin_AreRefused(string ranges, string what)
    {
        foreach (var compress in new[] { true, false })
        {
            var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(PdfWithCMap(ranges, compress), new PdfLimits()));
            Assert.Equal(InputCodes.PdfLimits, ex.Code);
            Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AStreamAfterOneWithADamagedEndstream_IsStillChecked()
    {
        // The first stream's "endstream" is cut (as in fuzzer hang 8): the CMap after it must not be skipped.
        var pdf = PdfWithCMap("1 beginbfrange\n<0040039><4039><0a4>\nendbfrange", compress: true);
        var text = Encoding.Latin1.GetString(pdf);
        var first = text.IndexOf("endstream", StringComparison.Ordinal);
        var damaged = text.Remove(first, "endstream".Length).Insert(first, "enXstream");
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(Encoding.Latin1.GetBytes(damaged), new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
    }
}
