using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Wco;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Tariffs;

/// <summary>
/// Every import declaration among the CDS trade-test samples (any file, whatever the case of its extension) is read
/// through the product's path and gets, for each goods item, a duty estimate or a finding naming what is missing; none is
/// refused for a valid commodity code or an HMRC country code.
/// </summary>
public sealed class CdsCoverageTests(ITestOutputHelper output)
{
    private const string Samples = "customs/hmrc-cds-trade-test-samples/examples/annotated_XML_samples";
    private static readonly DateOnly Today = new(2026, 3, 1);

    [SkippableFact]
    public void EveryImportDeclaration_HasAnEstimateOrAFindingPerGoodsItem()
    {
        var root = TestPaths.RequireCorpus(Samples);
        var engine = RuleEngine.CreateDefault();
        int declarations = 0, items = 0, estimated = 0, explained = 0;
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!string.Equals(Path.GetExtension(file), ".xml", StringComparison.OrdinalIgnoreCase)) continue;
            var bytes = File.ReadAllBytes(file);
            ExtractedDocument doc;
            try
            {
                if (DocumentSniffer.Sniff(bytes).Format != DocumentFormat.WcoDeclaration) continue;
                doc = WcoDeclarationExtractor.Read(bytes);
            }
            catch (DocumentRejectedException)
            {
                continue; // notifications, responses and other non-declarations
            }
            if (doc.Fields.GetText(FieldNames.DeclarationType) is not { } type || !type.StartsWith("IM", StringComparison.Ordinal)) continue;
            declarations++;
            var name = Path.GetRelativePath(root, file);
            var outcome = engine.Run(doc, Today);
            var rejected = outcome.Findings.Where(f => f.Rule is "CODE-002" || (f.Rule == "TARIFF-001" && f.Severity == Severity.Error)).ToList();
            failures.AddRange(rejected.Select(f => $"{name}: {f.Rule} {f.Path}: {f.Message}"));
            var documentFinding = outcome.Findings.FirstOrDefault(f => f.Rule == DutyEstimateRule.NoEstimate.Id && !f.Path.StartsWith("lines[", StringComparison.Ordinal));
            for (var i = 0; i < doc.Lines.Count; i++)
            {
                items++;
                var line = outcome.Duties?.Lines.FirstOrDefault(l => l.Line == i);
                var prefix = $"lines[{i}].";
                var finding = documentFinding ?? outcome.Findings.FirstOrDefault(f =>
                    f.Path.StartsWith(prefix, StringComparison.Ordinal) && (f.Rule == DutyEstimateRule.NoEstimate.Id || f.Rule == DutyEstimateRule.NotComputable.Id));
                if (line is { Duty: not null }) estimated++;
                else if (finding is not null || line?.Note is { Length: > 0 }) explained++;
                else failures.Add($"{name}: goods item {i + 1} has neither an estimate nor a finding saying what is missing");
            }
        }
        output.WriteLine($"{declarations} import declarations, {items} goods items: {estimated} with a duty estimate, {explained} with a finding naming what is missing");
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(declarations >= 50, $"expected the CDS samples to hold at least 50 import declarations, found {declarations}");
        Assert.Empty(failures);
    }
}
