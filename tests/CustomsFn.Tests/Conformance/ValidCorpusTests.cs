using CustomsFn.Core.Conformance;
using CustomsFn.Core.Contract;
using static CustomsFn.Tests.Structured.Structured;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// Every valid e-invoice in the corpus gets no error finding once the EN 16931 rules and the CIUS rules its specification
/// identifier selects (Peppol BIS 3, XRechnung) run in the pipeline: the official EN 16931 UBL, CII and EDIFACT examples, the
/// XML-Rechnung triples (CII, UBL, Factur-X PDF) and the ZUGFeRD 1.0 PDFs. Each UBL and CII document also names every rule set
/// applied (the CIUS layer included when it declares Peppol or XRechnung).
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

    /// <summary>
    /// Documents that declare Peppol BIS 3 but are only EN 16931 documents, so Peppol rules fire on them as the Peppol validator's
    /// would (each with the reason; the rules listed are the only Peppol errors allowed, and each must be genuine): the
    /// XML-Rechnung UBL files are Mustang's CII-to-UBL conversions of plain EN 16931 ZUGFeRD examples, which stamp the Peppol
    /// CustomizationID on every output (the corpus README says validation does not work on them) without what Peppol adds.
    /// </summary>
    private static readonly Dictionary<string, (string Reason, string[] Rules)> NotPeppolValid = new(StringComparer.Ordinal)
    {
        ["EN16931_1_Teilrechnung.ubl.xml"] = ("no electronic addresses; allowances with a base amount but no percentage; line 4: 20 x 2.77 = 55.40, not 55.46", ["PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R042", "PEPPOL-EN16931-R120"]),
        ["EN16931_2_Teilrechnung.ubl.xml"] = ("no electronic addresses", ["PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_AbweichenderZahlungsempf.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Betriebskostenabrechnung.ubl.xml"] = ("no electronic addresses, no buyer or order reference, an empty EmbeddedDocumentBinaryObject", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R008", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Einfach.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Einfach_DueDate.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Einfach_negativePaymentDue.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Elektron.ubl.xml"] = ("no electronic addresses, type code 204 (not a Peppol invoice type), an empty order reference", ["PEPPOL-EN16931-P0100", "PEPPOL-EN16931-R008", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_ElektronischeAdresse.ubl.xml"] = ("type code 387 (not a Peppol invoice type)", ["PEPPOL-EN16931-P0100"]),
        ["EN16931_Gutschrift.ubl.xml"] = ("no electronic addresses, no buyer or order reference, type code 389 (self-billing, not Peppol billing)", ["PEPPOL-EN16931-P0100", "PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Haftpflichtversicherung_Versicherungssteuer.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Innergemeinschaftliche_Lieferungen.ubl.xml"] = ("no electronic addresses, no buyer or order reference, type code 389", ["PEPPOL-EN16931-P0100", "PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Kraftfahrversicherung_Bruttopreise.ubl.xml"] = ("no electronic addresses, no buyer or order reference, line amounts include insurance tax (1 x 67.2244 = 80?)", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R120"]),
        ["EN16931_Miete.ubl.xml"] = ("no electronic addresses, type code 387 (not a Peppol invoice type)", ["PEPPOL-EN16931-P0100", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_OEPNV.ubl.xml"] = ("no electronic addresses", ["PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Physiotherapeut.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Rabatte.ubl.xml"] = ("no electronic addresses; allowances with a base amount but no percentage", ["PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R042"]),
        ["EN16931_Rechnungskorrektur.ubl.xml"] = ("no electronic addresses, no buyer or order reference", ["PEPPOL-EN16931-P0100", "PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Reisekostenabrechnung.ubl.xml"] = ("no electronic addresses", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_SEPA_Prenotification.ubl.xml"] = ("no electronic addresses", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020"]),
        ["EN16931_Sachversicherung_berechneter_Steuersatz.ubl.xml"] = ("no electronic addresses, line amount includes insurance tax (1 x 1000 = 1163.40?)", ["PEPPOL-EN16931-R003", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R120"]),
        ["issue116.xml"] = ("an EN 16931 example (CEN issue 116) with placeholder Swedish organisation numbers 1234567890 / 1234512345 whose check digits are wrong", ["PEPPOL-COMMON-R049"]),
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
            var name = Path.GetFileName(file);
            var result = await ProcessAsync(file);
            var allowed = NotPeppolValid.TryGetValue(name, out var notPeppol) ? notPeppol.Rules : [];
            foreach (var f in result.Findings.Where(f => f.Severity == Severity.Error && !allowed.Contains(f.Rule)))
                failures.Add($"{name}: {f.Rule} at {f.Source?.Path}: {f.Message}");
            var ruleSet = result.Findings.FirstOrDefault(f => f.Rule == ConformanceValidator.RuleSetRule);
            if (result.Format is "ubl" or "cii" or "factur-x" && ruleSet is null)
                failures.Add($"{name}: no {ConformanceValidator.RuleSetRule} finding");
            // The CIUS its specification identifier selects ran and is named with its version.
            var specification = file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
                ? null : Profiles.SpecificationOf(System.Xml.Linq.XDocument.Load(file).Root!);
            if (notPeppol.Rules is { } rules && !result.Findings.Any(f => rules.Contains(f.Rule)))
                failures.Add($"{name}: listed as not Peppol-valid ({notPeppol.Reason}) but none of {string.Join(", ", rules)} fired");
            var expected = Profiles.IsPeppol(specification) ? "PEPPOL-BIS3-" : Profiles.IsXRechnung(specification) ? "XRECHNUNG-" : null;
            if (expected is not null && ruleSet?.Message.Contains(expected, StringComparison.Ordinal) != true)
                failures.Add($"{name}: declares {specification} but {ConformanceValidator.RuleSetRule} says '{ruleSet?.Message}'");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} error findings on valid documents:\n" + string.Join('\n', failures));
    }
}
