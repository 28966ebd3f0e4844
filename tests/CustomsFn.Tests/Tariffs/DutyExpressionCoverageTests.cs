using CustomsFn.Core.Tariffs;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Tariffs;

/// <summary>
/// Every non-empty rate string in the HTSUS (general, special, column 2, additional duties) and the UK/EU file (UKGT,
/// CET) is parsed or classified as not computable with a reason; the counts go to the test output.
/// </summary>
public sealed class DutyExpressionCoverageTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void EveryRateString_IsParsedOrClassified()
    {
        var us = TestPaths.RequireCorpus(TariffImporter.HtsusFile);
        var uk = TestPaths.RequireCorpus(TariffImporter.UkFile);

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unclassified = new List<string>();
        var total = 0;
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        void Expression(string column, string text)
        {
            total++;
            var e = DutyExpression.Parse(text);
            if (!e.Understood) { unclassified.Add($"{column}: {text}"); return; }
            Count(e.Kind == DutyKind.NotComputable ? $"{column} not computable: {e.Reason}" : $"{column} parsed: {e.Kind}");
        }

        foreach (var r in CsvReader.ReadWithHeader(us))
        {
            foreach (var col in new[] { "General Rate of Duty", "Column 2 Rate of Duty", "Additional Duties" })
            {
                if (r[col].Trim().Length > 0) Expression("us " + col, r[col]);
            }
            var special = r["Special Rate of Duty"];
            if (special.Trim().Length == 0) continue;
            total++;
            var groups = SpecialRates.Parse(special);
            var bad = groups?.FirstOrDefault(g => !g.Rate.Understood);
            if (groups is null || bad is not null) { unclassified.Add($"us special: {special}"); continue; }
            foreach (var g in groups) Count(g.Rate.Kind == DutyKind.NotComputable ? $"us special group not computable: {g.Rate.Reason}" : $"us special group parsed: {g.Rate.Kind}");
            Count("us special strings parsed into groups");
        }
        foreach (var r in CsvReader.ReadWithHeader(uk))
        {
            if (r["ukgt_duty_rate"].Trim().Length > 0) Expression("uk ukgt", r["ukgt_duty_rate"]);
            if (r["cet_duty_rate"].Trim().Length > 0) Expression("eu cet", r["cet_duty_rate"]);
        }

        output.WriteLine($"rate strings: {total}, unclassified: {unclassified.Count}");
        foreach (var (k, v) in counts) output.WriteLine($"{v,7}  {k}");
        foreach (var u in unclassified.Distinct().Take(50)) output.WriteLine("UNCLASSIFIED " + u);
        Assert.True(total > 60_000, $"expected the full files, read {total} rate strings");
        Assert.Empty(unclassified);
    }
}
