using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// Every valid e-invoice in the corpus gets no error finding once the EN 16931 rules run in the pipeline: the official EN 16931
/// UBL, CII and EDIFACT examples, the XML-Rechnung triples (CII, UBL, Factur-X PDF) and the ZUGFeRD 1.0 PDFs. Each UBL and CII
/// document also names the rule set applied.
/// </summary>
public sealed class ValidCorpusTests
{
    public static TheoryData<string> Folders => new()
    {
        "einvoice/en16931-connectingeurope/ubl/examples",
        "einvoice/en16931-connectingeurope/cii/examples",
        "einvoice/en16931-connectingeurope/edifact",
        "einvoice/zugferd-corpus/XML-Rechnung/CII",
        "einvoice/zugferd-corpus/XML-Rechnung/UBL",
        "einvoice/zugferd-corpus/XML-Rechnung/FX",
        "einvoice/zugferd-corpus/ZUGFeRDv1/correct/Intarsys",
    };

    /// <summary>
    /// Valid-by-the-standard documents that the corpus itself marks as negative examples or that fail a rule of the official
    /// artefacts as well (each with the reason), so they are not counted as valid here.
    /// </summary>
    private static readonly Dictionary<string, string> NotValid = new(StringComparer.Ordinal)
    {
        ["BIS3_Invoice_negativ.XML"] = "the Peppol BIS 3 negative example: it is meant to fail",
        ["not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel.ubl.xml"] = "named not_validating by the corpus: its totals do not add up (BR-CO-10, BR-CO-15)",
        ["not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel.cii.xml"] = "named not_validating by the corpus: its totals do not add up (BR-CO-10, BR-CO-15)",
    };

    [SkippableTheory]
    [MemberData(nameof(Folders))]
    public async Task ValidExamples_GetNoErrorFinding(string folder)
    {
        var root = TestPaths.RequireCorpus(folder);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !NotValid.ContainsKey(Path.GetFileName(f)) && Path.GetExtension(f).ToLowerInvariant() is ".xml" or ".pdf" or ".txt")
            // The EDIFACT examples' XML renderings (M_INVOIC, no namespace) are not a format the pipeline reads; their EDIFACT text is.
            .Where(f => !(folder.EndsWith("edifact", StringComparison.Ordinal) && f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var result = await ProcessAsync(file);
            foreach (var f in result.Findings.Where(f => f.Severity == Severity.Error))
                failures.Add($"{Path.GetFileName(file)}: {f.Rule} at {f.Source?.Path}: {f.Message}");
            if (result.Format is "ubl" or "cii" or "factur-x" && !result.Findings.Any(f => f.Rule == ConformanceValidator.RuleSetRule))
                failures.Add($"{Path.GetFileName(file)}: no {ConformanceValidator.RuleSetRule} finding");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} error findings on valid documents:\n" + string.Join('\n', failures));
    }
}
