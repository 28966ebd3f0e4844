using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using CustomsFn.Core.Conformance;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Conformance;

/// <summary>
/// The official EN 16931 rule unit tests (CEN/TC 434 validation artefacts 1.3.16, flattened in
/// <c>_derived/en16931_expected_verdicts.csv</c>): each row names a test file, the index of a <c>&lt;test&gt;</c> in it, a rule
/// and whether that rule must hold (success) or fire (error / warning) on the document in that test.
/// The rows are split by a hash of the test file path: about 30 % of the files are held out (never looked at while writing
/// the rules), the rest are the development part.
/// </summary>
internal static class En16931RuleTestSuite
{
    public const string VerdictsFile = "_derived/en16931_expected_verdicts.csv";

    /// <summary>Old rule ids in the test files and the ids the standard uses now (IGIC and IPSI were renamed BR-AF/BR-AG -> BR-IG/BR-IP).</summary>
    public static string CurrentId(string id) =>
        id.StartsWith("BR-AF-", StringComparison.Ordinal) ? "BR-IG-" + id[6..]
        : id.StartsWith("BR-AG-", StringComparison.Ordinal) ? "BR-IP-" + id[6..]
        : id;

    public sealed record Verdict(string File, int TestIndex, string Expected, string RuleId, string Description)
    {
        public bool ExpectFired => Expected is "error" or "warning";
        public bool HeldOut => IsHeldOut(File);
    }

    public sealed record Outcome(Verdict Verdict, bool Fired, IReadOnlyList<string> FiredRules)
    {
        public bool Agrees => Fired == Verdict.ExpectFired;
    }

    /// <summary>Deterministic split: the first byte of SHA-256 of the file's corpus-relative path, 0-76 (~30 %) held out.</summary>
    public static bool IsHeldOut(string file) => SHA256.HashData(Encoding.UTF8.GetBytes(file))[0] < 77;

    public static IReadOnlyList<Verdict> ReadVerdicts(string corpus)
    {
        return CsvReader.ReadWithHeader(Path.Combine(corpus, VerdictsFile))
            .Select(r => new Verdict(r["file"], int.Parse(r["test_index"], CultureInfo.InvariantCulture), r["expected"], r["rule_id"], r["description"]))
            .ToList();
    }

    /// <summary>Runs the validator on every test document a verdict names (each test file parsed once).</summary>
    public static IReadOnlyList<Outcome> Run(string corpus, IEnumerable<Verdict> verdicts, ConformanceValidator validator)
    {
        var outcomes = new List<Outcome>();
        foreach (var byFile in verdicts.GroupBy(v => v.File))
        {
            var testSet = XDocument.Load(Path.Combine(corpus, byFile.Key));
            var tests = testSet.Root!.Elements().Where(e => e.Name.LocalName == "test").ToList();
            var fired = new Dictionary<int, IReadOnlyList<string>>();
            foreach (var v in byFile)
            {
                if (!fired.TryGetValue(v.TestIndex, out var rules))
                {
                    var document = tests[v.TestIndex].Elements().First(e => e.Name.LocalName != "assert");
                    var report = validator.Validate(new XDocument(new XElement(document)));
                    rules = report?.Findings.Select(f => f.RuleId).Distinct().ToList() ?? [];
                    fired[v.TestIndex] = rules;
                }
                outcomes.Add(new Outcome(v, rules.Contains(CurrentId(v.RuleId)), rules));
            }
        }
        return outcomes;
    }

    public static string Report(IReadOnlyList<Outcome> outcomes)
    {
        var sb = new StringBuilder();
        foreach (var (name, part) in new[] { ("held-out", outcomes.Where(o => o.Verdict.HeldOut).ToList()), ("development", outcomes.Where(o => !o.Verdict.HeldOut).ToList()), ("all", outcomes.ToList()) })
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name}: {part.Count(o => o.Agrees)} of {part.Count} verdicts agree ({Percent(part):0.00} %)");
        sb.AppendLine("per rule (agree/total, * = held-out files involved):");
        foreach (var rule in outcomes.GroupBy(o => CurrentId(o.Verdict.RuleId)).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {rule.Key}: {rule.Count(o => o.Agrees)}/{rule.Count()}{(rule.Any(o => o.Verdict.HeldOut) ? " *" : "")}");
        sb.AppendLine("disagreements:");
        foreach (var o in outcomes.Where(o => !o.Agrees))
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {(o.Verdict.HeldOut ? "[held-out] " : "")}{o.Verdict.File}#{o.Verdict.TestIndex} {o.Verdict.RuleId} expected {o.Verdict.Expected}, {(o.Fired ? "fired" : "did not fire")} ({o.Verdict.Description.Trim()})");
        return sb.ToString();
    }

    public static double Percent(IReadOnlyCollection<Outcome> part) => part.Count == 0 ? 0 : 100.0 * part.Count(o => o.Agrees) / part.Count;
}
