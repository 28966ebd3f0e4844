using CustomsFn.Cli;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Conformance;

/// <summary><c>customs validate</c>: only the conformance verdict, rule id + XPath + message per line, exit 0 valid / 1 invalid.</summary>
public sealed class ValidateCommandTests
{
    private readonly TestConsole _console = new();

    [SkippableFact]
    public async Task ValidUbl_ExitsZero_AndSaysValidWithTheRuleSet()
    {
        var file = TestPaths.RequireCorpus("einvoice/en16931-connectingeurope/ubl/examples/ubl-tc434-example1.xml");
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["validate", file], _console));
        Assert.Contains("VALID: 0 error(s)", _console.Output, StringComparison.Ordinal);
        Assert.Contains("EN16931-UBL 1.3.16", _console.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PeppolUbl_NamesTheCiusRuleSet_AndSpecOptionChoosesOne()
    {
        var peppol = TestPaths.RequireCorpus("einvoice/en16931-connectingeurope/ubl/examples/BIS3_Invoice_positive.XML");
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["validate", peppol], _console));
        Assert.Contains("EN16931-UBL 1.3.16 + PEPPOL-BIS3-UBL 3.0.18", Unwrapped(_console), StringComparison.Ordinal);

        var plain = TestPaths.RequireCorpus("einvoice/en16931-connectingeurope/ubl/examples/ubl-tc434-example1.xml");
        var console = new TestConsole();
        Assert.Equal(CliApp.Failure, await CliApp.RunAsync(["validate", plain, "--spec", "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"], console));
        Assert.Contains("XRECHNUNG-UBL 3.0.2", Unwrapped(console), StringComparison.Ordinal);
        Assert.Contains("[BR-DE-", console.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FacturXPdf_ValidatesTheEmbeddedXml()
    {
        var file = TestPaths.RequireCorpus("einvoice/zugferd-corpus/XML-Rechnung/FX/EN16931_Einfach.pdf");
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["validate", file], _console));
        Assert.Contains("embedded invoice: factur-x.xml", _console.Output, StringComparison.Ordinal);
        Assert.Contains("EN16931-CII 1.3.16", _console.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task InvalidUbl_ExitsOne_AndListsRuleIdXPathAndMessage()
    {
        var source = TestPaths.RequireCorpus("einvoice/en16931-connectingeurope/ubl/examples/ubl-tc434-example1.xml");
        var text = await File.ReadAllTextAsync(source);
        // Break BR-CO-10: the sum of line net amounts no longer matches BT-106.
        var broken = System.Text.RegularExpressions.Regex.Replace(text, "(<cac:LegalMonetaryTotal>\\s*<cbc:LineExtensionAmount[^>]*>)([^<]+)<", "${1}1.00<");
        Assert.NotEqual(text, broken);
        var file = Path.Combine(Directory.CreateTempSubdirectory("customsfn-validate-").FullName, "broken.xml");
        await File.WriteAllTextAsync(file, broken);

        Assert.Equal(CliApp.Failure, await CliApp.RunAsync(["validate", file], _console));
        Assert.Contains("[BR-CO-10] error /Invoice/cac:LegalMonetaryTotal (line ", _console.Output, StringComparison.Ordinal);
        Assert.Contains("INVALID: ", _console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("TARIFF-", _console.Output, StringComparison.Ordinal);
        File.Delete(file);
    }

    [SkippableFact]
    public async Task NotAnEInvoice_ExitsTwo_AndSaysWhy()
    {
        var file = TestPaths.RequireCorpus("einvoice/zugferd-corpus/ZUGFeRDv1/correct/Intarsys/ZUGFeRD_1p0_BASIC_Einfach.pdf");
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["validate", file], _console));
        Assert.Contains("NOT APPLICABLE: ZUGFeRD 1.0", _console.Output, StringComparison.Ordinal);
    }

    /// <summary>The console wraps long lines at spaces; undo that for substring checks.</summary>
    private static string Unwrapped(TestConsole console) => System.Text.RegularExpressions.Regex.Replace(console.Output, "[ \\r]*\\n", " ");
}
