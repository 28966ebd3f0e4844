using System.Text;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Edifact;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Structured;

/// <summary>Hostile and broken input is rejected with a specific INPUT-* code that says what and where, never a crash or a hang.</summary>
public sealed class HostileInputTests
{
    private const string CiiOpen = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">";
    private const string CiiClose = "</rsm:CrossIndustryInvoice>";

    public static TheoryData<string, string> HostileXml => new()
    {
        { "dtd", "<?xml version=\"1.0\"?><!DOCTYPE rsm:CrossIndustryInvoice [<!ELEMENT a ANY>]>" + CiiOpen + CiiClose },
        { "external-entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + CiiOpen + "&xxe;" + CiiClose },
        { "billion-laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">")) +
            "]>" + CiiOpen + "&lol9;" + CiiClose },
    };

    [Theory]
    [MemberData(nameof(HostileXml))]
    public async Task DtdBasedAttacks_AreRejectedAsDtd(string name, string xml)
    {
        var result = await ProcessAsync(Encoding.UTF8.GetBytes(xml), name + ".xml");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.XmlDtd, finding.Rule);
        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.DoesNotContain("passwd", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenThousandDeepNesting_IsRejectedByTheDepthLimit()
    {
        var xml = CiiOpen + string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)) + CiiClose;
        var result = await ProcessAsync(Encoding.UTF8.GetBytes(xml), "deep.xml");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.XmlLimits, finding.Rule);
        Assert.Contains($"deeper than {XmlLimits.Default.MaxDepth} levels", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyMegabyteTextNode_IsRejectedWithoutHoldingItAsOneString()
    {
        var bytes = Encoding.ASCII.GetBytes(CiiOpen + "<rsm:ExchangedDocument>" + new string('x', 50_000_000) + "</rsm:ExchangedDocument>" + CiiClose);
        Assert.True(bytes.Length < new PipelineOptions().MaxUploadBytes, "the test input must be within the upload limit so that the XML limits are what refuse it");

        var result = await ProcessAsync(bytes, "huge-text.xml");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.XmlLimits, finding.Rule);
        Assert.Contains("text node at line 1 is longer than", finding.Message, StringComparison.Ordinal);

        // The limit is enforced while streaming: refusing it allocates a small fraction of the 100 MB a materialized string would take.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DocumentRejectedException>(() => SecureXml.Load(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(InputCodes.XmlLimits, ex.Code);
        Assert.True(allocated < 40_000_000, $"refusing the 50 MB text node allocated {allocated:N0} bytes");
    }

    public static TheoryData<string, string, string> BrokenEdifact => new()
    {
        { "UNA:+.? 'UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1?", "ends with a release character", "segment 3" },
        { "UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1", "not terminated", "segment 3" },
        { "UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'\nbgm+380+1'UNT+3+1'UNZ+1+1'", "tag of three upper-case letters", "segment 3 (line 2)" },
        { "UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1'UNZ+1+1'", "UNZ interchange trailer comes before the message's UNT", "segment 4" },
        { "UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1'UNT+3+1'", "no UNZ trailer", "segment 4" },
        { "UNB+UNOC:3+S+R+200101:1200+1'BGM+380+1'UNZ+0+1'", "outside any message", "segment 2" },
        { "UNB+UNOC:3+S+R+200101:1200+1'UNO+P1+1:Doc+13:application/pdf+999999'UNP+999999+P1'UNZ+0+1'", "does not state a length within", "segment 2" },
    };

    [Theory]
    [MemberData(nameof(BrokenEdifact))]
    public async Task MalformedEdifact_IsRejectedSayingWhatAndWhere(string edifact, string what, string where)
    {
        var result = await ProcessAsync(Encoding.ASCII.GetBytes(edifact), "broken.edi");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.MalformedEdifact, finding.Rule);
        Assert.Contains(what, finding.Message, StringComparison.Ordinal);
        Assert.Contains(where, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdifactMessageThatIsNotAnInvoice_IsAnUnsupportedDocument()
    {
        var result = await ProcessAsync(Encoding.ASCII.GetBytes("UNB+UNOC:3+S+R+200101:1200+1'UNH+1+ORDERS:D:96A:UN'BGM+220+1'UNT+3+1'UNZ+1+1'"), "order.edi");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.UnsupportedDocument, finding.Rule);
        Assert.Contains("'ORDERS'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptPdfNamingAnEmbeddedInvoice_IsRejectedAsCorrupt()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /F (factur-x.xml) garbage");
        var sniff = DocumentSniffer.Sniff(bytes);
        Assert.Equal(Core.Model.DocumentFormat.FacturX, sniff.Format);
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => new FacturXExtractor().ExtractAsync(bytes, sniff, CancellationToken.None));
        Assert.Equal(InputCodes.CorruptPdf, ex.Code);
    }

    [Fact]
    public async Task EncryptedPdf_IsRejectedAsEncrypted()
    {
        var bytes = MinimalPdf.Build("factur-x.xml", Encoding.UTF8.GetBytes(CiiOpen + CiiClose), encrypted: true);
        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => new FacturXExtractor().ExtractAsync(bytes, DocumentSniffer.Sniff(bytes), CancellationToken.None));
        Assert.Equal(InputCodes.EncryptedPdf, ex.Code);
    }

    [Fact]
    public void EdifactLimits_RefuseOverlongSegments()
    {
        var text = "UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'FTX+AAI+++" + new string('a', 200) + "'";
        var ex = Assert.Throws<DocumentRejectedException>(() => EdifactTokenizer.Tokenize(Encoding.ASCII.GetBytes(text), new EdifactLimits { MaxSegmentCharacters = 100 }));
        Assert.Equal(InputCodes.MalformedEdifact, ex.Code);
        Assert.Contains("longer than 100 characters", ex.Message, StringComparison.Ordinal);
    }
}
